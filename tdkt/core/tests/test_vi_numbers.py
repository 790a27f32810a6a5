"""Tests for Vietnamese money formatting and number reading."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.core.vi.numbers import amount_in_words, format_vnd, number_to_words, parse_vnd

VOCABULARY = frozenset(
    {
        "âm", "không", "một", "mốt", "hai", "ba", "bốn", "tư", "năm", "lăm", "sáu", "bảy",
        "tám", "chín", "mười", "mươi", "trăm", "linh", "lẻ", "nghìn", "triệu", "tỷ",
    }
)  # fmt: skip

_DIGIT_VALUES = {
    "không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4,
    "năm": 5, "lăm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
}  # fmt: skip


def words_to_number(text: str) -> int:
    """Independent reader of Vietnamese number words, used to check the writer.

    It accumulates a three-digit group, flushes it into the below-tỷ section on
    "nghìn"/"triệu", and on "tỷ" multiplies everything read so far, which is
    how "một nghìn tỷ" and "một tỷ tỷ" are built.
    """
    tokens = text.split(" ")
    sign = 1
    if tokens[0] == "âm":
        sign, tokens = -1, tokens[1:]
    total = section = group = 0
    pending: int | None = None
    for token in tokens:
        if token in _DIGIT_VALUES:
            assert pending is None, text
            pending = _DIGIT_VALUES[token]
        elif token == "trăm":
            assert pending is not None, text
            group += pending * 100
            pending = None
        elif token == "mươi":
            assert pending is not None and pending >= 2, text
            group += pending * 10
            pending = None
        elif token == "mười":
            group += 10
        elif token in ("linh", "lẻ"):
            assert pending is None, text
        elif token in ("nghìn", "triệu", "tỷ"):
            group += pending or 0
            pending = None
            if token == "nghìn":
                section += group * 1000
            elif token == "triệu":
                section += group * 1_000_000
            else:
                total = (total + section + group) * 1_000_000_000
                section = 0
            group = 0
        else:
            raise AssertionError(f"unexpected word {token!r} in {text!r}")
    return sign * (total + section + group + (pending or 0))


# --- format_vnd / parse_vnd -------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, "0 đồng"),
        (999, "999 đồng"),
        (1000, "1.000 đồng"),
        (1500000, "1.500.000 đồng"),
        (-1500000, "-1.500.000 đồng"),
        (Decimal("1500000"), "1.500.000 đồng"),
        (Decimal("1500000.00"), "1.500.000 đồng"),
        (1234567890123, "1.234.567.890.123 đồng"),
    ],
)
def test_format_vnd(amount: int | Decimal, expected: str) -> None:
    assert format_vnd(amount) == expected


def test_format_vnd_without_unit() -> None:
    assert format_vnd(1500000, unit=False) == "1.500.000"
    assert format_vnd(-5000, unit=False) == "-5.000"


@pytest.mark.parametrize(
    "amount", [Decimal("1500000.5"), Decimal("0.01"), Decimal("NaN"), Decimal("Infinity")]
)
def test_format_vnd_rejects_fractions_of_a_dong(amount: Decimal) -> None:
    with pytest.raises(ValueError):
        format_vnd(amount)


def test_format_vnd_rejects_other_types() -> None:
    with pytest.raises(TypeError):
        format_vnd("1500000")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_vnd(True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.500.000", 1500000),
        ("1.500.000 đồng", 1500000),
        ("1500000", 1500000),
        ("  1.500.000   đồng ", 1500000),
        ("1.500.000đ", 1500000),
        ("1.500.000 VNĐ", 1500000),
        ("-1.500.000 đồng", -1500000),
        ("0", 0),
        ("999", 999),
        ("1.500.000 \u0111o\u0302\u0300ng", 1500000),  # decomposed "đồng"
    ],
)
def test_parse_vnd(text: str, expected: int) -> None:
    assert parse_vnd(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "đồng", "abc", "1,500,000", "1.500,50", "1.50.000", "15.00000", "1.500.000 đô", ".500", "1 500 000"],
)
def test_parse_vnd_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="Số tiền không hợp lệ"):
        parse_vnd(text)


@given(st.integers(min_value=-(10**18), max_value=10**18), st.booleans())
def test_format_parse_round_trip(amount: int, unit: bool) -> None:
    assert parse_vnd(format_vnd(amount, unit=unit)) == amount


# --- number_to_words --------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "không"),
        (1, "một"),
        (4, "bốn"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (99, "chín mươi chín"),
        (100, "một trăm"),
        (101, "một trăm linh một"),
        (104, "một trăm linh bốn"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (115, "một trăm mười lăm"),
        (1000, "một nghìn"),
        (1005, "một nghìn không trăm linh năm"),
        (1050, "một nghìn không trăm năm mươi"),
        (10_000, "mười nghìn"),
        (21_000, "hai mươi mốt nghìn"),
        (1_500_000, "một triệu năm trăm nghìn"),
        (2_050_000, "hai triệu không trăm năm mươi nghìn"),
        (1_000_005, "một triệu không trăm linh năm"),
        (1_005_005, "một triệu không trăm linh năm nghìn không trăm linh năm"),
        (1_000_000_000, "một tỷ"),
        (1_000_000_005, "một tỷ không trăm linh năm"),
        (2_300_000_000, "hai tỷ ba trăm triệu"),
        (10**12, "một nghìn tỷ"),
        (10**15, "một triệu tỷ"),
        (10**18, "một tỷ tỷ"),
        (1_001_000_000_000, "một nghìn không trăm linh một tỷ"),
        (-21, "âm hai mươi mốt"),
    ],
)
def test_number_to_words(n: int, expected: str) -> None:
    assert number_to_words(n) == expected


def test_number_to_words_le() -> None:
    assert number_to_words(105, zero_tens="lẻ") == "một trăm lẻ năm"
    assert number_to_words(1_000_005, zero_tens="lẻ") == "một triệu không trăm lẻ năm"
    with pytest.raises(ValueError):
        number_to_words(105, zero_tens="lẽ")


def test_number_to_words_rejects_non_integers() -> None:
    with pytest.raises(TypeError):
        number_to_words(1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        number_to_words(True)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (2_050_000, "Hai triệu không trăm năm mươi nghìn đồng"),
        (1_500_000, "Một triệu năm trăm nghìn đồng"),
        (0, "Không đồng"),
        (Decimal("25000.00"), "Hai mươi lăm nghìn đồng"),
        (-1000, "Âm một nghìn đồng"),
    ],
)
def test_amount_in_words(amount: int | Decimal, expected: str) -> None:
    assert amount_in_words(amount) == expected


def test_amount_in_words_rejects_fractions() -> None:
    with pytest.raises(ValueError):
        amount_in_words(Decimal("10.5"))


@given(st.integers(min_value=-(10**21), max_value=10**21))
def test_words_are_clean(n: int) -> None:
    words = number_to_words(n)
    assert "  " not in words
    assert words == words.strip()
    assert set(words.split(" ")) <= VOCABULARY


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_thousands_structure(n: int, k: int) -> None:
    words = number_to_words(n * 1000 + k)
    head = f"{number_to_words(n)} nghìn"
    if k == 0:
        assert words == head
    elif k >= 100:
        assert words == f"{head} {number_to_words(k)}"
    elif k >= 10:
        assert words == f"{head} không trăm {number_to_words(k)}"
    else:
        assert words == f"{head} không trăm linh {number_to_words(k)}"


@given(st.integers(min_value=1, max_value=10**12), st.integers(min_value=100, max_value=999))
def test_last_group_read_alone_when_hundreds_nonzero(n: int, k: int) -> None:
    assert number_to_words(n * 1000 + k).endswith(" " + number_to_words(k))


@given(st.integers(min_value=0, max_value=10**15))
def test_words_invert(n: int) -> None:
    assert words_to_number(number_to_words(n)) == n
    assert words_to_number(number_to_words(n, zero_tens="lẻ")) == n
    assert words_to_number(number_to_words(-n)) == -n


def test_words_invert_exhaustive_below_one_hundred_thousand() -> None:
    for n in range(100_000):
        assert words_to_number(number_to_words(n)) == n


@given(st.integers(min_value=0, max_value=10**30))
def test_words_invert_huge(n: int) -> None:
    assert words_to_number(number_to_words(n)) == n


def test_decimals_drop_trailing_zeros_and_use_a_comma() -> None:
    """Issue 12 item 12: a coefficient stored as 0.80 read "0.80" on the decision."""
    from tdkt.core.vi import format_decimal

    assert format_decimal(Decimal("0.80")) == "0,8"
    assert format_decimal(Decimal("3.0")) == "3"
    assert format_decimal(Decimal("1502.50")) == "1.502,5"
    assert format_decimal(1502) == "1.502"
    assert format_decimal(Decimal("-0.30")) == "-0,3"
    assert format_decimal(Decimal("0.8"), decimal_sep=".", thousands_sep=",") == "0.8"
    with pytest.raises(ValueError):
        format_decimal(Decimal("NaN"))


def test_so_filter_reads_a_coefficient_in_the_readers_language() -> None:
    from django.utils import translation

    from tdkt.core.templatetags.vi import so

    with translation.override("vi"):
        assert so(Decimal("0.80")) == "0,8" and so(1502) == "1.502"
    with translation.override("en"):
        assert so(Decimal("0.80")) == "0.8" and so(1502) == "1,502"
