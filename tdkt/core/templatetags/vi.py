"""Template filters for Vietnamese dates, money and names (built in to every template).

These serve pages, which follow the reader's language; official documents are built in
Python (tdkt.documents) with tdkt.core.vi directly and stay Vietnamese."""

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

from tdkt.core.vi import amount_in_words, format_date_short, format_date_vn, format_decimal, format_vnd

register = template.Library()


def _as_date(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _english() -> bool:
    return get_language() == "en"


@register.filter
def ngay(value: date | None) -> str:
    """"ngày 05 tháng 02 năm 2024" (Nghị định 30/2020); "5 February 2024" for a reader of English."""
    if not value:
        return ""
    day = _as_date(value)
    return date_format(day, "j F Y") if _english() else format_date_vn(day)


@register.filter
def ddmmyyyy(value: date | None) -> str:
    return format_date_short(_as_date(value)) if value else ""


@register.filter
def vnd(value) -> str:
    """"1.500.000 đồng"; "1,500,000 VND" for a reader of English."""
    if value is None:
        return ""
    if _english():
        return format_vnd(value, unit=False).replace(".", ",") + " VND"
    return format_vnd(value)


@register.filter
def so(value) -> str:
    """A number with the separators of the reader's language: "1.502", "0,8"; "1,502", "0.8" in
    English (a coefficient stored as 0.80 is not shown as "0.80")."""
    if value is None or value == "":
        return ""
    if _english():
        return format_decimal(value, decimal_sep=".", thousands_sep=",")
    return format_decimal(value)


@register.filter
def vnd_words(value) -> str:
    return amount_in_words(value) if value is not None else ""
