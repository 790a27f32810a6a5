from django.db import models
from django.utils.translation import gettext_lazy as _

# The award's kind and subject are the records' vocabulary too (a record or registration names an
# award type and checks who it is for): they live down in records, which eligibility reads.
from tdkt.records.choices import AwardKind, SubjectKind

__all__ = ["AwardKind", "AwardLevel", "Outcome", "SubjectKind"]


class AwardLevel(models.TextChoices):
    """Cấp khen: who grants it (decides what counts toward state-level awards)."""

    CO_SO = "co_so", _("Cấp cơ sở")
    HUYEN_XA = "huyen_xa", _("Cấp huyện / xã")
    TINH_BO = "tinh_bo", _("Cấp tỉnh / bộ")
    NHA_NUOC = "nha_nuoc", _("Cấp Nhà nước")


class Outcome(models.TextChoices):
    ELIGIBLE = "du_dieu_kien", _("Đủ điều kiện")
    NOT_ELIGIBLE = "khong_du_dieu_kien", _("Không đủ điều kiện")
    MISSING_INFO = "thieu_thong_tin", _("Thiếu thông tin")
    NO_RULE = "chua_co_quy_dinh", _("Chưa có quy định áp dụng")
