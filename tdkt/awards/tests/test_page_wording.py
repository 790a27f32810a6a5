"""Issue 12 item 12 (awards): an empty proposal is not «đủ thành phần»; a new proposal says so; the
decision names who it rewards («01 cá nhân», «01 tập thể»); counts carry the thousands separator."""

import datetime as dt

from django.test import Client
from django.urls import reverse

from tdkt.awards import documents, services

from .conftest import accepted


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_empty_proposal_does_not_say_complete(aw):
    p = services.proposal_create(actor=aw.w.users.officer_a, round=aw.round, unit=aw.w.school_a)
    html = _client(aw.w.users.officer_a).get(reverse("awards:proposal_detail", args=[p.pk])).content.decode()
    assert "Hồ sơ đủ thành phần" not in html
    assert "Chưa có dòng đề nghị nào và chưa có tài liệu nào." in html


def test_complete_proposal_still_says_complete(aw):
    html = _client(aw.w.users.officer_a).get(
        reverse("awards:proposal_detail", args=[aw.proposal.pk])).content.decode()
    assert "Hồ sơ đủ thành phần" in html


def test_creating_a_proposal_says_it_was_made(aw):
    r = _client(aw.w.users.officer_a).post(reverse("awards:proposal_create"), {
        "round": aw.round.pk, "unit": aw.w.school_a.pk, "title": "Đề nghị khen đột xuất"}, follow=True)
    assert r.status_code == 200
    assert "Đã lập đề nghị «Đề nghị khen đột xuất»" in r.content.decode()


def _decide(aw):
    p = accepted(aw)
    return services.decision_issue(actor=None, issuer=aw.w.phong, items=list(p.items.all()),
                                   decision_date=dt.date(2026, 6, 20), signer_name="Võ Cao Long",
                                   signer_title="Trưởng phòng", proposal=p)


def test_decision_for_one_person_says_01_ca_nhan(aw, council_passes):
    from .test_decisions import _docx_text

    text = " ".join(_docx_text(documents.decision_docx(_decide(aw))).split())
    assert "cho 01 cá nhân (có danh sách kèm theo)" in text and "cá nhân, tập thể" not in text


def test_decision_for_one_collective_says_01_tap_the(aw, council_passes):
    from .test_decisions import _docx_text

    aw.item.delete()
    services.item_add(actor=aw.w.users.officer_a, proposal=aw.proposal, award_type=aw.types["giay-khen-tap-the"],
                      unit=aw.w.group_a, summary="Tổ dẫn đầu phong trào")
    text = " ".join(_docx_text(documents.decision_docx(_decide(aw))).split())
    assert "cho 01 tập thể (có danh sách kèm theo)" in text and "cá nhân, tập thể" not in text


def test_counts_have_the_thousands_separator(aw, monkeypatch):
    from django.template import Context, Template
    from django.utils import translation

    from tdkt.awards import selectors

    assert Template("{{ n|so }}").render(Context({"n": 1502})) == "1.502"
    with translation.override("en"):
        assert Template("{{ n|so }}").render(Context({"n": 1502})) == "1,502"
    # the batch page prints its counts through the filter (a batch of 1,502 is too big to build here)
    monkeypatch.setattr(selectors, "certificate_batch", lambda unit, **kw: {"decisions": [], "total": 1502})
    html = _client(aw.w.users.officer_a).get(
        reverse("awards:certificates_batch") + f"?don-vi={aw.w.school_a.pk}").content.decode()
    assert "1.502 giấy khen" in html and "1502" not in html
