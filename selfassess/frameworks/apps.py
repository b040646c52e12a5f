from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "selfassess.frameworks"
    verbose_name = "Frameworks"
