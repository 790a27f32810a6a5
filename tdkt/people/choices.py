from django.db import models


class Gender(models.TextChoices):
    MALE = "nam", "Nam"
    FEMALE = "nu", "Nữ"


class Position(models.TextChoices):
    """Chức vụ at a unit. Leadership positions matter for awards and signing."""

    TRUONG_PHONG = "truong_phong", "Trưởng phòng"
    PHO_TRUONG_PHONG = "pho_truong_phong", "Phó Trưởng phòng"
    GIAM_DOC = "giam_doc", "Giám đốc"
    PHO_GIAM_DOC = "pho_giam_doc", "Phó Giám đốc"
    CHUYEN_VIEN = "chuyen_vien", "Chuyên viên"
    HIEU_TRUONG = "hieu_truong", "Hiệu trưởng"
    PHO_HIEU_TRUONG = "pho_hieu_truong", "Phó Hiệu trưởng"
    TO_TRUONG = "to_truong", "Tổ trưởng"
    TO_PHO = "to_pho", "Tổ phó"
    GIAO_VIEN = "giao_vien", "Giáo viên"
    NHAN_VIEN = "nhan_vien", "Nhân viên"


LEADER_POSITIONS = frozenset(
    {Position.TRUONG_PHONG, Position.PHO_TRUONG_PHONG, Position.GIAM_DOC, Position.PHO_GIAM_DOC,
     Position.HIEU_TRUONG, Position.PHO_HIEU_TRUONG}
)
