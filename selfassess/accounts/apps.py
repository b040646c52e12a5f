from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "selfassess.accounts"
    verbose_name = "Accounts"
