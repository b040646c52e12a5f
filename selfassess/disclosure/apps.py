from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "selfassess.disclosure"
    verbose_name = "Disclosure"
