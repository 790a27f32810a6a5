"""Reorganisation services (issue 18): rename, move, merge, split, close — each with its decision,
effective date and successor links; employment follows, nothing earlier is rewritten."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tdkt.accounts.models import Membership
from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.org import selectors
from tdkt.org.models import Unit, UnitEvent, UnitEventLink
from tdkt.org.services import (
    NewUnit,
    UnitDecision,
    unit_dissolve,
    unit_merge,
    unit_rename,
    unit_split,
    unit_transfer,
)
from tdkt.people.models import Employment

DAY = dt.date(2025, 7, 1)


def _decision(number="123/QĐ-UBND", effective=DAY):
    return UnitDecision(number=number, date=dt.date(2025, 6, 20), issuer="Ủy ban nhân dân Quận Thử",
                        effective_date=effective)


def _state():
    return (list(Unit.objects.order_by("pk").values_list("pk", "path", "name", "active_to", "successor_id")),
            list(Employment.objects.order_by("pk").values_list("pk", "unit_id", "start_date", "end_date")),
            UnitEvent.objects.count(), AuditEvent.objects.count())


def _posts(person):
    return list(person.employments.order_by("start_date", "pk").values_list("unit__code", "start_date", "end_date"))


def test_rename_keeps_the_old_name_in_history(world):
    event = unit_rename(actor=world.users.admin, unit=world.school_b, name="Trường Tiểu học Kết Đoàn mới",
                        decision=_decision())
    world.school_b.refresh_from_db()
    assert world.school_b.name == "Trường Tiểu học Kết Đoàn mới"
    link = event.links.get()
    assert (link.name_before, link.name_after, link.role) == ("Trường Tiểu học Kết Đoàn",
                                                              "Trường Tiểu học Kết Đoàn mới", "subject")
    assert selectors.unit_name_on(unit=world.school_b, day=dt.date(2025, 6, 30)) == "Trường Tiểu học Kết Đoàn"
    assert selectors.unit_name_on(unit=world.school_b, day=DAY) == "Trường Tiểu học Kết Đoàn mới"
    assert AuditEvent.objects.filter(event_type="unit.rename", target_id=str(event.pk)).count() == 1


def test_move_keeps_the_old_parent_and_the_staff(world):
    ward = Unit.objects.add_child(Unit.objects.get(pk=world.so.pk),
                                  {"code": "P-THU", "name": "Ủy ban nhân dân phường Thử",
                                   "unit_type": world.types["ubnd-xa"]})
    posts = _posts(world.an)
    event = unit_transfer(actor=world.users.admin, unit=world.school_a, new_parent=ward, decision=_decision())
    world.school_a.refresh_from_db()
    world.group_a.refresh_from_db()
    assert Unit.objects.get_parent(world.school_a) == ward and world.group_a.path.startswith(world.school_a.path)
    assert _posts(world.an) == posts  # the school and its tổ are the same units: nothing to rewrite
    link = event.links.get()
    assert (link.parent_before, link.parent_after) == (world.phong, ward)
    assert selectors.unit_parent_on(unit=world.school_a, day=dt.date(2024, 1, 1)) == world.phong
    assert selectors.unit_parent_on(unit=world.school_a, day=DAY) == ward
    assert Unit.objects.find_problems() == ([], [], [], [], [])


def test_merge_into_an_existing_school(world):
    membership = Membership.objects.get(user=world.users.officer_b)
    event = unit_merge(actor=world.users.admin, sources=[world.school_b], target=world.school_a, decision=_decision())
    world.school_b.refresh_from_db()
    assert world.school_b.active_to == dt.date(2025, 6, 30) and world.school_b.successor == world.school_a
    # Cường's post at the closed school ends the day before; the same post opens at the target.
    assert _posts(world.cuong) == [("TH-B", dt.date(2020, 9, 1), dt.date(2025, 6, 30)), ("TH-A", DAY, None)]
    membership.refresh_from_db()
    assert membership.active_to == dt.date(2025, 6, 30)
    assert {(link.unit.code, link.role) for link in event.links.all()} == {("TH-B", "source"), ("TH-A", "result")}
    assert [u.code for u in selectors.unit_predecessors(unit=world.school_a)] == ["TH-B"]
    assert selectors.unit_line_ids(unit=world.school_a) == {world.school_a.pk, world.school_b.pk}
    assert [u.code for u in selectors.unit_successors(unit=world.school_b)] == ["TH-A"]


def test_merge_several_into_a_new_school(world):
    event = unit_merge(actor=world.users.admin, sources=[world.school_b, world.school_c], decision=_decision(),
                       new_unit=NewUnit(code="TH-BC", name="Trường Tiểu học Liên Hợp"))
    new = Unit.objects.get(code="TH-BC")
    assert new.active_from == DAY and Unit.objects.get_parent(new) == world.phong
    assert set(Unit.objects.filter(successor=new).values_list("code", flat=True)) == {"TH-B", "MN-C"}
    assert {u.code for u in selectors.unit_predecessors(unit=new)} == {"TH-B", "MN-C"}
    assert _posts(world.hoa)[-1] == ("TH-BC", DAY, None)
    assert event.links.filter(role="source").count() == 2


def test_split_into_two_with_the_staff_placed(world):
    event = unit_split(
        actor=world.users.admin, unit=world.school_a, decision=_decision(),
        results=[NewUnit(code="TH-A1", name="Trường Tiểu học A1"), NewUnit(code="TH-A2", name="Trường Tiểu học A2")],
    )
    a1, a2 = Unit.objects.get(code="TH-A1"), Unit.objects.get(code="TH-A2")
    world.school_a.refresh_from_db()
    world.group_a.refresh_from_db()
    assert world.school_a.active_to == dt.date(2025, 6, 30) and world.school_a.successor == a1
    assert world.group_a.path.startswith(a1.path)  # the tổ goes to the first result, its staff with it
    assert _posts(world.binh) == [("TH-A", dt.date(2020, 9, 1), dt.date(2025, 6, 30)), ("TH-A1", DAY, None)]
    assert {link.unit.code for link in event.links.filter(role="result")} == {"TH-A1", "TH-A2"}
    assert [u.code for u in selectors.unit_predecessors(unit=a2)] == ["TH-A"]


def test_split_places_named_people_in_their_part(world):
    a2 = Unit.objects.add_child(Unit.objects.get(pk=world.phong.pk),
                                {"code": "TH-A2", "name": "Trường Tiểu học A2", "unit_type": world.types["truong-th"]})
    unit_split(actor=world.users.admin, unit=world.school_a, decision=_decision(),
               results=[NewUnit(code="TH-A1", name="Trường Tiểu học A1"), a2], staff_to={world.binh.pk: a2},
               subunits_to={world.group_a.pk: a2})
    assert _posts(world.binh)[-1] == ("TH-A2", DAY, None)
    world.group_a.refresh_from_db()
    assert world.group_a.path.startswith(Unit.objects.get(code="TH-A2").path)


@pytest.mark.parametrize("where", [2, True])
def test_split_refuses_a_part_that_is_not_one_of_its_results(world, where):
    # True is an int to Python but names no part: refused like a position out of range, not a crash
    before = _state()
    with pytest.raises(DomainValidationError, match="Chỉ có 2 phần"):
        unit_split(actor=world.users.admin, unit=world.school_a, decision=_decision(),
                   results=[NewUnit(code="TH-A1", name="Trường Tiểu học A1"),
                            NewUnit(code="TH-A2", name="Trường Tiểu học A2")], staff_to={world.binh.pk: where})
    assert _state() == before


def test_close_without_successor_ends_the_posts(world):
    unit_dissolve(actor=world.users.admin, unit=world.school_c, decision=_decision())
    world.school_c.refresh_from_db()
    assert world.school_c.active_to == dt.date(2025, 6, 30) and world.school_c.successor is None
    assert _posts(world.hoa) == [("MN-C", dt.date(2020, 9, 1), dt.date(2025, 6, 30))]
    assert UnitEventLink.objects.filter(unit=world.school_c, role="source", event__kind="close").exists()


def test_close_with_successor_carries_staff_and_subunits(world):
    unit_dissolve(actor=world.users.admin, unit=world.school_a, decision=_decision(), successor=world.school_b)
    world.group_a.refresh_from_db()
    assert world.group_a.path.startswith(world.school_b.path) and world.group_a.active_to is None
    assert _posts(world.an) == [("TH-A-TO1", dt.date(2020, 9, 1), None)]  # his tổ moved, his post did not end
    assert _posts(world.binh)[-1] == ("TH-B", DAY, None)


@pytest.mark.parametrize("bad, field", [
    (UnitDecision(number="", date=dt.date(2025, 6, 20), issuer="UBND", effective_date=DAY), "decision_number"),
    (UnitDecision(number="1/QĐ", date=None, issuer="UBND", effective_date=DAY), "decision_date"),
    (UnitDecision(number="1/QĐ", date=dt.date(2025, 6, 20), issuer=" ", effective_date=DAY), "issuer"),
    (UnitDecision(number="1/QĐ", date=dt.date(2025, 6, 20), issuer="UBND", effective_date=None), "effective_date"),
    (UnitDecision(number="1/QĐ", date=dt.date(2025, 6, 20), issuer="UBND", effective_date=dt.date(2025, 6, 1)),
     "effective_date"),
])
def test_a_reorganisation_needs_its_decision(world, bad, field):
    before = _state()
    with pytest.raises(DomainValidationError) as exc:
        unit_merge(actor=world.users.admin, sources=[world.school_b], target=world.school_a, decision=bad)
    assert field in exc.value.message_dict
    assert _state() == before


def test_refusals_change_nothing(world):
    before = _state()
    with pytest.raises(DomainValidationError):  # a school cannot absorb its own parent
        unit_merge(actor=world.users.admin, sources=[world.phong], target=world.school_a, decision=_decision())
    with pytest.raises(DomainValidationError):  # a split needs two parts
        unit_split(actor=world.users.admin, unit=world.school_a, decision=_decision(),
                   results=[NewUnit(code="X", name="X")])
    with pytest.raises(DomainValidationError):  # the new code is taken: refused after the first writes
        unit_merge(actor=world.users.admin, sources=[world.school_b, world.school_c], decision=_decision(),
                   new_unit=NewUnit(code="TH-A", name="Trùng mã"))
    with pytest.raises(PermissionRefused):  # another school's officer
        unit_rename(actor=world.users.officer_b, unit=world.school_a, name="Tên khác", decision=_decision())
    unit_dissolve(actor=world.users.admin, unit=world.school_c, decision=_decision())
    closed = _state()
    with pytest.raises(DomainValidationError, match="ngừng hoạt động"):  # closed before the change
        unit_merge(actor=world.users.admin, sources=[world.school_c], target=world.school_a,
                   decision=_decision(effective=dt.date(2026, 1, 1)))
    assert _state() == closed and before != closed


def test_edit_page_keeps_the_successor(world, client):
    """The successor posted on the edit page was silently dropped (the form had no such field)."""
    client.force_login(world.users.admin)
    response = client.post(reverse("org:unit_edit", args=[world.school_b.pk]), {
        "name": world.school_b.name, "code": "TH-B", "unit_type": world.types["truong-th"].pk,
        "active_to": "2025-06-30", "successor": world.school_a.pk})
    assert response.status_code == 302
    world.school_b.refresh_from_db()
    assert world.school_b.successor == world.school_a and world.school_b.active_to == dt.date(2025, 6, 30)


def test_edit_page_refuses_a_successor_without_an_end_date(world, client):
    client.force_login(world.users.admin)
    before = _state()
    response = client.post(reverse("org:unit_edit", args=[world.school_b.pk]), {
        "name": world.school_b.name, "code": "TH-B", "unit_type": world.types["truong-th"].pk,
        "successor": world.school_a.pk})
    assert response.status_code == 200 and "ngày ngừng hoạt động" in response.content.decode()
    assert _state() == before
