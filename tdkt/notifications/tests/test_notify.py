"""Events notify the people who may see them, once; pages show the bell, the list, mark read."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tdkt.notifications.choices import EmailStatus, Kind
from tdkt.notifications.models import Notification

pytestmark = pytest.mark.usefixtures("council_passes")


def _kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_submit_tells_the_receiving_office_and_return_tells_the_school(aw, with_emails):
    from tdkt.awards import services

    w = aw.w
    p = services.proposal_transition(actor=w.users.officer_a, proposal=aw.proposal, action="submit")
    assert _kinds(w.users.office_officer) == [Kind.PROPOSAL_SUBMITTED]
    assert _kinds(w.users.officer_a) == []
    services.proposal_transition(actor=w.users.office_officer, proposal=p, action="return",
                                 reason="Thiếu biên bản họp Hội đồng")
    returned = Notification.objects.get(recipient=w.users.officer_a)
    assert returned.kind == Kind.PROPOSAL_RETURNED
    assert "Thiếu biên bản họp Hội đồng" in returned.body
    assert returned.url == reverse("awards:proposal_detail", args=[p.pk])
    assert returned.email_status == EmailStatus.PENDING
    assert Kind.PROPOSAL_RETURNED in _kinds(w.users.head_a)  # the head approves, so hears it too
    # nobody outside the school, and no teacher
    assert _kinds(w.users.officer_b) == [] and _kinds(w.users.staff_a) == []


def test_a_refused_action_notifies_nobody(aw):
    from tdkt.awards import services
    from tdkt.core.exceptions import DomainValidationError

    w = aw.w
    p = services.proposal_transition(actor=w.users.officer_a, proposal=aw.proposal, action="submit")
    before = Notification.objects.count()
    with pytest.raises(DomainValidationError):
        services.proposal_transition(actor=w.users.office_officer, proposal=p, action="return", reason="  ")
    assert Notification.objects.count() == before


def test_notify_twice_writes_once(aw):
    from tdkt.accounts.permissions import Perm
    from tdkt.notifications.audience import Access
    from tdkt.notifications.services import notify

    w = aw.w
    args = dict(kind=Kind.PROPOSAL_RETURNED, target=aw.proposal, recipients=[w.users.officer_a], title="T",
                url="/x/", access=Access(perm=Perm.VIEW_PROPOSALS, unit=w.school_a), occasion="o1")
    assert len(notify(**args)) == 1
    assert notify(**args) == []
    assert Notification.objects.filter(recipient=w.users.officer_a).count() == 1


def test_someone_who_may_not_see_the_object_gets_nothing(aw):
    from tdkt.accounts.permissions import Perm
    from tdkt.notifications.audience import Access
    from tdkt.notifications.services import notify

    w = aw.w
    made = notify(kind=Kind.PROPOSAL_RETURNED, target=aw.proposal, recipients=[w.users.officer_b, w.users.officer_a],
                  title="T", url="/x/", access=Access(perm=Perm.VIEW_PROPOSALS, unit=w.school_a))
    assert [n.recipient for n in made] == [w.users.officer_a]


def test_registration_dossier_returned_tells_officers_and_registered_teacher(world):
    from tdkt.campaigns.choices import SubmissionStatus
    from tdkt.campaigns.models import Campaign, RegistrationEntry, RegistrationSubmission
    from tdkt.campaigns.services import submission_transition
    from tdkt.eligibility.models import AwardType
    from tdkt.records.models import Registration

    w = world
    campaign = Campaign.objects.create(unit=w.phong, name="Thi đua Dạy tốt", school_year=w.year)
    sub = RegistrationSubmission.objects.create(campaign=campaign, unit=w.school_a, status=SubmissionStatus.SUBMITTED)
    ldtt = AwardType.objects.create(code="ldtt", name="Lao động tiên tiến", kind="danh_hieu", subject="ca_nhan",
                                    level="co_so")
    reg = Registration.objects.create(award_type=ldtt, school_year=w.year, person=w.an, registered_on=dt.date(2025, 9, 20))
    RegistrationEntry.objects.create(campaign=campaign, registration=reg, unit=w.school_a)
    submission_transition(actor=w.users.office_officer, submission=sub, action="return", reason="Thiếu Mẫu 2")
    assert _kinds(w.users.officer_a) == [Kind.SUBMISSION_RETURNED]
    assert _kinds(w.users.staff_a) == [Kind.SUBMISSION_RETURNED]  # An's own account
    assert "Thiếu Mẫu 2" in Notification.objects.get(recipient=w.users.staff_a).body
    assert _kinds(w.users.officer_b) == []


def test_bell_list_and_mark_read(aw, client):
    from tdkt.awards import services

    w = aw.w
    p = services.proposal_transition(actor=w.users.officer_a, proposal=aw.proposal, action="submit")
    services.proposal_transition(actor=w.users.office_officer, proposal=p, action="return", reason="Bổ sung")
    client.force_login(w.users.officer_a)
    page = client.get(reverse("core:home")).content.decode()
    assert 'data-testid="bell-count">1<' in page
    listing = client.get(reverse("notifications:list")).content.decode()
    assert f"trả lại «{p.title}» để bổ sung" in listing
    n = Notification.objects.get(recipient=w.users.officer_a)
    response = client.post(reverse("notifications:read", args=[n.pk]), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == n.url
    n.refresh_from_db()
    assert n.read_at is not None
    assert 'data-testid="bell-count"' not in client.get(reverse("core:home")).content.decode()
    # another's notice is not found, and stays unread
    other = Notification.objects.get(recipient=w.users.head_a)
    assert client.post(reverse("notifications:read", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


def test_api_lists_and_marks_all_read(aw, client):
    from tdkt.awards import services

    w = aw.w
    p = services.proposal_transition(actor=w.users.officer_a, proposal=aw.proposal, action="submit")
    services.proposal_transition(actor=w.users.office_officer, proposal=p, action="return", reason="Bổ sung")
    client.force_login(w.users.officer_a)
    data = client.get(reverse("api:notifications_list")).json()
    assert data["unread"] == 1 and data["items"][0]["kind"] == Kind.PROPOSAL_RETURNED
    assert client.post(reverse("api:notifications_read_all")).json() == {"marked": 1}
    assert client.get(reverse("api:notifications_list")).json()["unread"] == 0


def test_preferences_refuse_opting_out_of_a_required_kind(world, client):
    from tdkt.core.exceptions import DomainValidationError
    from tdkt.notifications.models import Preference
    from tdkt.notifications.reference import load_required_kinds
    from tdkt.notifications.services import preference_update

    load_required_kinds()
    with pytest.raises(DomainValidationError) as exc:
        preference_update(actor=world.users.officer_a, email_opt_out=[Kind.PROPOSAL_RETURNED], daily_digest=False,
                          reminder_days="")
    assert "Đề nghị khen thưởng bị trả lại" in str(exc.value)
    assert not Preference.objects.exists()
    client.force_login(world.users.officer_a)
    bad = client.post(reverse("notifications:preferences"), {"email_kinds": [], "reminder_days": "7, hai"})
    assert "«hai» không phải số ngày hợp lệ" in bad.content.decode()
    assert not Preference.objects.exists()
    ok = client.post(reverse("notifications:preferences"), {"email_kinds": [Kind.PROPOSAL_SUBMITTED],
                                                            "reminder_days": "10, 3", "daily_digest": "on"})
    assert ok.status_code == 302
    pref = Preference.objects.get(user=world.users.officer_a)
    assert Kind.DEADLINE_SOON in pref.email_opt_out and Kind.PROPOSAL_RETURNED not in pref.email_opt_out
    assert pref.reminder_days == "10, 3" and pref.daily_digest


def test_a_decision_tells_the_people_named_and_the_proposing_school(aw):
    from tdkt.awards import services
    from tdkt.awards.tests.conftest import accepted

    w = aw.w
    accepted(aw)
    aw.proposal.refresh_from_db()
    d = services.decision_issue(actor=None, issuer=w.phong, items=list(aw.proposal.items.all()),
                                decision_date=dt.date(2026, 6, 20), signer_name="Võ Cao Long",
                                signer_title="Trưởng phòng", proposal=aw.proposal,
                                legal_basis="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;")
    for user in (w.users.staff_a, w.users.officer_a):  # An, named in it; the school's officer
        n = Notification.objects.get(recipient=user, kind=Kind.DECISION_ISSUED)
        assert n.title == f"{w.phong.name} ban hành Quyết định số {d.number_label}"
        assert n.url == reverse("awards:decision_detail", args=[d.pk])
    assert not Notification.objects.filter(recipient=w.users.officer_b, kind=Kind.DECISION_ISSUED).exists()
