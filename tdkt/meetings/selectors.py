"""Reads of councils, meetings and results, always scoped by tdkt.accounts.access."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext

from tdkt.accounts.access import can, unit_scope_q
from tdkt.accounts.permissions import Perm
from tdkt.eligibility.engine import EligibilityError, Result, evaluate, evaluate_many

from .calculations import Counts, Quorum, TallyInput, quorum
from .choices import ROLE_ORDER, Channel, Choice, MeetingStatus, QuestionKind, QuestionStatus, VotingMethod
from .models import (
    Attendance,
    Ballot,
    BallotReceipt,
    Council,
    CouncilMember,
    Meeting,
    Question,
    QuestionItem,
    QuorumRule,
    Recusal,
)
from .reference import quorum_rule_for

if TYPE_CHECKING:
    from tdkt.eligibility.models import AwardType
    from tdkt.org.models import Unit
    from tdkt.people.models import Person

logger = logging.getLogger(__name__)

DEFAULT_QUORUM = Fraction(2, 3)

# --------------------------------------------------------------------------- access


def council_list_visible_to(*, user, unit=None) -> QuerySet[Council]:
    qs = Council.objects.filter(unit_scope_q(user, Perm.VIEW_MEETINGS, prefix="unit__")).select_related("unit")
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return qs.order_by("unit__path", "-term_start", "id")


def can_view(user, council: Council) -> bool:
    return can(user, Perm.VIEW_MEETINGS, council.unit) or member_for_user(council, user) is not None


def can_manage(user, council: Council) -> bool:
    return can(user, Perm.MANAGE_MEETINGS, council.unit)


def can_run(user, meeting: Meeting) -> bool:
    """Who conducts a meeting: the unit's officers, and the meeting's own chair and secretary."""
    if can_manage(user, meeting.council):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    for member in (meeting.chair, meeting.secretary):
        if member is not None and _is_user_of(member, user):
            return True
    return False


def _is_user_of(member: CouncilMember, user) -> bool:
    return member.user_id == user.pk or (member.user_id is None and member.person.user_id == user.pk)


def not_a_member_text() -> str:
    return gettext("Bạn không phải là thành viên của Hội đồng này vào ngày họp nên không được bỏ phiếu. "
                   "Mỗi thành viên Hội đồng bỏ phiếu bằng tài khoản của mình.")


def member_for_user(council: Council, user, day: dt.date | None = None) -> CouncilMember | None:
    """The user's seat on this council on ``day``: linked on the seat itself, or
    through the person's own account."""
    if not getattr(user, "is_authenticated", False):
        return None
    from django.utils import timezone

    day = day or timezone.localdate()
    return (CouncilMember.objects.filter(CouncilMember.active_q(day), council=council)
            .filter(Q(user=user) | Q(user__isnull=True, person__user=user))
            .select_related("person").first())


# --------------------------------------------------------------------------- members and quorum


def members_on(council: Council, day: dt.date) -> list[CouncilMember]:
    members = list(CouncilMember.objects.filter(CouncilMember.active_q(day), council=council)
                   .select_related("person", "user"))
    members.sort(key=lambda m: (ROLE_ORDER.get(m.role, 9), m.person.sort_name, m.pk))
    return members


def member_history(council: Council) -> list[CouncilMember]:
    members = list(council.members.select_related("person", "user", "replaces__person"))
    members.sort(key=lambda m: (m.end_date is not None, ROLE_ORDER.get(m.role, 9), m.person.sort_name, m.start_date))
    return members


def quorum_share(meeting: Meeting) -> tuple[Fraction, QuorumRule | None]:
    rule = meeting.quorum_rule or quorum_rule_for(meeting.council.kind, meeting.day)
    if rule is None:
        logger.warning("No quorum rule in force on %s; using 2/3", meeting.day)
        return DEFAULT_QUORUM, None
    return rule.share, rule


def total_members(meeting: Meeting) -> int:
    if meeting.total_members is not None:
        return meeting.total_members
    return CouncilMember.objects.filter(CouncilMember.active_q(meeting.day), council_id=meeting.council_id).count()


def present_count(meeting: Meeting) -> int:
    return Attendance.objects.filter(meeting=meeting, present=True).count()


def meeting_quorum(meeting: Meeting) -> Quorum:
    share, _rule = quorum_share(meeting)
    return quorum(total_members(meeting), present_count(meeting), share)


def voting_started(meeting: Meeting) -> bool:
    return meeting.questions.exclude(status=QuestionStatus.PENDING).exists()


# --------------------------------------------------------------------------- tallies


def candidate_people(question: Question) -> list:
    """Who is being considered on the question as a whole, so a member among them stands
    aside from all of it. On a list question nobody is: a member on the list stands aside
    from their own line only (``recused_lines``) and votes on the others."""
    if question.kind == QuestionKind.LIST:
        return []
    return [question.person] if question.person_id else []


@dataclass
class RecusedLine:
    """A line of a list question whose person sits on the council: that member does not
    vote on it (and does on the rest of the list)."""

    item: QuestionItem
    member: CouncilMember
    present: bool
    wrote: bool  # an absent member's written opinion is on record for the question
    result: dict | None = None  # the line's own tally, once the question is closed (pages set it)


def recused_lines_for(meeting: Meeting, questions) -> dict[int, list[RecusedLine]]:
    """The recused lines of every list question given, in a fixed number of queries
    (whatever the number of questions and lines); the questions' ``items`` are read
    through their prefetch when there is one."""
    lists = [q for q in questions if q.kind == QuestionKind.LIST]
    if not lists:
        return {}
    items_of = {q.pk: [i for i in q.items.all() if i.person_id] for q in lists}
    people = {i.person_id for items in items_of.values() for i in items}
    seats = {m.person_id: m for m in CouncilMember.objects.filter(
        CouncilMember.active_q(meeting.day), council_id=meeting.council_id, person_id__in=people)
        .select_related("person")} if people else {}
    if not seats:
        return {q.pk: [] for q in lists}
    present = set(Attendance.objects.filter(meeting=meeting, present=True, member__in=seats.values())
                  .values_list("member_id", flat=True))
    ids = [q.pk for q in lists]
    wrote = set(BallotReceipt.objects.filter(question_id__in=ids, channel=Channel.WRITTEN)
                .values_list("question_id", "member_id"))
    whole = set(Recusal.objects.filter(question_id__in=ids).values_list("question_id", "member_id"))
    out: dict[int, list[RecusedLine]] = {}
    for q in lists:
        lines = []
        for item in items_of[q.pk]:
            member = seats.get(item.person_id)
            if member is None or (q.pk, member.pk) in whole:  # already aside from the whole question
                continue
            lines.append(RecusedLine(item=item, member=member, present=member.pk in present,
                                     wrote=(q.pk, member.pk) in wrote))
        out[q.pk] = lines
    return out


def recused_lines(question: Question) -> list[RecusedLine]:
    return recused_lines_for(question.meeting, [question]).get(question.pk, [])


def tally_input(question: Question) -> TallyInput:
    meeting = question.meeting
    by_channel: dict[str, dict[str, int]] = {Channel.MEETING: {}, Channel.WRITTEN: {}}
    for row in Ballot.objects.filter(question=question).values("channel", "choice").annotate(n=Count("id")).order_by():
        by_channel[row["channel"]][row["choice"]] = row["n"]
    chair_choice = ""
    if question.method == "gio_tay":
        oc = getattr(question, "open_count", None)
        meeting_counts = (Counts(oc.votes_for, oc.votes_against, oc.votes_abstain, 0) if oc else Counts())
        chair_choice = oc.chair_choice if oc else ""
    else:
        meeting_counts = Counts.of(by_channel[Channel.MEETING])
    present_ids = set(Attendance.objects.filter(meeting=meeting, present=True).values_list("member_id", flat=True))
    recused = list(Recusal.objects.filter(question=question).values_list("member_id", flat=True))
    return TallyInput(
        method=question.method, total_members=total_members(meeting), present=len(present_ids),
        meeting=meeting_counts, written=Counts.of(by_channel[Channel.WRITTEN]),
        recused_total=len(recused), recused_present=len([m for m in recused if m in present_ids]),
        chair_choice=chair_choice,
    )


def receipts_count(question: Question, channel: str = Channel.MEETING) -> int:
    return BallotReceipt.objects.filter(question=question, channel=channel).count()


def receipts_counts(meeting: Meeting, channel: str = Channel.MEETING) -> dict[int, int]:
    """Ballots cast at the meeting per question, in one query."""
    rows = (BallotReceipt.objects.filter(meeting=meeting, channel=channel).values("question_id")
            .annotate(n=Count("id")).order_by())
    return {r["question_id"]: r["n"] for r in rows}


# --------------------------------------------------------------------------- eligibility


def verdict_for(question: Question) -> dict | None:
    """The eligibility engine's verdict for a candidate question; None for other questions and for
    a subject the engine refuses to judge (``EligibilityError``: an award type no longer in use, a
    collective award for a person). Any other failure of the engine is a bug and is not hidden."""
    if question.kind != QuestionKind.CANDIDATE or question.award_type_id is None:
        return None
    try:
        result = evaluate(question.person or question.unit, question.award_type, question.meeting.school_year)
    except EligibilityError:
        return None
    return _verdict_dict(result)


def verdicts_for(questions) -> dict[int, dict | None]:
    """Verdicts for a whole agenda from one load of facts (engine.evaluate_many), so a
    meeting page's queries do not grow with its questions. evaluate_many stops at the first pair
    it cannot judge: then that year's questions are judged one by one (only then)."""
    questions = [q for q in questions if q.kind == QuestionKind.CANDIDATE and q.award_type_id is not None]
    by_year: dict = {}
    for q in questions:
        by_year.setdefault(q.meeting.school_year_id, []).append(q)
    result: dict[int, dict | None] = {}
    for group in by_year.values():
        try:
            verdicts = evaluate_many([(q.person or q.unit, q.award_type) for q in group], group[0].meeting.school_year)
        except EligibilityError:
            result.update({q.pk: verdict_for(q) for q in group})
            continue
        for q, v in zip(group, verdicts, strict=True):
            result[q.pk] = _verdict_dict(v)
    return result


def _verdict_dict(result: Result) -> dict:
    return {"outcome": str(result.outcome), "label": str(result.outcome_label), "lines": list(result.lines)}


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class PassedCandidate:
    person: Person | None
    unit: Unit | None
    award_type: AwardType
    question: Question


def passed_candidates(meeting: Meeting) -> list[PassedCandidate]:
    """Who the council passed, as (person or unit, award type) pairs, for proposals.

    A list question that passed yields every name on it, except a line its member did not
    vote on and that failed on its own count (and a line that passed on its own count
    comes even when the rest of the list failed). Results of a meeting that
    is not yet «đã chốt» may still change when absent members' written opinions
    arrive; callers that need a final list check ``meeting.status``."""
    out: list[PassedCandidate] = []
    # A list that failed may still pass a line voted without its member (its own count): read every list.
    questions = (meeting.questions.filter(status=QuestionStatus.CLOSED, award_type__isnull=False)
                 .filter(Q(passed=True) | Q(kind=QuestionKind.LIST))
                 .select_related("award_type", "person", "unit").prefetch_related("items__person", "items__unit")
                 .order_by("order", "id"))
    for q in questions:
        assert q.award_type is not None  # award_type__isnull=False above
        if q.kind == QuestionKind.LIST:
            # A line its member did not vote on has its own result (tally «lines»).
            own = {line["item"]: line["passed"] for line in (q.tally or {}).get("lines", [])}
            out += [PassedCandidate(i.person, i.unit, q.award_type, q) for i in q.items.all()
                    if own.get(i.pk, bool(q.passed))]
        else:
            out.append(PassedCandidate(q.person, q.unit, q.award_type, q))
    return out


def meeting_is_final(meeting: Meeting) -> bool:
    return meeting.status == MeetingStatus.FINALIZED


MEMBER_CHOICE_VALUES = {Choice.FOR, Choice.AGAINST, Choice.BLANK}


# --------------------------------------------------------------------------- the home page's to-do list


def ballots_waiting_for(*, user) -> list[Question]:
    """Secret ballots open now that ``user`` may cast from their own seat and has not cast yet,
    for the home page's to-do list: the same conditions the ballot service checks (a seat on the
    council on the meeting day, marked present, not the candidate, not recused, no receipt yet).
    Five queries whatever the number of meetings and questions."""
    if not getattr(user, "is_authenticated", False):
        return []
    seats = list(CouncilMember.objects.filter(Q(user=user) | Q(user__isnull=True, person__user=user)))
    if not seats:
        return []
    questions = list(Question.objects.filter(
        status=QuestionStatus.VOTING, method=VotingMethod.SECRET,
        meeting__council_id__in={s.council_id for s in seats},
        meeting__status__in=[MeetingStatus.PLANNED, MeetingStatus.IN_PROGRESS],
    ).select_related("meeting__council__unit", "person").order_by("meeting__starts_at", "order", "pk"))
    if not questions:
        return []
    seat_ids = [s.pk for s in seats]
    present = set(Attendance.objects.filter(meeting_id__in={q.meeting_id for q in questions}, member_id__in=seat_ids,
                                            present=True).values_list("meeting_id", "member_id"))
    qids = [q.pk for q in questions]
    done = set(BallotReceipt.objects.filter(question_id__in=qids, member_id__in=seat_ids)
               .values_list("question_id", "member_id"))
    recused = set(Recusal.objects.filter(question_id__in=qids, member_id__in=seat_ids)
                  .values_list("question_id", "member_id"))
    waiting = []
    for q in questions:
        seat = next((s for s in seats if s.council_id == q.meeting.council_id and s.is_active_on(q.meeting.day)), None)
        if seat is None or (q.meeting_id, seat.pk) not in present:
            continue
        if (q.pk, seat.pk) in done or (q.pk, seat.pk) in recused:
            continue
        if q.kind != QuestionKind.LIST and q.person_id is not None and q.person_id == seat.person_id:
            continue
        waiting.append(q)
    return waiting
