"""Reference data of this app, loaded idempotently by ``load_money_rules()``.

Every figure carries its citation; rows marked "cần đối chiếu" must be checked
against the published text before they are relied on (RULES.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.db import transaction

from tdkt.core.dated import sync_rows
from tdkt.eligibility.choices import AwardKind, AwardLevel, SubjectKind

from .choices import DocKind, GrantAction

VERIFY = "cần đối chiếu"
IND, COLL = SubjectKind.INDIVIDUAL, SubjectKind.COLLECTIVE
T, F = AwardKind.TITLE, AwardKind.FORM
L = AwardLevel

# code: (name, kind, subject, level) — the catalogue engineer uses the same codes.
AWARD_TYPES = {
    "lao-dong-tien-tien": ("Lao động tiên tiến", T, IND, L.CO_SO),
    "chien-si-thi-dua-co-so": ("Chiến sĩ thi đua cơ sở", T, IND, L.CO_SO),
    "chien-si-thi-dua-tinh-bo": ("Chiến sĩ thi đua cấp tỉnh / bộ", T, IND, L.TINH_BO),
    "chien-si-thi-dua-toan-quoc": ("Chiến sĩ thi đua toàn quốc", T, IND, L.NHA_NUOC),
    "giay-khen": ("Giấy khen", F, IND, L.HUYEN_XA),
    "bang-khen-tinh-bo": ("Bằng khen cấp tỉnh / bộ", F, IND, L.TINH_BO),
    "bang-khen-thu-tuong": ("Bằng khen của Thủ tướng Chính phủ", F, IND, L.NHA_NUOC),
    "huan-chuong-lao-dong-hang-ba": ("Huân chương Lao động hạng Ba", F, IND, L.NHA_NUOC),
    "tap-the-lao-dong-tien-tien": ("Tập thể lao động tiên tiến", T, COLL, L.HUYEN_XA),
    "tap-the-lao-dong-xuat-sac": ("Tập thể lao động xuất sắc", T, COLL, L.TINH_BO),
    "co-thi-dua-tinh-bo": ("Cờ thi đua cấp tỉnh / bộ", T, COLL, L.TINH_BO),
    "co-thi-dua-chinh-phu": ("Cờ thi đua của Chính phủ", T, COLL, L.NHA_NUOC),
    "giay-khen-tap-the": ("Giấy khen (tập thể)", F, COLL, L.HUYEN_XA),
    "bang-khen-tinh-bo-tap-the": ("Bằng khen cấp tỉnh / bộ (tập thể)", F, COLL, L.TINH_BO),
}

# (from, amount, citation, note) — the salary in force on the decision date applies (NĐ 152/2025 Điều 49 khoản 1).
BASE_SALARIES = [
    (dt.date(2019, 7, 1), Decimal("1490000"), "Nghị định 38/2019/NĐ-CP", f"{VERIFY}: điều, khoản chưa đọc"),
    (dt.date(2023, 7, 1), Decimal("1800000"), "Nghị định 24/2023/NĐ-CP", f"{VERIFY}: điều, khoản chưa đọc"),
    (dt.date(2024, 7, 1), Decimal("2340000"), "Nghị định 73/2024/NĐ-CP, Điều 3 khoản 2", ""),
    (dt.date(2026, 7, 1), Decimal("2530000"), "Nghị định 161/2026/NĐ-CP, Điều 3 khoản 2", ""),
]

# (from, step, citation, note): "làm tròn số lên hàng chục nghìn đồng".
ROUNDINGS = [
    (dt.date(2017, 10, 1), Decimal("10000"), "Nghị định 91/2017/NĐ-CP, Điều 68 khoản 2",
     f"{VERIFY}: số điều theo trích dẫn thứ cấp"),
    (dt.date(2024, 1, 1), Decimal("10000"), "Nghị định 98/2023/NĐ-CP",
     f"{VERIFY}: điều, khoản về làm tròn trong Nghị định 98/2023 chưa đọc; hệ thống giữ quy tắc của Nghị định 91"),
    (dt.date(2025, 7, 1), Decimal("10000"), "Nghị định 152/2025/NĐ-CP, Điều 49 khoản 2", ""),
]

# Bonus coefficients (lần mức lương cơ sở), one block per period. code: (individual, collective).
_TITLES = {
    "lao-dong-tien-tien": ("0.3", None),
    "tap-the-lao-dong-tien-tien": (None, "0.8"),
    "chien-si-thi-dua-co-so": ("1.0", None),
    "tap-the-lao-dong-xuat-sac": (None, "1.5"),
    "chien-si-thi-dua-tinh-bo": ("3.0", None),
    "chien-si-thi-dua-toan-quoc": ("4.5", None),
    "co-thi-dua-tinh-bo": (None, "8.0"),
    "co-thi-dua-chinh-phu": (None, "12.0"),
}
_FORMS_BEFORE_2025 = {
    "giay-khen": ("0.3", "0.6"),
    "giay-khen-tap-the": (None, "0.6"),
    "bang-khen-tinh-bo": ("1.0", "2.0"),
    "bang-khen-tinh-bo-tap-the": (None, "2.0"),
    "bang-khen-thu-tuong": ("3.5", "7.0"),
    "huan-chuong-lao-dong-hang-ba": ("4.5", "9.0"),
}
# NĐ 152/2025 Điều 54 khoản 1: Bằng khen cấp bộ, tỉnh 1,5 lần (tập thể 3 lần); Bằng khen Thủ tướng 3,5 lần
# (tập thể 7 lần); Giấy khen 0,3 lần (tập thể 0,6 lần). Điều 51: Huân chương Lao động hạng Ba 4,5 lần.
_FORMS_FROM_2025 = {**_FORMS_BEFORE_2025, "bang-khen-tinh-bo": ("1.5", "3.0"), "bang-khen-tinh-bo-tap-the": (None, "3.0")}
_NOTE_91 = f"{VERIFY}: số điều của Nghị định 91/2017 theo trích dẫn thứ cấp"
_NOTE_98_FORMS = (f"{VERIFY}: điều quy định mức thưởng Bằng khen, Giấy khen trong Nghị định 98/2023 chưa đọc; "
                  "hệ thống giữ mức của Nghị định 91/2017")
# (from, to, codes → values, citation, note)
COEFFICIENT_PERIODS: Sequence[tuple[dt.date, dt.date | None, Mapping[str, tuple[str | None, str | None]], str, str]] = [
    (dt.date(2017, 10, 1), dt.date(2023, 12, 31), _TITLES, "Nghị định 91/2017/NĐ-CP, Điều 70", _NOTE_91),
    (dt.date(2017, 10, 1), dt.date(2023, 12, 31), _FORMS_BEFORE_2025, "Nghị định 91/2017/NĐ-CP, Điều 71–74",
     _NOTE_91),
    (dt.date(2024, 1, 1), dt.date(2025, 6, 30), _TITLES, "Nghị định 98/2023/NĐ-CP, Điều 54 khoản 1", ""),
    (dt.date(2024, 1, 1), dt.date(2025, 6, 30), _FORMS_BEFORE_2025, "Nghị định 98/2023/NĐ-CP", _NOTE_98_FORMS),
    (dt.date(2025, 7, 1), None, _TITLES, "Nghị định 152/2025/NĐ-CP, Điều 50", ""),
    (dt.date(2025, 7, 1), None, {k: v for k, v in _FORMS_FROM_2025.items() if k != "huan-chuong-lao-dong-hang-ba"},
     "Nghị định 152/2025/NĐ-CP, Điều 54 khoản 1", ""),
    (dt.date(2025, 7, 1), None, {"huan-chuong-lao-dong-hang-ba": _FORMS_FROM_2025["huan-chuong-lao-dong-hang-ba"]},
     "Nghị định 152/2025/NĐ-CP, Điều 51", ""),
]
# Rows an earlier release wrote with the signing date of NĐ 91 (31/07/2017) instead of its entry into force.
_MISDATED_FROM = dt.date(2017, 7, 31)

DOSSIER_CITATION = "Kế hoạch thi đua (seed 003, mục IV.1.1); Nghị định 98/2023/NĐ-CP (cần đối chiếu)"
# No text we have read dates the dossier list: it holds from the catalogue's earliest period (NĐ 91/2017,
# in force 01/10/2017). A change in law adds rows with a later effective_from and closes these.
DOSSIER_FROM = dt.date(2017, 10, 1)
_COMMON = [(DocKind.TO_TRINH, False), (DocKind.BIEN_BAN, False), (DocKind.DANH_SACH, False)]
_REPORT = [(DocKind.BAO_CAO, True)]
REQUIRED_DOCUMENTS = {
    "lao-dong-tien-tien": _COMMON,
    "chien-si-thi-dua-co-so": _COMMON + _REPORT + [(DocKind.QD_LDTT, False), (DocKind.SANG_KIEN, True)],
    "chien-si-thi-dua-tinh-bo": _COMMON + _REPORT + [(DocKind.SANG_KIEN, True)],
    "chien-si-thi-dua-toan-quoc": _COMMON + _REPORT + [(DocKind.SANG_KIEN, True)],
    "giay-khen": _COMMON,
    "bang-khen-tinh-bo": _COMMON + _REPORT,
    "bang-khen-thu-tuong": _COMMON + _REPORT,
    "huan-chuong-lao-dong-hang-ba": _COMMON + _REPORT,
    "tap-the-lao-dong-tien-tien": _COMMON + [(DocKind.BANG_DIEM, False)],
    "tap-the-lao-dong-xuat-sac": _COMMON + [(DocKind.BANG_DIEM, False)] + _REPORT,
    "co-thi-dua-tinh-bo": _COMMON + [(DocKind.BANG_DIEM, False)] + _REPORT,
    "co-thi-dua-chinh-phu": _COMMON + _REPORT,
    "giay-khen-tap-the": _COMMON,
    "bang-khen-tinh-bo-tap-the": _COMMON + _REPORT,
}

_G, _P = GrantAction.GRANT, GrantAction.PROPOSE
_SCHOOL = [(L.CO_SO, _G), (L.HUYEN_XA, _P), (L.TINH_BO, _P), (L.NHA_NUOC, _P)]
_DISTRICT = [(L.CO_SO, _G), (L.HUYEN_XA, _G), (L.TINH_BO, _P), (L.NHA_NUOC, _P)]
_PROVINCE = [(L.CO_SO, _G), (L.HUYEN_XA, _G), (L.TINH_BO, _G), (L.NHA_NUOC, _P)]
_ADVISES = [(L.CO_SO, _P), (L.HUYEN_XA, _P), (L.TINH_BO, _P), (L.NHA_NUOC, _P)]
SINCE_ND91 = dt.date(2017, 10, 1)  # NĐ 91/2017/NĐ-CP in force 01/10/2017 (signed 31/07/2017)
LAST_DISTRICT_DAY = dt.date(2025, 6, 30)
TWO_LEVEL_FROM = dt.date(2025, 7, 1)  # two-level local government; NĐ 129/2025/NĐ-CP, NĐ 152/2025/NĐ-CP
AUTHORITY_CITATION = "Luật Thi đua, khen thưởng 2022, Điều 80 (thẩm quyền quyết định khen thưởng)"
_CITE_OLD = "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013); Nghị định 91/2017/NĐ-CP; Luật 2022, Điều 80"
_CITE_DISTRICT = (_CITE_OLD + "; cấp huyện chấm dứt hoạt động từ 01/07/2025 (chính quyền địa phương hai cấp), "
                  "nên không quyết định khen thưởng từ ngày đó")
_CITE_COMMUNE = ("Nghị định 129/2025/NĐ-CP, Điều 59: Chủ tịch UBND cấp xã quyết định tặng «Tập thể lao động tiên "
                 "tiến», «Chiến sĩ thi đua cơ sở», «Lao động tiên tiến» và giấy khen")
_CITE_VHXH = "Nghị định 129/2025/NĐ-CP, Điều 59 (Phòng Văn hóa – Xã hội tham mưu, Chủ tịch UBND cấp xã quyết định)"
_CITE_SO = "Luật Thi đua, khen thưởng 2022, Điều 80 khoản 1 (thủ trưởng cơ quan chuyên môn thuộc UBND cấp tỉnh)"
# unit type code: [(from, to, [(level, action)], citation)] — a reform adds a period, not a release.
GRANT_AUTHORITY: Mapping[str, Sequence[tuple[dt.date, dt.date | None, Sequence[tuple[str, str]], str]]] = {
    **{code: [(SINCE_ND91, None, _SCHOOL, AUTHORITY_CITATION)]
       for code in ("truong-mn", "truong-th", "truong-thcs", "truong-thpt", "truong-lien-cap", "tt-gdnn-gdtx")},
    "phong-gddt": [(SINCE_ND91, LAST_DISTRICT_DAY, _DISTRICT, _CITE_DISTRICT)],
    "ubnd-huyen": [(SINCE_ND91, LAST_DISTRICT_DAY, _DISTRICT, _CITE_DISTRICT)],
    "ubnd-xa": [(SINCE_ND91, LAST_DISTRICT_DAY, _DISTRICT, _CITE_OLD),
                (TWO_LEVEL_FROM, None, _DISTRICT, _CITE_COMMUNE)],
    "phong-vhxh": [(TWO_LEVEL_FROM, None, _ADVISES, _CITE_VHXH)],
    "so-gddt": [(SINCE_ND91, None, [(L.CO_SO, _G), (L.HUYEN_XA, _G), (L.TINH_BO, _P), (L.NHA_NUOC, _P)], _CITE_SO)],
    "ubnd-tinh": [(SINCE_ND91, None, _PROVINCE, AUTHORITY_CITATION)],
    "bo-gddt": [(SINCE_ND91, None, _PROVINCE, AUTHORITY_CITATION)],
    "chinh-phu": [(SINCE_ND91, None, [(L.NHA_NUOC, _G)], AUTHORITY_CITATION)],
}


def ensure_award_types() -> dict:
    """The award types this app needs, by code (the catalogue loader wins when present)."""
    from tdkt.eligibility.catalogue import load_catalogue
    from tdkt.eligibility.models import AwardType

    load_catalogue()

    out = {}
    for order, (code, (name, kind, subject, level)) in enumerate(AWARD_TYPES.items(), start=1):
        out[code], _ = AwardType.objects.get_or_create(
            code=code, defaults={"name": name, "kind": kind, "subject": subject, "level": level, "order": order * 10})
    return out


@transaction.atomic
def load_money_rules() -> int:
    """Base salaries, rounding, coefficients, required documents, authority. Idempotent."""
    from tdkt.org.models import UnitType

    from .models import BaseSalary, BonusCoefficient, BonusRounding, GrantAuthority, RequiredDocument

    types = ensure_award_types()
    n = sync_rows(BaseSalary, ({"effective_from": day, "amount": amount, "citation": citation, "note": note}
                               for day, amount, citation, note in BASE_SALARIES), key=["effective_from"])
    n += sync_rows(BonusRounding, ({"effective_from": day, "step": step, "citation": citation, "note": note}
                                   for day, step, citation, note in ROUNDINGS),
                   key=["effective_from"], retired=[{"effective_from": _MISDATED_FROM}])
    n += sync_rows(BonusCoefficient, (
        {"award_type": types[code], "subject": subject, "effective_from": start, "effective_to": end,
         "coefficient": Decimal(value), "citation": citation, "note": note}
        for start, end, values, citation, note in COEFFICIENT_PERIODS
        for code, (ind, coll) in values.items()
        for subject, value in ((IND, ind), (COLL, coll)) if value is not None),
        key=["award_type", "subject", "effective_from"],
        retired=[{"effective_from": _MISDATED_FROM, "award_type__code__in": list(AWARD_TYPES)}])
    n += sync_rows(RequiredDocument, (
        {"award_type": types[code], "doc_kind": kind, "effective_from": DOSSIER_FROM, "per_nominee": per_nominee,
         "citation": DOSSIER_CITATION}
        for code, docs in REQUIRED_DOCUMENTS.items() for kind, per_nominee in docs),
        key=["award_type", "doc_kind", "effective_from"])
    unit_types = {ut.code: ut for ut in UnitType.objects.all()}
    n += sync_rows(GrantAuthority, (
        {"unit_type": unit_types[code], "award_level": level, "action": action, "effective_from": start,
         "effective_to": end, "citation": citation, "note": ""}
        for code, periods in GRANT_AUTHORITY.items() if code in unit_types
        for start, end, rows, citation in periods for level, action in rows),
        key=["unit_type", "award_level", "action", "effective_from"])
    return n
