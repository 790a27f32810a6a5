from django.apps import AppConfig


class ReportcheckConfig(AppConfig):
    """Kiểm tra báo cáo thành tích: the reviewer's checks on a draft achievement report."""

    name = "tdkt.reportcheck"
    label = "reportcheck"
    verbose_name = "Kiểm tra báo cáo thành tích"
