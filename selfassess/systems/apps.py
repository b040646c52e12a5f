from django.apps import AppConfig


class SystemsConfig(AppConfig):
    name = "selfassess.systems"
    verbose_name = "Systems and sharing"
