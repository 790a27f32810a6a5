"""An exemplar followed from «phát hiện» to an ad-hoc award proposal; the public honour page shows names and
deeds but never an ID number, birth date or phone; pledges registered at the start of the year are checked at
its review with evidence; refusals change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.exemplars import services
from tdkt.exemplars.models import Exemplar, ModelPledge


@pytest.fixture
def ex(aw):
    from tdkt.awards import services as awards

    w = aw.w
    rnd = awards.round_create(actor=w.users.office_officer, unit=w.phong, kind="dot_xuat",
                              name="Khen thưởng đột xuất", school_year=w.year, deadline=dt.date(2099, 1, 1))
    return aw, rnd


def test_from_found_to_an_ad_hoc_proposal(ex):
    aw, rnd = ex
    w = aw.w
    e = services.exemplar_create(actor=w.users.officer_a, unit=w.school_a, kind="nguoi_tot_viec_tot",
                                 person=w.an, title="Thầy giáo cứu học sinh đuối nước",
                                 description="Ngày 12/10/2026 thầy An cứu hai học sinh đuối nước.",
                                 followers=[w.users.council_a])
    assert e.stage == "phat_hien" and list(e.followers.all()) == [w.users.council_a]
    with pytest.raises(DomainValidationError):  # back to an earlier stage, or no note: refused
        services.exemplar_advance(actor=w.users.officer_a, exemplar=e, stage="phat_hien", note="x")
    e = services.exemplar_advance(actor=w.users.officer_a, exemplar=e, stage="tong_ket",
                                  note="Tổng kết tại hội nghị cán bộ, viên chức", evidence="Biên bản hội nghị")
    assert e.stage == "tong_ket" and "Biên bản hội nghị" in e.evidence and e.steps.count() == 2
    with pytest.raises(PermissionRefused):
        services.exemplar_advance(actor=w.users.officer_b, exemplar=e, stage="nhan_rong", note="x")
    item = services.exemplar_propose(actor=w.users.officer_a, exemplar=e, round=rnd, award_type=aw.types["giay-khen"])
    e.refresh_from_db()
    assert e.proposal_item == item and item.person == w.an and item.proposal.round == rnd
    assert "cứu hai học sinh" in item.summary
    with pytest.raises(DomainValidationError, match="đã được đề nghị"):
        services.exemplar_propose(actor=w.users.officer_a, exemplar=e, round=rnd, award_type=aw.types["giay-khen"])


def test_the_public_page_honours_without_personal_identifiers(ex):
    aw, _rnd = ex
    w = aw.w
    w.an.national_id, w.an.phone = "079088001234", "0912000333"
    w.an.save()
    e = services.exemplar_create(actor=w.users.officer_a, unit=w.school_a, kind="ca_nhan", person=w.an,
                                 title="Cô giáo 20 năm dạy lớp ghép", description="Hai mươi năm bám lớp.")
    page = Client().get(reverse("exemplars:public_page", args=[w.school_a.pk])).content.decode()
    assert "Cô giáo 20 năm" not in page  # not chosen yet
    services.exemplar_set_public(actor=w.users.officer_a, exemplar=e, public=True)
    page = Client().get(reverse("exemplars:public_page", args=[w.school_a.pk])).content.decode()
    assert "Cô giáo 20 năm dạy lớp ghép" in page and w.an.full_name in page
    for secret in ("079088001234", "0912000333", f"{w.an.birth_date:%d/%m/%Y}" if w.an.birth_date else "§"):
        assert secret not in page


def test_pledges_are_checked_with_evidence(ex):
    aw, _rnd = ex
    w = aw.w
    p = services.pledge_create(actor=w.users.officer_a, unit=w.school_a, school_year=w.year,
                               title="Mô hình «Thư viện xanh»", registered_on=dt.date(2025, 9, 20))
    n = AuditEvent.objects.count()
    with pytest.raises(DomainValidationError) as exc:
        services.pledge_check(actor=w.users.officer_a, pledge=p, result="da_thuc_hien", evidence="")
    assert "evidence" in exc.value.message_dict and AuditEvent.objects.count() == n
    assert ModelPledge.objects.get(pk=p.pk).result == ""
    c = Client()
    c.force_login(w.users.officer_a)
    r = c.post(reverse("exemplars:pledge_check", args=[p.pk]), {"result": "da_thuc_hien",
                                                                "evidence": "Ảnh, sổ mượn sách"})
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.result == "da_thuc_hien" and p.checked_by == w.users.officer_a
    assert "Đã thực hiện" in c.get(reverse("exemplars:pledge_list")).content.decode()
    assert Exemplar.objects.count() == 0
