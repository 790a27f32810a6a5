"""Reorganisation through the unit page and the API (issue 18): each form calls its service with the
decision; every problem shown at once; refusals (pages and API) change nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.org.models import Unit, UnitEvent
from tdkt.people.models import Employment

DECISION = {"decision_number": "45/QĐ-UBND", "decision_date": "2025-06-20",
            "issuer": "Ủy ban nhân dân Quận Thử", "effective_date": "2025-07-01"}
API_DECISION = {"number": "45/QĐ-UBND", "date": "2025-06-20", "issuer": "Ủy ban nhân dân Quận Thử",
                "effective_date": "2025-07-01"}
DAY = dt.date(2025, 7, 1)


def _state():
    return (list(Unit.objects.order_by("pk").values_list("pk", "path", "name", "active_to", "successor_id")),
            list(Employment.objects.order_by("pk").values_list("pk", "unit_id", "start_date", "end_date")),
            UnitEvent.objects.count(), AuditEvent.objects.count())


def _url(unit, kind):
    return reverse("org:unit_reorganise", args=[unit.pk, kind])


@pytest.fixture
def office(world, client):
    client.force_login(world.users.office_officer)
    return client


def test_unit_page_offers_the_reorganisations_to_who_may_change(world, client, office):
    page = office.get(reverse("org:unit_detail", args=[world.school_a.pk])).content.decode()
    for kind in ("rename", "move", "merge", "split", "close"):
        assert _url(world.school_a, kind) in page
        form_page = office.get(_url(world.school_a, kind))
        assert form_page.status_code == 200 and 'data-testid="reorg-form"' in form_page.content.decode()
    assert f'name="person_{world.binh.pk}"' in office.get(_url(world.school_a, "split")).content.decode()
    assert office.get(reverse("org:unit_reorganise", args=[world.school_a.pk, "xyz"])).status_code == 404
    client.force_login(world.users.council_a)
    assert _url(world.school_a, "rename") not in client.get(
        reverse("org:unit_detail", args=[world.school_a.pk])).content.decode()


def test_rename_page_records_the_decision(world, office):
    response = office.post(_url(world.school_b, "rename"), {"name": "Trường Tiểu học Kết Đoàn (mới)", **DECISION})
    assert response.status_code == 302
    world.school_b.refresh_from_db()
    assert world.school_b.name == "Trường Tiểu học Kết Đoàn (mới)"
    event = UnitEvent.objects.get()
    assert (event.kind, event.decision_number, event.issuer, event.effective_date) == (
        "rename", "45/QĐ-UBND", "Ủy ban nhân dân Quận Thử", DAY)
    page = office.get(reverse("org:unit_detail", args=[world.school_b.pk])).content.decode()
    assert "Trường Tiểu học Kết Đoàn → Trường Tiểu học Kết Đoàn (mới)" in page and "45/QĐ-UBND" in page


def test_empty_merge_shows_every_problem_at_once(world, office):
    before = _state()
    response = office.post(_url(world.school_b, "merge"), {})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"decision_number", "decision_date", "issuer", "effective_date", "target"} <= set(errors)
    assert _state() == before


def test_effective_date_before_signing_is_shown_with_the_other_errors(world, office):
    before = _state()
    response = office.post(_url(world.school_b, "move"), {**DECISION, "effective_date": "2025-06-01"})
    errors = response.context["form"].errors
    assert {"effective_date", "parent"} <= set(errors)
    assert _state() == before


def test_move_page_moves_the_school_under_the_new_parent(world, office):
    ward = Unit.objects.add_child(Unit.objects.get(pk=world.phong.pk), {
        "code": "P-THU", "name": "Phòng Văn hóa – Xã hội phường Thử", "unit_type": world.types["phong-gddt"]})
    response = office.post(_url(world.school_b, "move"), {"parent": ward.pk, **DECISION})
    assert response.status_code == 302, response.context["form"].errors
    assert Unit.objects.get_parent(Unit.objects.get(pk=world.school_b.pk)).pk == ward.pk
    link = UnitEvent.objects.get(kind="move").links.get()
    assert (link.parent_before_id, link.parent_after_id) == (world.phong.pk, ward.pk)


def test_merge_page_into_a_new_school_carries_staff(world, office):
    response = office.post(_url(world.school_a, "merge"), {
        "others": [world.school_b.pk], "new_code": "TH-AB", "new_name": "Trường Tiểu học Hợp Nhất", **DECISION})
    assert response.status_code == 302, response.context["form"].errors
    new = Unit.objects.get(code="TH-AB")
    assert response["Location"] == reverse("org:unit_detail", args=[new.pk])
    for old in (world.school_a, world.school_b):
        old.refresh_from_db()
        assert (old.active_to, old.successor_id) == (dt.date(2025, 6, 30), new.pk)
    assert Employment.objects.filter(person=world.cuong, unit=new, start_date=DAY).exists()
    assert Employment.objects.get(person=world.cuong, unit=world.school_b).end_date == dt.date(2025, 6, 30)
    page = office.get(reverse("org:unit_detail", args=[new.pk])).content.decode()
    assert "Trường Tiểu học Đinh Tiên Hoàng" in page and "Trường Tiểu học Kết Đoàn" in page


def test_merge_page_refusal_from_the_service_changes_nothing(world, office):
    before = _state()
    response = office.post(_url(world.school_a, "merge"), {
        "others": [world.school_b.pk], "new_code": "TH-B", "new_name": "Trùng mã", **DECISION})
    assert response.status_code == 200
    assert "new_code" in response.context["form"].errors
    assert _state() == before


def test_split_page_places_people_in_their_part(world, office):
    response = office.post(_url(world.school_b, "split"), {
        "new_code_1": "TH-B1", "new_name_1": "Trường Tiểu học B1", "new_code_2": "TH-B2",
        "new_name_2": "Trường Tiểu học B2", f"person_{world.cuong.pk}": "2", **DECISION})
    assert response.status_code == 302, response.context["form"].errors
    b2 = Unit.objects.get(code="TH-B2")
    assert Employment.objects.filter(person=world.cuong, unit=b2, start_date=DAY).exists()
    world.school_b.refresh_from_db()
    assert world.school_b.successor == Unit.objects.get(code="TH-B1")


def test_split_page_needs_two_parts(world, office):
    before = _state()
    response = office.post(_url(world.school_b, "split"), {"new_code_1": "TH-B1", "new_name_1": "B1", **DECISION})
    assert "existing" in response.context["form"].errors
    assert _state() == before


def test_close_page_with_a_successor(world, office):
    response = office.post(_url(world.school_b, "close"), {"successor": world.school_a.pk, **DECISION})
    assert response.status_code == 302
    world.school_b.refresh_from_db()
    assert (world.school_b.active_to, world.school_b.successor_id) == (dt.date(2025, 6, 30), world.school_a.pk)


def test_school_officer_cannot_move_beyond_its_reach(world, client):
    client.force_login(world.users.officer_a)
    before = _state()
    response = client.post(_url(world.school_a, "move"), {"parent": world.school_b.pk, **DECISION})
    # The other school is not among the choices the officer may pick.
    assert response.status_code == 200 and "parent" in response.context["form"].errors
    assert _state() == before


# --- API ------------------------------------------------------------------------------------


def _post(client, name, unit, body):
    return client.post(reverse(name, args=[unit.pk]), data=json.dumps(body), content_type="application/json")


def test_api_merge_and_events(world, office):
    response = _post(office, "api:org_unit_merge", world.school_b, {"target_id": world.school_a.pk,
                                                                     "decision": API_DECISION})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "merge" and body["decision_number"] == "45/QĐ-UBND"
    assert {(link["unit_id"], link["role"]) for link in body["links"]} == {(world.school_b.pk, "source"),
                                                                         (world.school_a.pk, "result")}
    events = office.get(reverse("api:org_unit_events", args=[world.school_a.pk])).json()
    assert [e["kind"] for e in events] == ["merge"]


def test_api_split_places_staff_by_position(world, office):
    response = _post(office, "api:org_unit_split", world.school_b, {
        "results": [{"unit_id": world.school_c.pk}, {"code": "TH-B2", "name": "Trường Tiểu học B2"}],
        "staff_to": {str(world.cuong.pk): 1}, "decision": API_DECISION})
    assert response.status_code == 201, response.content
    assert Employment.objects.filter(person=world.cuong, unit__code="TH-B2", start_date=DAY).exists()


def test_api_close_and_rename(world, office):
    assert _post(office, "api:org_unit_rename", world.school_c, {"name": "Trường Mầm non Bé Ngoan 2",
                                                                 "decision": API_DECISION}).status_code == 201
    assert _post(office, "api:org_unit_close", world.school_c, {"successor_id": world.school_a.pk,
                                                                "decision": API_DECISION}).status_code == 201
    world.school_c.refresh_from_db()
    assert world.school_c.successor_id == world.school_a.pk


@pytest.mark.parametrize("name, body, field", [
    ("api:org_unit_move", {"parent_id": 0}, "parent_id"),
    ("api:org_unit_merge", {}, "target_id"),
    ("api:org_unit_split", {"results": [{"unit_id": None}]}, "results.0"),
    ("api:org_unit_rename", {"name": ""}, "name"),
])
def test_api_refusals_name_the_field_and_change_nothing(world, office, name, body, field):
    before = _state()
    response = _post(office, name, world.school_b, {**body, "decision": API_DECISION})
    assert response.status_code == 422, response.content
    assert field in {d["field"] for d in response.json()["detail"]}
    assert _state() == before


def test_api_decision_fields_are_named_as_in_the_body(world, office):
    before = _state()
    response = _post(office, "api:org_unit_move", world.school_b, {
        "parent_id": world.school_c.pk, "decision": {**API_DECISION, "issuer": " ", "effective_date": "2025-06-01"}})
    assert response.status_code == 422
    assert {"decision.issuer", "decision.effective_date"} <= {d["field"] for d in response.json()["detail"]}
    assert _state() == before


def test_api_refuses_a_unit_beyond_reach(world, client):
    client.force_login(world.users.officer_a)
    before = _state()
    response = _post(client, "api:org_unit_merge", world.school_a, {"target_id": world.school_b.pk,
                                                                    "decision": API_DECISION})
    assert response.status_code == 403
    assert _state() == before
