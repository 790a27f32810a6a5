from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "tdkt.meetings"
    label = "meetings"
    verbose_name = "Hội đồng và bỏ phiếu"
