from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoresheetsConfig(AppConfig):
    """Bảng điểm tự đánh giá thi đua (seed 003, issue 15): the office's criteria sheet, each unit's self-assessment,
    the reviewers' scores, the final score and the cluster's ranking."""

    name = "tdkt.scoresheets"
    label = "scoresheets"
    verbose_name = _("Bảng điểm thi đua")
