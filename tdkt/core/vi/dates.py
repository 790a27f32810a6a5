"""Vietnamese date formats.

Terms:

* Nghị định 30/2020/NĐ-CP (rules for administrative documents) prescribes the
  date line "ngày 05 tháng 02 năm 2024": days below 10 and the months 1 and 2
  take a leading zero, months 3 to 12 do not ("tháng 3", "tháng 10"). The zero
  keeps "tháng 1"/"tháng 2" from being altered into "tháng 11"/"tháng 12".
* The *địa danh* line puts the place before the date:
  "Quận 1, ngày 12 tháng 10 năm 2023".
* A *năm học* (school year) runs from autumn to summer and is written
  "2023-2024".
* Vietnamese users always write dates day first (dd/mm/yyyy).
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, timedelta

__all__ = [
    "format_date_short",
    "format_date_vn",
    "parse_date_vn",
    "parse_school_year",
    "place_date_line",
    "school_year_label",
]

_HINT = "Hãy nhập theo dạng dd/mm/yyyy, ví dụ 05/02/2024."


def _month_text(month: int) -> str:
    return f"{month:02d}" if month < 3 else str(month)


def format_date_vn(d: date, *, prefix: bool = True) -> str:
    """Write a date as in administrative documents: "ngày 05 tháng 02 năm 2024".

    ``prefix=False`` drops the leading "ngày ": "05 tháng 02 năm 2024".
    """
    text = f"{d.day:02d} tháng {_month_text(d.month)} năm {d.year}"
    return f"ngày {text}" if prefix else text


def place_date_line(place: str, d: date) -> str:
    """The *địa danh, ngày tháng năm* line: "Quận 1, ngày 12 tháng 10 năm 2023"."""
    return f"{' '.join(place.split())}, {format_date_vn(d)}"


def format_date_short(d: date) -> str:
    """Numeric day-first date "05/02/2024" (dd/mm/yyyy)."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


# Excel's 1900 date system counts 1900-02-29, a day that never existed, so
# serials from 61 on are one day ahead of a plain count from 1899-12-31.
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_PHANTOM_LEAP_DAY = 60

_DAY_FIRST = re.compile(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORDS = re.compile(r"(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s*,?\s+năm\s+(\d{4})", re.IGNORECASE)


def _invalid(value: object) -> ValueError:
    shown = f"'{value}'" if isinstance(value, str) else repr(value)
    return ValueError(f"Ngày không hợp lệ: {shown}. {_HINT}")


def _from_excel_serial(value: int | float) -> date:
    if isinstance(value, float) and not math.isfinite(value):
        raise _invalid(value)
    # The fractional part of a serial is the time of day.
    serial = math.floor(value)
    if serial < 1 or serial == _EXCEL_PHANTOM_LEAP_DAY:
        raise _invalid(value)
    offset = serial if serial > _EXCEL_PHANTOM_LEAP_DAY else serial + 1
    try:
        return _EXCEL_EPOCH + timedelta(days=offset)
    except OverflowError as exc:
        raise _invalid(value) from exc


def _from_text(value: str) -> date:
    text = " ".join(unicodedata.normalize("NFC", value).split())
    parts: tuple[str, str, str] | None = None
    if match := _DAY_FIRST.fullmatch(text):
        parts = (match.group(4), match.group(3), match.group(1))
    elif match := _ISO.fullmatch(text):
        parts = (match.group(1), match.group(2), match.group(3))
    elif match := _WORDS.fullmatch(text):
        parts = (match.group(3), match.group(2), match.group(1))
    if parts is None:
        raise _invalid(value)
    year, month, day = (int(p) for p in parts)
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise _invalid(value) from exc


def parse_date_vn(value: str | int | float | date | datetime) -> date:
    """Read a date the way Vietnamese users and their spreadsheets write it.

    Accepts day-first "05/02/2024", "5/2/2024", "5-2-2024", "05.02.2024";
    ISO "2024-02-05"; the document form "ngày 05 tháng 02 năm 2024" (with or
    without "ngày"); Excel serial numbers (1900 date system, serial 45327 is
    2024-02-05); and date/datetime objects. Raises ValueError with a Vietnamese
    message naming the bad value.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise _invalid(value)
    if isinstance(value, int | float):
        return _from_excel_serial(value)
    if isinstance(value, str):
        return _from_text(value)
    raise _invalid(value)


def school_year_label(start_year: int) -> str:
    """Label of the *năm học* starting in ``start_year``: "2023-2024"."""
    return f"{start_year}-{start_year + 1}"


_SCHOOL_YEAR = re.compile(r"(?:năm\s+học\s+)?(\d{4})\s*[-–—/]\s*(\d{4})", re.IGNORECASE)


def parse_school_year(label: str) -> int:
    """Return the start year of a *năm học* label.

    Accepts "2023-2024", "2023 - 2024", "2023–2024" (en dash, as word
    processors autocorrect it) and "2023/2024". The two years must be
    consecutive.
    """
    text = " ".join(unicodedata.normalize("NFC", label).split())
    match = _SCHOOL_YEAR.fullmatch(text)
    if not match:
        raise ValueError(f"Năm học không hợp lệ: '{label}'. Hãy nhập theo dạng 2023-2024.")
    start, end = int(match.group(1)), int(match.group(2))
    if end != start + 1:
        raise ValueError(
            f"Năm học không hợp lệ: '{label}'. Năm kết thúc phải liền sau năm bắt đầu, "
            f"ví dụ {school_year_label(start)}."
        )
    return start
