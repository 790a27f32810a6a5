from django import template

from tdkt.core.vi.dates import format_date_vn

register = template.Library()


@register.filter
def ngay_vn(value):
    """"ngày 27 tháng 10 năm 2023" (Nghị định 30)."""
    return format_date_vn(value) if value else ""
