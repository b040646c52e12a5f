from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "selfassess.operations"
    verbose_name = "Operations"
