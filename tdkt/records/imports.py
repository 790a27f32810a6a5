"""Nhập dữ liệu từ Excel (.xlsx): one pipeline, one spec per kind of list.

Pipeline: guard the file (size, zip bomb, is it really .xlsx) → open the sheet
(openpyxl, read-only) → read, check and (on commit) write the rows a chunk of
CHUNK_ROWS at a time → a result with the counts, the errors by row number and
column, and the rows the preview shows. Memory does not grow with the file: a
checked row is dropped unless the preview shows it; what a row's check needs of
earlier rows (was this person already listed?) is kept as small keys in the
``Run``. The commit checks again and writes each chunk as it goes, all inside
one transaction: a row with an error anywhere, or a refused write, rolls back
every row. Large files run in the worker (``imports_jobs``).

A kind (``ImportSpec``) says its columns (Vietnamese headers and the aliases
people write), how a chunk of rows is parsed and matched, the key that makes a
second import of the same file change nothing, and how a chunk is written
(through the set-wise services, so every created record has its audit row, in a
fixed number of queries per chunk). This module holds the pipeline and the
award-history kind (``AWARDS``, the default, and the functions
``validate``/``commit``/``template_workbook`` the older code calls); the other
kinds live in ``imports_kinds``.

Award history: rows are matched to people by full name and birth date among
the people the importing user may change (``Đơn vị`` narrows the search when
given); award types by name, abbreviation, alias or code, ignoring accents and
case. A row identical to a record already on file (same person, award type,
school year and decision number) is skipped.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections import defaultdict
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from tdkt.accounts.access import person_scope_q, unit_scope_q
from tdkt.accounts.permissions import Perm
from tdkt.audit.services import audit_record
from tdkt.core.exceptions import DomainValidationError
from tdkt.core.uploads import check_upload
from tdkt.core.vi import fold, format_date_short, parse_date_vn, parse_school_year
from tdkt.org.models import SchoolYear, Unit
from tdkt.people.models import Employment, Person

from .award_types import AwardTypeRow, award_types
from .choices import AwardKind, SubjectKind
from .models import AwardRecord
from .services import decision_key

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# An honest list unpacks to a few megabytes; sheet XML compresses about
# 10–30 times. These bounds refuse a zip bomb before openpyxl inflates it.
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 150
MAX_ZIP_MEMBERS = 1000
MAX_DATA_ROWS = 20000
MAX_COLUMNS = 60
HEADER_SEARCH_ROWS = 15
MAX_BLANK_RUN = 500

FILE_FIELD = "file"

# progress(done, total=None, phase=""): rows done in the current phase ("read", "check", "write").
Progress = Callable[..., None]


def _no_progress(done: int, total: int | None = None, phase: str = "") -> None:
    return None


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    required: bool
    aliases: tuple[str, ...] = ()
    note: str = ""  # what the notes sheet of the template says about the column
    width: int = 18
    text: bool = False  # kept as text in the template (dates, numbers with leading zeros)


@lru_cache(maxsize=65536)  # the same labels, units and choices recur on every row
def _compact(text: str) -> str:
    """Fold, then keep letters and digits only: "Danh hiệu / Hình thức" → "danhhieuhinhthuc"."""
    return re.sub(r"[^0-9a-z]", "", fold(text))


# --------------------------------------------------------------------------- results


@dataclass
class CellError:
    row: int  # Excel row number (1-based), 0 for the file as a whole
    column: str  # header label, "" for the whole row
    message: str


STATUS_LABELS = {"new": "Sẽ nhập", "exists": "Đã có – bỏ qua", "duplicate": "Trùng dòng trên – bỏ qua",
                 "example": "Dòng ví dụ – bỏ qua", "error": "Lỗi"}


@dataclass
class RowResult:
    number: int
    values: dict[str, str]  # what the user wrote, as shown back in the preview
    labels: dict[str, str] = field(default_factory=dict, repr=False)
    person: Person | None = None
    unit: Unit | None = None
    start_year: int | None = None
    award_type: AwardTypeRow | None = None
    decision_number: str = ""
    decision_date: dt.date | None = None
    birth_date: dt.date | None = None
    issuer: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # what a kind parses beyond the common fields
    status: str = "new"  # new | exists | duplicate | example | error
    note: str = ""
    errors: list[CellError] = field(default_factory=list)

    def error(self, key: str, message: str) -> None:
        self.errors.append(CellError(self.number, (self.labels or LABELS).get(key, ""), message))
        self.status = "error"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    # What a row names once its checks found it (a matched row, a "new" row, the rows written): the
    # checks set it by then, or the row is an error and goes no further.
    @property
    def known_person(self) -> Person:
        assert self.person is not None, "a matched row names its person"
        return self.person

    @property
    def known_award_type(self) -> AwardTypeRow:
        assert self.award_type is not None, "a checked award row names its award type"
        return self.award_type

    @property
    def known_unit(self) -> Unit:
        assert self.unit is not None, "a checked row names its unit"
        return self.unit

    @property
    def cells(self) -> list[str]:
        return list(self.values.values())


# What a check keeps of a file, whatever its length: the counts, the first
# MAX_LISTED_ERRORS errors and the rows the preview shows (those with errors, up to
# the same bound, and the first PREVIEW_ROWS others). Every other row is dropped as
# soon as its chunk is checked, so memory does not grow with the file.
PREVIEW_ROWS = 300
MAX_LISTED_ERRORS = 2000
CHUNK_ROWS = 500  # rows checked (and, on commit, written) together: a fixed number of queries each


@dataclass
class ImportResult:
    filename: str = ""
    sheet: str = ""
    header_row: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    rows: list[RowResult] = field(default_factory=list)  # the rows kept for the preview, in file order
    kind: str = ""
    total: int = 0  # data rows read
    new_count: int = 0
    skipped_count: int = 0
    error_count: int = 0  # rows with at least one error
    row_errors: list[CellError] = field(default_factory=list)  # the first MAX_LISTED_ERRORS
    more_errors: int = 0  # errors beyond those listed
    skipped_numbers: list[int] = field(default_factory=list)  # for the commit's audit row
    error_numbers: list[int] = field(default_factory=list)  # the first MAX_LISTED_ERRORS rows with errors
    _others: int = field(default=0, repr=False)

    def keep(self, row: RowResult) -> None:
        """Count a checked row; keep it only if the preview shows it."""
        self.total += 1
        row.extra.pop("cells", None)
        if row.status == "error":
            self.error_count += 1
            room = MAX_LISTED_ERRORS - len(self.row_errors)
            self.row_errors += row.errors[:max(room, 0)]
            self.more_errors += max(0, len(row.errors) - max(room, 0))
            if self.error_count <= MAX_LISTED_ERRORS:
                self.error_numbers.append(row.number)
                self.rows.append(row)
            return
        if row.status == "new":
            self.new_count += 1
        else:
            self.skipped_count += 1
            self.skipped_numbers.append(row.number)
        self._others += 1
        if self._others <= PREVIEW_ROWS:
            self.rows.append(row)

    def clear_rows(self) -> None:
        """A file-level refusal: no row counts."""
        self.rows, self.row_errors, self.skipped_numbers, self.error_numbers = [], [], [], []
        self.total = self.new_count = self.skipped_count = self.error_count = self.more_errors = self._others = 0

    @property
    def errors(self) -> list[CellError]:
        return [CellError(0, "", m) for m in self.file_errors] + self.row_errors

    # The three lists below hold the kept rows only; use the counts for the whole file.
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
    def rows_hidden(self) -> int:
        """Rows without errors the preview does not show (rows with errors beyond the
        listed ones are counted in ``more_errors``)."""
        return self._others - min(self._others, PREVIEW_ROWS)

    @property
    def ok(self) -> bool:
        return not self.file_errors and not self.error_count

    @property
    def can_commit(self) -> bool:
        return self.ok and bool(self.new_count)


@dataclass
class CommitSummary:
    created: int
    skipped: int
    school_years_created: int
    records: list = field(default_factory=list)  # primary keys of what was created


class Run:
    """One pass over a file: what a kind keeps from chunk to chunk (its indexes of
    units and award types, the small keys that find a row repeated further down,
    the school years), and on commit what it wrote."""

    def __init__(self, user, spec: ImportSpec, *, writing: bool):
        self.user, self.spec, self.writing = user, spec, writing
        self.cache: dict[str, Any] = {}
        self.years: dict[int, SchoolYear] = {}
        self.new_years: list[int] = []
        self.created: list[int] = []
        self.rows_written = 0

    def school_years(self, rows: list[RowResult]) -> dict[int, SchoolYear]:
        """The school years on file that ``rows`` name (each looked up once per pass)."""
        wanted = {r.start_year for r in rows if r.start_year is not None} - set(self.years)
        wanted -= self.cache.setdefault("years_missing", set())
        if wanted:
            found = {y.start_year: y for y in SchoolYear.objects.filter(start_year__in=wanted)}
            self.years.update(found)
            self.cache["years_missing"] |= wanted - set(found)
        return self.years

    def year_for(self, row: RowResult) -> SchoolYear:
        """The row's school year, created (audited) on commit when not yet in the system."""
        from tdkt.org.services import school_year_get_or_create

        assert row.start_year is not None  # a row without its school year is an error, never written
        year = self.school_years([row]).get(row.start_year)
        if year is None:
            year = self.years[row.start_year] = school_year_get_or_create(actor=self.user, start_year=row.start_year)
            self.cache["years_missing"].discard(row.start_year)
            self.new_years.append(row.start_year)
        return year

    def once(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]


@dataclass(frozen=True)
class ImportSpec:
    """One kind of list: its columns, how its rows are checked and written."""

    code: str  # in URLs: /ho-so/nhap-excel/<code>/
    title: str  # "Lịch sử khen thưởng"
    sheet: str  # the template's data sheet
    noun: str  # "dòng khen thưởng": "Đã nhập 12 dòng khen thưởng"
    intro: str  # one sentence on the upload page
    columns: tuple[Column, ...]
    example: tuple  # the template's example row, never imported
    # (run, rows) -> None: parse one chunk, match, mark duplicates (of earlier chunks too) and rows on file
    check: Callable
    # (run, new rows of a chunk) -> [created primary keys]: set-wise, inside the commit's transaction
    write: Callable
    guide: tuple[str, ...] = ()  # lines of the notes sheet
    catalogues: Callable | None = None  # () -> [(title, header, rows)] of allowed values for the notes sheet
    perm: Perm = Perm.CHANGE_RECORDS
    # (run, rows) -> None, optional: a first pass over every row, before the check, for what a row's
    # check needs to know of rows further down (the authors of one initiative); no queries
    prepare: Callable | None = None

    @cached_property
    def labels(self) -> dict[str, str]:
        return {c.key: c.label for c in self.columns}

    @cached_property
    def header_keys(self) -> dict[str, str]:
        keys: dict[str, str] = {}
        for c in self.columns:
            for name in (c.label, *c.aliases):
                keys[_compact(name)] = c.key
        return keys

    @cached_property
    def required(self) -> set[str]:
        return {c.key for c in self.columns if c.required}

    @property
    def filename(self) -> str:
        return f"mau-nhap-{self.code}.xlsx"

    def row(self, number: int, cells: dict[str, Any]) -> RowResult:
        return RowResult(number=number, values={c.key: _cell_text(cells.get(c.key)) for c in self.columns},
                         labels=self.labels)


# --------------------------------------------------------------------------- the file


def _refuse(message: str) -> DomainValidationError:
    return DomainValidationError({FILE_FIELD: message})


def check_file(data: bytes, filename: str = "") -> None:
    """Refuse, before opening it, a file that is too large, not an .xlsx
    workbook, or a zip that would inflate far beyond an honest workbook."""
    size_mb = len(data) / (1024 * 1024)
    if len(data) > MAX_UPLOAD_BYTES:
        raise _refuse(f"Tệp quá lớn ({size_mb:.1f} MB). Dung lượng tối đa là {MAX_UPLOAD_BYTES // (1024 * 1024)} "
                      f"MB: hãy chia danh sách thành nhiều tệp nhỏ hơn.".replace(".", ",", 1))
    if not data:
        raise _refuse("Tệp rỗng. Hãy chọn tệp Excel (.xlsx) có danh sách cần nhập.")
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
    # The package itself (content types, main part, no macros): the one check of every upload.
    check_upload(data, filename=filename, field=FILE_FIELD, label="Tệp Excel", allowed=("xlsx",),
                 max_bytes=MAX_UPLOAD_BYTES, kind="xlsx")


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


def _find_header(rows: list[tuple], spec: ImportSpec) -> tuple[int, dict[int, str], list[str]] | None:
    """The first row naming the most required columns: (index, {col: key}, ignored headers)."""
    best = None
    required, header_keys = spec.required, spec.header_keys
    for index, row in enumerate(rows):
        mapping: dict[int, str] = {}
        ignored: list[str] = []
        for col, value in enumerate(row):
            text = _cell_text(value)
            if not text:
                continue
            key = header_keys.get(_compact(text))
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


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def _column_index(letters: bytes) -> int:
    n = 0
    for ch in letters.decode():
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def _merged_ranges(data: bytes, sheet_path: str) -> list[tuple[int, int, int, int]]:
    """(first row, last row, first col, last col) of every merged range of a sheet,
    read from its XML in pieces (the list of merges follows the cell data)."""
    found = []
    tail = b""
    with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open(sheet_path.lstrip("/")) as fh:
        while chunk := fh.read(1 << 18):
            block = tail + chunk
            for m in _MERGE.finditer(block):
                c1, r1, c2, r2 = m.group(1), int(m.group(2)), m.group(3) or m.group(1), int(m.group(4) or m.group(2))
                found.append((r1, r2, _column_index(c1), _column_index(c2)))
            tail = block[-200:]
    return sorted(set(found))


def _merged_message(spec: ImportSpec, ranges, mapping: dict[int, str], header_row: int) -> str:
    """Merged cells in the data part of the sheet: a merge shows one value and
    leaves the other rows empty, so the rows would not say what the user sees."""
    labels = spec.labels
    for r1, r2, c1, c2 in ranges:
        if r2 <= header_row:
            continue
        cols = [labels[mapping[c]] for c in range(c1, c2 + 1) if c in mapping]
        if not cols:
            continue
        rows = f"dòng {r1}" if r1 == r2 else f"dòng {r1}–{r2}"
        return (f"Trang có ô gộp (merged cells) ở {rows}, cột «{cols[0]}». Mỗi dòng phải ghi đủ giá trị của "
                "mình: hãy bỏ gộp ô (Unmerge Cells), điền giá trị vào từng dòng rồi tải lên lại. Chưa có dòng nào "
                "được nhập.")
    return ""


@contextmanager
def open_sheet(data: bytes, result: ImportResult, spec: ImportSpec | None = None):
    """Open the first sheet that has the expected headers; fill ``result``'s sheet,
    header row and ignored columns. Yields a ``SheetRows``: its rows are read from the
    file as they are asked for (openpyxl read-only), never held all at once."""
    from openpyxl import load_workbook

    spec = spec or AWARDS
    try:
        # data_only=False: a formula comes back as its text ("=A2+1"), which we refuse
        # by cell; the value Excel cached may be stale or missing altogether.
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on malformed files
        raise _refuse("Không đọc được tệp Excel: tệp bị hỏng hoặc không đúng định dạng .xlsx. "
                      "Hãy mở tệp bằng Excel, lưu lại rồi tải lên lần nữa.") from exc
    try:
        found = None
        for ws in wb.worksheets:
            head = [tuple(r) for r in ws.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS, max_col=MAX_COLUMNS,
                                                   values_only=True)]
            header = _find_header(head, spec)
            if header is not None and (found is None or len(header[1]) > len(found[1][1])):
                found = (ws, header)
                if spec.required <= set(header[1].values()):
                    break
        if found is None:
            expected = ", ".join(f"«{c.label}»" for c in spec.columns)
            raise _refuse(f"Không tìm thấy dòng tiêu đề. Dòng đầu bảng phải có các cột: {expected}. "
                          "Hãy dùng tệp mẫu tải về từ trang này.")
        ws, (index, mapping, ignored) = found
        missing = [c.label for c in spec.columns if c.required and c.key not in mapping.values()]
        if missing:
            raise _refuse(f"Trang «{ws.title}» thiếu cột bắt buộc: {', '.join(f'«{m}»' for m in missing)}. "
                          "Hãy thêm các cột này vào dòng tiêu đề (tên cột không phân biệt hoa thường, có dấu "
                          "hay không dấu).")
        sheet_path = getattr(ws, "_worksheet_path", "")
        if sheet_path:
            try:
                merged = _merged_message(spec, _merged_ranges(data, sheet_path), mapping, index + 1)
            except (KeyError, zipfile.BadZipFile, OSError):
                merged = ""
            if merged:
                raise _refuse(merged)
        result.sheet, result.header_row, result.ignored_columns = ws.title, index + 1, ignored
        yield SheetRows(ws, mapping, index + 2, spec.labels)
    finally:
        wb.close()


class SheetRows:
    def __init__(self, ws, mapping: dict[int, str], first: int, labels: dict[str, str]):
        self.ws, self.mapping, self.first, self.labels = ws, mapping, first, labels
        # The sheet's declared size, for the progress bar only: it may count formatted
        # empty rows at the end, or be missing.
        last = ws.max_row if isinstance(ws.max_row, int) else 0
        self.estimate = max(0, last - first + 1) if last < first + MAX_DATA_ROWS + MAX_BLANK_RUN else 0

    def __iter__(self):
        """(row number, {key: cell}) of each data row. A formula, too many rows or no row
        at all refuse the file (raised when reached)."""
        labels, mapping = self.labels, self.mapping
        count = blank_run = 0
        first = self.first
        for number, row in enumerate(self.ws.iter_rows(min_row=first, max_col=MAX_COLUMNS, values_only=True),
                                     start=first):
            values = {key: row[col] if col < len(row) else None for col, key in mapping.items()}
            if all(_cell_text(v) == "" for v in values.values()):
                blank_run += 1
                if blank_run > MAX_BLANK_RUN:  # formatted but empty rows to the sheet's end: the list is over
                    break
                continue
            blank_run = 0
            if count >= MAX_DATA_ROWS:
                raise _refuse(f"Tệp có hơn {MAX_DATA_ROWS} dòng dữ liệu. Hãy chia thành nhiều tệp nhỏ hơn.")
            for key, value in values.items():
                if isinstance(value, str) and value.startswith("=") and len(value) > 1:
                    raise _refuse(f"Dòng {number}, cột «{labels[key]}»: ô chứa công thức ({value[:40]}). Tệp nhập "
                                  "chỉ nhận giá trị: hãy chọn cả bảng, Sao chép rồi Dán giá trị (Paste Values) "
                                  "và tải lên lại. Chưa có dòng nào được nhập.")
            count += 1
            yield number, values
        if not count:
            raise _refuse(f"Trang «{self.ws.title}» chưa có dòng dữ liệu nào dưới dòng tiêu đề.")


# --------------------------------------------------------------------------- matching


_LEVEL_WORDS = (("trung hoc pho thong", "thpt"), ("trung hoc co so", "thcs"), ("tieu hoc", "th"), ("mam non", "mn"))


@lru_cache(maxsize=16384)
def unit_key(text: str) -> str:
    """Unit names as people write them: "Trường TH Đinh Tiên Hoàng" and
    "Trường Tiểu học Đinh Tiên Hoàng" give the same key."""
    words = fold(text)
    for full, short in _LEVEL_WORDS:
        words = re.sub(rf"\b{full}\b", short, words)
    words = re.sub(r"^truong\s+", "", words)
    return _compact(words)


@lru_cache(maxsize=16384)
def award_key(text: str) -> str:
    words = re.sub(r"^(danh hieu|hinh thuc)\s+", "", fold(text))
    return _compact(words)


class _AwardIndex:
    def __init__(self):
        self.by_key: dict[str, list[AwardTypeRow]] = defaultdict(list)
        for at in award_types().order_by("order", "id"):
            keys = {award_key(at.name), award_key(at.code), award_key(at.abbreviation or "")}
            keys |= {award_key(str(a)) for a in (at.aliases or []) if str(a).strip()}
            for key in keys - {""}:
                self.by_key[key].append(at)

    def find(self, text: str) -> tuple[AwardTypeRow | None, str]:
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


class UnitIndex:
    """Units the user's permission reaches, found by name (as people write it) or code."""

    def __init__(self, user, perm: Perm = Perm.CHANGE_RECORDS, *, blank_hint: str = ", hoặc để trống cột này"):
        self.blank_hint = blank_hint
        self.by_key: dict[str, list[Unit]] = defaultdict(list)
        units = Unit.objects.filter(unit_scope_q(user, perm)).only("pk", "name", "code", "path")
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
                      f"đơn vị{self.blank_hint}.")


_UnitIndex = UnitIndex


PERSON_FIELDS = ("id", "family_name", "middle_name", "given_name", "birth_date", "gender", "national_id",
                 "sort_name", "search_name")


def people_by_name(user, names: set[str], perm: Perm = Perm.CHANGE_RECORDS,
                   births: set[dt.date] | None = None) -> dict[str, list[Person]]:
    """People in the user's reach whose folded name is in ``names`` (and, when given,
    born on one of ``births`` or of unknown birth date), with their posts (``posts_of``).
    Posts are attached as plain lists and units shared, rather than prefetched: a
    prefetch keeps a queryset per person, which for a 10,000-row file costs more
    memory than the rows themselves."""
    scope = person_scope_q(user, perm)
    if births is not None:
        # Common names ("Nguyễn Thị Hương") have hundreds of namesakes in a province;
        # the birth dates keep the query to the few that can match.
        scope &= Q(birth_date__in=sorted(births)) | Q(birth_date__isnull=True)
    found: dict[str, list[Person]] = defaultdict(list)
    keys = sorted(names)
    units: dict[int, Unit] = {}
    for i in range(0, len(keys), 500):
        people = {p.pk: p for p in Person.objects.filter(scope, search_name__in=keys[i:i + 500]).only(*PERSON_FIELDS)}
        posts = list(Employment.objects.filter(person_id__in=list(people)).order_by("-start_date", "id")
                     .only("id", "person_id", "unit_id", "position", "start_date", "end_date"))
        missing = {e.unit_id for e in posts} - set(units)
        if missing:
            units.update({u.pk: u for u in Unit.objects.filter(pk__in=missing).only("id", "name", "code", "path")})
        # a cache on each fetched row, read back by posts_of (getattr): not a field of Person
        for p in people.values():
            p._import_posts = []  # type: ignore[attr-defined]
            found[p.search_name].append(p)
        for e in posts:
            e.unit = units[e.unit_id]
            people[e.person_id]._import_posts.append(e)  # type: ignore[attr-defined]
    return found


_people_by_name = people_by_name


def posts_of(person: Person) -> list[Employment]:
    """A person's posts, newest first: those ``people_by_name`` attached, else from the database."""
    posts = getattr(person, "_import_posts", None)
    if posts is None:
        posts = list(person.employments.select_related("unit").order_by("-start_date", "id"))
    return posts


def unit_on(person: Person, day: dt.date | None) -> Unit | None:
    posts = posts_of(person)
    if day is not None:
        for e in posts:
            if e.start_date <= day and (e.end_date is None or e.end_date >= day):
                return e.unit
    return posts[0].unit if posts else None


_unit_on = unit_on


def _same_text(a: str, b: str) -> bool:
    return " ".join(unicodedata.normalize("NFC", a).casefold().split()) == \
        " ".join(unicodedata.normalize("NFC", b).casefold().split())


# --------------------------------------------------------------------------- row parsing shared by the kinds


def parse_date(row: RowResult, key: str, value: Any, what: str, *, required: bool = True) -> dt.date | None:
    if _cell_text(value) == "":
        if required:
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


_parse_date = parse_date


def parse_year(row: RowResult, key: str = "school_year") -> None:
    text = row.values[key]
    if not text:
        row.error(key, "Thiếu năm học. Hãy nhập theo dạng 2023-2024.")
        return
    try:
        row.start_year = parse_school_year(text)
    except ValueError as exc:
        row.error(key, str(exc))
        return
    this_year = timezone.localdate().year
    if not 1945 <= row.start_year <= this_year:
        row.error(key, f"Năm học {text} nằm ngoài khoảng cho phép (1945 – {this_year}).")
        row.start_year = None


def parse_unit(row: RowResult, units: UnitIndex | None, key: str = "unit") -> None:
    if row.values.get(key) and units is not None:
        row.unit, message = units.find(row.values[key])
        if message:
            row.error(key, message)


def match_person(row: RowResult, candidates: list[Person], *, name_key: str = "full_name",
                 day: dt.date | None = None) -> None:
    """The one person of ``candidates`` (same folded name) born on the row's birth
    date, inside the row's unit when it names one; an error on the row otherwise."""
    name, birth = row.values[name_key], row.birth_date
    assert birth is not None  # match_people passes only the rows with a birth date
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
        row.error(name_key, f"Không tìm thấy {shown} trong các đơn vị bạn phụ trách{hint}. Hãy kiểm tra lại họ "
                            "tên, ngày sinh, hoặc thêm người này vào hệ thống trước khi nhập.")
        return
    if row.unit is not None:
        inside = [p for p in same_birth
                  if any(e.unit.path.startswith(row.unit.path) for e in posts_of(p))]
        if not inside:
            row.error("unit", f"{shown} không công tác tại «{row.unit.name}». Hãy kiểm tra lại cột Đơn vị.")
            return
        same_birth = inside
    if len(same_birth) > 1:
        where = "; ".join(sorted({(unit_on(p, day) or Unit(name="chưa rõ đơn vị")).name for p in same_birth}))
        row.error(name_key, f"Có {len(same_birth)} người trùng họ tên và ngày sinh {shown} ({where}). "
                            "Hãy ghi cột Đơn vị để phân biệt.")
        return
    row.person = same_birth[0]


def match_people(user, rows: list[RowResult], *, name_key: str = "full_name", perm: Perm = Perm.CHANGE_RECORDS,
                 day_of=lambda row: row.decision_date) -> None:
    """Match every row that has a name and a birth date: one query per 500 names for
    the people born on the rows' dates; a second only for the rows none of them
    matched, to say who has the name (namesakes born another day, or undated)."""
    todo = [r for r in rows if r.status != "example" and r.values[name_key] and r.birth_date]
    if not todo:
        return
    key = {id(r): fold(r.values[name_key])[:255] for r in todo}
    people = people_by_name(user, set(key.values()), perm, births={r.birth_date for r in todo if r.birth_date})
    unmatched = [r for r in todo if not any(p.birth_date == r.birth_date for p in people.get(key[id(r)], []))]
    if unmatched:
        people.update(people_by_name(user, {key[id(r)] for r in unmatched}, perm))
    for row in todo:
        match_person(row, people.get(key[id(row)], []), name_key=name_key, day=day_of(row))


@lru_cache(maxsize=64)
def choice_labels(choices) -> tuple[tuple[str, str], ...]:
    """(value, label) of a TextChoices, the labels in Vietnamese as plain strings: the
    files and their messages are in Vietnamese whatever the language of the page."""
    with translation.override("vi"):
        return tuple((value, str(label)) for value, label in choices.choices)


def find_choice(text: str, choices, extra: Mapping[str, str] | None = None) -> str | None:
    """A TextChoices value from its label, its value or a known abbreviation, ignoring accents and case."""
    key = _compact(text)
    for value, label in choice_labels(choices):
        if key in (_compact(value), _compact(label)):
            return value
    for alias, value in (extra or {}).items():
        if key == _compact(alias):
            return value
    return None


# --------------------------------------------------------------------------- the pipeline


def get_spec(code: str | None) -> ImportSpec | None:
    """The kind of import named by its URL code (None when unknown)."""
    from .imports_kinds import KINDS

    return KINDS.get(code or AWARDS.code)


def _rows(spec: ImportSpec, sheet: SheetRows):
    """The sheet's rows as RowResults, the template's example row marked."""
    example = [_cell_text(v) for v in spec.example]
    keys = [c.key for c in spec.columns]
    for number, cells in sheet:
        row = spec.row(number, cells)
        row.extra["cells"] = cells
        if [row.values[k] for k in keys] == example:
            # The template's example row, left in by mistake: never imported.
            row.status, row.note = "example", "Dòng ví dụ của tệp mẫu – bỏ qua."
        yield row


def _chunks(rows):
    size = CHUNK_ROWS
    chunk: list[RowResult] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _pass(run: Run, data: bytes, result: ImportResult, progress: Progress, phase: str) -> None:
    """Read, check and (on commit) write the file a chunk at a time. Writing stops at
    the first row with an error; the check goes on to count every error."""
    spec = run.spec
    if spec.prepare is not None:
        with open_sheet(data, result, spec) as sheet:
            spec.prepare(run, _rows(spec, sheet))
    with open_sheet(data, result, spec) as sheet:
        estimate = sheet.estimate or None
        # Without the sheet's declared size the page can only say how many rows were read so far.
        shown = "read" if estimate is None and phase == "check" else phase
        progress(0, estimate, shown)
        for chunk in _chunks(_rows(spec, sheet)):
            spec.check(run, chunk)
            if run.writing and not result.error_count and all(r.status != "error" for r in chunk):
                new = [r for r in chunk if r.status == "new"]
                if new:
                    run.created += spec.write(run, new)
                    run.rows_written += len(new)
            for row in chunk:
                result.keep(row)
            progress(result.total, max(estimate, result.total) if estimate else None, shown)
    progress(result.total, result.total, phase)


def validate(*, user, data: bytes, filename: str = "", spec: ImportSpec | None = None,
             progress: Progress = _no_progress) -> ImportResult:
    """Check the whole file and every row; write nothing. Memory stays flat in the
    number of rows (see ``ImportResult``)."""
    spec = spec or AWARDS
    result = ImportResult(filename=filename, kind=spec.code)
    try:
        check_file(data, filename)
        with translation.override("vi"):  # the messages name Vietnamese labels, as the file does
            _pass(Run(user, spec, writing=False), data, result, progress, "check")
    except DomainValidationError as exc:
        result.file_errors = [str(m) for m in exc.message_dict.get(FILE_FIELD, [])]
        result.clear_rows()
    return result


class _Refused(Exception):
    def __init__(self, messages: list[str]):
        self.messages = messages


def commit(*, user, data: bytes, filename: str = "", spec: ImportSpec | None = None,
           progress: Progress = _no_progress) -> CommitSummary:
    """Check again (the people or the records may have changed since the preview)
    and write, in one pass, a chunk at a time inside one transaction: any row with
    an error, or any write refused, rolls back every row — all or nothing."""
    spec = spec or AWARDS
    check_file(data, filename)
    result = ImportResult(filename=filename, kind=spec.code)
    run = Run(user, spec, writing=True)
    try:
        with translation.override("vi"), transaction.atomic():
            # One phase for the page: inside this transaction the job row cannot show progress.
            _pass(run, data, result, progress, "write")
            if not result.ok:
                raise _Refused([f"Tệp còn {result.error_count} dòng lỗi: hãy sửa các dòng được đánh dấu rồi tải "
                                "lên lại. Chưa có dòng nào được nhập."])
            if run.rows_written:
                audit_record(actor=user, event_type="records.import_committed", target=None,
                             data={"kind": spec.code, "filename": filename[:200], "sheet": result.sheet,
                                   "created": run.created, "skipped_rows": result.skipped_numbers,
                                   "school_years_created": len(run.new_years)})
    except _Refused as exc:
        raise DomainValidationError({FILE_FIELD: exc.messages}) from None
    return CommitSummary(created=run.rows_written, skipped=result.skipped_count,
                         school_years_created=len(run.new_years), records=run.created)


def refused_write(exc: DomainValidationError) -> DomainValidationError:
    """A set-wise service refused a chunk (its messages name the rows): nothing is written."""
    detail = "; ".join(str(m) for msgs in exc.message_dict.values() for m in msgs)
    return DomainValidationError({FILE_FIELD: f"{detail} Chưa có dòng nào được nhập."})


# --------------------------------------------------------------------------- the award-history kind


def _units(run: Run, rows: list[RowResult], perm: Perm = Perm.CHANGE_RECORDS, **kwargs) -> UnitIndex | None:
    """The unit index, built the first time a row names a unit."""
    if "units" not in run.cache and not any(r.values.get("unit") for r in rows):
        return None
    return run.once("units", lambda: UnitIndex(run.user, perm, **kwargs))


def _award_check(run: Run, rows: list[RowResult]) -> None:
    awards = run.once("awards", _AwardIndex)
    units = _units(run, rows)
    for row in rows:
        if row.status != "example":
            _award_parse(row, row.extra["cells"], awards, units)
    match_people(run.user, rows)
    # School years: existing ones bound the decision date; missing ones are created on commit.
    years = run.school_years(rows)
    for row in rows:
        if row.status == "example" or row.start_year is None or row.decision_date is None:
            continue
        year = years.get(row.start_year)
        start = year.start_date if year else dt.date(row.start_year, 9, 1)
        if row.decision_date < start:
            row.error("decision_date", f"Ngày quyết định ({format_date_short(row.decision_date)}) trước khi năm "
                                       f"học {row.values['school_year']} bắt đầu ({format_date_short(start)}).")
    _check_duplicates(run, rows)


def _award_parse(row: RowResult, cells: dict[str, Any], awards: _AwardIndex, units: UnitIndex | None) -> None:
    v = row.values
    if not v["full_name"]:
        row.error("full_name", "Thiếu họ và tên.")
    row.birth_date = parse_date(row, "birth_date", cells.get("birth_date"), "ngày sinh")
    parse_unit(row, units)
    parse_year(row)
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
    row.decision_date = parse_date(row, "decision_date", cells.get("decision_date"), "ngày quyết định")
    row.issuer = v["issuer"][:200]


def _check_duplicates(run: Run, rows: list[RowResult]) -> None:
    """Skip rows identical to a record on file or to an earlier row (of any earlier
    chunk); refuse a second title for the same person and year under another decision.

    Earlier rows are looked up first: on commit, the records of earlier chunks are
    already written, and a row repeating one of them is a repeated row, as the check
    said, not a record on file."""
    ready = [r for r in rows if r.status == "new"]
    on_file: dict[tuple, Mapping[str, Any]] = {}
    titles_on_file: dict[tuple, Mapping[str, Any]] = {}
    people = sorted({r.known_person.pk for r in ready})
    if people:
        existing = (AwardRecord.objects
                    .filter(person_id__in=people, award_type_id__in={r.known_award_type.pk for r in ready})
                    .values("person_id", "award_type_id", "school_year__start_year", "decision_number",
                            "decision_date", "revoked_on"))
        for rec in existing:
            title_key = (rec["person_id"], rec["award_type_id"], rec["school_year__start_year"])
            on_file[(*title_key, decision_key(rec["decision_number"]))] = rec
            if rec["revoked_on"] is None:
                titles_on_file.setdefault(title_key, rec)
    # (person, award type, year, decision) and (person, title, year) -> row number: small keys, kept for the pass
    seen: dict[tuple, int] = run.cache.setdefault("seen", {})
    titles_seen: dict[tuple, int] = run.cache.setdefault("titles_seen", {})
    for row in ready:
        key = (row.known_person.pk, row.known_award_type.pk, row.start_year)
        full = (*key, decision_key(row.decision_number))
        title = row.known_award_type.kind == AwardKind.TITLE
        if full in seen:
            row.status = "duplicate"
            row.note = f"Trùng dòng {seen[full]} – bỏ qua."
            continue
        if full in on_file:
            row.status = "exists"
            held = on_file[full]
            row.note = "Đã có trong hồ sơ" + (" (đã bị hủy bỏ)" if held["revoked_on"] else "") + " – bỏ qua."
            continue
        if title and key in titles_seen:
            row.error("award", f"Dòng {titles_seen[key]} đã ghi «{row.award_type}» năm học "
                               f"{row.values['school_year']} cho {row.person} với quyết định khác. Mỗi danh hiệu "
                               "chỉ nhận một lần trong năm học.")
            continue
        if title and key in titles_on_file:
            held = titles_on_file[key]
            row.error("award", f"{row.person} đã có «{row.award_type}» năm học {row.values['school_year']} theo "
                               f"Quyết định số {held['decision_number']}. Mỗi danh hiệu chỉ nhận một lần trong năm "
                               "học: hãy kiểm tra lại số quyết định.")
            continue
        seen[full] = row.number
        if title:
            titles_seen[key] = row.number


def _award_write(run: Run, rows: list[RowResult]) -> list[int]:
    """One chunk through the set-wise service: the same checks and audit rows as
    ``award_record_add``, in a fixed number of queries."""
    from . import services

    try:
        created = services.award_records_add_bulk(actor=run.user, source="import", rows=[
            {"n": r.number, "award_type": r.award_type, "person": r.person,
             "unit": r.unit or unit_on(r.known_person, r.decision_date), "school_year": run.year_for(r),
             "decision_number": r.decision_number, "decision_date": r.decision_date, "issuer": r.issuer}
            for r in rows])
    except DomainValidationError as exc:
        raise refused_write(exc) from exc
    return [obj.pk for obj in created]


def _award_catalogue():
    rows = [(at.name, at.abbreviation, ", ".join(str(a) for a in at.aliases or []))
            for at in award_types().filter(subject=SubjectKind.INDIVIDUAL, active=True).order_by("order", "name")]
    return [("Danh mục danh hiệu, hình thức (cá nhân)", ("Tên", "Viết tắt", "Tên gọi khác"), rows)]


NAME_NOTE = "Họ và tên đầy đủ, có dấu (không phân biệt hoa thường)."
BIRTH_NOTE = "Ngày sinh dạng dd/mm/yyyy (ví dụ 07/03/1985); cùng Họ và tên để tìm đúng người trong hệ thống."
UNIT_NOTE = "Tên hoặc mã đơn vị trong phạm vi bạn phụ trách; ghi khi có người trùng họ tên và ngày sinh."
YEAR_NOTE = "Năm học dạng 2023-2024."
# The first columns of every kind about one person in one school year (ratings, award history).
PERSON_YEAR_COLUMNS = (
    Column("full_name", "Họ và tên", True, ("ho ten", "ho va ten can bo", "ten can bo"), NAME_NOTE, 28),
    Column("birth_date", "Ngày sinh", True, ("ngay thang nam sinh", "sinh ngay"), BIRTH_NOTE, 13, True),
    Column("unit", "Đơn vị", False, ("don vi cong tac", "noi cong tac", "truong", "ma don vi"), UNIT_NOTE, 36),
    Column("school_year", "Năm học", True, (), YEAR_NOTE, 12, True),
)

AWARDS = ImportSpec(
    code="khen-thuong",
    title="Lịch sử khen thưởng",
    sheet="Khen thưởng",
    noun="dòng khen thưởng",
    intro="Mỗi dòng là một danh hiệu hoặc hình thức khen thưởng một cá nhân đã nhận.",
    columns=(
        *PERSON_YEAR_COLUMNS,
        Column("award", "Danh hiệu/Hình thức", True,
               ("danh hieu", "hinh thuc", "danh hieu hinh thuc khen thuong", "danh hieu thi dua",
                "hinh thuc khen thuong", "danh hieu khen thuong"),
               "Tên đầy đủ hoặc tên viết tắt trong danh mục ở cuối trang này.", 30),
        Column("decision_number", "Số quyết định", True, ("so qd", "so quyet dinh khen thuong"),
               "Số, ký hiệu của quyết định khen thưởng, ví dụ 125/QĐ-GDĐT.", 18, True),
        Column("decision_date", "Ngày quyết định", True, ("ngay qd", "ngay ky quyet dinh", "ngay ky"),
               "Ngày ký quyết định, dd/mm/yyyy; không trước ngày bắt đầu năm học.", 16, True),
        Column("issuer", "Cơ quan ban hành", False,
               ("co quan quyet dinh", "cap khen", "don vi ban hanh", "noi ban hanh"),
               "Cơ quan ra quyết định (không bắt buộc).", 36),
    ),
    example=("Nguyễn Văn An", "07/03/1985", "Trường Tiểu học Đinh Tiên Hoàng", "2023-2024", "Lao động tiên tiến",
             "125/QĐ-GDĐT", "15/06/2024", "Phòng Giáo dục và Đào tạo Quận 1"),
    check=_award_check,
    write=_award_write,
    guide=(
        "Mỗi dòng là một danh hiệu hoặc hình thức khen thưởng một cá nhân đã nhận.",
        "Họ và tên + Ngày sinh phải trùng với hồ sơ cá nhân trong hệ thống; ghi Đơn vị khi có người trùng tên.",
        "Mỗi danh hiệu thi đua chỉ nhận một lần trong một năm học.",
        "Tải lên lại cùng một tệp không tạo bản ghi trùng: dòng đã có (cùng người, danh hiệu, năm học, số "
        "quyết định) sẽ được bỏ qua.",
    ),
    catalogues=_award_catalogue,
)
COLUMNS = AWARDS.columns
LABELS = AWARDS.labels
EXAMPLE_ROW = AWARDS.example


# --------------------------------------------------------------------------- template


def template_workbook(spec: ImportSpec | None = None) -> bytes:
    """Tệp mẫu: the headers, one example row, widths, dates kept as text so that
    Excel on an English-language computer does not swap day and month; a notes
    sheet explaining each column and listing the allowed values."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    spec = spec or AWARDS
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has its one sheet
    ws.title = spec.sheet
    ws.append([c.label for c in spec.columns])
    ws.append(list(spec.example))
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for col, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = column.width
        head = ws.cell(row=1, column=col)
        head.font, head.fill = bold, fill
        head.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if column.text:
            for row in range(2, 1001):
                ws.cell(row=row, column=col).number_format = "@"
    for col in range(1, len(spec.columns) + 1):
        ws.cell(row=2, column=col).font = Font(italic=True, color="808080")
    ws.freeze_panes = "A2"

    guide = wb.create_sheet("Hướng dẫn")
    guide.append([f"Hướng dẫn nhập {spec.title.lower()}"])
    guide["A1"].font = Font(bold=True, size=13)
    guide.append([])
    for line in (*spec.guide,
                 f"Dòng 2 của trang «{spec.sheet}» là dòng ví dụ: hãy ghi đè hoặc xóa trước khi tải lên (nếu để "
                 "nguyên, dòng này được bỏ qua).",
                 "Ô chỉ ghi giá trị: không dùng công thức, không gộp ô. Ngày ghi dd/mm/yyyy (ví dụ 05/02/2024); ô "
                 "ngày của Excel và số ngày (serial) cũng được nhận.",
                 "Tệp có lỗi thì không dòng nào được nhập: trang kiểm tra chỉ rõ dòng, cột và cách sửa."):
        guide.append([f"• {line}"])
    guide.append([])
    guide.append(["Cột", "Bắt buộc", "Cách ghi"])
    for cell in guide[guide.max_row]:
        cell.font = bold
    for c in spec.columns:
        guide.append([c.label, "Có" if c.required else "Không", c.note])
    for title, header, rows in (spec.catalogues() if spec.catalogues else []):
        guide.append([])
        guide.append([title])
        guide.cell(row=guide.max_row, column=1).font = bold
        guide.append(list(header))
        for cell in guide[guide.max_row]:
            cell.font = bold
        for r in rows:
            guide.append(list(r))
    guide.column_dimensions["A"].width = 60
    guide.column_dimensions["B"].width = 14
    guide.column_dimensions["C"].width = 80
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
