from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "selfassess.operations"
    verbose_name = "Operations"

    def ready(self):
        from . import checks, middleware  # noqa: F401 - registers the check and the signal
