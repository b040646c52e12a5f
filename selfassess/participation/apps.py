from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "selfassess.participation"
    verbose_name = "Participation"
