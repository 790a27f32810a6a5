"""The agenda from the year's registrations in the council unit's subtree: one question
per candidate × title, or one list question; eligibility verdicts when the engine exists."""

import datetime as dt

import pytest

from tdkt.core.exceptions import DomainValidationError
from tdkt.meetings import selectors, services
from tdkt.meetings.choices import QuestionKind, VotingMethod
from tdkt.records.models import Registration


@pytest.fixture
def registered(world, awards, meeting_of):
    c = meeting_of(5, day=dt.date(2026, 5, 20), school_year=world.year)
    day = dt.date(2025, 10, 1)
    for person, code in [(world.an, "ldtt"), (world.binh, "ldtt"), (world.an, "cstdcs"), (world.cuong, "ldtt")]:
        Registration.objects.create(award_type=awards[code], school_year=world.year, person=person, registered_on=day)
    Registration.objects.create(award_type=awards["tt-ldtt"], school_year=world.year, unit=world.group_a,
                                registered_on=day)
    return c


def test_one_question_per_candidate_in_the_subtree(world, registered, awards):
    created = services.meeting_agenda_from_registrations(actor=world.users.officer_a, meeting=registered.meeting)
    pairs = {(q.award_type.code, str(q.person or q.unit)) for q in created}
    # Cường works at school B: not this council's business.
    assert pairs == {("ldtt", "Nguyễn Văn An"), ("ldtt", "Trần Thị Bình"), ("cstdcs", "Nguyễn Văn An"),
                     ("tt-ldtt", "Tổ 1")}
    cstd = next(q for q in created if q.award_type.code == "cstdcs")
    assert cstd.method == VotingMethod.SECRET and cstd.registration is not None
    assert services.meeting_agenda_from_registrations(actor=world.users.officer_a, meeting=registered.meeting) == []


def test_list_question_for_ldtt(world, registered, awards):
    created = services.meeting_agenda_from_registrations(actor=world.users.officer_a, meeting=registered.meeting,
                                                         list_award_types=[awards["ldtt"]])
    lists = [q for q in created if q.kind == QuestionKind.LIST]
    assert len(lists) == 1
    assert {str(i.person) for i in lists[0].items.all()} == {"Nguyễn Văn An", "Trần Thị Bình"}
    assert len(created) == 3


def test_list_question_refused_for_secret_titles(world, registered, awards):
    with pytest.raises(DomainValidationError) as exc:
        services.meeting_agenda_from_registrations(actor=world.users.officer_a, meeting=registered.meeting,
                                                   list_award_types=[awards["cstdcs"]])
    assert "bỏ phiếu kín cho từng người" in str(exc.value)
    assert not registered.meeting.questions.exists()


def test_passed_list_yields_every_name(world, registered, awards):
    services.meeting_agenda_from_registrations(actor=world.users.officer_a, meeting=registered.meeting,
                                               list_award_types=[awards["ldtt"]])
    q = registered.meeting.questions.get(kind=QuestionKind.LIST)
    services.question_open(actor=world.users.officer_a, question=q)
    services.open_count_record(actor=world.users.officer_a, question=q, votes_for=5, votes_against=0, votes_abstain=0)
    services.question_close(actor=world.users.officer_a, question=q)
    passed = selectors.passed_candidates(registered.meeting)
    assert {(str(p.person), p.award_type.code) for p in passed} == {("Nguyễn Văn An", "ldtt"), ("Trần Thị Bình", "ldtt")}


def test_verdict_from_the_engine(world, registered):
    from tdkt.eligibility.choices import Outcome
    from tdkt.eligibility.engine import outcome_label

    created = services.meeting_agenda_from_registrations(actor=world.users.officer_a, meeting=registered.meeting)
    q = next(x for x in created if x.person_id)
    verdict = selectors.verdict_for(q)
    assert verdict["outcome"] in Outcome.values and verdict["label"] == outcome_label(verdict["outcome"])
    assert verdict["lines"]
    assert selectors.verdicts_for(created)[q.pk] == verdict


def test_no_verdict_for_what_the_engine_refuses_to_judge(world, registered, awards):
    created = services.meeting_agenda_from_registrations(actor=world.users.officer_a, meeting=registered.meeting)
    q = next(x for x in created if x.person_id)
    q.award_type = awards["tt-ldtt"]  # a collective title asked of a person: EligibilityError
    assert selectors.verdict_for(q) is None
    verdicts = selectors.verdicts_for(created)
    assert verdicts[q.pk] is None and any(v is not None for k, v in verdicts.items() if k != q.pk)
