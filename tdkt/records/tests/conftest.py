import datetime as dt
from types import SimpleNamespace

import pytest

from .helpers import make_award_types


@pytest.fixture
def awards(db):
    return make_award_types()


@pytest.fixture
def years(world):
    from tdkt.org.services import school_year_get_or_create

    made = {y: school_year_get_or_create(actor=None, start_year=y) for y in (2021, 2022, 2023, 2024)}
    made[2025] = world.year
    return made


@pytest.fixture
def rec(world, awards, years):
    """The world, its award types and school years 2021-2025 in one namespace."""
    return SimpleNamespace(w=world, awards=awards, years=years, officer=world.users.officer_a, an=world.an,
                           today=dt.date.today())


@pytest.fixture
def people(rec):
    """More people with birth dates: two namesakes born the same day in school A
    (one in its Tổ 1), and one in school B, outside officer A's reach."""
    from tdkt.people.services import employment_add, person_create

    def add(family, middle, given, born, unit):
        p = person_create(actor=None, family_name=family, middle_name=middle, given_name=given, birth_date=born)
        employment_add(actor=None, person=p, unit=unit, position="giao_vien", start_date=dt.date(2019, 9, 1))
        return p

    born = dt.date(1990, 1, 1)
    return SimpleNamespace(
        mai_school=add("Trần", "Thị", "Mai", born, rec.w.school_a),
        mai_group=add("Trần", "Thị", "Mai", born, rec.w.group_a),
        lan=add("Lê", "Thị", "Lan", dt.date(1988, 5, 20), rec.w.school_b),
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
