"""The API mirrors the main flows."""

import json

from django.test import Client
from django.urls import reverse

from ..choices import SubmissionStatus as S
from ..models import Campaign, ClusterMeeting, CovenantSignature, RegistrationSubmission
from . import helpers as h


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _post(client, url, data=None):
    return client.post(url, data=json.dumps(data or {}), content_type="application/json")


def test_campaign_register_submit_return_resubmit_accept(w):
    office, school = _client(w.users.office_officer), _client(w.users.officer_a)
    r = _post(office, reverse("api:campaigns_campaign_list"), {
        "unit_id": w.phong.pk, "name": "Dạy tốt – Học tốt", "school_year": 2025,
        "targets": [{"name": "Tỷ lệ giáo viên đạt LĐTT", "target_value": "80", "measure": "%"}],
        "milestones": [{"name": "Sơ kết", "due_date": "2026-01-26", "categories": ["school"]}]})
    assert r.status_code == 201, r.content
    camp = Campaign.objects.get(pk=r.json()["id"])
    assert camp.targets.count() == 1 and camp.milestones.count() == 1
    assert [c["id"] for c in school.get(reverse("api:campaigns_campaign_list")).json()] == [camp.pk]
    r = _post(_client(w.users.staff_a), reverse("api:campaigns_register", args=[camp.pk]),
              {"award_type": h.award().code, "person_id": w.an.pk})
    assert r.status_code == 201, r.content
    submit = reverse("api:campaigns_submission_submit", args=[camp.pk, w.school_a.pk])
    assert _post(school, submit).json()["status"] == S.SUBMITTED
    r = _post(office, reverse("api:campaigns_submission_return", args=[camp.pk, w.school_a.pk]), {"reason": ""})
    assert r.status_code == 422 and "lý do" in json.dumps(r.json(), ensure_ascii=False)
    r = _post(office, reverse("api:campaigns_submission_return", args=[camp.pk, w.school_a.pk]), {"reason": "Thiếu"})
    assert r.json()["status"] == S.RETURNED
    assert _post(school, submit).json()["status"] == S.RESUBMITTED
    r = _post(school, reverse("api:campaigns_submission_accept", args=[camp.pk, w.school_a.pk]))
    assert r.status_code == 403
    r = _post(office, reverse("api:campaigns_submission_accept", args=[camp.pk, w.school_a.pk]))
    assert r.json()["status"] == S.ACCEPTED
    assert RegistrationSubmission.objects.get().events.count() == 5


def test_covenant_sign_and_meeting_record(w):
    cov = h.covenant(w)
    r = _post(_client(w.users.officer_a), reverse("api:campaigns_covenant_sign", args=[cov.cluster_id]),
              {"unit_id": w.school_a.pk, "works": "Công trình", "topics": "Chuyên đề"})
    assert r.status_code == 201 and CovenantSignature.objects.get().works == "Công trình"
    office = _client(w.users.office_officer)
    url = reverse("api:campaigns_meeting_record", args=[cov.cluster_id])
    r = _post(office, url, {"number": 1, "held_on": "2026-09-30", "place": "A", "agenda": "B"})
    assert r.status_code == 422 and "nằm ngoài năm học" in json.dumps(r.json(), ensure_ascii=False)
    assert not ClusterMeeting.objects.exists()
    for n, day in ((1, "2025-10-30"), (2, "2026-01-20")):
        assert _post(office, url, {"number": n, "held_on": day, "place": "A", "agenda": "B"}).status_code == 200
    r = _post(office, url, {"number": 3, "held_on": "2026-05-30", "place": "A", "agenda": "Tổng kết",
                            "votes": [{"unit_id": w.school_a.pk, "votes": 2}, {"unit_id": w.school_c.pk, "votes": 4}],
                            "leading_unit_id": w.school_c.pk, "next_leader_id": w.school_c.pk})
    assert r.status_code == 200, r.content
    assert r.json()["ranking"][0] == {"unit_id": w.school_c.pk, "votes": 4, "rank": 1}
