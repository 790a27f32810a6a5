from django import template
from django.utils.translation import gettext

from tdkt.core.vi.dates import format_date_vn

register = template.Library()


@register.filter
def ngay_vn(value):
    """"ngày 27 tháng 10 năm 2023" (Nghị định 30)."""
    return format_date_vn(value) if value else ""


@register.filter
def so_vn(value):
    """A figure with the Vietnamese decimal comma and no trailing zeros: "62,5"."""
    if value is None or value == "":
        return ""
    from decimal import Decimal

    return format(Decimal(value).normalize(), "f").replace(".", ",")


@register.filter
def nhom_don_vi(categories):
    """Unit categories a milestone applies to, in words ("cơ sở giáo dục"), or "mọi đơn vị"."""
    from tdkt.org.choices import UnitCategory

    labels = dict(UnitCategory.choices)
    return ", ".join(str(labels.get(c, c)).lower() for c in categories or []) or gettext("mọi đơn vị")
