from django.db import models
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "nam", _("Nam")
    FEMALE = "nu", _("Nữ")


class Position(models.TextChoices):
    """Chức vụ at a unit. Leadership positions matter for awards and signing.

    Labels are plain Vietnamese strings (marked with gettext_noop so the catalogue has them):
    imports match and join them as text when their modules load, which a lazy label cannot
    take. Pages translate them when shown, through ``position_label``.
    """

    TRUONG_PHONG = "truong_phong", gettext_noop("Trưởng phòng")
    PHO_TRUONG_PHONG = "pho_truong_phong", gettext_noop("Phó Trưởng phòng")
    GIAM_DOC = "giam_doc", gettext_noop("Giám đốc")
    PHO_GIAM_DOC = "pho_giam_doc", gettext_noop("Phó Giám đốc")
    CHUYEN_VIEN = "chuyen_vien", gettext_noop("Chuyên viên")
    HIEU_TRUONG = "hieu_truong", gettext_noop("Hiệu trưởng")
    PHO_HIEU_TRUONG = "pho_hieu_truong", gettext_noop("Phó Hiệu trưởng")
    TO_TRUONG = "to_truong", gettext_noop("Tổ trưởng")
    TO_PHO = "to_pho", gettext_noop("Tổ phó")
    GIAO_VIEN = "giao_vien", gettext_noop("Giáo viên")
    NHAN_VIEN = "nhan_vien", gettext_noop("Nhân viên")


LEADER_POSITIONS = frozenset(
    {Position.TRUONG_PHONG, Position.PHO_TRUONG_PHONG, Position.GIAM_DOC, Position.PHO_GIAM_DOC,
     Position.HIEU_TRUONG, Position.PHO_HIEU_TRUONG}
)


def position_label(value: str) -> str:
    """The label of a position in the reader's language (official papers render in Vietnamese)."""
    try:
        return gettext(Position(value).label)
    except ValueError:
        return value


def position_choices() -> list[tuple[str, str]]:
    """Position choices for a form, in the reader's language (called when the form is shown)."""
    return [(value, gettext(label)) for value, label in Position.choices]
