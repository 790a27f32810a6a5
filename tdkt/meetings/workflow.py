"""Allowed status transitions of meetings and questions, with their guards.

Meeting: chuẩn bị → đang họp (first question opened) → đã kết thúc → đã chốt.
A meeting that voted nothing may go straight from chuẩn bị to đã kết thúc.
Question: chưa biểu quyết → đang biểu quyết → đã kết thúc.

Attendance is frozen once voting starts: the present count is the base of the
quorum and of "số thành viên có mặt" rules, so changing it afterwards would
change results already counted. A late arrival is noted in the minutes' remarks
instead (decision recorded in docs/architecture notes of this app).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tdkt.core.exceptions import DomainValidationError

from .choices import MeetingStatus, QuestionStatus

MEETING_TRANSITIONS: dict[tuple[str, str], str] = {
    (MeetingStatus.PLANNED, MeetingStatus.IN_PROGRESS): "question_open",
    (MeetingStatus.PLANNED, MeetingStatus.CLOSED): "meeting_close",
    (MeetingStatus.IN_PROGRESS, MeetingStatus.CLOSED): "meeting_close",
    (MeetingStatus.CLOSED, MeetingStatus.FINALIZED): "meeting_finalize",
}

QUESTION_TRANSITIONS: dict[tuple[str, str], str] = {
    (QuestionStatus.PENDING, QuestionStatus.VOTING): "question_open",
    (QuestionStatus.VOTING, QuestionStatus.CLOSED): "question_close",
}

# Marked here, translated when a refusal is raised (in the user's language).
_MEETING_REFUSALS = {
    MeetingStatus.CLOSED: gettext_noop("Cuộc họp đã kết thúc."),
    MeetingStatus.FINALIZED: gettext_noop("Cuộc họp đã chốt kết quả."),
}


def require_meeting_transition(meeting, to: str) -> None:
    if meeting.status == to:
        raise DomainValidationError(_("Cuộc họp đã ở trạng thái «%(status)s».") % {"status": MeetingStatus(to).label})
    if (meeting.status, to) not in MEETING_TRANSITIONS:
        raise DomainValidationError(
            _("Không chuyển được cuộc họp từ «%(from)s» sang «%(to)s».") % {
                "from": MeetingStatus(meeting.status).label, "to": MeetingStatus(to).label})


def require_meeting_running(meeting) -> None:
    """Votes, counts and agenda changes happen only before the meeting ends."""
    if meeting.status in _MEETING_REFUSALS:
        raise DomainValidationError(_(_MEETING_REFUSALS[meeting.status]) + " " + _("Không nhận biểu quyết nữa."))


def require_attendance_editable(meeting, *, voting_started: bool) -> None:
    require_meeting_running(meeting)
    if voting_started or meeting.status != MeetingStatus.PLANNED:
        raise DomainValidationError(
            _("Đã bắt đầu biểu quyết nên không thay đổi điểm danh nữa: số thành viên có mặt đã được dùng để tính "
              "điều kiện hợp lệ và tỷ lệ biểu quyết. Ghi ý kiến, người đến muộn vào phần ghi chú của biên bản."))


def require_question_transition(question, to: str) -> None:
    if (question.status, to) in QUESTION_TRANSITIONS:
        return
    if question.status == QuestionStatus.CLOSED:
        raise DomainValidationError(_("Nội dung này đã kết thúc biểu quyết."))
    if question.status == QuestionStatus.VOTING and to == QuestionStatus.VOTING:
        raise DomainValidationError(_("Nội dung này đang được biểu quyết."))
    raise DomainValidationError(_("Nội dung này chưa mở biểu quyết."))


def require_question_voting(question) -> None:
    if question.status == QuestionStatus.CLOSED:
        raise DomainValidationError(_("Nội dung này đã kết thúc biểu quyết; không nhận phiếu nữa."))
    if question.status != QuestionStatus.VOTING:
        raise DomainValidationError(_("Nội dung này chưa mở biểu quyết."))
