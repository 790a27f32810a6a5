"""Histories show the whole line (issue 18): a unit's predecessors however many reorganisations
back, the reorganisations with their decisions, and on a person's page those of the units worked in."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from tdkt.org.models import Unit
from tdkt.org.services import NewUnit, UnitDecision, unit_merge, unit_rename, unit_transfer

DAY = dt.date(2025, 7, 1)


def _decision(number, effective=DAY):
    return UnitDecision(number=number, date=dt.date(2025, 6, 20), issuer="Ủy ban nhân dân Quận Thử",
                        effective_date=effective)


def _line(world):
    """B merges into A (2025); A and C later merge into a new school (2026)."""
    unit_merge(actor=None, sources=[world.school_b], target=world.school_a, decision=_decision("11/QĐ-UBND"))
    event = unit_merge(actor=None, sources=[world.school_a, world.school_c], decision=_decision(
        "22/QĐ-UBND", dt.date(2026, 7, 1)), new_unit=NewUnit(code="LC-NEW", name="Trường Liên cấp Mới"))
    return Unit.objects.get(pk=event.links.get(role="result").unit_id)


def test_unit_history_lists_every_predecessor_and_the_decisions(world, client):
    new = _line(world)
    client.force_login(world.users.admin)
    page = client.get(reverse("dashboards:unit_history", args=[new.pk])).content.decode()
    # B reached the new school through A: two reorganisations back.
    for name in ("Trường Tiểu học Kết Đoàn", "Trường Tiểu học Đinh Tiên Hoàng", "Trường Mầm non Bé Ngoan"):
        assert name in page
    assert "11/QĐ-UBND" in page and "22/QĐ-UBND" in page
    old = client.get(reverse("dashboards:unit_history", args=[world.school_b.pk])).content.decode()
    assert "Trường Liên cấp Mới" in old  # the successors, to the end of the line


def test_person_history_shows_the_reorganisations_of_the_units_worked_in(world, client):
    ward = Unit.objects.add_child(Unit.objects.get(pk=world.so.pk), {
        "code": "P-THU", "name": "Ủy ban nhân dân phường Thử", "unit_type": world.types["ubnd-xa"]})
    unit_transfer(actor=None, unit=world.school_a, new_parent=ward, decision=_decision("33/QĐ-UBND"))
    unit_rename(actor=None, unit=world.school_c, name="Trường Mầm non Khác", decision=_decision("44/QĐ-UBND"))
    client.force_login(world.users.admin)
    # An works in a subject group of school A: the school's move is his context.
    page = client.get(reverse("dashboards:person_history", args=[world.an.pk])).content.decode()
    assert 'data-testid="person-unit-events"' in page and "33/QĐ-UBND" in page
    assert "Ủy ban nhân dân phường Thử" in page and "44/QĐ-UBND" not in page
