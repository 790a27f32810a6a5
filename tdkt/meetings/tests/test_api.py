"""The same meeting through the API (/api/meetings)."""

import json

from tdkt.meetings.choices import MemberRole


def _post(client, url, body=None):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


def test_meeting_through_the_api(world, council_of, awards, client):
    c = council_of(3)
    client.force_login(world.users.officer_a)
    assert [x["id"] for x in client.get("/api/meetings/councils").json()] == [c.council.pk]
    detail = client.get(f"/api/meetings/councils/{c.council.pk}").json()
    assert [m["role"] for m in detail["members"]][:2] == [MemberRole.CHU_TICH, MemberRole.THU_KY]
    r = _post(client, f"/api/meetings/councils/{c.council.pk}/meetings",
              {"school_year_id": world.year.pk, "starts_at": "2026-05-20T08:00:00+07:00", "place": "Phòng họp"})
    assert r.status_code == 201, r.content
    meeting_id = r.json()["id"]
    r = _post(client, f"/api/meetings/meetings/{meeting_id}/attendance",
              {"entries": [{"member_id": c.members[0].pk, "present": True},
                           {"member_id": c.members[1].pk, "present": False, "reason": "Ốm"}]})
    assert r.json()["missing"] == 1 and r.json()["reached"] is False
    r = _post(client, f"/api/meetings/meetings/{meeting_id}/questions",
              {"award_type_id": awards["cstdcs"].pk, "person_id": world.an.pk})
    assert r.status_code == 201 and r.json()["method"] == "bo_phieu_kin"
    qid = r.json()["id"]
    refused = _post(client, f"/api/meetings/questions/{qid}/open")
    assert refused.status_code == 422 and "Cần thêm 1 thành viên có mặt" in refused.json()["detail"][0]["message"]
    _post(client, f"/api/meetings/meetings/{meeting_id}/attendance",
          {"entries": [{"member_id": c.members[1].pk, "present": True}]})
    assert _post(client, f"/api/meetings/questions/{qid}/open").json()["status"] == "dang_bieu_quyet"
    for user in c.users[:2]:
        client.force_login(user)
        assert _post(client, f"/api/meetings/questions/{qid}/ballot", {"choice": "dong_y"}).status_code == 201
    client.force_login(world.users.officer_a)
    closed = _post(client, f"/api/meetings/questions/{qid}/close").json()
    assert closed["passed"] is False and closed["tally"]["arithmetic"].startswith("2/3 ")
    assert _post(client, f"/api/meetings/meetings/{meeting_id}/close").json()["status"] == "da_ket_thuc"
    r = _post(client, f"/api/meetings/questions/{qid}/absentee-opinions",
              {"document_date": "2026-05-21", "opinions": [{"member_id": c.members[2].pk, "choice": "dong_y"}]})
    assert r.status_code == 200 and r.json()["passed"] is True
    results = client.get(f"/api/meetings/meetings/{meeting_id}/results").json()
    assert results["passed"] == [{"person_id": world.an.pk, "unit_id": None, "name": "Nguyễn Văn An",
                                  "award_type_id": awards["cstdcs"].pk, "award_type": "Chiến sĩ thi đua cơ sở",
                                  "question_id": qid}]
    assert results["minutes"]["quorum"]["total"] == 3
    assert _post(client, f"/api/meetings/meetings/{meeting_id}/finalize").json()["status"] == "da_chot"
    rules = client.get("/api/meetings/rules").json()
    assert any(r["code"] == "cstd-co-so" for r in rules["voting_rules"])


def test_other_unit_refused_in_vietnamese(world, council_of, client):
    c = council_of(3)
    client.force_login(world.users.officer_b)
    r = client.get(f"/api/meetings/councils/{c.council.pk}")
    assert r.status_code == 403 and "không có quyền" in r.json()["detail"]
