"""Who hears that a secret ballot opened (through ``tdkt.notifications``): each council member present
who may vote on it, from their own account. When the e-mail leaves, the seat is asked again (a seat is
not a role, so this app registers the check): a member replaced since, or a ballot already closed,
sends nothing."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from tdkt.notifications.audience import Access, register_check
from tdkt.notifications.choices import Kind
from tdkt.notifications.services import notify

from . import selectors
from .choices import QuestionStatus, VotingMethod
from .models import Attendance, Meeting, Question, Recusal


def _seat_users(meeting) -> list:
    users = [m.user or getattr(m.person, "user", None) for m in selectors.members_on(meeting.council, meeting.day)]
    return [u for u in users if u is not None]


def meeting_scheduled(meeting, *, moved_because: str = "") -> None:
    """Each member seated on the meeting's day hears when and where (the occasion is the time and place:
    a meeting moved is told again, with the reason)."""
    local = timezone.localtime(meeting.starts_at)
    moved = f"Dời lịch: {meeting.council.name}" if moved_because else meeting.council.name
    notify(kind=Kind.MEETING_SCHEDULED, target=meeting, recipients=_seat_users(meeting), access=Access(),
           url=reverse("meetings:meeting_detail", args=[meeting.pk]), sender_unit=meeting.council.unit,
           occasion=f"{local:%Y%m%d%H%M}:{meeting.place}"[:120], due_on=local.date(),
           title=f"{moved} họp lúc {local:%H:%M} ngày {local:%d/%m/%Y}: {meeting.title}",
           body=f"Địa điểm: {meeting.place}." + (f" Lý do dời lịch: {moved_because}" if moved_because else ""))


def _still_seated(user, notification) -> bool:
    meeting = Meeting.objects.filter(pk=notification.target_id).select_related("council").first()
    return meeting is not None and selectors.member_for_user(meeting.council, user, meeting.day) is not None


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
register_check(Kind.MEETING_SCHEDULED, _still_seated)
