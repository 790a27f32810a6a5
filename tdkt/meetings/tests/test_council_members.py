"""Council members over time: replacing one closes the old seat and opens the new,
both with the decision, in one audited change."""

import datetime as dt

import pytest

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError
from tdkt.meetings import selectors, services
from tdkt.meetings.choices import MemberRole
from tdkt.meetings.models import CouncilMember


@pytest.fixture
def council(world, awards):
    c = services.council_create(actor=world.users.officer_a, unit=world.school_a, name="Hội đồng TĐKT",
                                decision_number="05/QĐ-THĐTH", decision_date=dt.date(2023, 9, 5),
                                term_start=dt.date(2023, 9, 5))
    services.council_member_add(actor=world.users.officer_a, council=c, person=world.binh, role=MemberRole.CHU_TICH,
                                start_date=dt.date(2023, 9, 5))
    services.council_member_add(actor=world.users.officer_a, council=c, person=world.an, role=MemberRole.THU_KY,
                                start_date=dt.date(2023, 9, 5), user=world.users.council_a)
    return c


def test_members_take_the_founding_decision(council):
    m = council.members.get(role=MemberRole.CHU_TICH)
    assert m.decision_number == "05/QĐ-THĐTH" and m.decision_date == dt.date(2023, 9, 5)


def test_replacement_closes_old_and_opens_new(world, council):
    old = council.members.get(person=world.an)
    new = services.council_member_replace(actor=world.users.officer_a, member=old, person=world.cuong,
                                         start_date=dt.date(2024, 1, 15), decision_number="20/QĐ-THĐTH",
                                         decision_date=dt.date(2024, 1, 10), reason="Chuyển công tác")
    old.refresh_from_db()
    assert old.end_date == dt.date(2024, 1, 14) and old.end_reason == "Chuyển công tác"
    assert new.replaces == old and new.role == MemberRole.THU_KY and new.decision_number == "20/QĐ-THĐTH"
    assert [m.person for m in selectors.members_on(council, dt.date(2024, 1, 14))] == [world.binh, world.an]
    assert [m.person for m in selectors.members_on(council, dt.date(2024, 1, 15))] == [world.binh, world.cuong]
    event = AuditEvent.objects.get(event_type="meetings.member_replaced")
    assert event.after["old"]["end_date"] == "2024-01-14" and event.after["new"]["person_id"] == world.cuong.pk


def test_replacement_refusals_change_nothing(world, council):
    old = council.members.get(person=world.an)
    rows = list(CouncilMember.objects.order_by("pk").values())
    events = AuditEvent.objects.count()
    for kwargs, message in [
        ({"person": world.cuong, "start_date": dt.date(2023, 9, 1), "decision_number": "1"}, "phải sau ngày"),
        ({"person": world.binh, "start_date": dt.date(2024, 1, 1), "decision_number": "1"}, "đang là thành viên"),
        ({"person": world.cuong, "start_date": dt.date(2024, 1, 1), "decision_number": ""}, "Cần số quyết định"),
    ]:
        with pytest.raises(DomainValidationError) as exc:
            services.council_member_replace(actor=world.users.officer_a, member=old, decision_date=dt.date(2024, 1, 1),
                                            **kwargs)
        assert message in str(exc.value)
    assert list(CouncilMember.objects.order_by("pk").values()) == rows
    assert AuditEvent.objects.count() == events


def test_one_chair_at_a_time(world, council):
    with pytest.raises(DomainValidationError) as exc:
        services.council_member_add(actor=world.users.officer_a, council=council, person=world.cuong,
                                    role=MemberRole.CHU_TICH, start_date=dt.date(2023, 9, 5))
    assert "đã có Chủ tịch" in str(exc.value)


def test_vote_link_through_the_seat_or_the_person(world, council):
    day = dt.date(2023, 10, 1)
    assert selectors.member_for_user(council, world.users.council_a, day).person == world.an  # seat link
    assert selectors.member_for_user(council, world.users.staff_a, day) is None  # seat overrides person's own login
    assert selectors.member_for_user(council, world.users.head_a, day) is None
