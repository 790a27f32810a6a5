import datetime as dt

import pytest

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError
from tdkt.org.models import Unit
from tdkt.org.selectors import subtree_q, unit_list_visible_to
from tdkt.org.services import unit_close, unit_create, unit_move, unit_update


def test_subtree_is_one_prefix_filter(world):
    codes = set(Unit.objects.filter(subtree_q(world.school_a)).values_list("code", flat=True))
    assert codes == {"TH-A", "TH-A-TO1"}
    codes = set(Unit.objects.filter(subtree_q(world.phong)).values_list("code", flat=True))
    assert codes == {"PGD", "TH-A", "TH-A-TO1", "TH-B", "MN-C"}


def test_group_inherits_school_level(world):
    assert world.group_a.school_level == "tieu_hoc"
    assert world.school_c.school_level == "mam_non"


def test_unit_cannot_become_its_own_ancestor(world):
    before = list(Unit.objects.order_by("path").values_list("code", "path"))
    events = AuditEvent.objects.count()
    with pytest.raises(DomainValidationError) as exc:
        unit_move(actor=world.users.admin, unit=world.school_a, new_parent=world.group_a)
    assert "parent" in exc.value.message_dict
    assert "cấp trên của chính nó" in exc.value.message_dict["parent"][0]
    assert list(Unit.objects.order_by("path").values_list("code", "path")) == before
    assert AuditEvent.objects.count() == events


def test_move_carries_subtree_and_is_audited(world):
    unit_move(actor=world.users.admin, unit=world.school_a, new_parent=world.school_b, reason="thử")
    world.group_a.refresh_from_db()
    world.school_b.refresh_from_db()
    assert world.group_a.path.startswith(world.school_b.path)
    assert Unit.objects.find_problems() == ([], [], [], [], [])
    assert AuditEvent.objects.filter(event_type="unit.moved", target_id=str(world.school_a.pk)).count() == 1


def test_duplicate_code_refused_with_field(world):
    count = Unit.objects.count()
    with pytest.raises(DomainValidationError) as exc:
        unit_create(actor=None, parent=world.phong, code="TH-B", name="Trùng", unit_type=world.types["truong-th"])
    assert "đã được dùng" in exc.value.message_dict["code"][0]
    assert Unit.objects.count() == count


def test_dates_out_of_order_refused(world):
    with pytest.raises(DomainValidationError) as exc:
        unit_update(actor=None, unit=world.school_b, active_from=dt.date(2020, 1, 1), active_to=dt.date(2019, 1, 1))
    assert "active_to" in exc.value.message_dict
    world.school_b.refresh_from_db()
    assert world.school_b.active_to is None


def test_close_with_successor_keeps_history(world):
    unit_close(actor=world.users.admin, unit=world.school_b, active_to=dt.date(2025, 6, 30),
               successor=world.school_a, reason="Quyết định sáp nhập số 12/QĐ-UBND")
    world.school_b.refresh_from_db()
    assert world.school_b.successor == world.school_a
    assert list(world.school_a.predecessors.all()) == [world.school_b]
    assert not world.school_b.is_active_on(dt.date(2025, 7, 1))
    assert world.school_b.is_active_on(dt.date(2025, 6, 30))
    event = AuditEvent.objects.get(event_type="unit.updated", target_id=str(world.school_b.pk))
    assert event.reason == "Quyết định sáp nhập số 12/QĐ-UBND"
    assert event.before["active_to"] is None and event.after["active_to"] == "2025-06-30"


def test_close_requires_reason(world):
    with pytest.raises(DomainValidationError) as exc:
        unit_close(actor=None, unit=world.school_b, active_to=dt.date(2025, 6, 30), successor=None, reason=" ")
    assert "reason" in exc.value.message_dict


def test_visible_units_follow_scope(world):
    u = world.users
    assert set(unit_list_visible_to(user=u.officer_a).values_list("code", flat=True)) == {"TH-A", "TH-A-TO1"}
    assert set(unit_list_visible_to(user=u.specialist_mn).values_list("code", flat=True)) == {"PGD", "MN-C"}
    assert set(unit_list_visible_to(user=u.specialist_th).values_list("code", flat=True)) == {
        "PGD", "TH-A", "TH-A-TO1", "TH-B"}
    assert set(unit_list_visible_to(user=u.council_a).values_list("code", flat=True)) == {"TH-A", "TH-A-TO1"}
    assert set(unit_list_visible_to(user=u.staff_a).values_list("code", flat=True)) == {"TH-A-TO1"}
    assert not unit_list_visible_to(user=u.nobody).exists()
    assert unit_list_visible_to(user=u.admin).count() == Unit.objects.count()


def test_accent_insensitive_unit_search(world):
    found = unit_list_visible_to(user=world.users.admin, query="dinh tien hoang")
    assert [u.code for u in found] == ["TH-A"]
