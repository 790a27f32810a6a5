from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EligibilityConfig(AppConfig):
    name = "tdkt.eligibility"
    label = "eligibility"
    verbose_name = _("Xét điều kiện thi đua, khen thưởng")
