"""The eligibility API: answers, filters, scoping, and clear Vietnamese refusals."""

from __future__ import annotations

import json

from django.test import Client
from django.urls import reverse

from .helpers import CSTDCS, LDTT, TT_LDTT, ldtt_ready, register

Y = {"year": "2025-2026"}


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_catalogue_follows_the_year(w):
    c = client_for(w.users.staff_a)
    old = c.get(reverse("api:eligibility_catalogue"), {"year": "2022-2023"}).json()
    new = c.get(reverse("api:eligibility_catalogue"), Y).json()
    ldtt_old = next(a for a in old["award_types"] if a["code"] == LDTT)
    ldtt_new = next(a for a in new["award_types"] if a["code"] == LDTT)
    assert {x["effective_from"] for x in ldtt_old["criteria"]} == {"2017-10-01"}
    assert {x["effective_from"] for x in ldtt_new["criteria"]} == {"2025-07-01"}
    assert "LĐTT" in ldtt_new["aliases"]
    assert len(new["award_types"]) == 15


def test_staff_see_their_own_verdicts_only(w):
    ldtt_ready(w.an, 2025)
    c = client_for(w.users.staff_a)
    response = c.get(reverse("api:eligibility_person_verdict", args=[w.an.pk, LDTT]), Y)
    assert response.status_code == 200
    assert response.json()["outcome"] == "du_dieu_kien"
    assert len(c.get(reverse("api:eligibility_person_verdicts", args=[w.an.pk]), Y).json()) == 8
    refused = c.get(reverse("api:eligibility_person_verdicts", args=[w.binh.pk]), Y)
    assert refused.status_code == 403 and "không có quyền" in refused.json()["detail"]


def test_bad_input_answers_in_vietnamese(w):
    c = client_for(w.users.officer_a)
    url = reverse("api:eligibility_person_verdict", args=[w.an.pk, "khong-co"])
    r = c.get(url, Y)
    assert r.status_code == 404 and "Không có danh hiệu" in r.json()["detail"]
    r = c.get(reverse("api:eligibility_person_verdicts", args=[999999]), Y)
    assert r.status_code == 404 and "Không tìm thấy cá nhân" in r.json()["detail"]
    r = c.get(reverse("api:eligibility_person_verdicts", args=[w.an.pk]), {"year": "2040-2041"})
    assert r.status_code == 404 and "Chưa có năm học 2040-2041" in r.json()["detail"]
    r = c.get(reverse("api:eligibility_person_verdicts", args=[w.an.pk]), {"year": "2025-2027"})
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "year"
    r = c.get(reverse("api:eligibility_person_verdict", args=[w.an.pk, TT_LDTT]), Y)
    assert r.status_code == 422 and "tập thể" in r.json()["detail"][0]["message"]
    r = c.get(reverse("api:eligibility_unit_table", args=[w.school_a.pk]), {**Y, "outcome": "dau"})
    assert r.status_code == 422
    r = c.get(reverse("api:eligibility_unit_table", args=[999999]), Y)
    assert r.status_code == 404 and "Không tìm thấy đơn vị" in r.json()["detail"]


def test_unit_table_filters_counts_and_pages(w):
    ldtt_ready(w.an, 2025)
    c = client_for(w.users.office_officer)
    url = reverse("api:eligibility_unit_table", args=[w.phong.pk])
    everything = c.get(url, Y).json()
    # 4 people × 8 individual types + 5 units (office, 3 schools, 1 group) × 7 collective types.
    assert everything["count"] == 4 * 8 + 5 * 7 and everything["pages"] == 2
    assert sum(everything["counts"].values()) == everything["count"]
    only = c.get(url, {**Y, "award_type": LDTT, "outcome": "du_dieu_kien"}).json()
    assert [v["subject"]["id"] for v in only["results"]] == [w.an.pk]
    units = c.get(url, {**Y, "kind": "unit", "award_type": TT_LDTT}).json()
    assert units["count"] == 5
    page2 = c.get(url, {**Y, "page": 2}).json()
    assert page2["page"] == 2 and len(page2["results"]) == everything["count"] - 50


def test_specialist_sees_only_the_schools_of_their_level(w):
    c = client_for(w.users.specialist_mn)
    data = c.get(reverse("api:eligibility_unit_table", args=[w.phong.pk]), {**Y, "kind": "person"}).json()
    assert {v["subject"]["id"] for v in data["results"]} == {w.hoa.pk}


def test_quota_and_roadmaps(w):
    ldtt_ready(w.an, 2025)
    register(w.an, CSTDCS, 2025)
    ldtt_ready(w.an, 2022)
    register(w.an, CSTDCS, 2022)
    c = client_for(w.users.head_a)
    # the 15% cap is NĐ 91's (2022-2023); from 2024 there is none
    quota = c.get(reverse("api:eligibility_quota", args=[w.school_a.pk]), {"year": "2022-2023"}).json()
    assert quota["rules"][0]["groups"][0]["unit_id"] == w.school_a.pk
    assert c.get(reverse("api:eligibility_quota", args=[w.school_a.pk]), Y).json()["rules"] == []
    road = c.get(reverse("api:eligibility_person_roadmap", args=[w.an.pk]), Y).json()
    assert road["subject"]["id"] == w.an.pk and road["next_steps"]
    unit_road = c.get(reverse("api:eligibility_unit_roadmap", args=[w.school_a.pk]), Y).json()
    assert unit_road["subject"]["kind"] == "unit"


def test_run_create_and_show(w):
    ldtt_ready(w.an, 2025)
    c = client_for(w.users.officer_a)
    created = c.post(reverse("api:eligibility_runs"), data=json.dumps({"unit_id": w.school_a.pk, "year": "2025-2026",
                                                                       "award_types": [LDTT]}),
                     content_type="application/json")
    assert created.status_code == 201, created.content
    run = created.json()
    assert run["counts"] == {"du_dieu_kien": 1, "khong_du_dieu_kien": 1}
    shown = c.get(reverse("api:eligibility_run_detail", args=[run["id"]]), {"outcome": "du_dieu_kien"}).json()
    assert shown["count"] == 1 and shown["results"][0]["subject"]["id"] == w.an.pk
    assert shown["results"][0]["lines"][0]["criterion_id"]
    mine = client_for(w.users.staff_a).get(reverse("api:eligibility_run_detail", args=[run["id"]])).json()
    assert [v["subject"]["id"] for v in mine["results"]] == [w.an.pk]
    bad = c.post(reverse("api:eligibility_runs"), data=json.dumps({"unit_id": w.school_a.pk, "year": "2025-2026",
                                                                   "award_types": ["khong-co"]}),
                 content_type="application/json")
    assert bad.status_code == 404
    missing = c.get(reverse("api:eligibility_run_detail", args=[999999]))
    assert missing.status_code == 404 and "Không tìm thấy lượt xét" in missing.json()["detail"]
