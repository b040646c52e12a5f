from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "selfassess.audit"
    verbose_name = "Audit log"

    def ready(self):
        from . import receivers  # noqa: F401 - connects the failed sign-in receiver
