"""The demo's council, as `tdkt demo` builds it (issue 12, item 2): today's meeting of
Tiểu học Đinh Tiên Hoàng has a secret ballot open to its five members, and each of them
casts it from their own login — the principal who chairs, the TĐKT officer who is
secretary and the three members — whatever their other roles. Someone who is not on the
council is refused with a message saying why, and a refused ballot changes nothing.

The demo is built once for the module inside a transaction rolled back at the end."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.meetings.choices import QuestionStatus, VotingMethod
from tdkt.meetings.models import Ballot, BallotReceipt, Question
from tdkt.site.demo import DEMO_PASSWORD, build_demo
from tdkt.site.demo_records import build_demo_records
from tdkt.site.demo_year import DTH, build_demo_year

MEMBERS = ["hieutruong.dth", "tdkt.dth", "hoidong1.dth", "hoidong2.dth", "hoidong3.dth"]


def fast_hasher():
    """The demo hashes its one password once per run; a fast hasher keeps the module quick."""
    return override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), fast_hasher(), transaction.atomic():
        call_command("load_reference", stdout=io.StringIO())
        build_demo()
        build_demo_records(out=io.StringIO())
        build_demo_year(out=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def ballot(demo, db):
    """The open secret ballot of today's meeting, nobody has cast it yet."""
    q = Question.objects.select_related("meeting__council__unit").get(
        meeting__council__unit__code=DTH, status=QuestionStatus.VOTING, method=VotingMethod.SECRET)
    assert not BallotReceipt.objects.filter(question=q).exists()
    return q


def _client(username: str) -> Client:
    client = Client()
    with fast_hasher():
        assert client.login(username=username, password=DEMO_PASSWORD), username
    return client


def _state(q):
    return (BallotReceipt.objects.filter(question=q).count(), Ballot.objects.filter(question=q).count(),
            AuditEvent.objects.count())


def test_the_open_ballot_has_the_five_demo_members(ballot):
    from tdkt.meetings import selectors

    names = {m.user.username for m in selectors.members_on(ballot.meeting.council, ballot.meeting.day)}
    assert names == set(MEMBERS)


def test_each_member_casts_the_ballot_from_their_own_login(ballot):
    url = reverse("meetings:ballot_cast", args=[ballot.pk])
    meeting_url = reverse("meetings:meeting_detail", args=[ballot.meeting_id])
    for i, username in enumerate(MEMBERS, start=1):
        client = _client(username)
        page = client.get(meeting_url)
        assert page.status_code == 200, username
        assert "Bỏ phiếu kín" in page.content.decode(), username
        form = client.get(url)
        assert form.status_code == 200, (username, form.content[:300])
        response = client.post(url, {"choice": "dong_y"}, follow=True)
        assert response.status_code == 200, username
        assert "Đã ghi nhận phiếu của bạn" in response.content.decode(), username
        assert BallotReceipt.objects.filter(question=ballot).count() == i
    assert Ballot.objects.filter(question=ballot).count() == 5


def test_members_cast_through_the_api(ballot):
    url = reverse("api:meetings_ballot", args=[ballot.pk])
    for username in ("hieutruong.dth", "tdkt.dth"):
        response = _client(username).post(url, json.dumps({"choice": "dong_y"}), content_type="application/json")
        assert response.status_code == 201, (username, response.content)
    assert BallotReceipt.objects.filter(question=ballot).count() == 2


@pytest.mark.parametrize("username", ["giaovien.dth", "tdkt.nbk", "tdkt.saigon"])
def test_someone_not_on_the_council_is_refused_and_nothing_changes(ballot, username):
    url = reverse("meetings:ballot_cast", args=[ballot.pk])
    client = _client(username)
    before = _state(ballot)
    for response in (client.get(url), client.post(url, {"choice": "dong_y"})):
        assert response.status_code == 403, (username, response.status_code)
        assert "không phải là thành viên của Hội đồng" in response.content.decode(), response.content[:500]
    api = client.post(reverse("api:meetings_ballot", args=[ballot.pk]), json.dumps({"choice": "dong_y"}),
                      content_type="application/json")
    assert api.status_code == 403, api.content
    assert "không phải là thành viên của Hội đồng" in api.json()["detail"]
    assert _state(ballot) == before


def test_a_member_of_the_same_school_who_is_not_on_the_council_is_told_why(ballot):
    """The school's teacher sees the school, but is not on its council: the refusal names that."""
    client = _client("giaovien.dth")
    before = _state(ballot)
    response = client.post(reverse("meetings:ballot_cast", args=[ballot.pk]), {"choice": "dong_y"})
    assert response.status_code == 403
    assert "không phải là thành viên của Hội đồng" in response.content.decode()
    assert _state(ballot) == before


def test_a_second_ballot_changes_nothing(ballot):
    client = _client("hieutruong.dth")
    url = reverse("meetings:ballot_cast", args=[ballot.pk])
    client.post(url, {"choice": "dong_y"})
    before = _state(ballot)
    response = client.post(url, {"choice": "khong_dong_y"}, follow=True)
    assert "đã bỏ phiếu" in response.content.decode()
    assert _state(ballot) == before
