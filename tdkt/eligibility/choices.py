from django.db import models


class AwardKind(models.TextChoices):
    TITLE = "danh_hieu", "Danh hiệu thi đua"
    FORM = "hinh_thuc", "Hình thức khen thưởng"


class SubjectKind(models.TextChoices):
    INDIVIDUAL = "ca_nhan", "Cá nhân"
    COLLECTIVE = "tap_the", "Tập thể"


class AwardLevel(models.TextChoices):
    """Cấp khen: who grants it (decides what counts toward state-level awards)."""

    CO_SO = "co_so", "Cấp cơ sở"
    HUYEN_XA = "huyen_xa", "Cấp huyện / xã"
    TINH_BO = "tinh_bo", "Cấp tỉnh / bộ"
    NHA_NUOC = "nha_nuoc", "Cấp Nhà nước"


class Outcome(models.TextChoices):
    ELIGIBLE = "du_dieu_kien", "Đủ điều kiện"
    NOT_ELIGIBLE = "khong_du_dieu_kien", "Không đủ điều kiện"
    MISSING_INFO = "thieu_thong_tin", "Thiếu thông tin"
    NO_RULE = "chua_co_quy_dinh", "Chưa có quy định áp dụng"
