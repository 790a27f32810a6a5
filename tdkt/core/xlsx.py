"""XLSX export for any list page, in constant memory.

openpyxl's write-only mode streams each row to a temporary file as it is
appended (strings are written inline, not kept in a shared-strings table), and
the finished workbook goes to the client from a temporary file, so 100,000 rows
cost no more memory than 100.

Cell formats: dates are real Excel dates shown dd/mm/yyyy; money uses "#,##0",
which Excel and LibreOffice display with the separators of the reader's locale —
"1.120.000" on a Vietnamese system, "1,120,000" on an English one — while the
cell keeps the exact number for sums.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.http import FileResponse
from django.utils import timezone

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
MONEY_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.##"
PERCENT_FORMAT = "0.0%"

_KIND_FORMAT = {"date": DATE_FORMAT, "datetime": DATETIME_FORMAT, "money": MONEY_FORMAT,
                "decimal": DECIMAL_FORMAT, "percent": PERCENT_FORMAT, "int": "0"}
_DEFAULT_WIDTH = {"text": 24, "int": 10, "money": 16, "decimal": 12, "date": 12, "datetime": 17, "percent": 10}
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class XlsxColumn:
    """A column: header text, kind (text, int, money, decimal, date, datetime, percent)
    and width in characters (default by kind)."""

    title: str
    kind: str = "text"
    width: float | None = None
    context: str = ""  # msgctxt of the title when the same words mean other things elsewhere


def _columns(headers: Sequence[str | XlsxColumn | tuple]) -> list[XlsxColumn]:
    out = []
    for h in headers:
        if isinstance(h, XlsxColumn):
            out.append(h)
        elif isinstance(h, tuple):
            out.append(XlsxColumn(*h))
        else:
            out.append(XlsxColumn(str(h)))
    return out


def sheet_title(title: str | None) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\ ."""
    text = _SHEET_BAD.sub(" ", title or "Danh sách").strip() or "Danh sách"
    return text[:31]


def write_xlsx(target, headers: Sequence[str | XlsxColumn | tuple], rows: Iterable[Sequence], *,
               title: str | None = None) -> int:
    """Write a one-sheet workbook to ``target`` (path or binary file); returns the row count."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    columns = _columns(headers)
    wb = Workbook(write_only=True)
    wb.properties.title = title or ""
    wb.properties.language = "vi-VN"
    ws = wb.create_sheet(title=sheet_title(title))
    ws.freeze_panes = "A2"
    for i, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = col.width or _DEFAULT_WIDTH.get(col.kind, 20)

    thin = Side(style="thin", color="000000")
    header_font = Font(name="Times New Roman", bold=True)
    header_cells = []
    for col in columns:
        cell = WriteOnlyCell(ws, value=col.title)
        cell.font = header_font
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        header_cells.append(cell)
    ws.append(header_cells)

    # One styled prototype per formatted column; copying its style array to each new
    # cell avoids re-registering the number format 100,000 times. (types-openpyxl leaves out the
    # private ``_style`` array and types a cell's value without dates and Decimals, which openpyxl
    # writes: the ``type: ignore`` below say so to mypy, nothing more.)
    protos = {}
    for i, col in enumerate(columns):
        fmt = _KIND_FORMAT.get(col.kind)
        if fmt:
            proto = WriteOnlyCell(ws, value=None)
            proto.number_format = fmt
            protos[i] = proto._style  # type: ignore[attr-defined]
    date_proto = WriteOnlyCell(ws, value=None)
    date_proto.number_format = DATE_FORMAT
    datetime_proto = WriteOnlyCell(ws, value=None)
    datetime_proto.number_format = DATETIME_FORMAT

    count = 0
    for row in rows:
        out: list = []  # plain values and styled cells, as ws.append takes them
        for i, value in enumerate(row):
            if value is None or value == "":
                out.append(None)
                continue
            if isinstance(value, dt.datetime):
                if timezone.is_aware(value):
                    value = timezone.localtime(value).replace(tzinfo=None)
                as_declared = i in protos and columns[i].kind in ("date", "datetime")
                cell = WriteOnlyCell(ws, value=value)
                cell._style = (protos[i] if as_declared else datetime_proto._style).__copy__()  # type: ignore[attr-defined]
                out.append(cell)
            elif isinstance(value, dt.date):
                cell = WriteOnlyCell(ws, value=value)  # type: ignore[arg-type]
                cell._style = date_proto._style.__copy__()  # type: ignore[attr-defined]
                out.append(cell)
            elif isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
                if value.startswith("="):
                    # Never let a name or note become a formula.
                    cell = WriteOnlyCell(ws, value=value)
                    cell.data_type = "s"
                    out.append(cell)
                else:
                    out.append(value)
            elif i in protos and isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                cell = WriteOnlyCell(ws, value=value)  # type: ignore[arg-type]
                cell._style = protos[i].__copy__()  # type: ignore[attr-defined]
                out.append(cell)
            else:
                out.append(value)
        ws.append(out)
        count += 1
    wb.save(target)
    return count


def xlsx_stream_response(filename: str, headers: Sequence[str | XlsxColumn | tuple], rows: Iterable[Sequence], *,
                         title: str | None = None) -> FileResponse:
    """A download of ``rows`` as .xlsx, built in a temporary file and streamed from it.

    ``headers``: strings, XlsxColumn or (title, kind[, width]) tuples. ``rows``: any
    iterable (pass a queryset's ``.iterator()`` to keep memory flat)."""
    if not filename.lower().endswith(".xlsx"):
        filename += ".xlsx"
    tmp = tempfile.TemporaryFile(prefix="tdkt-xlsx-")
    try:
        write_xlsx(tmp, headers, rows, title=title)
        tmp.seek(0)
    except BaseException:
        tmp.close()
        raise
    # FileResponse reads the file in blocks and closes (so deletes) it at the end.
    return FileResponse(tmp, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)


# --- list page → same rows → XLSX --------------------------------------------------------------
# Every list page offers "Xuất Excel" the same way: the page's own URL plus ``xuat=xlsx`` (see
# templates/core/_export_button.html), answered by the same view, so the export goes through the
# same access check and the same filters as the page; only pagination is dropped. These helpers
# hold the part that was repeated in each view: the switch, the STT column, chunked reading.

EXPORT_PARAM = "xuat"
CHUNK_SIZE = 2000


def wants_xlsx(request) -> bool:
    """Did the reader ask for the page's list as .xlsx (``?xuat=xlsx``)?"""
    return request.GET.get(EXPORT_PARAM) == "xlsx"


def export_rows(objects: Iterable, row, *, numbered: bool = True) -> Iterable[tuple]:
    """``row(obj)`` for each object, with the STT (1, 2, …) in front when ``numbered``.

    A QuerySet is read with ``.iterator(chunk_size=…)``: rows are fetched in chunks and
    forgotten once written (prefetch_related still runs, once per chunk), so memory and
    the number of queries stay flat however long the list."""
    from django.db.models import QuerySet

    if isinstance(objects, QuerySet):
        objects = objects.iterator(chunk_size=CHUNK_SIZE)
    for i, obj in enumerate(objects, start=1):
        yield (i, *row(obj)) if numbered else tuple(row(obj))


@dataclass(frozen=True)
class ListExport:
    """What one list page exports: file name and sheet title, the columns (STT first when
    ``numbered``) and how one object of the list becomes one row.

        CAMPAIGNS = ListExport("phong-trao-thi-dua", "Phong trào thi đua", COLUMNS,
                               lambda c: (c.name, c.unit.name, c.registration_deadline))
        if wants_xlsx(request):
            return CAMPAIGNS.response(queryset)
    """

    filename: str
    title: str
    columns: Sequence[str | XlsxColumn | tuple]
    row: object  # Callable[[object], Sequence]
    numbered: bool = True

    def all_columns(self) -> list[XlsxColumn]:
        cols = _columns(self.columns)
        return [XlsxColumn("STT", "int", 6), *cols] if self.numbered else cols

    def response(self, objects: Iterable, *, filename: str | None = None, title: str | None = None) -> FileResponse:
        """The download, its sheet and column titles in the reader's language (titles are
        Vietnamese msgids; a ``title`` passed in is used as given)."""
        from django.utils.translation import gettext

        from tdkt.core.i18n import translated_columns

        return xlsx_stream_response(filename or self.filename, translated_columns(self.all_columns()),
                                    export_rows(objects, self.row, numbered=self.numbered),
                                    title=title or gettext(self.title))
