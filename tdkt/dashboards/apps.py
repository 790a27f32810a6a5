from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    """Thống kê và tra cứu: dashboards per unit and year, and the look-up of a whole history."""

    name = "tdkt.dashboards"
    label = "dashboards"
    verbose_name = _("Thống kê, tra cứu")
