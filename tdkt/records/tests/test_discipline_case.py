"""A pending discipline case ("đang xem xét xử lý kỷ luật", NĐ 152/2025 Điều 4 khoản 4): opened and closed
through the service and the API, audited, refused outside the officer's units, shown on the record."""

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.records import services
from tdkt.records.models import DisciplineCase


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _post(client, url, data):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def test_open_and_close_are_audited(rec):
    case = services.discipline_case_open(actor=rec.officer, person=rec.an, opened_on=dt.date(2025, 10, 1),
                                         reference="Thông báo 2/TB-THĐTH", reason="Vi phạm quy chế chuyên môn")
    assert case.is_open and case.pending_on(dt.date(2026, 5, 31))
    assert AuditEvent.objects.filter(event_type="records.discipline_case_opened").count() == 1
    d = services.discipline_add(actor=rec.officer, person=rec.an, form="khien_trach", decision_number="5/QĐ-THĐTH",
                                decision_date=dt.date(2025, 12, 1))
    closed = services.discipline_case_close(actor=rec.officer, case=case, closed_on=dt.date(2025, 12, 1),
                                            outcome="ky_luat", discipline=d)
    assert not closed.is_open and closed.discipline == d
    assert not closed.pending_on(dt.date(2025, 12, 1)) and closed.pending_on(dt.date(2025, 11, 30))
    event = AuditEvent.objects.get(event_type="records.discipline_case_closed")
    assert event.before["closed_on"] is None


def test_refusals(rec):
    with pytest.raises(DomainValidationError) as exc:
        services.discipline_case_open(actor=rec.officer, person=rec.an, opened_on=None)
    assert "opened_on" in exc.value.message_dict
    case = services.discipline_case_open(actor=rec.officer, person=rec.an, opened_on=dt.date(2025, 10, 1))
    with pytest.raises(DomainValidationError, match="chưa kết thúc"):
        services.discipline_case_open(actor=rec.officer, person=rec.an, opened_on=dt.date(2025, 10, 2))
    with pytest.raises(DomainValidationError) as exc:
        services.discipline_case_close(actor=rec.officer, case=case, closed_on=dt.date(2025, 9, 1),
                                       outcome="khong_ky_luat")
    assert "closed_on" in exc.value.message_dict
    with pytest.raises(DomainValidationError) as exc:
        services.discipline_case_close(actor=rec.officer, case=case, closed_on=dt.date(2025, 11, 1), outcome="ky_luat")
    assert "discipline" in exc.value.message_dict
    with pytest.raises(DomainValidationError):
        services.discipline_case_close(actor=rec.officer, case=case, closed_on=dt.date(2025, 11, 1), outcome="xyz")
    # another school's officer
    with pytest.raises(PermissionRefused):
        services.discipline_case_close(actor=rec.w.users.officer_b, case=case, closed_on=dt.date(2025, 11, 1),
                                       outcome="khong_ky_luat")
    with pytest.raises(PermissionRefused):
        services.discipline_case_open(actor=rec.w.users.officer_b, person=rec.w.an, opened_on=dt.date(2025, 10, 1))
    services.discipline_case_close(actor=rec.officer, case=case, closed_on=dt.date(2025, 11, 1),
                                   outcome="khong_ky_luat")
    with pytest.raises(DomainValidationError, match="đã kết thúc"):
        services.discipline_case_close(actor=rec.officer, case=case, closed_on=dt.date(2025, 11, 2),
                                       outcome="khong_ky_luat")


def test_api_open_close_and_record(rec):
    client = _client(rec.officer)
    r = _post(client, f"/api/records/people/{rec.an.pk}/discipline-cases",
              {"opened_on": "2025-10-01", "reference": "Thông báo 2/TB-THĐTH"})
    assert r.status_code == 201 and r.json()["pending"] is True
    case_id = r.json()["id"]
    data = _client(rec.w.users.staff_a).get(f"/api/records/people/{rec.an.pk}").json()
    assert [c["id"] for c in data["discipline_cases"]] == [case_id] and data["discipline_cases"][0]["pending"]
    page = client.get(reverse("records:person_record", args=[rec.an.pk])).content.decode()
    assert 'data-testid="discipline-case-pending"' in page and "Thông báo 2/TB-THĐTH" in page
    r = _post(client, f"/api/records/discipline-cases/{case_id}/close", {"closed_on": "2025-11-01", "outcome": "xyz"})
    assert r.status_code == 422
    r = _post(client, f"/api/records/discipline-cases/{case_id}/close",
              {"closed_on": "2025-11-01", "outcome": "khong_ky_luat"})
    assert r.status_code == 200 and r.json()["pending"] is False and r.json()["outcome_label"] == "Không xử lý kỷ luật"
    assert DisciplineCase.objects.get().closed_on == dt.date(2025, 11, 1)
    page = client.get(reverse("records:person_record", args=[rec.an.pk])).content.decode()
    assert 'data-testid="discipline-case-pending"' not in page and "Không xử lý kỷ luật" in page


def test_pages_open_and_close_a_case(rec):
    client = _client(rec.officer)
    r = client.post(reverse("records:discipline_case_open", args=[rec.an.pk]),
                    {"opened_on": "2025-10-01", "reference": "Thông báo 2/TB-THĐTH"})
    assert r.status_code == 302
    case = DisciplineCase.objects.get()
    page = client.get(reverse("records:person_record", args=[rec.an.pk])).content.decode()
    assert reverse("records:discipline_case_close", args=[case.pk]) in page
    # a refusal comes back on the form, nothing saved
    r = client.post(reverse("records:discipline_case_close", args=[case.pk]),
                    {"closed_on": "2025-11-01", "outcome": "ky_luat"})
    assert r.status_code == 200 and "ghi kỷ luật trước" in r.content.decode()
    d = services.discipline_add(actor=rec.officer, person=rec.an, form="khien_trach", decision_number="5/QĐ-THĐTH",
                                decision_date=dt.date(2025, 12, 1))
    r = client.post(reverse("records:discipline_case_close", args=[case.pk]),
                    {"closed_on": "2025-12-01", "outcome": "ky_luat", "discipline": d.pk})
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.closed_on == dt.date(2025, 12, 1) and case.discipline == d
    assert _client(rec.w.users.officer_b).get(reverse("records:discipline_case_close", args=[case.pk])).status_code == 403


def test_a_collective_case_through_the_page_and_the_api(rec):
    """A school (tập thể) under consideration: opened from its records page, shown there as pending, closed with
    the decision named in the note (Discipline records are per person); refusals save nothing."""
    school = rec.w.school_a
    client = _client(rec.officer)
    url = reverse("records:unit_year", args=[school.pk])
    assert reverse("records:unit_discipline_case_open", args=[school.pk]) in client.get(url).content.decode()
    r = client.post(reverse("records:unit_discipline_case_open", args=[school.pk]),
                    {"opened_on": "2025-10-01", "reference": "Thông báo 7/TB-UBND", "reason": "Thu sai quy định"})
    assert r.status_code == 302
    case = DisciplineCase.objects.get()
    assert case.unit == school and case.person is None
    page = client.get(url + "?nam=2025").content.decode()
    assert 'data-testid="unit-discipline-case-pending"' in page and "Thông báo 7/TB-UBND" in page
    # a second open case for the same school, and a case for both a person and a unit: refused, nothing saved
    with pytest.raises(DomainValidationError, match="chưa kết thúc"):
        services.discipline_case_open(actor=rec.officer, unit=school, opened_on=dt.date(2025, 10, 2))
    with pytest.raises(DomainValidationError):
        services.discipline_case_open(actor=rec.officer, unit=school, person=rec.an, opened_on=dt.date(2025, 10, 2))
    with pytest.raises(PermissionRefused):
        services.discipline_case_open(actor=rec.w.users.officer_b, unit=school, opened_on=dt.date(2025, 10, 2))
    assert DisciplineCase.objects.count() == 1
    # closing as disciplined needs the decision in the note
    r = client.post(reverse("records:discipline_case_close", args=[case.pk]),
                    {"closed_on": "2025-12-01", "outcome": "ky_luat"})
    assert r.status_code == 200 and "quyết định xử lý kỷ luật tập thể" in r.content.decode()
    case.refresh_from_db()
    assert case.is_open
    assert _client(rec.w.users.officer_b).get(reverse("records:discipline_case_close", args=[case.pk])).status_code == 403
    r = _post(client, f"/api/records/discipline-cases/{case.pk}/close",
              {"closed_on": "2025-12-01", "outcome": "ky_luat", "closing_note": "Quyết định 12/QĐ-UBND"})
    assert r.status_code == 200, r.content
    assert r.json()["unit_id"] == school.pk and r.json()["person_id"] is None and r.json()["pending"] is False
    event = AuditEvent.objects.get(event_type="records.discipline_case_closed")
    assert event.unit_id == school.pk
    r = _post(client, f"/api/records/units/{school.pk}/discipline-cases", {"opened_on": "2026-01-05"})
    assert r.status_code == 201 and r.json()["unit_id"] == school.pk
