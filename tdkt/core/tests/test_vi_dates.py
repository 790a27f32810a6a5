"""Tests for Vietnamese date formats."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.core.vi.dates import (
    format_date_short,
    format_date_vn,
    parse_date_vn,
    parse_school_year,
    place_date_line,
    school_year_label,
)

DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


def excel_serial(d: date) -> int:
    """Serial number Excel shows for ``d`` (1900 system, with its fictitious 29/02/1900)."""
    days = (d - date(1899, 12, 31)).days
    return days + 1 if d >= date(1900, 3, 1) else days


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2024, 2, 5), "ngày 05 tháng 02 năm 2024"),
        (date(2024, 1, 31), "ngày 31 tháng 01 năm 2024"),
        (date(2023, 3, 7), "ngày 07 tháng 3 năm 2023"),
        (date(2023, 10, 12), "ngày 12 tháng 10 năm 2023"),
        (date(2023, 12, 5), "ngày 05 tháng 12 năm 2023"),
    ],
)
def test_format_date_vn(d: date, expected: str) -> None:
    assert format_date_vn(d) == expected


def test_format_date_vn_without_prefix() -> None:
    assert format_date_vn(date(2024, 2, 5), prefix=False) == "05 tháng 02 năm 2024"


def test_place_date_line() -> None:
    assert place_date_line("Quận 1", date(2023, 10, 12)) == "Quận 1, ngày 12 tháng 10 năm 2023"
    assert place_date_line(" Hà  Nội ", date(2024, 2, 5)) == "Hà Nội, ngày 05 tháng 02 năm 2024"


def test_format_date_short() -> None:
    assert format_date_short(date(2024, 2, 5)) == "05/02/2024"
    assert format_date_short(date(2023, 10, 12)) == "12/10/2023"


@pytest.mark.parametrize(
    "value",
    [
        "05/02/2024",
        "5/2/2024",
        "5-2-2024",
        "05.02.2024",
        " 05 / 02 / 2024 ",
        "2024-02-05",
        "ngày 05 tháng 02 năm 2024",
        "Ngày 5 tháng 2 năm 2024",
        "05 tháng 02 năm 2024",
        "NGÀY 05 THÁNG 02 NĂM 2024",
        "nga\u0300y 05 tha\u0301ng 02 na\u0306m 2024",  # decomposed (NFD) input
        45327,
        45327.75,
        date(2024, 2, 5),
        datetime(2024, 2, 5, 13, 30),
    ],
)
def test_parse_date_vn(value: str | int | float | date) -> None:
    assert parse_date_vn(value) == date(2024, 2, 5)


def test_parse_date_vn_is_day_first() -> None:
    assert parse_date_vn("03/04/2024") == date(2024, 4, 3)
    assert parse_date_vn("12-01-2024") == date(2024, 1, 12)


@pytest.mark.parametrize(
    ("serial", "expected"),
    [(1, date(1900, 1, 1)), (59, date(1900, 2, 28)), (61, date(1900, 3, 1)), (45292, date(2024, 1, 1))],
)
def test_parse_excel_serial(serial: int, expected: date) -> None:
    assert parse_date_vn(serial) == expected


def test_invalid_date_message() -> None:
    with pytest.raises(ValueError) as info:
        parse_date_vn("31/02/2024")
    assert str(info.value) == (
        "Ngày không hợp lệ: '31/02/2024'. Hãy nhập theo dạng dd/mm/yyyy, ví dụ 05/02/2024."
    )


@pytest.mark.parametrize(
    "value",
    [
        "",
        "hôm qua",
        "2024/02/05x",
        "05/02/24",
        "05/02-2024",
        "13/13/2024",
        "2024-02-30",
        "ngày 32 tháng 1 năm 2024",
        0,
        60,
        -5,
        float("nan"),
        float("inf"),
        10**9,
        True,
        None,
    ],
)
def test_parse_date_vn_rejects(value: object) -> None:
    with pytest.raises(ValueError, match="Ngày không hợp lệ"):
        parse_date_vn(value)  # type: ignore[arg-type]


@given(DATES)
def test_round_trips(d: date) -> None:
    assert parse_date_vn(format_date_vn(d)) == d
    assert parse_date_vn(format_date_vn(d, prefix=False)) == d
    assert parse_date_vn(format_date_short(d)) == d
    assert parse_date_vn(d.isoformat()) == d
    assert parse_date_vn(f"{d.day}/{d.month}/{d.year}") == d
    assert parse_date_vn(f"{d.day:02d}.{d.month:02d}.{d.year}") == d
    assert parse_date_vn(excel_serial(d)) == d


@given(DATES)
def test_padding_rule(d: date) -> None:
    match = re.fullmatch(r"ngày (\d+) tháng (\d+) năm (\d{4})", format_date_vn(d))
    assert match is not None
    day, month = match.group(1), match.group(2)
    assert len(day) == 2
    assert int(day) == d.day
    assert int(month) == d.month
    assert month == (f"{d.month:02d}" if d.month <= 2 else str(d.month))
    assert not month.startswith("0") or d.month <= 2


def test_school_year_label() -> None:
    assert school_year_label(2023) == "2023-2024"


@pytest.mark.parametrize(
    "label",
    ["2023-2024", "2023 - 2024", "2023–2024", "2023—2024", "2023/2024", " 2023-2024 ", "Năm học 2023-2024"],
)
def test_parse_school_year(label: str) -> None:
    assert parse_school_year(label) == 2023


def test_parse_school_year_rejects_non_consecutive() -> None:
    with pytest.raises(ValueError, match="liền sau"):
        parse_school_year("2023-2025")
    with pytest.raises(ValueError, match="liền sau"):
        parse_school_year("2024-2023")


@pytest.mark.parametrize("label", ["", "2023", "23-24", "2023-24", "năm nay"])
def test_parse_school_year_rejects_bad_format(label: str) -> None:
    with pytest.raises(ValueError, match="Năm học không hợp lệ"):
        parse_school_year(label)


@given(st.integers(min_value=1900, max_value=2998))
def test_school_year_round_trip(year: int) -> None:
    assert parse_school_year(school_year_label(year)) == year
