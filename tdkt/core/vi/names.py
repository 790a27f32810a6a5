"""Vietnamese personal names and their alphabetical order.

Terms:

* A full name (*họ và tên*) is written family name (*họ*) first, then the
  middle name(s) (*tên đệm*/*tên lót*), then the given name (*tên*):
  "Nguyễn Thị Minh Khai" is họ "Nguyễn", tên đệm "Thị Minh", tên "Khai".
* Class lists and award lists are sorted by *tên* first, then tên đệm,
  then họ, because so many people share the same few family names.
* The Vietnamese alphabet treats ă, â, đ, ê, ô, ơ, ư as letters of their own
  (a < ă < â < b ... d < đ), while the five tone marks (*dấu thanh*:
  huyền, hỏi, ngã, sắc, nặng) only break ties between otherwise equal words,
  in the order ngang (no mark), huyền, hỏi, ngã, sắc, nặng.
"""

from __future__ import annotations

import unicodedata

__all__ = [
    "SORT_STRING_MAX_LENGTH",
    "full_name",
    "letter_key",
    "name_sort_key",
    "name_sort_string",
    "split_full_name",
]

SORT_STRING_MAX_LENGTH = 255

# f, j, w, z are not Vietnamese letters but occur in foreign and ethnic-minority
# names; they go where the Latin alphabet puts them.
_ALPHABET: tuple[str, ...] = (
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
    "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
)  # fmt: skip

# Primary codes are two decimal digits so name_sort_string can be fixed width;
# 0 is reserved for the part separator, which must sort below everything.
_CODE_SPACE = 1
_CODE_PUNCTUATION = 2
_CODE_DIGIT_BASE = 3
_LETTER_BASE = _CODE_DIGIT_BASE + 10
_LETTER_CODES: dict[str, int] = {letter: _LETTER_BASE + i for i, letter in enumerate(_ALPHABET)}
_CODE_OTHER = 99

_BREVE = "\u0306"
_CIRCUMFLEX = "\u0302"
_HORN = "\u031b"
_LETTER_MARKS: dict[tuple[str, str], str] = {
    ("a", _BREVE): "ă",
    ("a", _CIRCUMFLEX): "â",
    ("e", _CIRCUMFLEX): "ê",
    ("o", _CIRCUMFLEX): "ô",
    ("o", _HORN): "ơ",
    ("u", _HORN): "ư",
}

_TONE_NONE = 1
# ngang(1) < huyền < hỏi < ngã < sắc < nặng, the order of Vietnamese dictionaries.
_TONES: dict[str, int] = {
    "\u0300": 2,  # huyền (grave)
    "\u0309": 3,  # hỏi (hook above)
    "\u0303": 4,  # ngã (tilde)
    "\u0301": 5,  # sắc (acute)
    "\u0323": 6,  # nặng (dot below)
}

_CASE_LOWER = 1
_CASE_UPPER = 2

# U+00D0 (Icelandic eth) looks exactly like Đ and is produced by some legacy
# encoders (TCVN3/VNI converters), so it is read as Đ.
_LOOKALIKES: dict[str, str] = {"\u00d0": "\u0110"}


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def split_full_name(full: str) -> tuple[str, str, str]:
    """Split a *họ và tên* into (họ, tên đệm, tên).

    "Nguyễn Thị Minh Khai" gives ("Nguyễn", "Thị Minh", "Khai"); a single word
    is taken as the given name. Whitespace is collapsed and the text is
    normalised to NFC.
    """
    words = _clean(full).split()
    if not words:
        return ("", "", "")
    if len(words) == 1:
        return ("", "", words[0])
    return (words[0], " ".join(words[1:-1]), words[-1])


def full_name(family: str, middle: str, given: str) -> str:
    """Join (họ, tên đệm, tên) back into a *họ và tên*, skipping empty parts."""
    return " ".join(part for part in (_clean(family), _clean(middle), _clean(given)) if part)


def _clusters(text: str) -> list[tuple[str, str]]:
    """Split into (base character, combining marks) pairs of the NFD form."""
    clusters: list[tuple[str, str]] = []
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            if clusters:
                base, marks = clusters[-1]
                clusters[-1] = (base, marks + char)
            # A mark with no base character carries no letter; drop it.
            continue
        clusters.append((_LOOKALIKES.get(char, char), ""))
    return clusters


def _weights(base: str, marks: str) -> tuple[int, int, int]:
    if base.isspace():
        return (_CODE_SPACE, _TONE_NONE, _CASE_LOWER)
    if "0" <= base <= "9":
        return (_CODE_DIGIT_BASE + int(base), _TONE_NONE, _CASE_LOWER)
    lower = base.lower()
    case = _CASE_UPPER if base != lower else _CASE_LOWER
    letter = lower
    for mark in marks:
        if (lower, mark) in _LETTER_MARKS:
            letter = _LETTER_MARKS[(lower, mark)]
            break
    code = _LETTER_CODES.get(letter)
    if code is None:
        return (_CODE_OTHER if base.isalnum() else _CODE_PUNCTUATION, _TONE_NONE, case)
    tone = next((_TONES[mark] for mark in marks if mark in _TONES), _TONE_NONE)
    return (code, tone, case)


def letter_key(s: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """Collation key of one string in Vietnamese alphabetical order.

    The key has three levels, compared in turn:

    1. letters, case-insensitively, with ă/â/đ/ê/ô/ơ/ư as distinct letters;
    2. tone marks (*dấu thanh*): ngang < huyền < hỏi < ngã < sắc < nặng;
    3. case, lower before upper.

    Precomposed (NFC) and decomposed (NFD) input give the same key, and runs
    of whitespace count as one space. Characters outside the Latin alphabet
    share one code after all letters, so they are not ordered among
    themselves.
    """
    primary: list[int] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    for base, marks in _clusters(" ".join(s.split())):
        code, tone, case = _weights(base, marks)
        primary.append(code)
        secondary.append(tone)
        tertiary.append(case)
    return (tuple(primary), tuple(secondary), tuple(tertiary))


def name_sort_key(family: str, middle: str, given: str) -> tuple[tuple[int, ...], ...]:
    """Sort key for a person: by *tên*, then *tên đệm*, then *họ*.

    All primary levels (letters) of the three parts are compared before any
    tone mark, so "Ánh" sorts before "Bảo" whatever their family names, and
    tones only decide between names that are spelled alike.
    """
    keys = (letter_key(given), letter_key(middle), letter_key(family))
    return tuple(key[level] for level in range(3) for key in keys)


def name_sort_string(family: str, middle: str, given: str) -> str:
    """Encode ``name_sort_key`` as a string of digits for a database column.

    Ordering rows by this string (``ORDER BY sort_name``) gives the same order
    as ``name_sort_key`` in SQLite and PostgreSQL under any collation, because
    it contains only the digits 0-9, which every collation orders the same.

    Layout: each part's letters as two-digit codes followed by "00" (the
    separator sorts below every code, so a shorter name comes first); then the
    tone digits 1-6 of all letters, trailing ngang (1) dropped and closed by
    "0"; then case digits 1-2, trailing lower case (1) dropped. Dropping the
    trailing lowest values keeps the string short without changing the order,
    as those levels are only compared between names of equal spelling.
    The result is cut at ``SORT_STRING_MAX_LENGTH`` characters, which only
    affects names of about sixty letters or more.
    """
    key = name_sort_key(family, middle, given)
    primary = "".join("".join(f"{code:02d}" for code in part) + "00" for part in key[0:3])
    secondary = "".join(str(tone) for part in key[3:6] for tone in part).rstrip(str(_TONE_NONE)) + "0"
    tertiary = "".join(str(case) for part in key[6:9] for case in part).rstrip(str(_CASE_LOWER))
    return (primary + secondary + tertiary)[:SORT_STRING_MAX_LENGTH]
