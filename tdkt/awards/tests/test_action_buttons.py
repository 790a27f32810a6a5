"""Issue 12 item 5: a button is shown only to whom the workflow allows the action (the same guard as the
service), and a POST of a hidden action is refused with nothing changed."""

import pytest
from django.test import Client
from django.urls import reverse

from tdkt.awards import services
from tdkt.awards.choices import ProposalStatus

from .conftest import advance


def _page(user, proposal) -> str:
    c = Client()
    c.force_login(user)
    r = c.get(reverse("awards:proposal_detail", args=[proposal.pk]))
    assert r.status_code == 200
    return r.content.decode()


def _post(user, proposal, action):
    c = Client()
    c.force_login(user)
    return c.post(reverse("awards:proposal_action", args=[proposal.pk]),
                  {"action": action, "version": proposal.version, "reason": "Lý do"})


def _buttons(html) -> set[str]:
    import re

    return set(re.findall(r'name="action" value="([a-z_]+)"', html))


@pytest.mark.parametrize("who, shown", [
    ("officer_a", {"withdraw"}),  # the submitting school withdraws, nothing else
    ("office_officer", {"receive", "return"}),  # the office receives or returns, never withdraws
    ("specialist_th", {"return"}),  # a specialist does not receive (the office does), nor withdraw
    ("head_a", {"withdraw"}),  # the principal (approves the school's proposals) may withdraw it too
])
def test_submitted_proposal_buttons_per_role(aw, council_passes, who, shown):
    p = advance(aw, "submit")
    user = getattr(aw.w.users, who)
    assert _buttons(_page(user, p)) == shown


@pytest.mark.parametrize("who, action", [("specialist_th", "receive"), ("specialist_th", "withdraw"),
                                         ("office_officer", "withdraw")])
def test_hidden_action_is_refused_and_changes_nothing(aw, council_passes, who, action):
    p = advance(aw, "submit")
    version, events = p.version, p.events.count()
    r = _post(getattr(aw.w.users, who), p, action)
    assert r.status_code == 403
    p.refresh_from_db()
    assert (p.status, p.version, p.events.count()) == (ProposalStatus.SUBMITTED, version, events)


def test_office_officer_does_not_edit_a_school_draft(aw):
    """The office reaches the school's subtree, but the school's draft is the school's to edit."""
    html = _page(aw.w.users.office_officer, aw.proposal)
    assert reverse("awards:item_add", args=[aw.proposal.pk]) not in html
    assert reverse("awards:dossier_upload", args=[aw.proposal.pk]) not in html
    assert reverse("awards:item_add", args=[aw.proposal.pk]) in _page(aw.w.users.officer_a, aw.proposal)
    from tdkt.core.exceptions import PermissionRefused

    with pytest.raises(PermissionRefused):
        services.item_add(actor=aw.w.users.office_officer, proposal=aw.proposal, award_type=aw.types["giay-khen"],
                          person=aw.w.binh, summary="x")
    assert aw.proposal.items.count() == 1


def test_review_and_decision_buttons(aw, council_passes):
    from tdkt.accounts.choices import Role
    from tdkt.accounts.models import Membership, User

    p = advance(aw, "submit", "receive", "start_review")
    review = reverse("awards:item_review", args=[aw.item.pk])
    assert review in _page(aw.w.users.specialist_th, p)
    assert review not in _page(aw.w.users.office_officer, p)
    assert review not in _page(aw.w.users.officer_a, p)
    services.item_review(actor=aw.w.users.specialist_th, item=aw.item, accept=True)
    p = advance(aw, "finish_review")
    head = User.objects.create_user(username="head_phong", password="pw-test-123")
    Membership.objects.create(user=head, unit=aw.w.phong, role=Role.HEAD)
    decide = reverse("awards:decision_create", args=[p.pk])
    assert decide in _page(head, p)
    assert decide not in _page(aw.w.users.office_officer, p)
    assert decide not in _page(aw.w.users.specialist_th, p)
    assert decide not in _page(aw.w.users.officer_a, p)
    compile_url = reverse("awards:proposal_compile", args=[p.pk])
    assert compile_url in _page(aw.w.users.office_officer, p)
    assert compile_url not in _page(aw.w.users.officer_a, p)


def test_api_lists_the_callers_actions(aw, council_passes):
    p = advance(aw, "submit")
    for who, expected in (("officer_a", ["withdraw"]), ("office_officer", ["receive", "return"])):
        c = Client()
        c.force_login(getattr(aw.w.users, who))
        data = c.get(reverse("api:awards_proposal_detail", args=[p.pk])).json()
        assert data["actions"] == expected
