from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "selfassess.core"
    verbose_name = "Core"
