from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "tdkt.meetings"
    label = "meetings"
    verbose_name = _("Hội đồng và bỏ phiếu")

    def ready(self) -> None:
        from .minutes import register_builders

        register_builders()
