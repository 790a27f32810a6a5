"""A decision of many names: the work is the same few queries whatever the number of names."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from tdkt.awards import services
from tdkt.awards.choices import ItemStatus, ProposalStatus
from tdkt.records.models import AwardRecord


def many_accepted(aw, n: int):
    """A reviewed proposal of school A with ``n`` accepted Giấy khen items (people made in bulk)."""
    from tdkt.awards.models import ProposalItem
    from tdkt.people.choices import Position
    from tdkt.people.models import Employment, Person

    people = []
    for k in range(n):
        p = Person(family_name="Nguyễn", middle_name="Thị", given_name=f"Lan {k:04d}")
        p.refresh_derived()
        people.append(p)
    people = Person.objects.bulk_create(people)
    if people[0].pk is None:  # SQLite before RETURNING support: fetch back
        people = list(Person.objects.filter(given_name__startswith="Lan ").order_by("pk"))
    Employment.objects.bulk_create([Employment(person=p, unit=aw.w.school_a, position=Position.GIAO_VIEN,
                                               start_date=dt.date(2020, 9, 1)) for p in people])
    p = aw.proposal
    ProposalItem.objects.bulk_create([
        ProposalItem(proposal=p, person=person, award_type=aw.types["giay-khen"], summary="Hoàn thành xuất sắc",
                     status=ItemStatus.ACCEPTED, order=k + 10) for k, person in enumerate(people)])
    p.items.filter(status=ItemStatus.PENDING).update(status=ItemStatus.ACCEPTED)
    type(p).objects.filter(pk=p.pk).update(status=ProposalStatus.REVIEWED)
    p.refresh_from_db()
    return list(p.items.filter(status=ItemStatus.ACCEPTED).select_related("proposal", "proposal__round",
                                                                         "proposal__unit", "award_type", "person"))


@pytest.fixture
def head_phong(aw):
    from tdkt.accounts.choices import Role
    from tdkt.accounts.models import Membership, User

    u = User.objects.create_user(username="head_phong", password="pw-test-123")
    Membership.objects.create(user=u, unit=aw.w.phong, role=Role.HEAD)
    return u


def issue(aw, actor, items):
    return services.decision_issue(actor=actor, issuer=aw.w.phong, items=items, decision_date=dt.date(2026, 6, 20),
                                   signer_name="Võ Cao Long", signer_title="Trưởng phòng", proposal=aw.proposal)


def _count(aw, actor, n):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    items = many_accepted(aw, n)
    with CaptureQueriesContext(connection) as ctx:
        t = time.perf_counter()
        d = issue(aw, actor, items)
        seconds = time.perf_counter() - t
    return d, items, len(ctx.captured_queries), seconds


def test_queries_do_not_grow_with_names(aw, head_phong):
    """5 names and 2,000 names cost the same queries; every name gets its record and audit row."""
    from tdkt.audit.models import AuditEvent
    from tdkt.awards.models import Decision, Proposal

    small, _, small_q, _ = _count(aw, head_phong, 5)
    # a second proposal of the same school for the large decision
    aw.proposal = Proposal.objects.create(round=aw.round, unit=aw.w.school_a, to_unit=aw.w.phong, title="Lớn")
    big, items, big_q, seconds = _count(aw, head_phong, 2000)
    print(f"\ndecision_issue: 5 names {small_q} queries; {len(items)} names {big_q} queries, {seconds:.2f} s")
    # Bulk inserts are split in batches (SQLite allows ~999 variables a statement): three tables, one statement
    # per batch of 50+ rows at worst — never one per name (the row-by-row version ran ~8,000 queries here).
    assert big_q <= small_q + 3 * 2000 // 50
    assert big.items.count() == len(items) == 2000
    assert AwardRecord.objects.filter(decision_number=big.number_label, source="awards").count() == 2000
    assert AuditEvent.objects.filter(event_type="records.award_added", target_type="records.awardrecord").count() \
        == 2000 + 6
    assert Decision.objects.count() == 2 and big.total == 2000 * 710000
