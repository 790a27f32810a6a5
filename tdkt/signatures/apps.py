from django.apps import AppConfig


class SignaturesConfig(AppConfig):
    name = "tdkt.signatures"
    label = "signatures"
    verbose_name = "Chữ ký số"
