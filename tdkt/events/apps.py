from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Hội nghị, tập huấn, tuyên truyền về thi đua, khen thưởng (seed 004): quotas of attendees by unit type."""

    name = "tdkt.events"
    label = "events"
    verbose_name = _("Hội nghị, tập huấn")
