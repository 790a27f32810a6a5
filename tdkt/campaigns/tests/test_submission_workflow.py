"""The unit's registration file: draft → submitted → returned → resubmitted → accepted."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError, PermissionRefused

from .. import services, workflow
from ..choices import SubmissionStatus as S
from ..models import RegistrationSubmission, SubmissionEvent
from . import helpers as h


def _prepared(w, **kw):
    camp = services.campaign_create(actor=w.users.office_officer, unit=w.phong, name="Dạy tốt – Học tốt",
                                    school_year=w.year, **kw)
    services.registration_register(actor=w.users.officer_a, campaign=camp, award_type=h.award(), person=w.an,
                                   on=dt.date(2025, 10, 1))
    sub = services.submission_get_or_create(actor=w.users.officer_a, campaign=camp, unit=w.school_a)
    return camp, sub


def _state(sub):
    sub.refresh_from_db()
    return (sub.status, sub.return_reason, sub.late, SubmissionEvent.objects.count(), AuditEvent.objects.count())


def test_return_resubmit_accept_keeps_history(w, client):
    camp, sub = _prepared(w)
    t = lambda actor, action, reason="": services.submission_transition(  # noqa: E731
        actor=actor, submission=sub, action=action, reason=reason)
    assert t(w.users.officer_a, "submit").status == S.SUBMITTED
    assert t(w.users.office_officer, "return", "Thiếu kế hoạch thi đua").status == S.RETURNED
    sub.refresh_from_db()
    assert sub.return_reason == "Thiếu kế hoạch thi đua"
    assert t(w.users.officer_a, "submit").status == S.RESUBMITTED
    assert t(w.users.office_officer, "accept").status == S.ACCEPTED
    assert [(e.action, e.from_status, e.to_status) for e in sub.events.all()] == [
        ("create", S.DRAFT, S.DRAFT), ("submit", S.DRAFT, S.SUBMITTED), ("return", S.SUBMITTED, S.RETURNED),
        ("submit", S.RETURNED, S.RESUBMITTED), ("accept", S.RESUBMITTED, S.ACCEPTED)]
    assert sub.events.get(action="return").reason == "Thiếu kế hoạch thi đua"
    assert AuditEvent.objects.filter(event_type__startswith="campaign.submission_", target_id=str(sub.pk)).count() == 5
    client.force_login(w.users.officer_a)
    page = client.get(reverse("campaigns:submission_detail", args=[camp.pk, w.school_a.pk])).content.decode()
    assert "Thiếu kế hoạch thi đua" in page and "Đã tiếp nhận" in page and "Nguyễn Văn An" in page


@pytest.mark.parametrize("actor,action,reason,error", [
    ("office_officer", "accept", "", DomainValidationError),  # still a draft
    ("officer_a", "accept", "", PermissionRefused),  # the school cannot accept its own file
    ("office_officer", "return", "", DomainValidationError),
    ("officer_b", "submit", "", PermissionRefused),
    ("officer_a", "approve", "", DomainValidationError),
])
def test_invalid_transitions_change_nothing(w, actor, action, reason, error):
    camp, sub = _prepared(w)
    before = _state(sub)
    with pytest.raises(error):
        services.submission_transition(actor=getattr(w.users, actor), submission=sub, action=action, reason=reason)
    assert _state(sub) == before


def test_accepted_file_cannot_move_and_return_needs_reason(w):
    camp, sub = _prepared(w)
    services.submission_transition(actor=w.users.officer_a, submission=sub, action="submit")
    before = _state(sub)
    with pytest.raises(DomainValidationError, match="lý do"):
        services.submission_transition(actor=w.users.office_officer, submission=sub, action="return", reason=" ")
    assert _state(sub) == before
    services.submission_transition(actor=w.users.office_officer, submission=sub, action="accept")
    before = _state(sub)
    for action in ("submit", "return", "accept"):
        with pytest.raises(DomainValidationError, match="Đã tiếp nhận"):
            services.submission_transition(actor=w.users.office_officer if action != "submit" else w.users.officer_a,
                                           submission=sub, action=action, reason="x")
    assert _state(sub) == before
    assert workflow.allowed_actions(S.ACCEPTED) == []


def test_late_submission_allowed_but_marked(w, client):
    camp, sub = _prepared(w, submission_deadline=dt.date(2025, 10, 27))
    late_time = timezone.make_aware(dt.datetime(2025, 10, 28, 9, 0))
    services.submission_transition(actor=w.users.officer_a, submission=sub, action="submit", now=late_time)
    sub.refresh_from_db()
    assert sub.status == S.SUBMITTED and sub.late
    client.force_login(w.users.office_officer)
    page = client.get(reverse("campaigns:campaign_detail", args=[camp.pk])).content.decode()
    assert "nộp muộn" in page


def test_on_time_submission_not_late(w):
    camp, sub = _prepared(w, submission_deadline=dt.date(2025, 10, 27))
    on_time = timezone.make_aware(dt.datetime(2025, 10, 27, 23, 0))
    services.submission_transition(actor=w.users.officer_a, submission=sub, action="submit", now=on_time)
    sub.refresh_from_db()
    assert not sub.late


def test_level_above_sees_who_has_not_submitted(w, client):
    camp, sub = _prepared(w)
    client.force_login(w.users.officer_a)
    response = client.post(reverse("campaigns:submission_submit", args=[camp.pk, w.school_a.pk]))
    assert response.status_code == 302
    client.force_login(w.users.office_officer)
    page = client.get(reverse("campaigns:campaign_detail", args=[camp.pk])).content.decode()
    table = page[page.index('data-testid="submission-table"'):]
    assert table.index(w.school_a.name) < table.index("Đã nộp")
    assert w.school_b.name in table and w.school_c.name in table and table.count("Chưa nộp") == 2
    response = client.post(reverse("campaigns:submission_review", args=[camp.pk, w.school_a.pk]),
                           {"action": "return", "reason": "Bổ sung bảng tổng hợp"})
    assert response.status_code == 302
    assert RegistrationSubmission.objects.get().status == S.RETURNED


def test_empty_file_and_non_child_unit_refused(w):
    camp = services.campaign_create(actor=w.users.office_officer, unit=w.phong, name="P", school_year=w.year)
    sub = services.submission_get_or_create(actor=w.users.officer_b, campaign=camp, unit=w.school_b)
    before = _state(sub)
    with pytest.raises(DomainValidationError, match="chưa có đăng ký"):
        services.submission_transition(actor=w.users.officer_b, submission=sub, action="submit")
    assert _state(sub) == before
    count = RegistrationSubmission.objects.count()
    with pytest.raises(DomainValidationError, match="không phải đơn vị trực thuộc"):
        services.submission_get_or_create(actor=w.users.officer_a, campaign=camp, unit=w.group_a)
    assert RegistrationSubmission.objects.count() == count


def test_printable_cover_and_summary(w, client):
    camp, sub = _prepared(w)
    client.force_login(w.users.office_officer)
    cover = client.get(reverse("campaigns:submission_cover", args=[camp.pk, w.school_a.pk])).content.decode()
    assert "TỜ TRÌNH" in cover and "Kính gửi: " + w.phong.name in cover and "năm học 2025-2026" in cover
    summary = client.get(reverse("campaigns:submission_summary", args=[camp.pk, w.school_a.pk])).content.decode()
    assert "BẢNG TỔNG HỢP ĐĂNG KÝ" in summary and "Nguyễn Văn An" in summary and "Lao động tiên tiến" in summary


@pytest.mark.parametrize("doc", ["to-trinh", "bang-tong-hop"])
@pytest.mark.parametrize("fmt,magic", [("docx", b"PK\x03\x04"), ("pdf", b"%PDF")])
def test_downloads_through_the_document_layer(w, client, doc, fmt, magic):
    camp, sub = _prepared(w)
    client.force_login(w.users.officer_a)
    response = client.get(reverse("campaigns:submission_download", args=[camp.pk, w.school_a.pk, doc, fmt]))
    assert response.status_code == 200
    assert response.content.startswith(magic)
    if fmt == "docx":
        import io
        import zipfile

        xml = zipfile.ZipFile(io.BytesIO(response.content)).read("word/document.xml").decode()
        assert ("Lao động tiên tiến" in xml) and (doc == "to-trinh" or "Nguyễn Văn An" in xml)


def test_file_lists_every_registration_of_the_subtree_for_the_year(w):
    from tdkt.eligibility.choices import SubjectKind
    from tdkt.records.models import Registration

    from .. import selectors

    camp, sub = _prepared(w)  # An (tổ 1 of school A) registered through the campaign
    Registration.objects.create(award_type=h.award(), school_year=w.year, person=w.binh,
                                registered_on=dt.date(2025, 10, 2))  # entered on the records pages
    Registration.objects.create(award_type=h.award(), school_year=w.year, person=w.cuong,
                                registered_on=dt.date(2025, 10, 2))  # school B: not in A's file
    Registration.objects.create(award_type=h.award("tt-ldtt", SubjectKind.COLLECTIVE), school_year=w.year,
                                unit=w.group_a, registered_on=dt.date(2025, 10, 2))
    rows = selectors.unit_registrations(campaign=camp, unit=w.school_a)
    assert [(str(r.registration.person or r.registration.unit), r.unit) for r in rows] == [
        ("Nguyễn Văn An", w.group_a), ("Trần Thị Bình", w.school_a), ("Tổ 1", w.group_a)]
