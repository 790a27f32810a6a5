"""Issue 18: the achievement is a record a proposal line points to. One achievement, one form (Law on
TĐKT 2022 art. 5), checked by the record — within a proposal and against forms already decided —; the same
form may be given again for another achievement."""

import datetime as dt
import importlib

import pytest
from django.apps import apps

from tdkt.awards import checks, services
from tdkt.awards.models import Achievement, ProposalItem
from tdkt.core.exceptions import DomainValidationError

from .conftest import accepted


def _codes(p):
    return [c for c in checks.submit_checks(p) if c.code == "one_achievement"]


def _achievement(aw, text):
    return Achievement.objects.create(person=aw.w.an, description=text, school_year=aw.w.year)


def test_a_new_line_records_its_achievement(aw):
    item = aw.item
    assert item.achievement is not None
    assert (item.achievement.person, item.achievement.school_year) == (aw.w.an, aw.w.year)
    assert item.achievement.description == "Hoàn thành xuất sắc nhiệm vụ năm học"


def test_two_giay_khen_for_two_different_achievements_pass(aw, council_passes):
    """The same summary typed on both lines, but two achievements picked: two contests, two awards."""
    first = _achievement(aw, "Giải Nhất Hội thi giáo viên dạy giỏi cấp phường")
    second = _achievement(aw, "Giải Nhất Hội thi giáo viên chủ nhiệm giỏi cấp phường")
    for achievement in (first, second):
        services.item_add(actor=aw.w.users.officer_a, proposal=aw.proposal, award_type=aw.types["giay-khen"],
                          person=aw.w.an, summary="Đạt giải Nhất hội thi", achievement=achievement)
    assert _codes(aw.proposal) == []
    lines = ProposalItem.objects.filter(proposal=aw.proposal, achievement__in=[first, second])
    assert {line.achievement_key for line in lines} == {f"TT{first.pk}", f"TT{second.pk}"}


def test_the_same_achievement_picked_with_two_forms_is_refused(aw, council_passes):
    contest = _achievement(aw, "Giải Nhất Hội thi giáo viên dạy giỏi cấp phường")
    for code, summary in (("giay-khen", "Giải Nhất hội thi"), ("bang-khen-tinh-bo", "Một cách viết khác")):
        services.item_add(actor=aw.w.users.officer_a, proposal=aw.proposal, award_type=aw.types[code],
                          person=aw.w.an, summary=summary, achievement=contest)
    (found,) = _codes(aw.proposal)
    assert found.blocking and "«Giấy khen»" in found.message and "«Bằng khen" in found.message


def test_an_achievement_of_someone_else_is_refused(aw):
    other = Achievement.objects.create(person=aw.w.binh, description="Giải Ba", school_year=aw.w.year)
    with pytest.raises(DomainValidationError) as exc:
        services.item_add(actor=aw.w.users.officer_a, proposal=aw.proposal, award_type=aw.types["giay-khen"],
                          person=aw.w.an, summary="", achievement=other)
    assert "không phải của" in " ".join(exc.value.messages)


@pytest.fixture
def decided(aw, council_passes):
    from tdkt.accounts.choices import Role
    from tdkt.accounts.models import Membership, User

    head = User.objects.create_user(username="head_phong", password="pw-test-123")
    Membership.objects.create(user=head, unit=aw.w.phong, role=Role.HEAD)
    accepted(aw)
    decision = services.decision_issue(
        actor=head, issuer=aw.w.phong, items=[aw.item], decision_date=dt.date(2026, 6, 20),
        signer_name="Võ Cao Long", signer_title="Trưởng phòng", number=7,
        legal_basis="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", proposal=aw.proposal)
    aw.decision = decision
    return aw


def test_an_achievement_already_rewarded_with_a_form_is_refused(decided):
    aw = decided
    p = services.proposal_create(actor=aw.w.users.officer_a, round=aw.round, unit=aw.w.school_a)
    with pytest.raises(DomainValidationError) as exc:
        services.item_add(actor=aw.w.users.officer_a, proposal=p, award_type=aw.types["bang-khen-tinh-bo"],
                          person=aw.w.an, summary="", achievement=aw.item.achievement)
    text = " ".join(exc.value.messages)
    assert "07/" in text and aw.decision.number_label in text and "«Giấy khen»" in text
    assert not p.items.exists()
    p.refresh_from_db()  # the refusal rolled back the version too
    # another achievement of the same person takes the same form again
    services.item_add(actor=aw.w.users.officer_a, proposal=p, award_type=aw.types["giay-khen"], person=aw.w.an,
                      summary="Cứu học sinh đuối nước ngày 12/3/2026")
    assert _codes(p) == []


def test_a_revoked_form_does_not_count(decided):
    aw = decided
    line = aw.decision.items.get()
    line.revoked_on = dt.date(2026, 7, 1)
    line.save(update_fields=["revoked_on"])
    p = services.proposal_create(actor=aw.w.users.officer_a, round=aw.round, unit=aw.w.school_a)
    services.item_add(actor=aw.w.users.officer_a, proposal=p, award_type=aw.types["bang-khen-tinh-bo"],
                      person=aw.w.an, summary="", achievement=aw.item.achievement)
    assert _codes(p) == []


def test_the_decided_line_itself_is_not_refused(decided):
    assert _codes(decided.proposal) == []


def test_migration_links_existing_lines(aw):
    """The data function of 0007: one achievement per (subject, year, code or normalised summary)."""
    migration = importlib.import_module("tdkt.awards.migrations.0007_link_achievements")
    officer, p = aw.w.users.officer_a, aw.proposal
    extra = [
        services.item_add(actor=officer, proposal=p, award_type=aw.types["bang-khen-tinh-bo"], person=aw.w.an,
                          summary="Khác hẳn", achievement_key="nh25"),
        services.item_add(actor=officer, proposal=p, award_type=aw.types["giay-khen"], person=aw.w.an,
                          summary="Cứu học sinh đuối nước"),
        services.item_add(actor=officer, proposal=p, award_type=aw.types["bang-khen-tinh-bo"], person=aw.w.an,
                          summary="cứu học sinh  đuối nước."),
        services.item_add(actor=officer, proposal=p, award_type=aw.types["giay-khen-tap-the"], unit=aw.w.group_a,
                          summary="Cứu học sinh đuối nước"),
    ]
    # as before the migration: lines without an achievement, their codes as typed
    ProposalItem.objects.filter(pk=extra[1].pk).update(achievement_key="")
    ProposalItem.objects.filter(pk=extra[2].pk).update(achievement_key="")
    ProposalItem.objects.filter(pk=extra[3].pk).update(achievement_key="")
    ProposalItem.objects.update(achievement=None)
    Achievement.objects.all().delete()

    assert migration.link_achievements(apps) == 3
    lines = {i.pk: i for i in ProposalItem.objects.all()}
    assert all(line.achievement_id for line in lines.values())
    assert lines[aw.item.pk].achievement_id == lines[extra[0].pk].achievement_id  # the same code
    assert lines[extra[1].pk].achievement_id == lines[extra[2].pk].achievement_id  # the same text
    assert lines[extra[3].pk].achievement.unit == aw.w.group_a and lines[extra[3].pk].achievement.person is None
    assert lines[aw.item.pk].achievement.description == "Hoàn thành xuất sắc nhiệm vụ năm học"
    assert lines[aw.item.pk].achievement.school_year == aw.w.year
    assert migration.link_achievements(apps) == 0  # run again: nothing new
    migration.unlink_achievements(apps)
    assert not Achievement.objects.exists() and not ProposalItem.objects.filter(achievement__isnull=False).exists()


def test_the_item_page_offers_the_subjects_achievements(aw, council_passes):
    from django.test import Client
    from django.urls import reverse

    contest = _achievement(aw, "Giải Nhất Hội thi giáo viên dạy giỏi cấp phường")
    client = Client()
    client.force_login(aw.w.users.officer_a)
    url = reverse("awards:item_add", args=[aw.proposal.pk])
    page = client.get(url).content.decode()
    assert f"{aw.w.an} – Giải Nhất Hội thi giáo viên dạy giỏi cấp phường" in page
    r = client.post(url, {"award_type": aw.types["giay-khen"].pk, "person": aw.w.an.pk, "summary": "",
                          "achievement": contest.pk, "version": aw.proposal.version})
    assert r.status_code == 302
    line = aw.proposal.items.get(achievement=contest)
    assert line.summary == contest.description


def test_each_offered_achievement_names_its_subject_for_the_page_to_filter(aw):
    """The line form's achievement list says whose each one is (data-person / data-unit), and asks
    static/tdkt/subject_options.js to follow the person and unit chosen above it."""
    import re

    from django.test import Client
    from django.urls import reverse

    contest = _achievement(aw, "Giải Nhì Hội thi giáo viên chủ nhiệm giỏi")
    collective = Achievement.objects.create(unit=aw.proposal.unit, description="Tập thể lao động xuất sắc",
                                            school_year=aw.w.year)
    client = Client()
    client.force_login(aw.w.users.officer_a)
    page = client.get(reverse("awards:item_add", args=[aw.proposal.pk])).content.decode()
    select = re.search(r'<select name="achievement"[^>]*>', page).group(0)
    assert 'data-follows-person="id_person"' in select and 'data-follows-unit="id_unit"' in select
    assert re.search(rf'<option value="{contest.pk}" data-person="{aw.w.an.pk}"', page)
    assert re.search(rf'<option value="{collective.pk}" data-unit="{aw.proposal.unit.pk}"', page)


def test_the_proposal_page_shows_the_recorded_achievement_of_a_line(aw, council_passes):
    """A line whose summary says it in other words still shows which recorded achievement it rewards."""
    from django.test import Client
    from django.urls import reverse

    contest = _achievement(aw, "Giải Nhất Hội thi giáo viên dạy giỏi cấp phường năm học 2025-2026")
    services.item_add(actor=aw.w.users.officer_a, proposal=aw.proposal, award_type=aw.types["giay-khen"],
                      person=aw.w.an, summary="Giáo viên dạy giỏi", achievement=contest)
    client = Client()
    client.force_login(aw.w.users.officer_a)
    page = client.get(reverse("awards:proposal_detail", args=[aw.proposal.pk])).content.decode()
    assert "Thành tích đã ghi nhận: Giải Nhất Hội thi giáo viên dạy giỏi cấp phường năm học 2025-2026" in page
    # a line whose summary is its achievement's text says it once
    assert page.count("Hoàn thành xuất sắc nhiệm vụ năm học") == 1
