"""Template filters for Vietnamese dates, money and names (built in to every template)."""

from datetime import date, datetime

from django import template
from django.utils import timezone

from tdkt.core.vi import amount_in_words, format_date_short, format_date_vn, format_vnd

register = template.Library()


def _as_date(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@register.filter
def ngay(value: date | None) -> str:
    """"ngày 05 tháng 02 năm 2024" (Nghị định 30/2020)."""
    return format_date_vn(_as_date(value)) if value else ""


@register.filter
def ddmmyyyy(value: date | None) -> str:
    return format_date_short(_as_date(value)) if value else ""


@register.filter
def vnd(value) -> str:
    return format_vnd(value) if value is not None else ""


@register.filter
def vnd_words(value) -> str:
    return amount_in_words(value) if value is not None else ""
