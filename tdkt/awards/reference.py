"""Reference data of this app, loaded idempotently by ``load_money_rules()``.

Every figure carries its citation; rows marked "cần đối chiếu" must be checked
against the published text before they are relied on (RULES.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.db import transaction

from tdkt.core.dated import sync_rows
from tdkt.eligibility.catalogue import (
    BK_TINH,
    BK_TINH_TT,
    BK_TTG,
    CO_CP,
    CO_TINH,
    CSTD_TINH,
    CSTD_TQ,
    CSTDCS,
    GIAY_KHEN,
    GIAY_KHEN_TT,
    HCLD3,
    LDTT,
    TT_LDTT,
    TT_LDXS,
)
from tdkt.eligibility.choices import AwardLevel, SubjectKind

from .choices import DocKind, GrantAction

VERIFY = "cần đối chiếu"
IND, COLL = SubjectKind.INDIVIDUAL, SubjectKind.COLLECTIVE
L = AwardLevel

# The award types are the eligibility catalogue's (tdkt.eligibility.catalogue, its one owner): this
# module refers to them by the catalogue's codes and never creates or renames one.
AWARD_CODES = (LDTT, CSTDCS, CSTD_TINH, CSTD_TQ, GIAY_KHEN, BK_TINH, BK_TTG, HCLD3,
               TT_LDTT, TT_LDXS, CO_TINH, CO_CP, GIAY_KHEN_TT, BK_TINH_TT)

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
    LDTT: ("0.3", None),
    TT_LDTT: (None, "0.8"),
    CSTDCS: ("1.0", None),
    TT_LDXS: (None, "1.5"),
    CSTD_TINH: ("3.0", None),
    CSTD_TQ: ("4.5", None),
    CO_TINH: (None, "8.0"),
    CO_CP: (None, "12.0"),
}
_FORMS_BEFORE_2025 = {
    GIAY_KHEN: ("0.3", "0.6"),
    GIAY_KHEN_TT: (None, "0.6"),
    BK_TINH: ("1.0", "2.0"),
    BK_TINH_TT: (None, "2.0"),
    BK_TTG: ("3.5", "7.0"),
    HCLD3: ("4.5", "9.0"),
}
# NĐ 152/2025 Điều 54 khoản 1: Bằng khen cấp bộ, tỉnh 1,5 lần (tập thể 3 lần); Bằng khen Thủ tướng 3,5 lần
# (tập thể 7 lần); Giấy khen 0,3 lần (tập thể 0,6 lần). Điều 51: Huân chương Lao động hạng Ba 4,5 lần.
_FORMS_FROM_2025 = {**_FORMS_BEFORE_2025, BK_TINH: ("1.5", "3.0"), BK_TINH_TT: (None, "3.0")}
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
    (dt.date(2025, 7, 1), None, {k: v for k, v in _FORMS_FROM_2025.items() if k != HCLD3},
     "Nghị định 152/2025/NĐ-CP, Điều 54 khoản 1", ""),
    (dt.date(2025, 7, 1), None, {HCLD3: _FORMS_FROM_2025[HCLD3]},
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
    LDTT: _COMMON,
    CSTDCS: _COMMON + _REPORT + [(DocKind.QD_LDTT, False), (DocKind.SANG_KIEN, True)],
    CSTD_TINH: _COMMON + _REPORT + [(DocKind.SANG_KIEN, True)],
    CSTD_TQ: _COMMON + _REPORT + [(DocKind.SANG_KIEN, True)],
    GIAY_KHEN: _COMMON,
    BK_TINH: _COMMON + _REPORT,
    BK_TTG: _COMMON + _REPORT,
    HCLD3: _COMMON + _REPORT,
    TT_LDTT: _COMMON + [(DocKind.BANG_DIEM, False)],
    TT_LDXS: _COMMON + [(DocKind.BANG_DIEM, False)] + _REPORT,
    CO_TINH: _COMMON + [(DocKind.BANG_DIEM, False)] + _REPORT,
    CO_CP: _COMMON + _REPORT,
    GIAY_KHEN_TT: _COMMON,
    BK_TINH_TT: _COMMON + _REPORT,
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


class CatalogueNotLoaded(LookupError):
    """An award type this app attaches money, dossiers or authority to is not in the database."""


def award_types() -> dict:
    """The catalogue's award types this app refers to, by code. Creates nothing: the eligibility
    catalogue owns them, so load it first (``tdkt load_reference`` does, in that order)."""
    from tdkt.eligibility.models import AwardType

    found = {a.code: a for a in AwardType.objects.filter(code__in=AWARD_CODES)}
    missing = [code for code in AWARD_CODES if code not in found]
    if missing:
        raise CatalogueNotLoaded(
            f"Award types missing from the database: {', '.join(missing)}. The eligibility catalogue owns them: "
            "run `tdkt load_reference` (or tdkt.eligibility.catalogue.load_catalogue()) before the awards reference.")
    return found


def ensure_award_types() -> dict:
    """Load the eligibility catalogue (the award types' one owner) and return the types this app refers
    to, by code. A convenience for tests and scripts; ``load_money_rules`` itself loads nothing."""
    from tdkt.eligibility.catalogue import load_catalogue

    load_catalogue()
    return award_types()


@transaction.atomic
def load_money_rules() -> int:
    """Base salaries, rounding, coefficients, required documents, authority. Idempotent."""
    from tdkt.org.models import UnitType

    from .models import BaseSalary, BonusCoefficient, BonusRounding, GrantAuthority, RequiredDocument

    types = award_types()
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
        retired=[{"effective_from": _MISDATED_FROM, "award_type__code__in": list(AWARD_CODES)}])
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
