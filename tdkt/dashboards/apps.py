from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    """Thống kê và tra cứu: dashboards per unit and year, and the look-up of a whole history."""

    name = "tdkt.dashboards"
    label = "dashboards"
    verbose_name = "Thống kê, tra cứu"
