from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    """Khiếu nại, tố cáo về thi đua, khen thưởng: intake, statutory time limits, handling, resolution."""

    name = "tdkt.complaints"
    label = "complaints"
    verbose_name = _("Khiếu nại, tố cáo")
