from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "selfassess.exchange"
    verbose_name = "Sharing files between deployments"
