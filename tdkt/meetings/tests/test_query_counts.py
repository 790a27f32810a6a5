"""The meeting page, its API (with the results and minutes data) and the agenda from registrations take as many queries for
50 questions as for 5 (issue 12, item 4: 53 questions took 1,078 queries and 11 s)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tdkt.meetings import services
from tdkt.meetings.choices import QuestionKind, VotingMethod
from tdkt.people.models import Employment, Person
from tdkt.records.models import Registration


def _staff(world, n, prefix):
    people = []
    for i in range(n):
        p = Person(family_name="Vũ", middle_name="Thị", given_name=f"{prefix}{i:03d}")
        p.refresh_derived()
        people.append(p)
    Person.objects.bulk_create(people)
    Employment.objects.bulk_create([Employment(person=p, unit=world.school_a, start_date=dt.date(2020, 9, 1))
                                    for p in people])
    return people


@pytest.fixture
def agenda_of(world, meeting_of, awards):
    """``agenda_of(n, prefix)``: a meeting of a 5-member council (all present) with n candidate
    questions (secret CSTĐCS; the first opened, a ballot cast), one open LĐTT list of n staff and
    two members (closed, with its recused lines), and n Giấy khen registrations not yet on the agenda."""

    def build(n: int, prefix: str, day=dt.date(2026, 5, 20)):
        c = meeting_of(5, present=5, prefix=f"m{prefix}", day=day)
        people = _staff(world, n, prefix)
        officer = world.users.officer_a
        questions = [services.question_create(actor=officer, meeting=c.meeting, award_type=awards["cstdcs"],
                                              person=p, method=VotingMethod.SECRET) for p in people]
        lst = services.question_create(actor=officer, meeting=c.meeting, kind=QuestionKind.LIST,
                                       award_type=awards["ldtt"],
                                       items=[(p, None, None) for p in [*people, *c.people[1:3]]])
        services.question_open(actor=officer, question=lst)
        services.open_count_record(actor=officer, question=lst, votes_for=5, votes_against=0, votes_abstain=0)
        services.question_close(actor=officer, question=lst)
        services.question_open(actor=officer, question=questions[0])
        services.ballot_cast(actor=c.users[0], question=questions[0], choice="dong_y")
        Registration.objects.bulk_create([Registration(award_type=awards["giay-khen"], school_year=c.year,
                                                       person=p, registered_on=dt.date(2025, 10, 1))
                                          for p in people])
        return c

    return build


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = fn()
    assert response.status_code in (200, 201), response.content[:500]
    return len(ctx.captured_queries)


def test_meeting_page_and_api_queries_do_not_grow_with_questions(world, agenda_of, client):
    small, large = agenda_of(5, "s"), agenda_of(50, "l")
    client.force_login(world.users.officer_a)
    counts = {}
    for name, c in (("small", small), ("large", large)):
        counts[name] = (
            _count(lambda c=c: client.get(f"/hoi-dong/cuoc-hop/{c.meeting.pk}/")),
            _count(lambda c=c: client.get(f"/api/meetings/meetings/{c.meeting.pk}")),
            _count(lambda c=c: client.get(f"/api/meetings/meetings/{c.meeting.pk}/results")),
        )
    assert counts["small"] == counts["large"], counts
    # And as a member who votes (my receipts, my seat).
    mine = []
    for c in (small, large):
        client.force_login(c.users[0])
        mine.append((_count(lambda c=c: client.get(f"/hoi-dong/cuoc-hop/{c.meeting.pk}/")),
                     _count(lambda c=c: client.get(f"/api/meetings/meetings/{c.meeting.pk}"))))
    assert mine[0] == mine[1], mine


def test_agenda_from_registrations_queries_do_not_grow(world, agenda_of, client):
    # Another school year each, so each agenda takes its own registrations.
    small, large = agenda_of(5, "s"), agenda_of(50, "l", day=dt.date(2025, 5, 20))
    client.force_login(world.users.officer_a)
    counts = [_count(lambda c=c: client.post(f"/api/meetings/meetings/{c.meeting.pk}/agenda-from-registrations",
                                              json.dumps({}), content_type="application/json"))
              for c in (small, large)]
    assert small.meeting.questions.filter(award_type__code="giay-khen").count() == 5
    assert large.meeting.questions.filter(award_type__code="giay-khen").count() == 50
    assert counts[0] == counts[1], counts
