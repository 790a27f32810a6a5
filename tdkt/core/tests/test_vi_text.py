"""Tests for accent-insensitive search folding."""

from __future__ import annotations

import unicodedata
from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.core.vi.text import fold, search_terms

_BASES = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_VOWELS = "aăâeêioôơuưy"
_TONE_MARKS = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_LOWER = sorted(
    {unicodedata.normalize("NFC", b + t) for b in _BASES for t in _TONE_MARKS if b in _VOWELS or not t}
)
VIETNAMESE_LETTERS = _LOWER + [c.upper() for c in _LOWER]

vietnamese_text = st.text(
    alphabet=st.sampled_from(VIETNAMESE_LETTERS + [" ", "\t", "\n", "\u00a0"]), max_size=40
)
any_form: st.SearchStrategy[Literal["NFC", "NFD"]] = st.sampled_from(["NFC", "NFD"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nguyễn Văn An", "nguyen van an"),
        ("ĐINH TIÊN HOÀNG", "dinh tien hoang"),
        ("  Trần   Thị\tỶ  ", "tran thi y"),
        ("Phượng Ưng Ơn", "phuong ung on"),
        ("đường Đồng Khởi", "duong dong khoi"),
        ("\u00d0\u1ee9c", "duc"),
        ("", ""),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected
    assert fold(unicodedata.normalize("NFD", text)) == expected


def test_search_terms() -> None:
    assert search_terms("  Nguyễn  Văn An ") == ["nguyen", "van", "an"]
    assert search_terms("Trần, Thị-Bình") == ["tran", "thi", "binh"]
    assert search_terms("   ") == []
    assert search_terms("") == []
    assert search_terms("lớp 10A1") == ["lop", "10a1"]


@given(vietnamese_text, any_form)
def test_fold_vietnamese_is_ascii(text: str, form: Literal["NFC", "NFD"]) -> None:
    folded = fold(unicodedata.normalize(form, text))
    assert folded.isascii()
    assert folded == folded.lower()
    assert "  " not in folded
    assert folded == folded.strip()


@given(vietnamese_text)
def test_fold_ignores_case(text: str) -> None:
    assert fold(text.upper()) == fold(text)
    assert fold(text.lower()) == fold(text)


@given(vietnamese_text)
def test_fold_nfc_nfd_same(text: str) -> None:
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))


@given(st.one_of(vietnamese_text, st.text()))
def test_fold_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(vietnamese_text)
def test_search_terms_are_folded_words(text: str) -> None:
    terms = search_terms(text)
    assert all(terms)
    assert " ".join(terms) == fold(text)
