"""Tests for Vietnamese names and their alphabetical order."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.core.vi.names import (
    SORT_STRING_MAX_LENGTH,
    full_name,
    letter_key,
    name_sort_key,
    name_sort_string,
    split_full_name,
)

# Every letter with every tone, lower and upper case, plus the foreign letters.
_BASES = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_VOWELS = "aăâeêioôơuưy"
_TONE_MARKS = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
LETTERS = sorted(
    {unicodedata.normalize("NFC", b + t) for b in _BASES for t in _TONE_MARKS if b in _VOWELS or not t}
)
LETTERS += [c.upper() for c in LETTERS]

word = st.text(alphabet=st.sampled_from(LETTERS), min_size=1, max_size=7)
middle_name = st.lists(word, max_size=2).map(" ".join)
normal_form: st.SearchStrategy[Literal["NFC", "NFD"]] = st.sampled_from(["NFC", "NFD"])


@st.composite
def names(draw: st.DrawFn) -> tuple[str, str, str]:
    form = draw(normal_form)
    parts = (draw(word), draw(middle_name), draw(word))
    return tuple(unicodedata.normalize(form, p) for p in parts)  # type: ignore[return-value]


# A tiny alphabet makes ties on letters (and on tones) frequent, exercising the
# secondary and tertiary levels of the sort string.
_CLOSE_LETTERS = ["a", "à", "á", "ă", "ắ", "A", "À", "Á", "Ă", "b", "B"]
close_word = st.text(alphabet=st.sampled_from(_CLOSE_LETTERS), min_size=1, max_size=3)


@st.composite
def close_names(draw: st.DrawFn) -> tuple[str, str, str]:
    form = draw(normal_form)
    parts = (draw(close_word), draw(st.lists(close_word, max_size=2).map(" ".join)), draw(close_word))
    return tuple(unicodedata.normalize(form, p) for p in parts)  # type: ignore[return-value]


any_names = st.one_of(names(), close_names())


def words_in_order(*words: str) -> None:
    keys = [letter_key(w) for w in words]
    assert keys == sorted(keys), words
    assert len(set(keys)) == len(keys), words


# --- split / join -----------------------------------------------------------


@pytest.mark.parametrize(
    ("full", "expected"),
    [
        ("Nguyễn Thị Minh Khai", ("Nguyễn", "Thị Minh", "Khai")),
        ("Trần Văn An", ("Trần", "Văn", "An")),
        ("Lê Lợi", ("Lê", "", "Lợi")),
        ("Khai", ("", "", "Khai")),
        ("", ("", "", "")),
        ("   ", ("", "", "")),
        ("  Nguyễn   Thị\tMinh  Khai ", ("Nguyễn", "Thị Minh", "Khai")),
    ],
)
def test_split_full_name(full: str, expected: tuple[str, str, str]) -> None:
    assert split_full_name(full) == expected


def test_split_full_name_normalises_to_nfc() -> None:
    family, middle, given_name = split_full_name(unicodedata.normalize("NFD", "Nguyễn Thị Ánh"))
    assert (family, middle, given_name) == ("Nguyễn", "Thị", "Ánh")
    assert all(unicodedata.is_normalized("NFC", p) for p in (family, middle, given_name))


def test_full_name() -> None:
    assert full_name("Nguyễn", "Thị Minh", "Khai") == "Nguyễn Thị Minh Khai"
    assert full_name("Lê", "", "Lợi") == "Lê Lợi"
    assert full_name("", "", "Khai") == "Khai"
    assert full_name(" Nguyễn ", " Thị  Minh ", "Khai") == "Nguyễn Thị Minh Khai"


@given(names())
def test_split_inverts_full_name(name: tuple[str, str, str]) -> None:
    nfc = tuple(unicodedata.normalize("NFC", p) for p in name)
    assert split_full_name(full_name(*name)) == nfc


# --- letter_key ---------------------------------------------------------------


def test_hat_breve_horn_letters_are_distinct() -> None:
    words_in_order("An", "Ăn", "Ân", "Bình")
    words_in_order("Dũng", "Đức")
    words_in_order("Oanh", "Ông", "Ơn")
    words_in_order("Uyên", "Ưng")
    words_in_order("Em", "Êm", "Gấm")


def test_tones_are_secondary() -> None:
    words_in_order("Anh", "Ảnh", "Ánh")
    words_in_order("Ánh", "Bảo")
    words_in_order("ma", "mà", "mả", "mã", "má", "mạ")
    # Letters decide first even when the tone comes earlier in the word.
    words_in_order("Ánh", "Anhs")


def test_case_is_tertiary() -> None:
    words_in_order("an", "An", "AN", "ăn")
    words_in_order("An", "ân")
    words_in_order("đa", "Đa", "Đà")


def test_foreign_letters_take_latin_places() -> None:
    words_in_order("Esther", "Êm", "Fatima", "Giang", "Isaac", "Jane", "Khoa")
    words_in_order("Vy", "William", "Xuân", "Yến", "Zoe")


def test_letter_key_nfc_nfd_identical() -> None:
    for text in ("Nguyễn Thị Ánh", "Đặng Ưng", "Ỷ Lan", "Phượng"):
        assert letter_key(unicodedata.normalize("NFD", text)) == letter_key(
            unicodedata.normalize("NFC", text)
        )


def test_letter_key_collapses_whitespace() -> None:
    assert letter_key(" Thị   Minh ") == letter_key("Thị Minh")
    words_in_order("Thị Minh", "Thịnh")


def test_eth_lookalike_is_d_stroke() -> None:
    assert letter_key("\u00d0\u1ee9c") == letter_key("Đức")


@given(st.lists(st.text(alphabet=st.sampled_from(LETTERS + [" "]), max_size=10), min_size=1, max_size=10))
def test_letter_key_form_independent(words: list[str]) -> None:
    for w in words:
        assert letter_key(unicodedata.normalize("NFD", w)) == letter_key(unicodedata.normalize("NFC", w))


@given(st.text(max_size=20))
def test_letter_key_accepts_any_text(text: str) -> None:
    primary, secondary, tertiary = letter_key(text)
    assert len(primary) == len(secondary) == len(tertiary)
    assert all(0 < code < 100 for code in primary)


# --- name_sort_key / name_sort_string ----------------------------------------


def test_given_name_first() -> None:
    assert name_sort_key("Trần", "Văn", "An") < name_sort_key("Nguyễn", "Văn", "Bình")
    assert name_sort_key("Nguyễn", "Văn", "An") < name_sort_key("Trần", "Văn", "An")
    assert name_sort_key("Trần", "Thị", "An") < name_sort_key("Nguyễn", "Văn", "An")


def test_primary_of_all_parts_before_tones() -> None:
    # Same letters everywhere; the tone in the given name loses to letters in the family name.
    assert name_sort_key("Bùi", "Văn", "Ánh") < name_sort_key("Cao", "Văn", "Anh")
    assert name_sort_key("Lê", "Văn", "Anh") < name_sort_key("Lê", "Văn", "Ánh")


def test_shorter_given_name_first() -> None:
    assert name_sort_key("Trần", "", "An") < name_sort_key("Lê", "", "Anh")
    assert name_sort_string("Trần", "", "An") < name_sort_string("Lê", "", "Anh")


def test_sort_string_is_digits() -> None:
    s = name_sort_string("Nguyễn", "Thị Minh", "Khai")
    assert re.fullmatch(r"[0-9]+", s)
    assert len(s) <= SORT_STRING_MAX_LENGTH


def test_sort_string_fits_column_for_long_names() -> None:
    s = name_sort_string("Tôn Nữ", "Công Tằng Huyền Tôn Nữ Thị", "Ngọc Phương Quỳnh")
    assert len(s) <= SORT_STRING_MAX_LENGTH


def test_sort_string_nfc_nfd_identical() -> None:
    name = ("Nguyễn", "Thị Minh", "Ánh")
    nfd = tuple(unicodedata.normalize("NFD", p) for p in name)
    assert name_sort_string(*name) == name_sort_string(*nfd)


@given(st.lists(any_names, min_size=2, max_size=30))
def test_sort_string_orders_like_key(people: list[tuple[str, str, str]]) -> None:
    assert sorted(people, key=lambda p: name_sort_string(*p)) == sorted(
        people, key=lambda p: name_sort_key(*p)
    )


@given(close_names(), close_names())
def test_sort_string_agrees_pairwise_close(a: tuple[str, str, str], b: tuple[str, str, str]) -> None:
    ka, kb = name_sort_key(*a), name_sort_key(*b)
    sa, sb = name_sort_string(*a), name_sort_string(*b)
    assert (ka < kb) == (sa < sb)
    assert (ka == kb) == (sa == sb)


@given(names(), names())
def test_sort_string_agrees_pairwise(a: tuple[str, str, str], b: tuple[str, str, str]) -> None:
    ka, kb = name_sort_key(*a), name_sort_key(*b)
    sa, sb = name_sort_string(*a), name_sort_string(*b)
    assert (ka < kb) == (sa < sb)
    assert (ka == kb) == (sa == sb)


@given(names())
def test_sort_string_is_within_limit(name: tuple[str, str, str]) -> None:
    s = name_sort_string(*name)
    assert len(s) <= SORT_STRING_MAX_LENGTH
    assert re.fullmatch(r"[0-9]+", s)
