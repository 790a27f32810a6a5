from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "tdkt.notifications"
    label = "notifications"
    verbose_name = _("Thông báo, nhắc hạn và thư điện tử")
