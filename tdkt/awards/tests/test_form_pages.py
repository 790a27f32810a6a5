"""The form pages drive the services end to end; a refused decision number saves nothing."""

import datetime as dt

from django.test import Client
from django.urls import reverse

from tdkt.awards.choices import ProposalStatus
from tdkt.awards.models import Decision, Proposal, Round
from tdkt.records.models import AwardRecord

from .conftest import accepted


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_round_proposal_item_pages(aw):
    office = _client(aw.w.users.office_officer)
    r = office.post(reverse("awards:round_create"), {
        "unit": aw.w.phong.pk, "kind": "nguoi_tot_viec_tot", "name": "Người tốt, việc tốt", "school_year": aw.w.year.pk,
        "deadline": "2026-05-28", "late_policy": "tu_choi"})
    assert r.status_code == 302
    rnd = Round.objects.get(name="Người tốt, việc tốt")
    school = _client(aw.w.users.officer_a)
    assert rnd.name in school.get(reverse("awards:proposal_create")).content.decode()
    r = school.post(reverse("awards:proposal_create"), {"round": rnd.pk, "unit": aw.w.school_a.pk, "title": ""})
    p = Proposal.objects.get(round=rnd)
    assert r["Location"].endswith(reverse("awards:proposal_detail", args=[p.pk]))
    assert p.to_unit == aw.w.phong and p.title.startswith("Đề nghị khen thưởng")
    r = school.post(reverse("awards:item_add", args=[p.pk]), {
        "award_type": aw.types["giay-khen"].pk, "person": aw.w.an.pk, "summary": "Cứu người đuối nước",
        "version": p.version})
    assert r.status_code == 302 and p.items.get().person == aw.w.an


def test_item_for_collective_award_needs_unit(aw):
    r = _client(aw.w.users.officer_a).post(reverse("awards:item_add", args=[aw.proposal.pk]), {
        "award_type": aw.types["giay-khen-tap-the"].pk, "person": aw.w.an.pk, "summary": "x",
        "version": aw.proposal.version})
    assert r.status_code == 200 and "dành cho tập thể" in r.content.decode()
    assert aw.proposal.items.count() == 1


def test_decision_page_refuses_used_number(aw, council_passes):
    from tdkt.accounts.models import User

    p = accepted(aw)
    admin = _client(User.objects.get(username="root"))
    Decision.objects.create(issuer=aw.w.phong, number=5, year=2026, decision_date=dt.date(2026, 1, 5), title="x",
                            signer_name="x", signer_title="x", base_salary=2340000, rounding_step=10000)
    form = {"number": 5, "symbol": "QĐ-UBND", "decision_date": "2026-06-20", "signer_name": "Võ Cao Long",
            "signer_title": "Trưởng phòng"}
    r = admin.post(reverse("awards:decision_create", args=[p.pk]), form)
    assert r.status_code == 200 and "đã được dùng" in r.content.decode()
    assert not AwardRecord.objects.exists()
    form["number"] = ""
    r = admin.post(reverse("awards:decision_create", args=[p.pk]), form)
    d = Decision.objects.get(number=6)
    assert r["Location"].endswith(reverse("awards:decision_detail", args=[d.pk]))
    p.refresh_from_db()
    assert p.status == ProposalStatus.DECIDED
    html = admin.get(reverse("awards:decision_detail", args=[d.pk])).content.decode()
    assert "06/QĐ-UBND" in html and "Nguyễn Văn An" in html


def test_compile_page(aw, council_passes):
    p = accepted(aw)
    r = _client(aw.w.users.office_officer).post(reverse("awards:proposal_compile", args=[p.pk]))
    up = Proposal.objects.get(unit=aw.w.phong)
    assert r["Location"].endswith(reverse("awards:proposal_detail", args=[up.pk]))
    assert up.to_unit == aw.w.so and up.items.get().source_item == p.items.get()
