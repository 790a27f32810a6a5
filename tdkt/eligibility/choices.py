from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AwardKind(models.TextChoices):
    TITLE = "danh_hieu", _("Danh hiệu thi đua")
    FORM = "hinh_thuc", _("Hình thức khen thưởng")


class SubjectKind(models.TextChoices):
    # "Cá nhân" here is an individual as opposed to a collective, not the menu's list of people.
    INDIVIDUAL = "ca_nhan", pgettext_lazy("subject", "Cá nhân")
    COLLECTIVE = "tap_the", pgettext_lazy("subject", "Tập thể")


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
