from django.apps import AppConfig


class WorkshopConfig(AppConfig):
    name = "selfassess.workshop"
    verbose_name = "Consensus workshop"
