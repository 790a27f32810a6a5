"""Nhập lịch sử khen thưởng từ Excel (.xlsx).

Pipeline: guard the file (size, zip bomb, is it really .xlsx) → read the sheet
(openpyxl, read-only) → validate every row → a result with the rows that are
fine and the errors by row number and column → commit all rows in one
transaction, or none.

Rows are matched to people by full name and birth date among the people the
importing user may change (``Đơn vị`` narrows the search when given); award
types by name, abbreviation, alias or code, ignoring accents and case. A row
identical to a record already on file (same person, award type, school year
and decision number) is skipped, so importing the same file twice changes
nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import secrets
import time
import unicodedata
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from tdkt.accounts.access import person_scope_q, unit_scope_q
from tdkt.accounts.permissions import Perm
from tdkt.audit.services import audit_record
from tdkt.core.exceptions import DomainValidationError
from tdkt.core.vi import fold, format_date_short, parse_date_vn, parse_school_year
from tdkt.eligibility.choices import AwardKind, SubjectKind
from tdkt.eligibility.models import AwardType
from tdkt.org.models import SchoolYear, Unit
from tdkt.people.models import Employment, Person

from .models import AwardRecord
from .services import decision_key

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# An honest award list unpacks to a few megabytes; sheet XML compresses about
# 10–30 times. These bounds refuse a zip bomb before openpyxl inflates it.
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 150
MAX_ZIP_MEMBERS = 1000
MAX_DATA_ROWS = 5000
MAX_COLUMNS = 60
HEADER_SEARCH_ROWS = 15
MAX_BLANK_RUN = 500
UPLOAD_TTL_SECONDS = 24 * 3600

FILE_FIELD = "file"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    required: bool
    aliases: tuple[str, ...] = ()


COLUMNS = (
    Column("full_name", "Họ và tên", True, ("ho ten", "ho va ten can bo", "ten can bo")),
    Column("birth_date", "Ngày sinh", True, ("ngay thang nam sinh", "sinh ngay")),
    Column("unit", "Đơn vị", False, ("don vi cong tac", "noi cong tac", "truong", "ma don vi")),
    Column("school_year", "Năm học", True, ()),
    Column("award", "Danh hiệu/Hình thức", True,
           ("danh hieu", "hinh thuc", "danh hieu hinh thuc khen thuong", "danh hieu thi dua", "hinh thuc khen thuong",
            "danh hieu khen thuong")),
    Column("decision_number", "Số quyết định", True, ("so qd", "so quyet dinh khen thuong")),
    Column("decision_date", "Ngày quyết định", True, ("ngay qd", "ngay ky quyet dinh", "ngay ky")),
    Column("issuer", "Cơ quan ban hành", False, ("co quan quyet dinh", "cap khen", "don vi ban hanh", "noi ban hanh")),
)
LABELS = {c.key: c.label for c in COLUMNS}


def _compact(text: str) -> str:
    """Fold, then keep letters and digits only: "Danh hiệu / Hình thức" → "danhhieuhinhthuc"."""
    return re.sub(r"[^0-9a-z]", "", fold(text))


_HEADER_KEYS: dict[str, str] = {}
for _c in COLUMNS:
    for _name in (_c.label, *_c.aliases):
        _HEADER_KEYS[_compact(_name)] = _c.key


# --------------------------------------------------------------------------- results


@dataclass
class CellError:
    row: int  # Excel row number (1-based), 0 for the file as a whole
    column: str  # header label, "" for the whole row
    message: str


@dataclass
class RowResult:
    number: int
    values: dict[str, str]  # what the user wrote, as shown back in the preview
    person: Person | None = None
    unit: Unit | None = None
    start_year: int | None = None
    award_type: AwardType | None = None
    decision_number: str = ""
    decision_date: dt.date | None = None
    birth_date: dt.date | None = None
    issuer: str = ""
    status: str = "new"  # new | exists | duplicate | example | error
    note: str = ""
    errors: list[CellError] = field(default_factory=list)

    def error(self, key: str, message: str) -> None:
        self.errors.append(CellError(self.number, LABELS.get(key, ""), message))
        self.status = "error"

    @property
    def status_label(self) -> str:
        return {"new": "Sẽ nhập", "exists": "Đã có – bỏ qua", "duplicate": "Trùng dòng trên – bỏ qua",
                "example": "Dòng ví dụ – bỏ qua", "error": "Lỗi"}[self.status]


@dataclass
class ImportResult:
    filename: str = ""
    sheet: str = ""
    header_row: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    rows: list[RowResult] = field(default_factory=list)

    @property
    def errors(self) -> list[CellError]:
        return [CellError(0, "", m) for m in self.file_errors] + [e for r in self.rows for e in r.errors]

    @property
    def error_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.status == "error"]

    @property
    def new_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.status == "new"]

    @property
    def skipped_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.status in ("exists", "duplicate", "example")]

    @property
    def ok(self) -> bool:
        return not self.file_errors and not self.error_rows

    @property
    def can_commit(self) -> bool:
        return self.ok and bool(self.new_rows)


# --------------------------------------------------------------------------- the file


def _refuse(message: str) -> DomainValidationError:
    return DomainValidationError({FILE_FIELD: message})


def check_file(data: bytes, filename: str = "") -> None:
    """Refuse, before opening it, a file that is too large, not an .xlsx
    workbook, or a zip that would inflate far beyond an honest workbook."""
    size_mb = len(data) / (1024 * 1024)
    if len(data) > MAX_UPLOAD_BYTES:
        raise _refuse(f"Tệp quá lớn ({size_mb:.1f} MB). Dung lượng tối đa là 10 MB: hãy chia danh sách thành "
                      f"nhiều tệp nhỏ hơn.".replace(".", ",", 1))
    if not data:
        raise _refuse("Tệp rỗng. Hãy chọn tệp Excel (.xlsx) có danh sách khen thưởng.")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise _refuse("Đây là tệp Excel cũ (.xls, Excel 97-2003) hoặc tệp được đặt mật khẩu. Hãy mở bằng Excel, "
                      "chọn Lưu thành (Save As) «Excel Workbook (.xlsx)» rồi tải lên lại.")
    not_xlsx = ("Tệp không phải là bảng tính Excel .xlsx" + (f" («{filename}»)" if filename else "") +
                ". Hãy dùng tệp mẫu tải về từ trang này và lưu ở định dạng .xlsx.")
    if data[:4] != b"PK\x03\x04":
        raise _refuse(not_xlsx)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _refuse(not_xlsx) from exc
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise _refuse(not_xlsx)
    if len(infos) > MAX_ZIP_MEMBERS:
        raise _refuse(f"Tệp có quá nhiều thành phần ({len(infos)}); tệp Excel bình thường chỉ có vài chục. "
                      "Tệp có thể bị hỏng hoặc không an toàn.")
    unpacked = sum(i.file_size for i in infos)
    packed = sum(max(i.compress_size, 1) for i in infos)
    if unpacked > MAX_UNCOMPRESSED_BYTES or unpacked / packed > MAX_COMPRESSION_RATIO:
        raise _refuse(f"Tệp giải nén ra tới {unpacked / (1024 * 1024):.0f} MB (gấp {unpacked // packed} lần tệp nén): "
                      "tệp không an toàn hoặc quá lớn nên không được mở. Hãy kiểm tra lại tệp, hoặc chia nhỏ "
                      "danh sách.")


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return format_date_short(value.date())
    if isinstance(value, dt.date):
        return format_date_short(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def _find_header(rows: list[tuple]) -> tuple[int, dict[int, str], list[str]] | None:
    """The first row naming the most required columns: (index, {col: key}, ignored headers)."""
    best = None
    required = {c.key for c in COLUMNS if c.required}
    for index, row in enumerate(rows):
        mapping: dict[int, str] = {}
        ignored: list[str] = []
        for col, value in enumerate(row):
            text = _cell_text(value)
            if not text:
                continue
            key = _HEADER_KEYS.get(_compact(text))
            if key is not None and key not in mapping.values():
                mapping[col] = key
            else:
                ignored.append(text)
        score = len(required & set(mapping.values()))
        if score and (best is None or score > best[0]):
            best = (score, index, mapping, ignored)
    if best is None:
        return None
    return best[1], best[2], best[3]


def read_sheet(data: bytes, result: ImportResult) -> list[tuple[int, dict[str, Any]]]:
    """Read the first sheet that has the expected headers; fill ``result``'s
    sheet, header row and ignored columns. Returns (row number, {key: cell})."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on malformed files
        raise _refuse("Không đọc được tệp Excel: tệp bị hỏng hoặc không đúng định dạng .xlsx. "
                      "Hãy mở tệp bằng Excel, lưu lại rồi tải lên lần nữa.") from exc
    try:
        found = None
        for ws in wb.worksheets:
            head = [tuple(r) for r in ws.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS, max_col=MAX_COLUMNS,
                                                   values_only=True)]
            header = _find_header(head)
            if header is not None and (found is None or len(header[1]) > len(found[1][1])):
                found = (ws, header)
                if {c.key for c in COLUMNS if c.required} <= set(header[1].values()):
                    break
        if found is None:
            expected = ", ".join(f"«{c.label}»" for c in COLUMNS)
            raise _refuse(f"Không tìm thấy dòng tiêu đề. Dòng đầu bảng phải có các cột: {expected}. "
                          "Hãy dùng tệp mẫu tải về từ trang này.")
        ws, (index, mapping, ignored) = found
        missing = [c.label for c in COLUMNS if c.required and c.key not in mapping.values()]
        if missing:
            raise _refuse(f"Trang «{ws.title}» thiếu cột bắt buộc: {', '.join(f'«{m}»' for m in missing)}. "
                          "Hãy thêm các cột này vào dòng tiêu đề (tên cột không phân biệt hoa thường, có dấu "
                          "hay không dấu).")
        result.sheet, result.header_row, result.ignored_columns = ws.title, index + 1, ignored
        rows: list[tuple[int, dict[str, Any]]] = []
        first = index + 2
        blank_run = 0
        for number, row in enumerate(ws.iter_rows(min_row=first, max_col=MAX_COLUMNS, values_only=True), start=first):
            values = {key: row[col] if col < len(row) else None for col, key in mapping.items()}
            if all(_cell_text(v) == "" for v in values.values()):
                blank_run += 1
                if blank_run > MAX_BLANK_RUN:  # formatted but empty rows to the sheet's end: the list is over
                    break
                continue
            blank_run = 0
            if len(rows) >= MAX_DATA_ROWS:
                raise _refuse(f"Tệp có hơn {MAX_DATA_ROWS} dòng dữ liệu. Hãy chia thành nhiều tệp nhỏ hơn.")
            rows.append((number, values))
        if not rows:
            raise _refuse(f"Trang «{ws.title}» chưa có dòng dữ liệu nào dưới dòng tiêu đề.")
        return rows
    finally:
        wb.close()


# --------------------------------------------------------------------------- matching


_LEVEL_WORDS = (("trung hoc pho thong", "thpt"), ("trung hoc co so", "thcs"), ("tieu hoc", "th"), ("mam non", "mn"))


def unit_key(text: str) -> str:
    """Unit names as people write them: "Trường TH Đinh Tiên Hoàng" and
    "Trường Tiểu học Đinh Tiên Hoàng" give the same key."""
    words = fold(text)
    for full, short in _LEVEL_WORDS:
        words = re.sub(rf"\b{full}\b", short, words)
    words = re.sub(r"^truong\s+", "", words)
    return _compact(words)


def award_key(text: str) -> str:
    words = re.sub(r"^(danh hieu|hinh thuc)\s+", "", fold(text))
    return _compact(words)


class _AwardIndex:
    def __init__(self):
        self.by_key: dict[str, list[AwardType]] = defaultdict(list)
        for at in AwardType.objects.all().order_by("order", "id"):
            keys = {award_key(at.name), award_key(at.code), award_key(at.abbreviation or "")}
            keys |= {award_key(str(a)) for a in (at.aliases or []) if str(a).strip()}
            for key in keys - {""}:
                self.by_key[key].append(at)

    def find(self, text: str) -> tuple[AwardType | None, str]:
        found = self.by_key.get(award_key(text), [])
        individual = [a for a in found if a.subject == SubjectKind.INDIVIDUAL]
        if len(individual) == 1:
            return individual[0], ""
        if len(individual) > 1:
            names = "; ".join(f"«{a.name}»" for a in individual)
            return None, (f"«{text}» ứng với nhiều danh hiệu, hình thức ({names}). Hãy ghi đúng tên đầy đủ.")
        if found:
            return None, (f"«{found[0].name}» là danh hiệu, hình thức dành cho tập thể; tệp này chỉ nhập khen "
                          "thưởng của cá nhân.")
        return None, (f"Không có danh hiệu, hình thức «{text}» trong danh mục. Hãy ghi đúng tên (ví dụ «Lao động "
                      "tiên tiến») hoặc tên viết tắt (ví dụ «LĐTT»).")


class _UnitIndex:
    def __init__(self, user):
        self.by_key: dict[str, list[Unit]] = defaultdict(list)
        units = Unit.objects.filter(unit_scope_q(user, Perm.CHANGE_RECORDS)).only("pk", "name", "code", "path")
        for u in units:
            for key in {unit_key(u.name), _compact(u.code)} - {""}:
                self.by_key[key].append(u)

    def find(self, text: str) -> tuple[Unit | None, str]:
        found = self.by_key.get(unit_key(text)) or self.by_key.get(_compact(text)) or []
        if len(found) == 1:
            return found[0], ""
        if found:
            codes = ", ".join(u.code for u in found)
            return None, f"Có {len(found)} đơn vị tên «{text}» (mã {codes}). Hãy ghi mã đơn vị để phân biệt."
        return None, (f"Không tìm thấy đơn vị «{text}» trong các đơn vị bạn phụ trách. Hãy ghi đúng tên hoặc mã "
                      "đơn vị, hoặc để trống cột này.")


def _people_by_name(user, names: set[str]) -> dict[str, list[Person]]:
    scope = person_scope_q(user, Perm.CHANGE_RECORDS)
    posts = Prefetch("employments", queryset=Employment.objects.select_related("unit").order_by("-start_date"))
    found: dict[str, list[Person]] = defaultdict(list)
    keys = sorted(names)
    for i in range(0, len(keys), 500):
        for p in Person.objects.filter(scope, search_name__in=keys[i:i + 500]).prefetch_related(posts):
            found[p.search_name].append(p)
    return found


def _unit_on(person: Person, day: dt.date | None) -> Unit | None:
    posts = list(person.employments.all())
    if day is not None:
        for e in posts:
            if e.start_date <= day and (e.end_date is None or e.end_date >= day):
                return e.unit
    return posts[0].unit if posts else None


def _same_text(a: str, b: str) -> bool:
    return " ".join(unicodedata.normalize("NFC", a).casefold().split()) == \
        " ".join(unicodedata.normalize("NFC", b).casefold().split())


# --------------------------------------------------------------------------- validation


def _parse_date(row: RowResult, key: str, value: Any, what: str) -> dt.date | None:
    if _cell_text(value) == "":
        row.error(key, f"Thiếu {what}. Hãy nhập theo dạng dd/mm/yyyy, ví dụ 05/02/2024.")
        return None
    try:
        day = parse_date_vn(value.strip() if isinstance(value, str) else value)
    except ValueError as exc:
        row.error(key, str(exc))
        return None
    if day > timezone.localdate():
        row.error(key, f"{what.capitalize()} ({format_date_short(day)}) không được sau ngày hôm nay.")
        return None
    return day


def _parse_row(number: int, cells: dict[str, Any], awards: _AwardIndex, units: _UnitIndex | None) -> RowResult:
    row = RowResult(number=number, values={c.key: _cell_text(cells.get(c.key)) for c in COLUMNS})
    v = row.values
    if not v["full_name"]:
        row.error("full_name", "Thiếu họ và tên.")
    row.birth_date = _parse_date(row, "birth_date", cells.get("birth_date"), "ngày sinh")
    if v["unit"] and units is not None:
        row.unit, message = units.find(v["unit"])
        if message:
            row.error("unit", message)
    if not v["school_year"]:
        row.error("school_year", "Thiếu năm học. Hãy nhập theo dạng 2023-2024.")
    else:
        try:
            row.start_year = parse_school_year(v["school_year"])
        except ValueError as exc:
            row.error("school_year", str(exc))
        else:
            this_year = timezone.localdate().year
            if not 1945 <= row.start_year <= this_year:
                row.error("school_year", f"Năm học {v['school_year']} nằm ngoài khoảng cho phép (1945 – {this_year}).")
                row.start_year = None
    if not v["award"]:
        row.error("award", "Thiếu tên danh hiệu hoặc hình thức khen thưởng.")
    else:
        row.award_type, message = awards.find(v["award"])
        if message:
            row.error("award", message)
    row.decision_number = v["decision_number"]
    if not row.decision_number:
        row.error("decision_number", "Thiếu số quyết định khen thưởng (ví dụ 125/QĐ-GDĐT).")
    elif len(row.decision_number) > 60:
        row.error("decision_number", "Số quyết định dài quá 60 ký tự.")
    row.decision_date = _parse_date(row, "decision_date", cells.get("decision_date"), "ngày quyết định")
    row.issuer = v["issuer"][:200]
    return row


def _match_person(row: RowResult, candidates: list[Person]) -> None:
    name, birth = row.values["full_name"], row.birth_date
    shown = f"«{name}» sinh ngày {format_date_short(birth)}"
    same_birth = [p for p in candidates if p.birth_date == birth]
    if len(same_birth) > 1:
        exact = [p for p in same_birth if _same_text(p.full_name, name)]
        same_birth = exact or same_birth
    if not same_birth:
        undated = sum(1 for p in candidates if p.birth_date is None)
        hint = ""
        if candidates and undated:
            hint = (f" (có {len(candidates)} người cùng họ tên, trong đó {undated} người chưa có ngày sinh trong "
                    "hồ sơ: hãy bổ sung ngày sinh ở hồ sơ cá nhân)")
        elif candidates:
            hint = f" (có {len(candidates)} người cùng họ tên nhưng khác ngày sinh: hãy kiểm tra lại ngày sinh)"
        row.error("full_name", f"Không tìm thấy {shown} trong các đơn vị bạn phụ trách{hint}. Hãy kiểm tra lại họ "
                               "tên, ngày sinh, hoặc thêm người này vào hệ thống trước khi nhập.")
        return
    if row.unit is not None:
        inside = [p for p in same_birth
                  if any(e.unit.path.startswith(row.unit.path) for e in p.employments.all())]
        if not inside:
            row.error("unit", f"{shown} không công tác tại «{row.unit.name}». Hãy kiểm tra lại cột Đơn vị.")
            return
        same_birth = inside
    if len(same_birth) > 1:
        where = "; ".join(sorted({(_unit_on(p, row.decision_date) or Unit(name="chưa rõ đơn vị")).name
                                  for p in same_birth}))
        row.error("full_name", f"Có {len(same_birth)} người trùng họ tên và ngày sinh {shown} ({where}). "
                               "Hãy ghi cột Đơn vị để phân biệt.")
        return
    row.person = same_birth[0]


def validate(*, user, data: bytes, filename: str = "") -> ImportResult:
    """Check the whole file and every row; write nothing."""
    result = ImportResult(filename=filename)
    try:
        check_file(data, filename)
        raw_rows = read_sheet(data, result)
    except DomainValidationError as exc:
        result.file_errors = [str(m) for m in exc.message_dict.get(FILE_FIELD, [])]
        return result

    awards = _AwardIndex()
    units = _UnitIndex(user) if any(_cell_text(c.get("unit")) for _, c in raw_rows) else None
    example = [_cell_text(v) for v in EXAMPLE_ROW]
    rows = []
    for number, cells in raw_rows:
        if [_cell_text(cells.get(c.key)) for c in COLUMNS] == example:
            # The template's example row, left in by mistake: never imported.
            rows.append(RowResult(number=number, values={c.key: _cell_text(cells.get(c.key)) for c in COLUMNS},
                                  status="example", note="Dòng ví dụ của tệp mẫu – bỏ qua."))
            continue
        rows.append(_parse_row(number, cells, awards, units))
    people = _people_by_name(user, {fold(r.values["full_name"])[:255] for r in rows
                                    if r.values["full_name"] and r.status != "example"})
    for row in rows:
        if row.status != "example" and row.values["full_name"] and row.birth_date:
            _match_person(row, people.get(fold(row.values["full_name"])[:255], []))

    # School years: existing ones bound the decision date; missing ones are created on commit.
    years = {y.start_year: y for y in SchoolYear.objects.filter(start_year__in={r.start_year for r in rows})}
    for row in rows:
        if row.status == "example" or row.start_year is None or row.decision_date is None:
            continue
        year = years.get(row.start_year)
        start = year.start_date if year else dt.date(row.start_year, 9, 1)
        if row.decision_date < start:
            row.error("decision_date", f"Ngày quyết định ({format_date_short(row.decision_date)}) trước khi năm "
                                       f"học {row.values['school_year']} bắt đầu ({format_date_short(start)}).")

    _check_duplicates(rows)
    result.rows = rows
    return result


def _check_duplicates(rows: list[RowResult]) -> None:
    """Skip rows identical to a record on file or to an earlier row; refuse a
    second title for the same person and year under another decision."""
    ready = [r for r in rows if r.status == "new"]
    existing = (AwardRecord.objects
                .filter(person_id__in={r.person.pk for r in ready}, award_type_id__in={r.award_type.pk for r in ready})
                .values("person_id", "award_type_id", "school_year__start_year", "decision_number", "decision_date",
                        "revoked_on"))
    on_file: dict[tuple, dict] = {}
    titles_on_file: dict[tuple, dict] = {}
    for rec in existing:
        key = (rec["person_id"], rec["award_type_id"], rec["school_year__start_year"])
        on_file[(*key, decision_key(rec["decision_number"]))] = rec
        if rec["revoked_on"] is None:
            titles_on_file.setdefault(key, rec)
    seen: dict[tuple, RowResult] = {}
    titles_seen: dict[tuple, RowResult] = {}
    for row in ready:
        key = (row.person.pk, row.award_type.pk, row.start_year)
        full = (*key, decision_key(row.decision_number))
        title = row.award_type.kind == AwardKind.TITLE
        if full in on_file:
            row.status = "exists"
            rec = on_file[full]
            row.note = "Đã có trong hồ sơ" + (" (đã bị hủy bỏ)" if rec["revoked_on"] else "") + " – bỏ qua."
            continue
        if full in seen:
            row.status = "duplicate"
            row.note = f"Trùng dòng {seen[full].number} – bỏ qua."
            continue
        if title and key in titles_on_file:
            rec = titles_on_file[key]
            row.error("award", f"{row.person} đã có «{row.award_type}» năm học {row.values['school_year']} theo "
                               f"Quyết định số {rec['decision_number']}. Mỗi danh hiệu chỉ nhận một lần trong năm "
                               "học: hãy kiểm tra lại số quyết định.")
            continue
        if title and key in titles_seen:
            row.error("award", f"Dòng {titles_seen[key].number} đã ghi «{row.award_type}» năm học "
                               f"{row.values['school_year']} cho {row.person} với quyết định khác. Mỗi danh hiệu "
                               "chỉ nhận một lần trong năm học.")
            continue
        seen[full] = row
        if title:
            titles_seen[key] = row


# --------------------------------------------------------------------------- commit


@dataclass
class CommitSummary:
    created: int
    skipped: int
    school_years_created: int
    records: list[AwardRecord]


def commit(*, user, data: bytes, filename: str = "") -> CommitSummary:
    """Validate again (the people or the records may have changed since the
    preview) and write every new row in one transaction, or nothing."""
    from tdkt.org.services import school_year_get_or_create

    from .services import award_record_add

    result = validate(user=user, data=data, filename=filename)
    if not result.ok:
        count = len(result.error_rows)
        messages = result.file_errors or [f"Tệp còn {count} dòng lỗi: hãy sửa các dòng được đánh dấu rồi tải lên lại. "
                                          "Chưa có dòng nào được nhập."]
        raise DomainValidationError({FILE_FIELD: messages})
    if not result.new_rows:  # everything already on file: importing again changes nothing
        return CommitSummary(created=0, skipped=len(result.skipped_rows), school_years_created=0, records=[])
    created: list[AwardRecord] = []
    new_years = 0
    with transaction.atomic():
        years = {y.start_year: y for y in SchoolYear.objects.filter(start_year__in={r.start_year for r in result.rows})}
        for row in result.new_rows:
            year = years.get(row.start_year)
            if year is None:
                year = years[row.start_year] = school_year_get_or_create(actor=user, start_year=row.start_year)
                new_years += 1
            try:
                created.append(award_record_add(
                    actor=user, award_type=row.award_type, person=row.person,
                    unit=row.unit or _unit_on(row.person, row.decision_date), school_year=year,
                    decision_number=row.decision_number, decision_date=row.decision_date, issuer=row.issuer,
                    source="import"))
            except DomainValidationError as exc:
                detail = "; ".join(str(m) for msgs in exc.message_dict.values() for m in msgs)
                raise DomainValidationError({FILE_FIELD: f"Dòng {row.number}: {detail} Chưa có dòng nào được nhập."}) \
                    from exc
        audit_record(actor=user, event_type="records.import_committed", target=None,
                     data={"filename": filename, "sheet": result.sheet, "created": [r.pk for r in created],
                           "skipped_rows": [r.number for r in result.skipped_rows], "school_years_created": new_years})
    return CommitSummary(created=len(created), skipped=len(result.skipped_rows), school_years_created=new_years,
                         records=created)


# --------------------------------------------------------------------------- upload store


_TOKEN = re.compile(r"^[0-9a-f]{32}$")


def _store_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def preview(*, user, data: bytes, filename: str) -> tuple[ImportResult, str]:
    """Validate an upload for the preview; keep the file (under a random token
    tied to this user) only when it can be committed. Every readable upload is
    audited with its counts — who tried to import what, and when."""
    result = validate(user=user, data=data, filename=filename)
    if result.file_errors:
        return result, ""
    with transaction.atomic():
        token = write_upload(user=user, data=data, filename=filename) if result.can_commit else ""
        audit_record(actor=user, event_type="records.import_checked", target=None,
                     data={"filename": filename[:200], "bytes": len(data), "token": token, "rows": len(result.rows),
                           "new_rows": len(result.new_rows), "error_rows": [r.number for r in result.error_rows]})
    return result, token


def write_upload(*, user, data: bytes, filename: str) -> str:
    """Keep a file between preview and confirmation under a fresh random token,
    with the user who uploaded it. Files older than a day are swept here."""
    folder = _store_dir()
    cutoff = time.time() - UPLOAD_TTL_SECONDS
    for old in folder.glob("*"):
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass
    token = secrets.token_hex(16)
    (folder / f"{token}.xlsx").write_bytes(data)
    (folder / f"{token}.json").write_text(json.dumps({"user": user.pk, "filename": filename[:200]}), encoding="utf-8")
    return token


def load_upload(*, user, token: str) -> tuple[bytes, str] | None:
    """The stored file for ``token`` if this user uploaded it and it has not expired."""
    if not _TOKEN.match(token or ""):
        return None
    folder = _store_dir()
    data_path, meta_path = folder / f"{token}.xlsx", folder / f"{token}.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("user") != user.pk or data_path.stat().st_mtime < time.time() - UPLOAD_TTL_SECONDS:
            return None
        return data_path.read_bytes(), meta.get("filename", "")
    except (OSError, ValueError):
        return None


def discard_upload(token: str) -> None:
    if not _TOKEN.match(token or ""):
        return
    for suffix in (".xlsx", ".json"):
        try:
            (_store_dir() / f"{token}{suffix}").unlink()
        except OSError:
            pass


# --------------------------------------------------------------------------- template


EXAMPLE_ROW = ("Nguyễn Văn An", "07/03/1985", "Trường Tiểu học Đinh Tiên Hoàng", "2023-2024", "Lao động tiên tiến",
               "125/QĐ-GDĐT", "15/06/2024", "Phòng Giáo dục và Đào tạo Quận 1")
WIDTHS = (28, 13, 36, 12, 30, 18, 16, 36)


def template_workbook() -> bytes:
    """Tệp mẫu: the headers, one example row, widths, dates kept as text so that
    Excel on an English-language computer does not swap day and month."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Khen thưởng"
    ws.append([c.label for c in COLUMNS])
    ws.append(list(EXAMPLE_ROW))
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for col, (column, width) in enumerate(zip(COLUMNS, WIDTHS, strict=True), start=1):
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = width
        head = ws.cell(row=1, column=col)
        head.font, head.fill = bold, fill
        head.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if column.key in ("birth_date", "decision_date", "school_year", "decision_number"):
            for row in range(2, 1001):
                ws.cell(row=row, column=col).number_format = "@"
    for col in range(1, len(COLUMNS) + 1):
        ws.cell(row=2, column=col).font = Font(italic=True, color="808080")
    ws.freeze_panes = "A2"

    guide = wb.create_sheet("Hướng dẫn")
    lines = [
        "Hướng dẫn nhập lịch sử khen thưởng",
        "",
        "• Mỗi dòng là một danh hiệu hoặc hình thức khen thưởng một cá nhân đã nhận.",
        "• Dòng 2 của trang «Khen thưởng» là dòng ví dụ: hãy ghi đè hoặc xóa trước khi tải lên.",
        "• Cột bắt buộc: " + ", ".join(c.label for c in COLUMNS if c.required) + ".",
        "• Họ và tên + Ngày sinh phải trùng với hồ sơ cá nhân trong hệ thống; ghi Đơn vị khi có người trùng tên.",
        "• Ngày ghi theo dạng dd/mm/yyyy (ví dụ 05/02/2024); năm học ghi dạng 2023-2024.",
        "• Danh hiệu/Hình thức ghi tên đầy đủ hoặc tên viết tắt trong danh mục dưới đây.",
        "• Tải lên lại cùng một tệp không tạo bản ghi trùng: dòng đã có sẽ được bỏ qua.",
        "",
        "Danh mục danh hiệu, hình thức (cá nhân)",
    ]
    for line in lines:
        guide.append([line])
    guide["A1"].font = Font(bold=True, size=13)
    guide.append(["Tên", "Viết tắt", "Tên gọi khác"])
    for cell in guide[guide.max_row]:
        cell.font = bold
    for at in AwardType.objects.filter(subject=SubjectKind.INDIVIDUAL, active=True).order_by("order", "name"):
        guide.append([at.name, at.abbreviation, ", ".join(str(a) for a in at.aliases or [])])
    guide.column_dimensions["A"].width = 60
    guide.column_dimensions["B"].width = 14
    guide.column_dimensions["C"].width = 40
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
