import json

import pytest
from django.test import Client

from tdkt.audit.models import AuditEvent
from tdkt.records.models import AwardRecord, Initiative, PersonRating

from .helpers import counts


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _post(client, url, data):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def test_write_then_read_a_record(rec):
    client = _client(rec.officer)
    base = f"/api/records/people/{rec.an.pk}"
    assert _post(client, f"{base}/ratings", {"school_year": 2024, "rating": "htxs"}).status_code == 201
    r = _post(client, f"{base}/awards", {"award_type": "lao-dong-tien-tien", "school_year": 2024,
                                         "decision_number": "125/QĐ-GDĐT", "decision_date": "2025-06-15"})
    assert r.status_code == 201 and r.json()["award_type_name"] == "Lao động tiên tiến"
    assert _post(client, f"{base}/disciplines", {"form": "khien_trach", "decision_number": "1/QĐ",
                                                 "decision_date": "2024-10-01"}).status_code == 201
    assert _post(client, f"{base}/absences", {"kind": "thai_san", "start_date": "2024-11-01",
                                              "end_date": "2025-04-30"}).status_code == 201
    assert _post(client, f"{base}/registrations", {"award_type": "chien-si-thi-dua-co-so",
                                                   "school_year": 2025}).status_code == 201
    r = _post(client, "/api/records/initiatives", {
        "title": "Sáng kiến A", "school_year": 2024,
        "authors": [{"person_id": rec.an.pk, "share": 70}, {"person_id": rec.w.binh.pk, "share": 30}]})
    assert r.status_code == 201 and [a["share"] for a in r.json()["authors"]] == ["70.00", "30.00"]

    data = _client(rec.w.users.staff_a).get(base).json()
    assert data["full_name"] == "Nguyễn Văn An"
    y2024 = next(y for y in data["years"] if y["start_year"] == 2024)
    assert y2024["rating"]["rating"] == "htxs"
    assert y2024["awards"][0]["decision_number"] == "125/QĐ-GDĐT"
    assert y2024["initiatives"][0]["title"] == "Sáng kiến A"
    assert y2024["absences"][0]["kind_label"] == "Nghỉ thai sản"

    award = AwardRecord.objects.get()
    r = _post(client, f"/api/records/awards/{award.pk}/revoke",
              {"revoked_on": "2025-09-01", "revocation_decision": "5/QĐ-GDĐT", "reason": "Sai"})
    assert r.status_code == 200 and r.json()["revoked_on"] == "2025-09-01"


def test_refusals_are_422_with_fields(rec):
    client = _client(rec.officer)
    before = counts()
    r = _post(client, "/api/records/initiatives", {
        "title": "Sáng kiến A", "school_year": 2024,
        "authors": [{"person_id": rec.an.pk, "share": 70}, {"person_id": rec.w.binh.pk, "share": 50}]})
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert detail[0]["field"] == "authors" and "120%" in detail[0]["message"]
    r = _post(client, f"/api/records/people/{rec.an.pk}/ratings", {"school_year": 1999, "rating": "htt"})
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "school_year"
    r = _post(client, f"/api/records/people/{rec.an.pk}/awards", {"award_type": "khong-co", "school_year": 2024,
                                                                  "decision_number": "1", "decision_date": "2025-01-01"})
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "award_type"
    assert counts() == before and not Initiative.objects.exists()


@pytest.mark.parametrize("who", ["officer_b", "staff_a", "head_a"])
def test_writes_refused_outside_reach_or_role(rec, who):
    before = counts()
    r = _post(_client(getattr(rec.w.users, who)), f"/api/records/people/{rec.an.pk}/ratings",
              {"school_year": 2024, "rating": "htt"})
    assert r.status_code == 403
    assert counts() == before and not PersonRating.objects.exists()


def test_initiative_refused_when_a_coauthor_is_out_of_reach(rec):
    r = _post(_client(rec.officer), "/api/records/initiatives", {
        "title": "Sáng kiến liên trường", "school_year": 2024,
        "authors": [{"person_id": rec.an.pk, "share": 50}, {"person_id": rec.w.cuong.pk, "share": 50}]})
    assert r.status_code == 403 and not AuditEvent.objects.filter(event_type="records.initiative_created").exists()


def test_unit_rating_and_award(rec):
    client = _client(rec.officer)
    r = _post(client, f"/api/records/units/{rec.w.school_a.pk}/ratings", {"school_year": 2024, "rating": "htxs"})
    assert r.status_code == 201 and r.json()["rating_label"] == "Hoàn thành xuất sắc nhiệm vụ"
    r = _post(client, f"/api/records/units/{rec.w.school_a.pk}/awards", {
        "award_type": "tap-the-lao-dong-tien-tien", "school_year": 2024, "decision_number": "9/QĐ-UBND",
        "decision_date": "2025-07-01"})
    assert r.status_code == 201 and r.json()["person_id"] is None
    assert _post(client, f"/api/records/units/{rec.w.school_b.pk}/ratings",
                 {"school_year": 2024, "rating": "htt"}).status_code == 403
