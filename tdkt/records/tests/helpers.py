"""Plain helpers for the records tests (fixtures are in conftest.py)."""

from __future__ import annotations

from django.db import models

from tdkt.audit.models import AuditEvent
from tdkt.eligibility.models import AwardType
from tdkt.org.models import SchoolYear
from tdkt.people.models import Employment, Person
from tdkt.records.models import (
    Absence,
    AwardRecord,
    Discipline,
    Initiative,
    InitiativeAuthor,
    PersonRating,
    Registration,
    UnitRating,
)

AWARDS = [
    # code, name, abbreviation, kind, subject, level, aliases
    ("lao-dong-tien-tien", "Lao động tiên tiến", "LĐTT", "danh_hieu", "ca_nhan", "co_so", ["Danh hiệu LĐTT"]),
    ("chien-si-thi-dua-co-so", "Chiến sĩ thi đua cơ sở", "CSTĐCS", "danh_hieu", "ca_nhan", "co_so",
     ["CSTĐ cơ sở", "Chiến sỹ thi đua cơ sở"]),
    ("bang-khen-tinh-bo", "Bằng khen cấp tỉnh / bộ", "BK", "hinh_thuc", "ca_nhan", "tinh_bo",
     ["Bằng khen của Chủ tịch UBND tỉnh", "Bằng khen"]),
    ("giay-khen", "Giấy khen", "GK", "hinh_thuc", "ca_nhan", "huyen_xa", []),
    ("tap-the-lao-dong-tien-tien", "Tập thể lao động tiên tiến", "TTLĐTT", "danh_hieu", "tap_the", "huyen_xa", []),
]


def make_award_types() -> dict[str, AwardType]:
    out = {}
    for order, (code, name, abbr, kind, subject, level, aliases) in enumerate(AWARDS, 1):
        out[code], _ = AwardType.objects.get_or_create(code=code, defaults=dict(
            name=name, abbreviation=abbr, kind=kind, subject=subject, level=level, order=order, aliases=aliases))
    return out


MODELS: list[type[models.Model]] = [
    PersonRating, UnitRating, Discipline, Absence, Initiative, InitiativeAuthor, AwardRecord, Registration,
    Person, Employment, SchoolYear, AuditEvent]


def counts() -> dict[str, int]:
    """Row counts of every table a records write touches, audit included."""
    return {m.__name__: m._default_manager.count() for m in MODELS}  # (= objects: no other manager)


HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Năm học", "Danh hiệu/Hình thức", "Số quyết định",
           "Ngày quyết định", "Cơ quan ban hành", "Ghi chú"]


def xlsx(rows, headers=HEADERS, before=(), sheet="Khen thưởng") -> bytes:
    """An .xlsx in memory: optional title rows, the header row, then ``rows``."""
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has its sheet
    ws.title = sheet
    for line in before:
        ws.append(list(line))
    ws.append(list(headers))
    for i, row in enumerate(rows, start=1):
        ws.append([i, *row] if headers is HEADERS else list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def an_row(**over):
    """One row for Nguyễn Văn An (born 07/03/1985), in the column order of HEADERS (after STT)."""
    row = {"name": "Nguyễn Văn An", "born": "07/03/1985", "unit": "", "year": "2023-2024",
           "award": "Lao động tiên tiến", "number": "125/QĐ-GDĐT", "date": "15/06/2024",
           "issuer": "Phòng Giáo dục và Đào tạo Quận Thử", "note": ""}
    row.update(over)
    return [row["name"], row["born"], row["unit"], row["year"], row["award"], row["number"], row["date"],
            row["issuer"], row["note"]]
