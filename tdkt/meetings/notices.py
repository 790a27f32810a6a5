"""Who hears that a secret ballot opened (through ``tdkt.notifications``): each council member present
who may vote on it, from their own account. When the e-mail leaves, the seat is asked again (a seat is
not a role, so this app registers the check): a member replaced since, or a ballot already closed,
sends nothing."""

from __future__ import annotations

from django.urls import reverse

from tdkt.notifications.audience import Access, register_check
from tdkt.notifications.choices import Kind
from tdkt.notifications.services import notify

from . import selectors
from .choices import QuestionStatus, VotingMethod
from .models import Attendance, Question, Recusal


def ballot_opened(question, meeting) -> None:
    if question.method != VotingMethod.SECRET:
        return
    present = {a.member_id for a in Attendance.objects.filter(meeting=meeting, present=True)}
    recused = set(Recusal.objects.filter(question=question).values_list("member_id", flat=True))
    candidates = {p.pk for p in selectors.candidate_people(question)}
    users = []
    for member in selectors.members_on(meeting.council, meeting.day):
        if member.pk not in present or member.pk in recused or member.person_id in candidates:
            continue
        users.append(member.user or getattr(member.person, "user", None))
    notify(kind=Kind.BALLOT_OPENED, target=question, recipients=[u for u in users if u is not None],
           access=Access(), url=reverse("meetings:ballot_cast", args=[question.pk]),
           sender_unit=meeting.council.unit,
           title=f"Mời bỏ phiếu kín: {question.title}",
           body=f"{meeting.council.name} – cuộc họp ngày {meeting.day:%d/%m/%Y}, {meeting.place}.")


def _still_votes(user, notification) -> bool:
    question = Question.objects.filter(pk=notification.target_id).select_related("meeting__council").first()
    if question is None or question.status != QuestionStatus.VOTING:
        return False
    return selectors.member_for_user(question.meeting.council, user, question.meeting.day) is not None


register_check(Kind.BALLOT_OPENED, _still_votes)
