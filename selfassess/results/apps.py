from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "selfassess.results"
    verbose_name = "Results"
