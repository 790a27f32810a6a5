"""Pages and API drive the services; a stale version is refused with a message."""

import json

from django.test import Client
from django.urls import reverse

from tdkt.awards.choices import ProposalStatus


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_detail_shows_items_checks_and_missing(aw):
    aw.proposal.files.filter(doc_kind="bien_ban").delete()
    html = _client(aw.w.users.officer_a).get(reverse("awards:proposal_detail", args=[aw.proposal.pk])).content.decode()
    assert "Nguyễn Văn An" in html and "Thiếu Biên bản họp Hội đồng thi đua." in html
    assert "chưa xét được" in html


def test_submit_from_page_and_stale_version(aw, council_passes):
    c = _client(aw.w.users.officer_a)
    url = reverse("awards:proposal_action", args=[aw.proposal.pk])
    stale = c.post(url, {"action": "submit", "version": aw.proposal.version - 1}, follow=True)
    assert "vừa được người khác cập nhật" in stale.content.decode()
    aw.proposal.refresh_from_db()
    assert aw.proposal.status == ProposalStatus.DRAFT
    c.post(url, {"action": "submit", "version": aw.proposal.version})
    aw.proposal.refresh_from_db()
    assert aw.proposal.status == ProposalStatus.SUBMITTED
    listing = c.get(reverse("awards:proposal_list")).content.decode()
    assert aw.proposal.title in listing


def test_api_detail_and_action(aw, council_passes):
    c = _client(aw.w.users.officer_a)
    data = c.get(reverse("api:awards_proposal_detail", args=[aw.proposal.pk])).json()
    assert data["items"][0]["subject"] == "Nguyễn Văn An" and data["missing_documents"] == []
    r = c.post(reverse("api:awards_proposal_action", args=[aw.proposal.pk]),
               data=json.dumps({"action": "withdraw", "reason": "x"}), content_type="application/json")
    assert r.status_code == 422 and "Không thể" in r.json()["detail"][0]["message"]
    r = c.post(reverse("api:awards_proposal_action", args=[aw.proposal.pk]),
               data=json.dumps({"action": "submit", "version": data["version"]}), content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == ProposalStatus.SUBMITTED


def test_only_those_who_prepare_proposals_see_the_buttons_to_make_one(aw):
    """A council member reads the proposals; the buttons that would answer 403 are not offered."""
    council = _client(aw.w.users.council_a).get(reverse("awards:proposal_list")).content.decode()
    officer = _client(aw.w.users.officer_a).get(reverse("awards:proposal_list")).content.decode()
    for url in (reverse("awards:proposal_create"), reverse("awards:round_create")):
        assert url in officer
        assert url not in council
    assert _client(aw.w.users.council_a).get(reverse("awards:proposal_create")).status_code == 403
