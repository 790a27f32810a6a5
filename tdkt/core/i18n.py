"""Helpers for the second language (English) where Python, not a template, makes the words."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from django.utils.translation import gettext, pgettext


def translated_columns(columns: Iterable):
    """Spreadsheet columns (dataclasses with a ``title`` marked by gettext_noop, and a
    ``context`` when the words need one) with their titles in the reader's language: an
    export reads like the page it comes from."""
    return [dataclasses.replace(c, title=pgettext(c.context, c.title) if getattr(c, "context", "") else
                                gettext(c.title)) for c in columns]


def in_vietnamese(func):
    """Official documents (decisions, minutes, reports, certificates) are Vietnamese
    whatever language the reader chose for the pages: choice labels and position names
    pulled into them while this runs come out in Vietnamese."""
    import functools

    from django.utils import translation

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with translation.override("vi"):
            return func(*args, **kwargs)

    return wrapper
