"""A list vote with council members on the list (issue 12, item 3): LĐTT for the staff,
four of whom sit on the council. The members vote the list; each stands aside from their
own line only, which is counted without them on its own base; the minutes name those lines.
A list may still be voted item by item instead."""

from __future__ import annotations

import datetime as dt

import pytest

from tdkt.core.exceptions import DomainValidationError
from tdkt.meetings import minutes, selectors, services
from tdkt.meetings.choices import QuestionKind, VotingMethod
from tdkt.meetings.models import Recusal
from tdkt.people.models import Employment, Person


@pytest.fixture
def listed(world, meeting_of, awards):
    """A 5-member council, all present; an LĐTT list of 10 staff and four of the members."""
    c = meeting_of(5, present=5)
    staff = []
    for i in range(10):
        p = Person(family_name="Vũ", middle_name="Thị", given_name=f"NV{i:02d}")
        p.refresh_derived()
        staff.append(p)
    Person.objects.bulk_create(staff)
    Employment.objects.bulk_create([Employment(person=p, unit=world.school_a, start_date=dt.date(2020, 9, 1))
                                    for p in staff])
    people = staff + c.people[1:5]  # the chair is not on the list
    q = services.question_create(actor=world.users.officer_a, meeting=c.meeting, kind=QuestionKind.LIST,
                                 award_type=awards["ldtt"], items=[(p, None, None) for p in people])
    c.q = q
    return c


def test_members_vote_the_list_and_stand_aside_from_their_own_line(world, listed):
    c, q = listed, listed.q
    services.question_open(actor=world.users.officer_a, question=q)
    # Nobody stands aside from the whole list...
    assert not Recusal.objects.filter(question=q).exists()
    # ...each member on it from their own line.
    lines = selectors.recused_lines(q)
    assert {line.member.pk for line in lines} == {m.pk for m in c.members[1:5]}
    # The count the issue saw refused ("4 > 0"): the five present members vote the list.
    services.open_count_record(actor=world.users.officer_a, question=q, votes_for=4, votes_against=1,
                               votes_abstain=0)
    result = services.question_close(actor=world.users.officer_a, question=q)
    q.refresh_from_db()
    # «Quá bán số thành viên có mặt» (the rule row for LĐTT): the list on 5 present, each own line on 4.
    assert q.rule.base == "co_mat" and q.rule.threshold_strict
    assert result.passed and q.tally["base"] == 5 and q.tally["arithmetic"].startswith("4/5 ")
    assert len(q.tally["lines"]) == 4
    for line in q.tally["lines"]:
        assert line["base"] == 4 and line["in_favour"] == 3, line  # the member's hand is off their line
        assert line["arithmetic"].startswith("3/4 ") and line["passed"]
    passed = {p.person.pk for p in selectors.passed_candidates(q.meeting)}
    assert passed == {p.pk for p in Person.objects.filter(given_name__startswith="NV")} | {
        m.person_id for m in c.members[1:5]}


def test_a_line_passes_or_fails_on_its_own_count(world, listed):
    q = listed.q
    services.question_open(actor=world.users.officer_a, question=q)
    own = selectors.recused_lines(q)[0]
    # 3 for, 2 against: the list passes (3/5 > 1/2); a member's own line, derived, is 2/4 — not more than half.
    services.open_count_record(actor=world.users.officer_a, question=q, votes_for=3, votes_against=2,
                               votes_abstain=0)
    services.question_close(actor=world.users.officer_a, question=q)
    q.refresh_from_db()
    line = next(x for x in q.tally["lines"] if x["item"] == own.item.pk)
    assert q.passed and not line["passed"] and line["arithmetic"].startswith("2/4 ")
    assert own.item.person_id not in {p.person.pk for p in selectors.passed_candidates(q.meeting)}


def test_the_secretary_gives_a_lines_own_count(world, listed):
    q = listed.q
    services.question_open(actor=world.users.officer_a, question=q)
    own = selectors.recused_lines(q)[0]
    services.open_count_record(actor=world.users.officer_a, question=q, votes_for=3, votes_against=2,
                               votes_abstain=0, line_counts={str(own.item.pk): [3, 1, 0]})
    services.question_close(actor=world.users.officer_a, question=q)
    q.refresh_from_db()
    line = next(x for x in q.tally["lines"] if x["item"] == own.item.pk)
    assert line["own_count"] and line["passed"] and line["arithmetic"].startswith("3/4 ")


def test_a_lines_count_above_its_voters_is_refused(world, listed):
    q = listed.q
    services.question_open(actor=world.users.officer_a, question=q)
    own = selectors.recused_lines(q)[0]
    with pytest.raises(DomainValidationError) as exc:
        services.open_count_record(actor=world.users.officer_a, question=q, votes_for=5, votes_against=0,
                                   votes_abstain=0, line_counts={str(own.item.pk): [5, 0, 0]})
    assert "không biểu quyết dòng của mình" in str(exc.value)
    assert not hasattr(q, "open_count") or q.open_count is None


def test_the_minutes_name_the_recused_lines(world, listed):
    c, q = listed, listed.q
    services.question_open(actor=world.users.officer_a, question=q)
    services.open_count_record(actor=world.users.officer_a, question=q, votes_for=5, votes_against=0,
                               votes_abstain=0)
    services.question_close(actor=world.users.officer_a, question=q)
    ctx = minutes.minutes_context(q.meeting)
    row = next(x for x in ctx["questions"] if x["id"] == q.pk)
    assert {x["member"] for x in row["lines"]} == {m.person.full_name for m in c.members[1:5]}
    text = "\n".join(t for _style, t in minutes._body_lines({**ctx, "kind": "bien-ban"}))
    for m in c.members[1:5]:
        assert f"{m.person.full_name} (thành viên Hội đồng) không biểu quyết dòng của mình" in text


def test_the_meeting_page_shows_the_recused_lines(world, listed, client):
    c, q = listed, listed.q
    services.question_open(actor=world.users.officer_a, question=q)
    client.force_login(world.users.officer_a)
    html = client.get(f"/hoi-dong/cuoc-hop/{c.meeting.pk}/").content.decode()
    assert "Không biểu quyết dòng của mình" in html
    for m in c.members[1:5]:
        assert m.person.full_name in html


def test_a_secret_list_with_members_is_voted_item_by_item_instead(world, listed, awards):
    c = listed
    secret = services.question_create(actor=world.users.officer_a, meeting=c.meeting, kind=QuestionKind.LIST,
                                      award_type=awards["giay-khen"], method=VotingMethod.SECRET,
                                      items=[(c.people[2], None, None)])
    with pytest.raises(DomainValidationError) as exc:
        services.question_open(actor=world.users.officer_a, question=secret)
    assert "biểu quyết từng người" in str(exc.value)
    # Item by item: the member's own question has them aside, the others vote.
    own = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["giay-khen"],
                                   person=c.people[2], method=VotingMethod.SECRET)
    services.question_open(actor=world.users.officer_a, question=own)
    assert list(Recusal.objects.filter(question=own).values_list("member_id", flat=True)) == [c.members[2].pk]


def test_a_list_not_yet_voted_is_split_to_vote_item_by_item(world, listed, awards, client):
    c, q = listed, listed.q
    later = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["giay-khen"],
                                      person=world.an)
    client.force_login(world.users.officer_a)
    page = client.get(f"/hoi-dong/cuoc-hop/{c.meeting.pk}/").content.decode()
    assert "Biểu quyết từng người" in page
    response = client.post(f"/hoi-dong/noi-dung/{q.pk}/tach-tung-nguoi/", follow=True)
    assert "Đã tách danh sách thành 14 nội dung" in response.content.decode()
    questions = list(c.meeting.questions.order_by("order"))
    assert [x.kind for x in questions] == [QuestionKind.CANDIDATE] * 15
    assert [x.order for x in questions] == list(range(1, 16)) and questions[-1].pk == later.pk
    # Each member now stands aside from their own question only.
    own = next(x for x in questions if x.person_id == c.people[2].pk)
    services.question_open(actor=world.users.officer_a, question=own)
    assert list(Recusal.objects.filter(question=own).values_list("member_id", flat=True)) == [c.members[2].pk]


def test_a_list_being_voted_is_not_split(world, listed):
    q = listed.q
    services.question_open(actor=world.users.officer_a, question=q)
    with pytest.raises(DomainValidationError) as exc:
        services.question_list_split(actor=world.users.officer_a, question=q)
    assert "không tách được" in str(exc.value)
    assert q.meeting.questions.count() == 1
