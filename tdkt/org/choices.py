from django.db import models


class SchoolLevel(models.TextChoices):
    """Cấp học: routes dossiers to the office specialist of that level (seed 003 part V)."""

    MAM_NON = "mam_non", "Mầm non"
    TIEU_HOC = "tieu_hoc", "Tiểu học"
    THCS = "thcs", "Trung học cơ sở"
    THPT = "thpt", "Trung học phổ thông"
    LIEN_CAP = "lien_cap", "Liên cấp"
    GDNN_GDTX = "gdnn_gdtx", "GDNN-GDTX"


class UnitCategory(models.TextChoices):
    """What kind of body a unit type is; decides where it may sit and what it may do."""

    STATE = "state", "Cơ quan chính quyền"
    EDUCATION_AUTHORITY = "education_authority", "Cơ quan quản lý giáo dục"
    SCHOOL = "school", "Cơ sở giáo dục"
    SUBUNIT = "subunit", "Bộ phận trong đơn vị"


class ClusterKind(models.TextChoices):
    CUM = "cum", "Cụm thi đua"
    KHOI = "khoi", "Khối thi đua"
