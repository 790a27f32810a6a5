from django.db import models
from django.utils.translation import gettext_lazy as _


class SchoolLevel(models.TextChoices):
    """Cấp học: routes dossiers to the office specialist of that level (seed 003 part V)."""

    MAM_NON = "mam_non", _("Mầm non")
    TIEU_HOC = "tieu_hoc", _("Tiểu học")
    THCS = "thcs", _("Trung học cơ sở")
    THPT = "thpt", _("Trung học phổ thông")
    LIEN_CAP = "lien_cap", _("Liên cấp")
    GDNN_GDTX = "gdnn_gdtx", "GDNN-GDTX"


class UnitCategory(models.TextChoices):
    """What kind of body a unit type is; decides where it may sit and what it may do."""

    STATE = "state", _("Cơ quan chính quyền")
    EDUCATION_AUTHORITY = "education_authority", _("Cơ quan quản lý giáo dục")
    SCHOOL = "school", _("Cơ sở giáo dục")
    SUBUNIT = "subunit", _("Bộ phận trong đơn vị")


class ClusterKind(models.TextChoices):
    CUM = "cum", _("Cụm thi đua")
    KHOI = "khoi", _("Khối thi đua")


class UnitEventKind(models.TextChoices):
    """What a reorganisation did to units (the history the tree itself does not keep)."""

    ESTABLISH = "establish", _("Thành lập")
    RENAME = "rename", _("Đổi tên")
    MOVE = "move", _("Chuyển đơn vị quản lý")
    MERGE = "merge", _("Sáp nhập, hợp nhất")
    SPLIT = "split", _("Chia, tách")
    CLOSE = "close", _("Giải thể")


class UnitEventRole(models.TextChoices):
    """A unit's part in a reorganisation: the unit it changes, the units it ends, the units it leaves."""

    SUBJECT = "subject", _("Đơn vị được điều chỉnh")
    SOURCE = "source", _("Đơn vị trước khi sắp xếp")
    RESULT = "result", _("Đơn vị sau khi sắp xếp")
