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


def test_cluster_year_end_to_end(w):
    """Covenant text, a signature by each member unit, three meetings with minutes and attendance,
    meeting 3's ranking, leading unit and next year's leader, the office's view of what is late."""
    from tdkt.accounts.choices import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.org.models import Cluster

    khoi = h.cluster(w, name="Khối thi đua Tiểu học 1", members=("school_a", "school_b", "school_c"))
    officer_c = User.objects.create_user(username="officer_c", password="x")
    Membership.objects.create(user=officer_c, unit=w.school_c, role=Role.TDKT_OFFICER)
    office, leader = _client(w.users.office_officer), _client(w.users.officer_a)
    r = _post(_client(w.users.officer_b), reverse("api:campaigns_covenant_set", args=[khoi.pk]), {"text": "X"})
    assert r.status_code == 403  # a member that does not lead the khối does not write its covenant
    r = _post(office, reverse("api:campaigns_covenant_set", args=[khoi.pk]),
              {"text": "Các đơn vị trong khối cam kết thực hiện tốt phong trào Dạy tốt – Học tốt."})
    assert r.status_code == 200, r.content
    sign = reverse("api:campaigns_covenant_sign", args=[khoi.pk])
    for user, unit, works in ((w.users.officer_a, w.school_a, "Thư viện xanh"),
                              (w.users.officer_b, w.school_b, "Sân chơi an toàn"),
                              (officer_c, w.school_c, "Góc đọc sách")):
        r = _post(_client(user), sign, {"unit_id": unit.pk, "works": works, "topics": "Chuyển đổi số"})
        assert r.status_code == 201, r.content
    r = _post(_client(w.users.officer_b), sign, {"unit_id": w.school_b.pk})
    assert r.status_code == 422 and "đã ký" in json.dumps(r.json(), ensure_ascii=False)
    r = _post(leader, reverse("api:campaigns_covenant_set", args=[khoi.pk]), {"text": "Nội dung khác"})
    assert r.status_code == 422  # signed: the text is frozen

    meet = reverse("api:campaigns_meeting_record", args=[khoi.pk])
    everyone = [w.school_a.pk, w.school_b.pk, w.school_c.pk]
    r = _post(leader, meet, {"number": 2, "held_on": "2026-01-20", "place": "Trường Kết Đoàn", "agenda": "Sơ kết"})
    assert r.status_code == 422 and "Chưa ghi nhận hội nghị lần 1" in json.dumps(r.json(), ensure_ascii=False)
    r = _post(leader, meet, {"number": 1, "held_on": "2025-10-30", "place": "Trường Đinh Tiên Hoàng",
                             "agenda": "Thông qua quy chế, ký giao ước", "attendee_ids": everyone,
                             "minutes": "Ba đơn vị ký giao ước; thống nhất lịch sinh hoạt khối.",
                             "required_documents": "Quy chế, kế hoạch, giao ước, biên bản",
                             "send_deadline": "2025-11-10", "documents_sent_on": "2025-11-07"})
    assert r.status_code == 200, r.content
    r = _post(leader, meet, {"number": 2, "held_on": "2026-01-20", "place": "Trường Kết Đoàn", "agenda": "Sơ kết",
                             "attendee_ids": everyone[:2], "minutes": "Trường Mầm non Bé Ngoan vắng có lý do.",
                             "required_documents": "Biên bản sơ kết", "send_deadline": "2026-01-26"})
    assert r.status_code == 200, r.content
    r = _post(leader, meet, {"number": 3, "held_on": "2026-05-30", "place": "Trường Đinh Tiên Hoàng",
                             "agenda": "Tổng kết, bình xét", "attendee_ids": everyone,
                             "minutes": "Bình chọn đơn vị dẫn đầu bằng phiếu kín.",
                             "votes": [{"unit_id": w.school_a.pk, "votes": 1}, {"unit_id": w.school_b.pk, "votes": 2},
                                       {"unit_id": w.school_c.pk, "votes": 0}],
                             "leading_unit_id": w.school_a.pk, "next_leader_id": w.school_b.pk})
    assert r.status_code == 422 and "không có số phiếu cao nhất" in json.dumps(r.json(), ensure_ascii=False)
    r = _post(leader, meet, {"number": 3, "held_on": "2026-05-30", "place": "Trường Đinh Tiên Hoàng",
                             "agenda": "Tổng kết, bình xét", "attendee_ids": everyone,
                             "minutes": "Bình chọn đơn vị dẫn đầu bằng phiếu kín.",
                             "votes": [{"unit_id": w.school_a.pk, "votes": 1}, {"unit_id": w.school_b.pk, "votes": 2},
                                       {"unit_id": w.school_c.pk, "votes": 0}],
                             "leading_unit_id": w.school_b.pk, "next_leader_id": w.school_b.pk,
                             "commendations": ["Trường Tiểu học Kết Đoàn", "Cô Trần Thị Bình"]})
    assert r.status_code == 200, r.content
    assert [(x["unit_id"], x["rank"]) for x in r.json()["ranking"]] == [
        (w.school_b.pk, 1), (w.school_a.pk, 2), (w.school_c.pk, 3)]

    data = office.get(reverse("api:campaigns_cluster_detail", args=[khoi.pk])).json()
    assert [m["signed"] for m in data["members"]] == [True, True, True]
    assert {m["works"] for m in data["members"]} == {"Thư viện xanh", "Sân chơi an toàn", "Góc đọc sách"}
    assert [m["attendee_ids"] for m in data["meetings"]] == [sorted(everyone), sorted(everyone[:2]), sorted(everyone)]
    assert data["meetings"][0]["minutes"].startswith("Ba đơn vị ký giao ước")
    assert [m["documents_state"] for m in data["meetings"]] == ["sent", "overdue", None]
    assert data["late"][0].startswith("Lần 2: chưa gửi hồ sơ (hạn 26/01/2026")
    assert data["meetings"][2]["leading_unit_id"] == w.school_b.pk
    nxt = Cluster.objects.get(name=khoi.name, school_year__start_year=2026)
    assert nxt.leader == w.school_b
    data = office.get(reverse("api:campaigns_cluster_detail", args=[nxt.pk])).json()
    assert data["leader_id"] == w.school_b.pk
    assert data["rotation"] == [{"school_year": "2026-2027", "previous_leader_id": None,
                                 "new_leader_id": w.school_b.pk}]


def _send(client, method, url, data=None):
    return getattr(client, method)(url, data=json.dumps(data or {}), content_type="application/json")


def test_adjust_targets_milestones_and_deadlines(w):
    from .. import selectors
    from ..models import CampaignChange, Milestone

    office = _client(w.users.office_officer)
    camp = Campaign.objects.create(unit=w.phong, name="Dạy tốt – Học tốt", school_year=w.year,
                                   submission_deadline="2025-11-10")
    r = _post(office, reverse("api:campaigns_milestones", args=[camp.pk]),
              {"name": "Sơ kết học kỳ I", "due_date": "2026-01-26", "categories": ["school"]})
    assert r.status_code == 201, r.content
    url = reverse("api:campaigns_milestone", args=[camp.pk, r.json()["id"]])
    r = _send(office, "patch", url, {"name": "Sơ kết học kỳ I", "due_date": "2025-08-20", "categories": ["school"]})
    assert r.status_code == 422 and "trước ngày bắt đầu phong trào (01/09/2025)" in json.dumps(
        r.json(), ensure_ascii=False)
    r = _send(office, "patch", url, {"name": "Sơ kết học kỳ I", "due_date": "2026-01-30", "categories": ["school"],
                                     "reason": "Lùi lịch"})
    assert r.status_code == 200 and r.json()["due_date"] == "2026-01-30"
    assert Milestone.objects.get().due_date.isoformat() == "2026-01-30"
    due = {i.title.split(" – ")[0]: i.due.isoformat()
           for i in selectors.calendar_items(user=w.users.officer_a, today=camp.school_year.start_date)}
    assert due["Sơ kết học kỳ I"] == "2026-01-30"
    # a school cannot move the Phòng's deadlines
    assert _send(_client(w.users.officer_a), "patch", url, {"name": "X", "due_date": "2026-02-01"}).status_code == 403
    # PATCH deadlines: the one left out stays
    r = _send(office, "patch", reverse("api:campaigns_deadlines", args=[camp.pk]),
              {"registration_deadline": "2025-10-27", "reason": "Theo Hướng dẫn 1382"})
    assert r.status_code == 200, r.content
    assert (r.json()["registration_deadline"], r.json()["submission_deadline"]) == ("2025-10-27", "2025-11-10")
    # a target units report against cannot be removed
    r = _post(office, reverse("api:campaigns_targets", args=[camp.pk]),
              {"name": "Số tiết thao giảng", "target_value": "10", "measure": "tiết"})
    assert r.status_code == 201
    target_url = reverse("api:campaigns_target", args=[camp.pk, r.json()["id"]])
    rep = _post(_client(w.users.officer_a), reverse("api:campaigns_target_report", args=[camp.pk, r.json()["id"]]),
                {"unit_id": w.school_a.pk, "value": "4", "reported_on": "2025-12-01"})
    assert rep.status_code == 201
    changes = CampaignChange.objects.count()
    r = office.delete(target_url)
    assert r.status_code == 422 and "đã báo cáo kết quả" in json.dumps(r.json(), ensure_ascii=False)
    assert CampaignChange.objects.count() == changes
    assert _send(office, "patch", target_url, {"name": "Số tiết thao giảng", "target_value": "8",
                                               "measure": "tiết"}).status_code == 200
    history = _client(w.users.officer_a).get(reverse("api:campaigns_changes", args=[camp.pk])).json()
    assert [c["subject"] for c in history] == [
        "Điều chỉnh chỉ tiêu «Số tiết thao giảng»", "Thêm chỉ tiêu «Số tiết thao giảng»",
        "Điều chỉnh hạn đăng ký thi đua", "Điều chỉnh mốc «Sơ kết học kỳ I»", "Thêm mốc «Sơ kết học kỳ I»"]
    assert history[2]["before"] == "không có hạn" and history[2]["after"] == "27/10/2025"
