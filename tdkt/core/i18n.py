"""Helpers for the second language (English) where Python, not a template, makes the words."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from django.utils.translation import gettext


def translated_columns(columns: Iterable):
    """Spreadsheet columns (dataclasses with a ``title`` marked by gettext_noop) with their
    titles in the reader's language: an export reads like the page it comes from."""
    return [dataclasses.replace(c, title=gettext(c.title)) for c in columns]
