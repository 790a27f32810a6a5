"""Many members cast secret ballots at the same instant, each on its own database
connection, some pressing the button twice: none lost, none counted twice."""

import threading
from collections import Counter

import pytest
from django.db import connection

from tdkt.meetings import services
from tdkt.meetings.choices import Choice
from tdkt.meetings.models import Ballot, BallotReceipt

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="needs PostgreSQL: SQLite serialises all writers, so there is no race to test")

N = 20


def test_parallel_secret_ballots(transactional_db, world, meeting_of, awards):
    from django.db import connections

    c = meeting_of(N)
    q = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["cstdcs"],
                                 person=world.an)
    services.question_open(actor=world.users.officer_a, question=q)
    choices = [Choice.FOR if i % 3 else Choice.AGAINST for i in range(N)]
    # every member submits, and every other member submits twice at once
    jobs = [(u, ch) for u, ch in zip(c.users, choices, strict=True)]
    jobs += [(u, ch) for i, (u, ch) in enumerate(zip(c.users, choices, strict=True)) if i % 2 == 0]
    barrier = threading.Barrier(len(jobs))
    outcomes: list[str] = []
    lock = threading.Lock()

    def cast(user, choice):
        try:
            barrier.wait()
            services.ballot_cast(actor=user, question=q, choice=choice)
            result = "ok"
        except services.AlreadyVoted:
            result = "twice"
        except Exception as exc:  # reported below
            result = f"error: {exc!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=cast, args=job) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert Counter(outcomes) == {"ok": N, "twice": len(jobs) - N}, outcomes
    assert BallotReceipt.objects.filter(question=q).count() == N
    assert Ballot.objects.filter(question=q).count() == N
    stored = Counter(Ballot.objects.filter(question=q).values_list("choice", flat=True))
    assert stored == Counter(choices)
    result = services.question_close(actor=world.users.officer_a, question=q)
    assert result.counts.for_ == choices.count(Choice.FOR)
