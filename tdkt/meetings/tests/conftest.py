"""Builders for council tests: a council of N members at school A, each member with
a login, a meeting, attendance, questions. Built through the services where the
behaviour matters, with plain ORM rows where only the setting matters."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from tdkt.accounts.choices import Role
from tdkt.accounts.models import Membership, User
from tdkt.meetings import services
from tdkt.meetings.choices import MemberRole
from tdkt.meetings.models import Council, CouncilMember
from tdkt.meetings.reference import load_voting_rules
from tdkt.people.models import Employment, Person

from .helpers import at, make_award_types


@pytest.fixture
def awards(db):
    load_voting_rules()
    return make_award_types()


@pytest.fixture
def council_of(world, awards):
    """``council_of(n)``: a council of n members at school A (member 0 chairs, member 1 is
    secretary), every member with a login holding the council-member role."""

    def build(n: int = 12, *, start=dt.date(2020, 9, 1), prefix="tv"):
        people = []
        for i in range(n):
            p = Person(family_name="Đỗ", middle_name="Văn", given_name=f"{prefix.upper()}{i:02d}")
            p.refresh_derived()
            people.append(p)
        Person.objects.bulk_create(people)
        Employment.objects.bulk_create([Employment(person=p, unit=world.school_a, start_date=start) for p in people])
        users = []
        for i, p in enumerate(people):
            u = User.objects.create_user(username=f"{prefix}{i:02d}", password="pw-test-123")
            Membership.objects.create(user=u, unit=world.school_a, role=Role.COUNCIL_MEMBER)
            p.user = u
            p.save()
            users.append(u)
        council = Council.objects.create(unit=world.school_a, name="Hội đồng Thi đua – Khen thưởng",
                                         decision_number="12/QĐ-THĐTH", decision_date=start, term_start=start)
        members = []
        for i, p in enumerate(people):
            role = MemberRole.CHU_TICH if i == 0 else MemberRole.THU_KY if i == 1 else MemberRole.UY_VIEN
            members.append(CouncilMember.objects.create(council=council, person=p, role=role, start_date=start))
        return SimpleNamespace(council=council, people=people, users=users, members=members)

    return build


@pytest.fixture
def meeting_of(world, council_of):
    """``meeting_of(n, present=k, day=...)``: a meeting of a new n-member council with the
    first k members present and the others absent."""

    def build(n: int = 12, *, present: int | None = None, day=dt.date(2024, 5, 20), school_year=None, prefix="tv"):
        c = council_of(n, prefix=prefix, start=min(dt.date(2020, 9, 1), day - dt.timedelta(days=300)))
        from tdkt.org.services import school_year_get_or_create

        year = school_year or school_year_get_or_create(actor=None, start_year=day.year - 1)
        meeting = services.meeting_create(actor=world.users.officer_a, council=c.council, school_year=year,
                                          starts_at=at(day), place="Phòng họp Hội đồng")
        present = n if present is None else present
        entries = [services.AttendanceEntry(member=m, present=i < present, reason="" if i < present else "Đi công tác")
                   for i, m in enumerate(c.members)]
        services.attendance_record(actor=world.users.officer_a, meeting=meeting, entries=entries)
        c.meeting = meeting
        c.year = year
        return c

    return build
