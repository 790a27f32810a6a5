"""Secret ballots: the receipt (who voted) and the ballot (what was chosen) share
nothing that ties one to the other. Checked on the stored rows themselves."""

import json
import logging
import uuid

import pytest
from django.db import connection, models

from tdkt.audit.models import AuditEvent
from tdkt.meetings import services
from tdkt.meetings.choices import Choice
from tdkt.meetings.models import Ballot, BallotReceipt

CHOICES = [Choice.FOR, Choice.AGAINST, Choice.BLANK, Choice.FOR, Choice.AGAINST, Choice.FOR]


@pytest.fixture
def voted(world, meeting_of, awards, caplog):
    c = meeting_of(6)
    q = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["cstdcs"],
                                 person=world.an)
    services.question_open(actor=world.users.officer_a, question=q)
    with caplog.at_level(logging.DEBUG):
        for user, choice in zip(c.users, CHOICES, strict=True):
            services.ballot_cast(actor=user, question=q, choice=choice)
    return c, q


def _columns(model):
    with connection.cursor() as cur:
        cur.execute(f"SELECT * FROM {model._meta.db_table} WHERE 1 = 0")
        return {col[0] for col in cur.description}


def test_ballot_table_holds_no_voter_and_no_time(voted):
    assert _columns(Ballot) == {"id", "question_id", "choice", "channel"}
    for field in Ballot._meta.get_fields():
        assert not isinstance(field, models.DateField | models.DateTimeField | models.TimeField | models.AutoField)
        if field.is_relation:
            assert field.name == "question"
    assert Ballot._meta.ordering == []
    assert str(Ballot.objects.first()) == "Phiếu bầu"


def test_receipt_and_ballot_share_only_the_question(voted):
    shared = _columns(Ballot) & _columns(BallotReceipt)
    # channel only splits meeting ballots from written opinions; within a channel every
    # ballot matches every receipt of the question equally.
    assert shared == {"id", "question_id", "channel"}
    receipt_ids = set(BallotReceipt.objects.values_list("id", flat=True))
    ballot_ids = set(Ballot.objects.values_list("id", flat=True))
    assert all(isinstance(i, int) for i in receipt_ids)
    assert all(isinstance(i, uuid.UUID) for i in ballot_ids)  # ids of different kinds never join
    assert not any(f.is_relation and f.related_model is Ballot for f in BallotReceipt._meta.get_fields())


def test_ballot_ids_are_random_and_renewed_at_close(world, voted):
    c, q = voted
    before = list(Ballot.objects.filter(question=q).values_list("id", flat=True))
    assert all(i.version == 4 for i in before)
    services.question_close(actor=world.users.officer_a, question=q)
    after = list(Ballot.objects.filter(question=q).values_list("id", flat=True))
    assert len(after) == len(before) and not set(after) & set(before)
    counts = {ch: Ballot.objects.filter(question=q, choice=ch).count() for ch in Choice.values}
    assert counts == {Choice.FOR: 3, Choice.AGAINST: 2, Choice.BLANK: 1, Choice.INVALID: 0}


def test_audit_says_who_voted_never_what(voted):
    c, q = voted
    events = list(AuditEvent.objects.filter(event_type="meetings.ballot_cast"))
    assert len(events) == 6
    for e in events:
        text = json.dumps([e.data, e.before, e.after, e.reason, e.target_type, e.target_id], ensure_ascii=False)
        assert not any(f'"{choice}"' in text for choice in Choice.values)
        assert e.target_type == "meetings.question" and e.target_id == str(q.pk)
        assert e.data["member"] in {m.pk for m in c.members}


def test_choices_never_logged(voted, caplog):
    for record in caplog.records:
        message = record.getMessage()
        assert not any(choice in message for choice in (Choice.FOR, Choice.AGAINST))


def test_page_after_voting_does_not_echo_the_choice(world, meeting_of, awards, client):
    c = meeting_of(3)
    q = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["cstdcs"],
                                 person=world.an)
    services.question_open(actor=world.users.officer_a, question=q)
    client.force_login(c.users[2])
    response = client.post(f"/hoi-dong/noi-dung/{q.pk}/bo-phieu/", {"choice": Choice.AGAINST}, follow=True)
    html = response.content.decode()
    assert "Đã ghi nhận phiếu của bạn." in html and "Bạn đã bỏ phiếu" in html
    assert "Không đồng ý" not in html
