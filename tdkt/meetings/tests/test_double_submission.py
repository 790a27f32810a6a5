"""Submitting twice is harmless: the second says "đã bỏ phiếu" and writes nothing —
also when both arrive together (the receipt's unique constraint decides)."""

import json

import pytest

from tdkt.audit.models import AuditEvent
from tdkt.meetings import services
from tdkt.meetings.choices import Choice
from tdkt.meetings.models import Ballot, BallotReceipt


@pytest.fixture
def open_question(world, meeting_of, awards):
    c = meeting_of(3)
    q = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["cstdcs"],
                                 person=world.an)
    services.question_open(actor=world.users.officer_a, question=q)
    return c, q


def _state():
    return Ballot.objects.count(), BallotReceipt.objects.count(), AuditEvent.objects.count()


def test_second_ballot_refused_first_kept(open_question):
    c, q = open_question
    services.ballot_cast(actor=c.users[0], question=q, choice=Choice.FOR)
    state = _state()
    with pytest.raises(services.AlreadyVoted) as exc:
        services.ballot_cast(actor=c.users[0], question=q, choice=Choice.AGAINST)
    assert "đã bỏ phiếu" in str(exc.value)
    assert _state() == state
    assert list(Ballot.objects.values_list("choice", flat=True)) == [Choice.FOR]


def test_race_decided_by_the_unique_constraint(open_question, monkeypatch):
    """Both submissions pass the "already voted?" read; the insert of the second receipt
    hits the constraint and its ballot is rolled back with it."""
    c, q = open_question
    services.ballot_cast(actor=c.users[1], question=q, choice=Choice.FOR)
    state = _state()
    real_filter = BallotReceipt.objects.filter

    class Blind:
        def __init__(self, qs):
            self.qs = qs

        def exists(self):
            return False

    monkeypatch.setattr(BallotReceipt.objects, "filter", lambda *a, **k: Blind(real_filter(*a, **k)))
    with pytest.raises(services.AlreadyVoted):
        services.ballot_cast(actor=c.users[1], question=q, choice=Choice.AGAINST)
    monkeypatch.undo()
    assert _state() == state


def test_api_answers_409_da_bo_phieu(world, open_question, client):
    c, q = open_question
    client.force_login(c.users[2])
    url = f"/api/meetings/questions/{q.pk}/ballot"
    first = client.post(url, data=json.dumps({"choice": "dong_y"}), content_type="application/json")
    assert first.status_code == 201 and first.json()["status"] == "da_ghi_nhan"
    state = _state()
    second = client.post(url, data=json.dumps({"choice": "khong_dong_y"}), content_type="application/json")
    assert second.status_code == 409 and second.json()["status"] == "da_bo_phieu"
    assert _state() == state


def test_page_says_already_voted(world, open_question, client):
    c, q = open_question
    client.force_login(c.users[2])
    client.post(f"/hoi-dong/noi-dung/{q.pk}/bo-phieu/", {"choice": "dong_y"})
    state = _state()
    html = client.post(f"/hoi-dong/noi-dung/{q.pk}/bo-phieu/", {"choice": "trang"}, follow=True).content.decode()
    assert "Bạn đã bỏ phiếu cho nội dung này" in html
    assert _state() == state
