from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "selfassess.accounts"
    verbose_name = "Accounts"

    def ready(self):
        from . import backends  # noqa: F401 - connects the sign-in failure counters
