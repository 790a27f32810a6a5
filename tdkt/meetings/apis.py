"""Councils and votes API (mounted at /api/meetings). Thin: the same services and
selectors as the pages; refusals come back as 403 / 422 with Vietnamese messages."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Router, Schema, Status

from tdkt.accounts.access import require
from tdkt.accounts.permissions import Perm
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.eligibility.models import AwardType
from tdkt.org.models import SchoolYear, Unit
from tdkt.people.models import Person

from . import selectors, services
from .choices import CouncilKind, MemberRole, QuestionKind
from .minutes import minutes_context
from .models import (
    Attendance,
    BallotReceipt,
    Council,
    CouncilMember,
    Meeting,
    Question,
    QuorumRule,
    VotingRule,
)

router = Router()
REFUSED = gettext_noop("Bạn không có quyền với hội đồng của đơn vị này.")  # translated when raised


# --------------------------------------------------------------------------- schemas


class CouncilIn(Schema):
    unit_id: int
    kind: str = CouncilKind.TDKT
    name: str
    decision_number: str
    decision_date: dt.date
    decision_issuer: str = ""
    term_start: dt.date
    term_end: dt.date | None = None


class MemberIn(Schema):
    person_id: int
    role: str = MemberRole.UY_VIEN
    user_id: int | None = None
    start_date: dt.date
    decision_number: str = ""
    decision_date: dt.date | None = None
    position_note: str = ""


class ReplaceIn(Schema):
    person_id: int
    start_date: dt.date
    decision_number: str
    decision_date: dt.date
    role: str | None = None
    user_id: int | None = None
    reason: str = ""


class CouncilMeetingIn(Schema):
    school_year_id: int
    starts_at: dt.datetime
    place: str
    title: str = ""
    chair_id: int | None = None
    secretary_id: int | None = None


class AttendanceItem(Schema):
    member_id: int
    present: bool
    reason: str = ""


class AttendanceIn(Schema):
    entries: list[AttendanceItem]


class AgendaIn(Schema):
    list_award_type_ids: list[int] = []


class QuestionIn(Schema):
    kind: str = QuestionKind.CANDIDATE
    award_type_id: int | None = None
    person_id: int | None = None
    unit_id: int | None = None
    title: str = ""
    method: str | None = None


class OpenCountIn(Schema):
    votes_for: int
    votes_against: int
    votes_abstain: int
    chair_choice: str = ""
    # A list: {item id: [for, against, abstain]} for a line whose person sits on the council and did not
    # vote on it; a line not given is derived from the list's count.
    line_counts: dict[str, list[int]] = {}


class BallotIn(Schema):
    choice: str


class OpinionItem(Schema):
    member_id: int
    choice: str


class OpinionsIn(Schema):
    document_date: dt.date
    document_ref: str = ""
    opinions: list[OpinionItem]


# --------------------------------------------------------------------------- helpers


def _council(request, pk: int, *, manage: bool = False) -> Council:
    council = get_object_or_404(Council.objects.select_related("unit"), pk=pk)
    ok = selectors.can_manage(request.user, council) if manage else selectors.can_view(request.user, council)
    if not ok:
        raise PermissionRefused(_(REFUSED))
    return council


def _meeting(request, pk: int, need: str = "view") -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("council__unit", "school_year", "chair__person",
                                                               "secretary__person"), pk=pk)
    if need == "vote":
        # A ballot is a member's own: any seat on this council on the meeting day, whatever the roles.
        if selectors.member_for_user(meeting.council, request.user, meeting.day) is None:
            raise PermissionRefused(selectors.not_a_member_text())
        return meeting
    if need == "run":
        ok = selectors.can_run(request.user, meeting)
    elif need == "manage":
        ok = selectors.can_manage(request.user, meeting.council)
    else:
        ok = selectors.can_view(request.user, meeting.council)
    if not ok:
        raise PermissionRefused(_(REFUSED))
    return meeting


def _question(request, pk: int, need: str = "run") -> Question:
    question = get_object_or_404(Question.objects.select_related("rule", "award_type"), pk=pk)
    question.meeting = _meeting(request, question.meeting_id, need)
    return question


def _member_of(council: Council, member_id: int) -> CouncilMember:
    member = CouncilMember.objects.filter(pk=member_id, council=council).select_related("person").first()
    if member is None:
        raise DomainValidationError({"member_id": _("Không có thành viên mã %(id)s trong Hội đồng.") % {"id": member_id}})
    return member


def _person(pk: int | None, field: str = "person_id"):
    if pk is None:
        return None
    person = Person.objects.filter(pk=pk).first()
    if person is None:
        raise DomainValidationError({field: _("Không có cá nhân mã %(id)s.") % {"id": pk}})
    return person


def _user(pk: int | None):
    from tdkt.accounts.models import User

    if pk is None:
        return None
    user = User.objects.filter(pk=pk).first()
    if user is None:
        raise DomainValidationError({"user_id": _("Không có tài khoản mã %(id)s.") % {"id": pk}})
    return user


def _member_out(m: CouncilMember) -> dict:
    return {"id": m.pk, "person_id": m.person_id, "name": m.person.full_name, "role": m.role,
            "role_label": m.get_role_display(), "start_date": m.start_date, "end_date": m.end_date,
            "decision_number": m.decision_number, "decision_date": m.decision_date, "replaces_id": m.replaces_id,
            "has_user": bool(m.user_id or m.person.user_id)}


def _council_out(c: Council, *, members: bool = False) -> dict:
    data = {"id": c.pk, "kind": c.kind, "kind_label": c.get_kind_display(), "unit_id": c.unit_id, "unit": c.unit.name,
            "name": c.name, "decision_number": c.decision_number, "decision_date": c.decision_date,
            "term_start": c.term_start, "term_end": c.term_end}
    if members:
        data["members"] = [_member_out(m) for m in selectors.member_history(c)]
        data["meetings"] = [{"id": mt.pk, "starts_at": mt.starts_at, "title": mt.title, "status": mt.status}
                            for mt in c.meetings.order_by("-starts_at")]
    return data


def _quorum_out(meeting) -> dict:
    q = selectors.meeting_quorum(meeting)
    return {"total": q.total, "present": q.present, "required": q.required, "share": q.share_text,
            "reached": q.reached, "missing": q.missing, "text": q.text}


def _question_out(q: Question, me=None, *, ctx: dict | None = None) -> dict:
    """One question; ``ctx`` (from ``_questions_ctx``) carries what a whole agenda reads at once."""
    ctx = ctx if ctx is not None else _questions_ctx(q.meeting, [q], me)
    return {
        "id": q.pk, "order": q.order, "kind": q.kind, "title": q.title, "award_type_id": q.award_type_id,
        "person_id": q.person_id, "unit_id": q.unit_id, "method": q.method, "status": q.status,
        "rule": {"id": q.rule_id, "name": q.rule.name, "summary": q.rule.summary, "citation": q.rule.citation},
        "ballots_cast": ctx["voted"].get(q.pk, 0) if q.method == "bo_phieu_kin" else None,
        "i_voted": q.pk in ctx["mine"],
        "verdict": ctx["verdicts"].get(q.pk),
        "recused_lines": [{"item_id": line.item.pk, "person_id": line.item.person_id,
                           "member_id": line.member.pk, "member": line.member.person.full_name}
                          for line in ctx["lines"].get(q.pk, [])],
        "passed": q.passed, "tally": q.tally,
    }


def _questions_ctx(meeting: Meeting, questions: list, me=None) -> dict:
    """Receipts, verdicts and recused lines of many questions in a fixed number of queries."""
    ids = [q.pk for q in questions]
    mine = set(BallotReceipt.objects.filter(question_id__in=ids, member=me).values_list("question_id", flat=True)) \
        if me else set()
    return {"voted": selectors.receipts_counts(meeting), "mine": mine, "verdicts": selectors.verdicts_for(questions),
            "lines": selectors.recused_lines_for(meeting, questions)}


def _agenda(meeting: Meeting, questions=None) -> list[Question]:
    if questions is None:
        questions = meeting.questions.all()
    questions = list(Question.objects.filter(pk__in=[q.pk for q in questions])
                     .select_related("rule", "award_type", "person", "unit").prefetch_related("items")
                     .order_by("order", "id"))
    for q in questions:
        q.meeting = meeting
    return questions


def _meeting_out(meeting: Meeting, request) -> dict:
    me = selectors.member_for_user(meeting.council, request.user, meeting.day)
    attendance = {a.member_id: a for a in Attendance.objects.filter(meeting=meeting)}
    members = []
    for m in selectors.members_on(meeting.council, meeting.day):
        a = attendance.get(m.pk)
        members.append({**_member_out(m), "present": None if a is None else a.present,
                        "absence_reason": a.absence_reason if a else ""})
    questions = _agenda(meeting)
    ctx = _questions_ctx(meeting, questions, me)
    return {
        "id": meeting.pk, "council_id": meeting.council_id, "council": meeting.council.name,
        "school_year": meeting.school_year.label, "title": meeting.title, "starts_at": meeting.starts_at,
        "place": meeting.place, "status": meeting.status, "status_label": meeting.get_status_display(),
        "chair_id": meeting.chair_id, "secretary_id": meeting.secretary_id,
        "quorum": _quorum_out(meeting), "members": members, "voting_started": selectors.voting_started(meeting),
        "questions": [_question_out(q, me, ctx=ctx) for q in questions],
    }


# --------------------------------------------------------------------------- councils


@router.get("/rules", url_name="meetings_rule_list", summary="Quy định số thành viên tối thiểu và tỷ lệ biểu quyết")
def rule_list(request):
    return {
        "quorum_rules": [{"id": r.pk, "code": r.code, "name": r.name, "share": f"{r.share_numerator}/{r.share_denominator}",
                          "effective_from": r.effective_from, "effective_to": r.effective_to,
                          "citation": r.citation, "note": r.note} for r in QuorumRule.objects.all()],
        "voting_rules": [{"id": r.pk, "code": r.code, "name": r.name, "award_group": r.award_group,
                          "award_type_id": r.award_type_id, "summary": r.summary,
                          "threshold": f"{r.threshold_numerator}/{r.threshold_denominator}",
                          "strict": r.threshold_strict, "base": r.base, "secret_ballot_required": r.secret_ballot_required,
                          "absentee_opinions_count": r.absentee_opinions_count, "blank_policy": r.blank_policy,
                          "invalid_policy": r.invalid_policy, "tie_policy": r.tie_policy,
                          "recused_excluded_from_base": r.recused_excluded_from_base,
                          "effective_from": r.effective_from, "effective_to": r.effective_to,
                          "citation": r.citation, "note": r.note} for r in VotingRule.objects.all()],
    }


@router.get("/councils", url_name="meetings_council_list", summary="Danh sách hội đồng")
def council_list(request):
    return [_council_out(c) for c in selectors.council_list_visible_to(user=request.user)]


@router.post("/councils", response={201: dict}, url_name="meetings_council_list", summary="Lập hội đồng")
def council_create(request, payload: CouncilIn):
    unit = Unit.objects.filter(pk=payload.unit_id).first()
    if unit is None:
        raise DomainValidationError({"unit_id": _("Không có đơn vị mã %(id)s.") % {"id": payload.unit_id}})
    require(request.user, Perm.MANAGE_MEETINGS, unit)
    data = payload.dict()
    data.pop("unit_id")
    council = services.council_create(actor=request.user, unit=unit, **data)
    return Status(201, _council_out(council, members=True))


@router.get("/councils/{council_id}", url_name="meetings_council_detail", summary="Hội đồng và thành viên")
def council_detail(request, council_id: int):
    return _council_out(_council(request, council_id), members=True)


@router.post("/councils/{council_id}/members", response={201: dict}, url_name="meetings_member_list",
             summary="Thêm thành viên")
def member_add(request, council_id: int, payload: MemberIn):
    council = _council(request, council_id, manage=True)
    member = services.council_member_add(
        actor=request.user, council=council, person=_person(payload.person_id), role=payload.role,
        user=_user(payload.user_id), start_date=payload.start_date, decision_number=payload.decision_number,
        decision_date=payload.decision_date, position_note=payload.position_note)
    return Status(201, _member_out(member))


@router.post("/members/{member_id}/replace", response={201: dict}, url_name="meetings_member_replace",
             summary="Thay thế thành viên (đóng thành viên cũ, mở thành viên mới)")
def member_replace(request, member_id: int, payload: ReplaceIn):
    member = get_object_or_404(CouncilMember.objects.select_related("council__unit", "person"), pk=member_id)
    _council(request, member.council_id, manage=True)
    new = services.council_member_replace(
        actor=request.user, member=member, person=_person(payload.person_id), start_date=payload.start_date,
        decision_number=payload.decision_number, decision_date=payload.decision_date, role=payload.role,
        user=_user(payload.user_id), reason=payload.reason)
    return Status(201, _member_out(new))


# --------------------------------------------------------------------------- meetings


@router.post("/councils/{council_id}/meetings", response={201: dict}, url_name="meetings_meeting_list",
             summary="Tạo cuộc họp")
def meeting_create(request, council_id: int, payload: CouncilMeetingIn):
    council = _council(request, council_id, manage=True)
    year = SchoolYear.objects.filter(pk=payload.school_year_id).first()
    if year is None:
        raise DomainValidationError({"school_year_id": _("Không có năm học mã %(id)s.") % {"id": payload.school_year_id}})
    chair = _member_of(council, payload.chair_id) if payload.chair_id else None
    secretary = _member_of(council, payload.secretary_id) if payload.secretary_id else None
    meeting = services.meeting_create(actor=request.user, council=council, school_year=year,
                                      starts_at=payload.starts_at, place=payload.place, title=payload.title,
                                      chair=chair, secretary=secretary)
    return Status(201, _meeting_out(meeting, request))


@router.get("/meetings/{meeting_id}", url_name="meetings_meeting_detail",
            summary="Cuộc họp: điểm danh, điều kiện hợp lệ, nội dung và kết quả")
def meeting_detail(request, meeting_id: int):
    return _meeting_out(_meeting(request, meeting_id), request)


@router.post("/meetings/{meeting_id}/attendance", url_name="meetings_attendance", summary="Điểm danh")
def attendance(request, meeting_id: int, payload: AttendanceIn):
    meeting = _meeting(request, meeting_id, "run")
    entries = [services.AttendanceEntry(member=_member_of(meeting.council, e.member_id), present=e.present,
                                        reason=e.reason) for e in payload.entries]
    services.attendance_record(actor=request.user, meeting=meeting, entries=entries)
    return _quorum_out(meeting)


@router.post("/meetings/{meeting_id}/agenda-from-registrations", url_name="meetings_agenda_from_registrations",
             summary="Lập chương trình họp từ đăng ký thi đua")
def agenda_from_registrations(request, meeting_id: int, payload: AgendaIn):
    meeting = _meeting(request, meeting_id, "manage")
    types = list(AwardType.objects.filter(pk__in=payload.list_award_type_ids))
    created = _agenda(meeting, services.meeting_agenda_from_registrations(
        actor=request.user, meeting=meeting, list_award_types=types))
    ctx = _questions_ctx(meeting, created)
    return {"created": [_question_out(q, ctx=ctx) for q in created]}


@router.post("/meetings/{meeting_id}/questions", response={201: dict}, url_name="meetings_question_list",
             summary="Thêm nội dung biểu quyết")
def question_create(request, meeting_id: int, payload: QuestionIn):
    meeting = _meeting(request, meeting_id, "manage")
    award_type = AwardType.objects.filter(pk=payload.award_type_id).first() if payload.award_type_id else None
    unit = Unit.objects.filter(pk=payload.unit_id).first() if payload.unit_id else None
    q = services.question_create(actor=request.user, meeting=meeting, kind=payload.kind, award_type=award_type,
                                 person=_person(payload.person_id), unit=unit, title=payload.title,
                                 method=payload.method)
    return Status(201, _question_out(q))


@router.post("/meetings/{meeting_id}/close", url_name="meetings_meeting_close", summary="Kết thúc cuộc họp")
def meeting_close(request, meeting_id: int):
    meeting = services.meeting_close(actor=request.user, meeting=_meeting(request, meeting_id, "run"))
    return {"id": meeting.pk, "status": meeting.status}


@router.post("/meetings/{meeting_id}/finalize", url_name="meetings_meeting_finalize", summary="Chốt kết quả")
def meeting_finalize(request, meeting_id: int):
    meeting = services.meeting_finalize(actor=request.user, meeting=_meeting(request, meeting_id, "manage"))
    return {"id": meeting.pk, "status": meeting.status}


@router.get("/meetings/{meeting_id}/results", url_name="meetings_results",
            summary="Kết quả: người / tập thể được thông qua và dữ liệu biên bản")
def results(request, meeting_id: int):
    meeting = _meeting(request, meeting_id)
    return {
        "final": selectors.meeting_is_final(meeting),
        "passed": [{"person_id": p.person.pk if p.person else None, "unit_id": p.unit.pk if p.unit else None,
                    "name": str(p.person or p.unit), "award_type_id": p.award_type.pk, "award_type": str(p.award_type),
                    "question_id": p.question.pk} for p in selectors.passed_candidates(meeting)],
        "minutes": minutes_context(meeting),
    }


# --------------------------------------------------------------------------- questions


@router.post("/questions/{question_id}/split", url_name="meetings_question_list_split",
             summary="Tách danh sách chưa biểu quyết thành từng người")
def question_list_split(request, question_id: int):
    question = _question(request, question_id, "manage")
    meeting = question.meeting
    created = _agenda(meeting, services.question_list_split(actor=request.user, question=question))
    ctx = _questions_ctx(meeting, created)
    return {"created": [_question_out(q, ctx=ctx) for q in created]}


@router.post("/questions/{question_id}/open", url_name="meetings_question_open", summary="Mở biểu quyết")
def question_open(request, question_id: int):
    q = services.question_open(actor=request.user, question=_question(request, question_id))
    return _question_out(q)


@router.post("/questions/{question_id}/open-count", url_name="meetings_open_count",
             summary="Ghi kết quả biểu quyết giơ tay")
def open_count(request, question_id: int, payload: OpenCountIn):
    question = _question(request, question_id)
    services.open_count_record(actor=request.user, question=question, **payload.dict())
    return _question_out(question)


@router.post("/questions/{question_id}/close", url_name="meetings_question_close",
             summary="Kết thúc biểu quyết và kiểm phiếu")
def question_close(request, question_id: int):
    question = _question(request, question_id)
    services.question_close(actor=request.user, question=question)
    question.refresh_from_db()
    return _question_out(question)


@router.post("/questions/{question_id}/ballot", response={201: dict, 409: dict}, url_name="meetings_ballot",
             summary="Bỏ phiếu kín (chỉ ghi nhận đã bỏ phiếu, không lưu ai chọn gì)")
def ballot(request, question_id: int, payload: BallotIn):
    question = _question(request, question_id, "vote")
    try:
        services.ballot_cast(actor=request.user, question=question, choice=payload.choice)
    except services.AlreadyVoted as exc:
        return Status(409, {"status": "da_bo_phieu", "detail": exc.messages[0]})
    return Status(201, {"status": "da_ghi_nhan", "detail": _("Đã ghi nhận phiếu của bạn.")})


@router.post("/questions/{question_id}/absentee-opinions", url_name="meetings_absentee_opinions",
             summary="Ghi ý kiến bằng văn bản của thành viên vắng mặt")
def absentee_opinions(request, question_id: int, payload: OpinionsIn):
    question = _question(request, question_id)
    opinions = [services.WrittenOpinion(member=_member_of(question.meeting.council, o.member_id), choice=o.choice,
                                        document_date=payload.document_date, document_ref=payload.document_ref)
                for o in payload.opinions]
    services.absentee_opinions_record(actor=request.user, question=question, opinions=opinions)
    question.refresh_from_db()
    return _question_out(question)
