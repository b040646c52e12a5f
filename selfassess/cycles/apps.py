from django.apps import AppConfig


class CyclesConfig(AppConfig):
    name = "selfassess.cycles"
    verbose_name = "Cycles over time"
