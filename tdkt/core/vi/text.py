"""Accent-insensitive search helpers.

Users often type Vietnamese without diacritics (*không dấu*), e.g. "nguyen van
an" for "Nguyễn Văn An", so search compares folded forms of both sides.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "search_terms"]

# đ/Đ are separate letters, not d plus a mark, so Unicode decomposition leaves
# them alone; U+00D0 (eth) is included because legacy converters emit it for Đ.
_STROKE_LETTERS = str.maketrans({"đ": "d", "Đ": "d", "\u00d0": "d"})
_WORD = re.compile(r"[^\W_]+")


def fold(s: str) -> str:
    """Fold text for accent-insensitive search (*bỏ dấu*).

    Strips every diacritic (tone marks and the ă/â/ê/ô/ơ/ư marks), maps
    đ/Đ to d, lower-cases and collapses whitespace, so that
    "ĐINH TIÊN HOÀNG" and "dinh tien hoang" fold alike. NFC and NFD input
    give the same result.
    """
    # Case-fold before stripping marks: folding can itself produce marks
    # (İ becomes i + U+0307), which must be stripped too.
    decomposed = unicodedata.normalize("NFD", s.translate(_STROKE_LETTERS).casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(unicodedata.normalize("NFC", bare).split())


def search_terms(query: str) -> list[str]:
    """Folded words of a search query; punctuation separates words."""
    return _WORD.findall(fold(query))
