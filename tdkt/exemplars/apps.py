from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExemplarsConfig(AppConfig):
    """Điển hình tiên tiến, người tốt việc tốt; mô hình, giải pháp đăng ký đầu năm (seeds 001, 002)."""

    name = "tdkt.exemplars"
    label = "exemplars"
    verbose_name = _("Điển hình tiên tiến")
