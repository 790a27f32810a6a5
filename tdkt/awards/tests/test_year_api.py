"""The year before a decision through the public API, as a script of another system
would drive it: round, proposal, lines, dossier, review; refusals name the field and
write nothing."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tdkt.awards.choices import ItemStatus
from tdkt.awards.models import DossierFile, Proposal, ProposalItem, Round

from .conftest import PDF, advance


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_round_proposal_lines_and_dossier_through_the_api(aw):
    world = aw.w
    office = _client(world.users.office_officer)
    r = office.post("/api/awards/rounds", {"unit": world.phong.pk, "name": "Khen thưởng chuyên đề an toàn giao thông",
                                           "kind": "chuyen_de", "school_year": 2025, "deadline": "2099-05-30"},
                    content_type="application/json")
    assert r.status_code == 201, r.content
    round_id = r.json()["id"]
    school = _client(world.users.officer_a)
    assert round_id in [x["id"] for x in school.get("/api/awards/rounds").json()]

    p = school.post("/api/awards/proposals", {"round": round_id, "unit": world.school_a.pk},
                    content_type="application/json")
    assert p.status_code == 201, p.content
    pid = p.json()["id"]
    assert Proposal.objects.get(pk=pid).to_unit == world.phong

    item = school.post(f"/api/awards/proposals/{pid}/items",
                       {"award_type": "giay-khen", "person": world.an.pk, "summary": "Đạt giải Nhất cấp phường"},
                       content_type="application/json")
    assert item.status_code == 201, item.content
    assert item.json()["subject"] == "Nguyễn Văn An" and item.json()["status"] == ItemStatus.PENDING

    up = school.post(f"/api/awards/proposals/{pid}/dossier",
                     {"doc_kind": "to_trinh", "file": SimpleUploadedFile("to-trinh.pdf", PDF)})
    assert up.status_code == 201, up.content
    assert DossierFile.objects.get(pk=up.json()["id"]).proposal_id == pid
    listed = school.get(f"/api/awards/proposals/{pid}").json()
    assert [i["summary"] for i in listed["items"]] == ["Đạt giải Nhất cấp phường"]


def test_refusals_name_the_field_and_write_nothing(world):
    office = _client(world.users.office_officer)
    before = Round.objects.count()
    bad = office.post("/api/awards/rounds", {"unit": world.phong.pk, "name": "Đợt", "school_year": 2031,
                                             "deadline": "2099-05-30"}, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "school_year"
    assert "2031-2032" in bad.json()["detail"][0]["message"]
    # a school officer cannot open a round for the office above it
    school = _client(world.users.officer_a)
    refused = school.post("/api/awards/rounds", {"unit": world.phong.pk, "name": "Đợt", "school_year": 2025,
                                                 "deadline": "2099-05-30"}, content_type="application/json")
    assert refused.status_code == 403
    assert Round.objects.count() == before


def test_item_and_upload_refusals(aw):
    school = _client(aw.w.users.officer_a)
    pid = aw.proposal.pk
    lines = ProposalItem.objects.count()
    r = school.post(f"/api/awards/proposals/{pid}/items", {"award_type": "khong-co", "person": aw.w.an.pk,
                                                           "summary": "x"}, content_type="application/json")
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "award_type"
    r = school.post(f"/api/awards/proposals/{pid}/items", {"award_type": "giay-khen", "person": aw.w.cuong.pk,
                                                           "summary": "Thành tích"}, content_type="application/json")
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "person"
    assert ProposalItem.objects.count() == lines
    files = DossierFile.objects.count()
    r = school.post(f"/api/awards/proposals/{pid}/dossier",
                    {"doc_kind": "to_trinh", "file": SimpleUploadedFile("x.pdf", b"not a pdf")})
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "file"
    assert DossierFile.objects.count() == files
    # another school's officer cannot see, so cannot add
    other = _client(aw.w.users.officer_b)
    r = other.post(f"/api/awards/proposals/{pid}/items", {"award_type": "giay-khen", "person": aw.w.an.pk,
                                                          "summary": "x"}, content_type="application/json")
    assert r.status_code == 403 and ProposalItem.objects.count() == lines


def test_review_a_line(aw, council_passes):
    advance(aw, "submit", "receive", "start_review")
    specialist = _client(aw.w.users.specialist_th)
    no_reason = specialist.post(f"/api/awards/items/{aw.item.pk}/review", {"accept": False},
                                content_type="application/json")
    assert no_reason.status_code == 422 and no_reason.json()["detail"][0]["field"] == "note"
    aw.item.refresh_from_db()
    assert aw.item.status == ItemStatus.PENDING
    ok = specialist.post(f"/api/awards/items/{aw.item.pk}/review", {"accept": True},
                         content_type="application/json")
    assert ok.status_code == 200 and ok.json()["status"] == ItemStatus.ACCEPTED
    school = _client(aw.w.users.officer_a)
    assert school.post(f"/api/awards/items/{aw.item.pk}/review", {"accept": False, "note": "x"},
                       content_type="application/json").status_code == 403
