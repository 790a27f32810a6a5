"""A permission refusal raised inside a service reaches the user as a 403 with its Vietnamese message
(tdkt.core.middleware), on a page and on the API, and nothing is written."""

import json

from django.test import Client
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.awards.choices import ProposalStatus


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_page_refusal_from_the_service_is_the_403_page_with_its_message(aw, council_passes):
    """The head of school A reads the proposal and may approve, so the route lets the request in;
    submitting is the sender's officer's act, and the workflow service refuses it."""
    before = AuditEvent.objects.count()
    r = _client(aw.w.users.head_a).post(reverse("awards:proposal_action", args=[aw.proposal.pk]),
                                        {"action": "submit", "version": aw.proposal.version})
    assert r.status_code == 403
    html = r.content.decode()
    assert "Bạn không có quyền thực hiện thao tác này với đơn vị «Trường Tiểu học Đinh Tiên Hoàng»." in html
    assert "Không thể truy cập" in html  # templates/403.html, as for any PermissionDenied
    assert AuditEvent.objects.count() == before
    aw.proposal.refresh_from_db()
    assert aw.proposal.status == ProposalStatus.DRAFT


def test_api_refusal_from_the_service_is_json_403(aw, council_passes):
    before = AuditEvent.objects.count()
    r = _client(aw.w.users.head_a).post(reverse("api:awards_proposal_action", args=[aw.proposal.pk]),
                                        data=json.dumps({"action": "submit", "version": aw.proposal.version}),
                                        content_type="application/json")
    assert r.status_code == 403
    assert r.json() == {"detail": "Bạn không có quyền thực hiện thao tác này với đơn vị «Trường Tiểu học Đinh "
                                  "Tiên Hoàng»."}
    assert AuditEvent.objects.count() == before
    aw.proposal.refresh_from_db()
    assert aw.proposal.status == ProposalStatus.DRAFT
