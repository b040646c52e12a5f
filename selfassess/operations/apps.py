from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "selfassess.operations"
    verbose_name = "Operations"

    def ready(self):
        # Registers the check and the signals.
        from django.conf import settings

        from . import checks, middleware, private_files  # noqa: F401

        private_files.precreate_sqlite(settings.DATABASES)
