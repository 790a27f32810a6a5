"""Vietnamese money formatting and number reading.

Terms:

* *đồng* (VND) is the currency unit; amounts are always whole đồng because
  the hào/xu subdivisions are no longer in circulation.
* *Số tiền bằng chữ* ("amount in words") is the spelled-out amount that
  Vietnamese administrative and accounting documents print next to the figure,
  e.g. "Một triệu năm trăm nghìn đồng".
* Digits are grouped by three with dots ("1.500.000"), the comma being the
  Vietnamese decimal mark.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

__all__ = ["amount_in_words", "format_vnd", "number_to_words", "parse_vnd"]

_DIGITS: tuple[str, ...] = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_BILLION = 10**9
# Scales inside one "tỷ" block, highest first; larger numbers recurse on tỷ.
_SCALES: tuple[tuple[int, str], ...] = ((10**6, "triệu"), (10**3, "nghìn"), (1, ""))
_ZERO_TENS_WORDS = frozenset({"linh", "lẻ"})


def _whole_dong(amount: int | Decimal | float) -> int:
    """Return ``amount`` as an int of whole đồng, refusing fractions of a đồng."""
    if isinstance(amount, bool):
        # bool is an int subclass; a True amount is always a bug upstream.
        raise TypeError(f"Số tiền phải là số nguyên, không phải {amount!r}.")
    if isinstance(amount, int):
        return amount
    if isinstance(amount, float):
        # Floats sneak in from spreadsheets and templates; accept them only when exact.
        if amount != amount or amount in (float("inf"), float("-inf")) or not amount.is_integer():
            raise ValueError(f"Số tiền phải là số nguyên đồng: {amount!r}.")
        return int(amount)
    if isinstance(amount, Decimal):
        if not amount.is_finite() or amount != amount.to_integral_value():
            raise ValueError(f"Số tiền phải là số nguyên đồng: {amount}.")
        return int(amount)
    raise TypeError(f"Số tiền phải là int hoặc Decimal, không phải {type(amount).__name__}.")


def format_vnd(amount: int | Decimal, *, unit: bool = True) -> str:
    """Format an amount of đồng with dot thousands separators.

    ``format_vnd(1500000)`` gives "1.500.000 đồng"; ``unit=False`` drops the
    " đồng" suffix. Decimal amounts must be whole đồng (ValueError otherwise).
    """
    value = _whole_dong(amount)
    digits = f"{abs(value):,}".replace(",", ".")
    text = f"-{digits}" if value < 0 else digits
    return f"{text} đồng" if unit else text


def format_decimal(value: int | Decimal, *, decimal_sep: str = ",", thousands_sep: str = ".") -> str:
    """A number the Vietnamese way, trailing zeros dropped: ``Decimal("0.80")`` gives "0,8", a
    coefficient of 3.0 gives "3", 1502.5 gives "1.502,5". English readers pass the separators
    swapped ("0.8", "1,502.5")."""
    d = Decimal(value)
    if not d.is_finite():
        raise ValueError(f"Không phải là số: {value}.")
    d = d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()
    sign = "-" if d < 0 else ""
    whole, _dot, frac = f"{abs(d):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", thousands_sep)
    return f"{sign}{grouped}{decimal_sep}{frac}" if frac else f"{sign}{grouped}"


_VND_SUFFIX = re.compile(r"\s*(?:đồng|đ|vnđ|vnd)\s*$", re.IGNORECASE)
_VND_NUMBER = re.compile(r"-?(?:\d{1,3}(?:\.\d{3})+|\d+)")


def parse_vnd(text: str) -> int:
    """Parse an amount written as ``format_vnd`` writes it.

    Accepts "1.500.000", "1.500.000 đồng" and "1500000" (also the common
    "đ"/"VNĐ" suffixes). Dots must group digits by exactly three, since a
    stray dot or comma usually means the user typed a decimal amount.
    """
    if not isinstance(text, str):
        raise TypeError(f"Số tiền cần là chuỗi ký tự, không phải {type(text).__name__}.")
    # Input typed on macOS or copied from PDFs is often NFD and may hold no-break spaces.
    cleaned = " ".join(unicodedata.normalize("NFC", text).split())
    cleaned = _VND_SUFFIX.sub("", cleaned)
    if cleaned.startswith("- "):
        cleaned = "-" + cleaned[2:]
    if not _VND_NUMBER.fullmatch(cleaned):
        raise ValueError(
            f"Số tiền không hợp lệ: '{text}'. Hãy nhập số nguyên đồng, ví dụ 1.500.000 hoặc 1.500.000 đồng."
        )
    return int(cleaned.replace(".", ""))


def _read_group(value: int, *, full: bool, zero_tens: str) -> list[str]:
    """Read a group of three digits (1..999).

    ``full`` is set when a higher group precedes this one, so a zero hundreds
    digit must still be read ("không trăm") to keep the reading unambiguous.
    """
    hundreds, rest = divmod(value, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append(zero_tens)
            words.append(_DIGITS[units])
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else _DIGITS[units])
    else:
        words += [_DIGITS[tens], "mươi"]
        if units == 1:
            words.append("mốt")
        elif units == 4:
            words.append("tư")
        elif units == 5:
            words.append("lăm")
        elif units:
            words.append(_DIGITS[units])
    return words


def _read_below_billion(value: int, *, full: bool, zero_tens: str) -> list[str]:
    words: list[str] = []
    for scale, name in _SCALES:
        group, value = divmod(value, scale)
        if not group:
            continue
        words += _read_group(group, full=full, zero_tens=zero_tens)
        if name:
            words.append(name)
        full = True
    return words


def _read(value: int, *, full: bool, zero_tens: str) -> list[str]:
    # Recursing on tỷ yields "nghìn tỷ", "triệu tỷ", "tỷ tỷ" naturally and keeps
    # mixed amounts such as 1.001 tỷ readable ("một nghìn không trăm linh một tỷ").
    high, low = divmod(value, _BILLION)
    words: list[str] = []
    if high:
        words += _read(high, full=full, zero_tens=zero_tens)
        words.append("tỷ")
    if low:
        words += _read_below_billion(low, full=full or bool(high), zero_tens=zero_tens)
    return words


def number_to_words(n: int, zero_tens: str = "linh") -> str:
    """Read an integer in Vietnamese, lower case, without a unit.

    ``number_to_words(2050000)`` gives "hai triệu không trăm năm mươi nghìn".
    ``zero_tens`` is the word for an empty tens place before a unit digit:
    "linh" (northern usage, the default) or "lẻ" (southern usage), as in
    "một trăm linh năm" / "một trăm lẻ năm". Negative numbers start with "âm".
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"Cần một số nguyên, không phải {n!r}.")
    if zero_tens not in _ZERO_TENS_WORDS:
        raise ValueError(f"zero_tens phải là 'linh' hoặc 'lẻ', không phải {zero_tens!r}.")
    if n == 0:
        return _DIGITS[0]
    words = _read(abs(n), full=False, zero_tens=zero_tens)
    if n < 0:
        words.insert(0, "âm")
    return " ".join(words)


def amount_in_words(amount: int | Decimal) -> str:
    """Spell out an amount of money (*số tiền bằng chữ*).

    ``amount_in_words(1500000)`` gives "Một triệu năm trăm nghìn đồng"; the
    first letter is capitalised as documents print it as a sentence.
    """
    words = number_to_words(_whole_dong(amount))
    return f"{words[0].upper()}{words[1:]} đồng"
