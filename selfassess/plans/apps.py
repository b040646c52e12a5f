from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "selfassess.plans"
    verbose_name = "Development plan"
