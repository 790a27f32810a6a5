import json

from django.test import Client

from tdkt.accounts.models import ApiToken
from tdkt.accounts.services import api_token_issue, api_token_revoke
from tdkt.audit.models import AuditEvent
from tdkt.people.models import Person


def test_token_authenticates_with_same_scope_as_pages(world):
    _, raw = api_token_issue(actor=None, user=world.users.officer_a, name="script")
    client = Client()
    response = client.get("/api/people", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    names = [p["full_name"] for p in response.json()["results"]]
    assert names == ["Nguyễn Văn An", "Trần Thị Bình"]  # school A only, sorted by given name
    assert client.get(f"/api/people/{world.cuong.pk}", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 403
    assert ApiToken.objects.get(user=world.users.officer_a).last_used_at is not None


def test_token_write_needs_no_csrf_and_is_audited(world):
    _, raw = api_token_issue(actor=None, user=world.users.officer_a, name="script")
    response = Client(enforce_csrf_checks=True).post(
        "/api/people", data=json.dumps({"family_name": "Vũ", "given_name": "Yến", "unit_id": world.group_a.pk,
                                        "start_date": "2025-09-05"}),
        content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 201, response.content
    assert response.json()["employments"][0]["unit"] == "Tổ 1"
    assert AuditEvent.objects.filter(event_type="person.created", actor=world.users.officer_a).count() == 1


def test_session_write_without_csrf_token_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users.officer_a)
    count = Person.objects.count()
    response = client.post("/api/people", data=json.dumps({"family_name": "Vũ", "given_name": "Yến",
                                                           "unit_id": world.group_a.pk, "start_date": "2025-09-05"}),
                           content_type="application/json")
    assert response.status_code in (401, 403)
    assert Person.objects.count() == count


def test_revoked_token_refused(world):
    token, raw = api_token_issue(actor=None, user=world.users.officer_a, name="script")
    api_token_revoke(actor=None, token=token)
    assert Client().get("/api/people", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_bad_values_named_in_vietnamese_nothing_saved(world):
    client = Client()
    client.force_login(world.users.officer_a)
    count = Person.objects.count()
    response = client.post("/api/people", data=json.dumps({
        "family_name": "Vũ", "given_name": "Yến", "unit_id": world.group_a.pk, "start_date": "2025-09-05",
        "national_id": "079085000001"}), content_type="application/json")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["field"] == "national_id" and "Nguyễn Văn An" in detail[0]["message"]
    response = client.post("/api/people", data=json.dumps({
        "family_name": "Vũ", "given_name": "Yến", "unit_id": world.group_a.pk, "start_date": "05/09/2025"}),
        content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "start_date"
    assert "không hợp lệ" in response.json()["detail"][0]["message"]
    assert Person.objects.count() == count


def test_employment_overlap_refused_via_api(world):
    client = Client()
    client.force_login(world.users.officer_a)
    response = client.post(f"/api/people/{world.an.pk}/employments", data=json.dumps({
        "unit_id": world.group_a.pk, "position": "giao_vien", "start_date": "2023-01-01"}),
        content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "start_date"
    assert world.an.employments.count() == 1


def test_unit_list_filters(world):
    client = Client()
    client.force_login(world.users.office_officer)
    data = client.get("/api/units", {"school_level": "tieu_hoc", "unit_type": "truong-th"}).json()
    assert sorted(u["code"] for u in data["results"]) == ["TH-A", "TH-B"]
    data = client.get("/api/units", {"under": world.school_a.pk}).json()
    assert {u["code"] for u in data["results"]} == {"TH-A", "TH-A-TO1"}
    child = next(u for u in data["results"] if u["code"] == "TH-A-TO1")
    assert child["parent_id"] == world.school_a.pk
    assert client.get("/api/units", {"under": world.so.pk}).status_code == 403


def test_openapi_lists_endpoints(db):
    schema = Client().get("/api/openapi.json").json()
    assert {"/api/units", "/api/units/{unit_id}", "/api/people", "/api/people/{person_id}"} <= set(schema["paths"])


def test_api_docs_use_no_cdn(db):
    html = Client().get("/api/docs").content.decode()
    assert "swagger-ui-bundle.js" in html
    assert "cdn." not in html and "https://" not in html.split("<body")[0]
