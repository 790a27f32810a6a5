"""Reference data for the organisation tree: unit types (loại đơn vị).

Loaded idempotently by ``tdkt load_reference``; an administrator may add more
types in the admin (a reform adds a row, not a release)."""

from __future__ import annotations

from .choices import SchoolLevel, UnitCategory
from .models import UnitType

UNIT_TYPES = [
    # code, name, English, abbreviation, category, default school level
    ("chinh-phu", "Chính phủ", "Government", "CP", UnitCategory.STATE, ""),
    ("bo-gddt", "Bộ Giáo dục và Đào tạo", "Ministry of Education and Training", "BGDĐT", UnitCategory.EDUCATION_AUTHORITY, ""),
    ("ubnd-tinh", "Ủy ban nhân dân tỉnh/thành phố", "Provincial People's Committee", "UBND", UnitCategory.STATE, ""),
    ("so-gddt", "Sở Giáo dục và Đào tạo", "Provincial Department of Education and Training", "SGDĐT", UnitCategory.EDUCATION_AUTHORITY, ""),
    ("ubnd-huyen", "Ủy ban nhân dân quận/huyện", "District People's Committee (before 07/2025)", "UBND", UnitCategory.STATE, ""),
    ("phong-gddt", "Phòng Giáo dục và Đào tạo", "District Office of Education and Training", "GDĐT", UnitCategory.EDUCATION_AUTHORITY, ""),
    ("ubnd-xa", "Ủy ban nhân dân xã/phường/đặc khu", "Commune People's Committee", "UBND", UnitCategory.STATE, ""),
    ("phong-vhxh", "Phòng Văn hóa – Xã hội (cấp xã)", "Commune Culture and Social Affairs Office", "VHXH", UnitCategory.EDUCATION_AUTHORITY, ""),
    ("truong-mn", "Trường mầm non", "Preschool", "MN", UnitCategory.SCHOOL, SchoolLevel.MAM_NON),
    ("truong-th", "Trường tiểu học", "Primary school", "TH", UnitCategory.SCHOOL, SchoolLevel.TIEU_HOC),
    ("truong-thcs", "Trường trung học cơ sở", "Lower secondary school", "THCS", UnitCategory.SCHOOL, SchoolLevel.THCS),
    ("truong-thpt", "Trường trung học phổ thông", "Upper secondary school", "THPT", UnitCategory.SCHOOL, SchoolLevel.THPT),
    ("truong-lien-cap", "Trường phổ thông nhiều cấp học (liên cấp)", "Multi-level school", "LC", UnitCategory.SCHOOL, SchoolLevel.LIEN_CAP),
    ("tt-gdnn-gdtx", "Trung tâm GDNN-GDTX", "Vocational and continuing education centre", "GDNN-GDTX", UnitCategory.SCHOOL, SchoolLevel.GDNN_GDTX),
    ("to-chuyen-mon", "Tổ chuyên môn", "Subject group", "TCM", UnitCategory.SUBUNIT, ""),
    ("to-van-phong", "Tổ văn phòng", "Administrative group", "TVP", UnitCategory.SUBUNIT, ""),
]


def load_unit_types() -> int:
    for order, (code, name, name_en, abbr, category, level) in enumerate(UNIT_TYPES, start=1):
        UnitType.objects.update_or_create(code=code, defaults={
            "name": name, "name_en": name_en, "abbreviation": abbr, "category": category,
            "default_school_level": level, "order": order * 10,
        })
    return len(UNIT_TYPES)
