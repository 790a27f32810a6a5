from __future__ import annotations

import datetime as dt

import pytest

from tdkt.eligibility.catalogue import load_catalogue
from tdkt.org.models import SchoolYear


@pytest.fixture
def cat(db):
    """The catalogue loaded and school years 2015-2016 … 2026-2027 present."""
    load_catalogue()
    have = set(SchoolYear.objects.values_list("start_year", flat=True))
    SchoolYear.objects.bulk_create([SchoolYear(start_year=y, start_date=dt.date(y, 9, 1), end_date=dt.date(y + 1, 8, 31))
                                    for y in range(2015, 2027) if y not in have])


@pytest.fixture
def w(world, cat):
    return world
