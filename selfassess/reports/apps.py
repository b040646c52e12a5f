from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "selfassess.reports"
    verbose_name = "Reports and data"
