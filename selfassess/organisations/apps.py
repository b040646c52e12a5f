from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "selfassess.organisations"
    verbose_name = "Organisations"
