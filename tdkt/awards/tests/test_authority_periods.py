"""Who decides, by date (the real reference rows, not the test world's pre-reform extension):
until 30/06/2025 the Phòng GD&ĐT and UBND quận/huyện decide grassroots titles; from 01/07/2025 the
district level is gone and the commune chairman decides (NĐ 129/2025/NĐ-CP, Điều 59)."""

from __future__ import annotations

import datetime as dt

import pytest

from tdkt.awards.checks import authority_levels, can_grant
from tdkt.awards.choices import GrantAction
from tdkt.awards.models import GrantAuthority
from tdkt.awards.reference import load_money_rules
from tdkt.eligibility.catalogue import load_catalogue
from tdkt.eligibility.choices import AwardLevel
from tdkt.org.models import UnitType

LAST_DISTRICT_DAY, FIRST_COMMUNE_DAY = dt.date(2025, 6, 30), dt.date(2025, 7, 1)


@pytest.fixture
def types(db):
    from tdkt.org.reference import load_unit_types

    load_unit_types()
    load_catalogue()
    load_money_rules()
    return {t.code: t for t in UnitType.objects.all()}


@pytest.mark.parametrize("code", ["phong-gddt", "ubnd-huyen"])
def test_district_level_decides_until_30_06_2025_and_nothing_after(types, code):
    assert AwardLevel.CO_SO in authority_levels(types[code], GrantAction.GRANT, LAST_DISTRICT_DAY)
    assert authority_levels(types[code], None, FIRST_COMMUNE_DAY) == set()
    assert authority_levels(types[code], None, dt.date(2026, 12, 7)) == set()


def test_commune_chairman_decides_grassroots_titles_from_01_07_2025_citing_nd_129(types):
    ward = types["ubnd-xa"]
    levels = authority_levels(ward, GrantAction.GRANT, FIRST_COMMUNE_DAY)
    assert AwardLevel.CO_SO in levels and AwardLevel.TINH_BO not in levels
    assert AwardLevel.TINH_BO in authority_levels(ward, GrantAction.PROPOSE, FIRST_COMMUNE_DAY)
    row = GrantAuthority.objects.get(unit_type=ward, award_level=AwardLevel.CO_SO, effective_from=FIRST_COMMUNE_DAY)
    assert "129/2025/NĐ-CP" in row.citation and "Điều 59" in row.citation


def test_commune_office_advises_but_does_not_decide(types):
    vhxh = types["phong-vhxh"]
    assert authority_levels(vhxh, GrantAction.GRANT, dt.date(2026, 6, 1)) == set()
    assert AwardLevel.CO_SO in authority_levels(vhxh, GrantAction.PROPOSE, dt.date(2026, 6, 1))


def test_reloading_keeps_one_row_per_period(types):
    before = GrantAuthority.objects.count()
    load_money_rules()
    assert GrantAuthority.objects.count() == before


def test_can_grant_follows_the_decision_date(types):
    from types import SimpleNamespace

    unit = SimpleNamespace(unit_type=types["phong-gddt"])
    award = SimpleNamespace(level=AwardLevel.CO_SO)
    assert can_grant(unit, award, LAST_DISTRICT_DAY)
    assert not can_grant(unit, award, FIRST_COMMUNE_DAY)
