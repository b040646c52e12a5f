from django.apps import AppConfig


class PeersConfig(AppConfig):
    name = "selfassess.peers"
    verbose_name = "Peer comparison"
