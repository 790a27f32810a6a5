"""Keyset-free, bounded pagination shared by pages and the API."""

from django.conf import settings
from django.core.paginator import Paginator


def paginate(qs, page_value, per_page: int | None = None):
    paginator = Paginator(qs, per_page or settings.PAGE_SIZE)
    return paginator.get_page(page_value)
