from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportcheckConfig(AppConfig):
    """Kiểm tra báo cáo thành tích: the reviewer's checks on a draft achievement report."""

    name = "tdkt.reportcheck"
    label = "reportcheck"
    verbose_name = _("Kiểm tra báo cáo thành tích")
