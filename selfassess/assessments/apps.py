from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "selfassess.assessments"
    verbose_name = "Assessments"
