"""Writes for councils, meetings and votes. Keyword-only, one transaction each,
the audit row inside it; every refusal is raised before the first write.

Secret ballots: the receipt (who voted) and the ballot (what was chosen) are
inserted in one transaction and the receipt's unique constraint decides a double
submission. The audit row of a cast names the member and the question, never the
choice, and nothing here logs a choice.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tdkt.audit.services import audit_record, snapshot
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.core.vi import format_date_short

from . import notices, selectors, workflow
from .choices import (
    Channel,
    Choice,
    CouncilKind,
    MeetingStatus,
    MemberRole,
    QuestionKind,
    QuestionStatus,
    VotingMethod,
)
from .models import (
    Attendance,
    Ballot,
    BallotReceipt,
    Council,
    CouncilMember,
    Meeting,
    OpenCount,
    Question,
    QuestionItem,
    Recusal,
    VotingRule,
)
from .reference import voting_rule_for

COUNCIL_FIELDS = ["kind", "unit_id", "name", "decision_number", "decision_date", "decision_issuer", "term_start",
                  "term_end", "note"]
MEMBER_FIELDS = ["council_id", "person_id", "user_id", "role", "start_date", "end_date", "decision_number",
                 "decision_date", "replaces_id", "end_reason"]
MEETING_FIELDS = ["council_id", "school_year_id", "title", "starts_at", "place", "chair_id", "secretary_id", "status"]


def _fresh_meeting(meeting: Meeting) -> Meeting:
    """Guards read the stored state, not a caller's possibly stale instance."""
    return Meeting.objects.select_related("council__unit", "school_year").get(pk=meeting.pk)


def _fresh_question(question: Question) -> Question:
    return Question.objects.select_related("meeting__council__unit", "rule", "award_type").get(pk=question.pk)


class AlreadyVoted(DomainValidationError):
    """A second ballot from the same member on the same question: nothing is written."""

    def __init__(self):
        super().__init__(_("Bạn đã bỏ phiếu cho nội dung này; phiếu đã ghi nhận được giữ nguyên, không ghi thêm phiếu."))


# --------------------------------------------------------------------------- councils


def council_create(*, actor, unit, name: str, decision_number: str, decision_date: dt.date, term_start: dt.date,
                   kind: str = CouncilKind.TDKT, term_end: dt.date | None = None, decision_issuer: str = "",
                   note: str = "") -> Council:
    errors = {}
    if kind not in CouncilKind.values:
        errors["kind"] = _("Loại hội đồng không hợp lệ.")
    if not (name or "").strip():
        errors["name"] = _("Tên hội đồng không được để trống.")
    if not (decision_number or "").strip():
        errors["decision_number"] = _("Cần số quyết định thành lập Hội đồng.")
    if term_end and term_start and term_end < term_start:
        errors["term_end"] = _("Nhiệm kỳ kết thúc phải sau ngày bắt đầu.")
    if errors:
        raise DomainValidationError(errors)
    with transaction.atomic():
        council = Council.objects.create(
            kind=kind, unit=unit, name=name.strip(), decision_number=decision_number.strip(),
            decision_date=decision_date, decision_issuer=decision_issuer.strip(), term_start=term_start,
            term_end=term_end, note=note)
        audit_record(actor=actor, event_type="meetings.council_created", target=council, unit=unit,
                     after=snapshot(council, COUNCIL_FIELDS))
    return council


def _check_seat(council: Council, person, role: str, start_date: dt.date, *, ignore: CouncilMember | None = None):
    errors = {}
    if role not in MemberRole.values:
        errors["role"] = _("Chức danh không hợp lệ.")
    open_seats = CouncilMember.objects.filter(council=council, end_date__isnull=True)
    if ignore is not None:
        open_seats = open_seats.exclude(pk=ignore.pk)
    if open_seats.filter(person=person).exists():
        errors["person"] = _("«%(person)s» đang là thành viên của Hội đồng.") % {"person": person}
    if role == MemberRole.CHU_TICH:
        chair = open_seats.filter(role=MemberRole.CHU_TICH).select_related("person").first()
        if chair is not None:
            errors["role"] = _("Hội đồng đã có Chủ tịch (%(chair)s); muốn đổi, hãy dùng chức năng thay thế "
                               "thành viên.") % {"chair": chair.person}
    if errors:
        raise DomainValidationError(errors)


def council_member_add(*, actor, council: Council, person, start_date: dt.date, role: str = MemberRole.UY_VIEN,
                       user=None, decision_number: str = "", decision_date: dt.date | None = None,
                       position_note: str = "") -> CouncilMember:
    _check_seat(council, person, role, start_date)
    with transaction.atomic():
        member = CouncilMember.objects.create(
            council=council, person=person, user=user, role=role, start_date=start_date,
            decision_number=decision_number or council.decision_number,
            decision_date=decision_date or council.decision_date, position_note=position_note)
        audit_record(actor=actor, event_type="meetings.member_added", target=member, unit=council.unit,
                     after=snapshot(member, MEMBER_FIELDS))
    return member


def council_member_replace(*, actor, member: CouncilMember, person, start_date: dt.date, decision_number: str,
                           decision_date: dt.date, role: str | None = None, user=None, reason: str = "",
                           position_note: str = "") -> CouncilMember:
    """Thay thế thành viên: the old seat ends the day before ``start_date``, the new one
    opens on it; both name the decision. One audit row tells the whole change."""
    role = role or member.role
    errors = {}
    if member.end_date is not None:
        errors["member"] = _("«%(person)s» đã thôi là thành viên từ %(date)s.") % {
            "person": member.person, "date": format_date_short(member.end_date)}
    elif start_date <= member.start_date:
        errors["start_date"] = _("Ngày thay thế phải sau ngày «%(person)s» bắt đầu làm thành viên (%(date)s).") % {
            "person": member.person, "date": format_date_short(member.start_date)}
    if not (decision_number or "").strip():
        errors["decision_number"] = _("Cần số quyết định thay thế thành viên.")
    if person.pk == member.person_id:
        errors["person"] = _("Người thay thế phải khác người được thay.")
    if errors:
        raise DomainValidationError(errors)
    _check_seat(member.council, person, role, start_date, ignore=member)
    with transaction.atomic():
        old = CouncilMember.objects.select_for_update().get(pk=member.pk)
        if old.end_date is not None:
            raise DomainValidationError({"member": _("Thành viên này vừa được thay thế.")})
        before = snapshot(old, MEMBER_FIELDS)
        old.end_date = start_date - dt.timedelta(days=1)
        old.end_reason = reason or f"Thay thế theo Quyết định số {decision_number}"
        old.save(update_fields=["end_date", "end_reason"])
        new = CouncilMember.objects.create(
            council=old.council, person=person, user=user, role=role, start_date=start_date,
            decision_number=decision_number.strip(), decision_date=decision_date, replaces=old,
            position_note=position_note)
        audit_record(actor=actor, event_type="meetings.member_replaced", target=new, unit=old.council.unit,
                     before=before, after={"old": snapshot(old, MEMBER_FIELDS), "new": snapshot(new, MEMBER_FIELDS)},
                     reason=reason)
    return new


# --------------------------------------------------------------------------- meetings


def _default_member(council, day, role):
    return (CouncilMember.objects.filter(CouncilMember.active_q(day), council=council, role=role)
            .order_by("start_date", "id").first())


def meeting_create(*, actor, council: Council, school_year, starts_at: dt.datetime, place: str,
                   title: str = "", chair: CouncilMember | None = None,
                   secretary: CouncilMember | None = None) -> Meeting:
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    day = timezone.localtime(starts_at).date()
    errors = {}
    if not (place or "").strip():
        errors["place"] = _("Cần địa điểm họp.")
    if day < council.term_start or (council.term_end and day > council.term_end):
        errors["starts_at"] = _("Ngày họp nằm ngoài nhiệm kỳ của Hội đồng.")
    active = CouncilMember.objects.filter(CouncilMember.active_q(day), council=council)
    if not active.exists():
        errors["starts_at"] = _("Hội đồng chưa có thành viên vào ngày họp.")
    for field, member in (("chair", chair), ("secretary", secretary)):
        if member is not None and not active.filter(pk=member.pk).exists():
            errors[field] = _("«%(person)s» không là thành viên Hội đồng vào ngày họp.") % {"person": member.person}
    if errors:
        raise DomainValidationError(errors)
    chair = chair or _default_member(council, day, MemberRole.CHU_TICH)
    secretary = secretary or _default_member(council, day, MemberRole.THU_KY)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            council=council, school_year=school_year, starts_at=starts_at, place=place.strip(),
            title=(title or "").strip() or Meeting._meta.get_field("title").default, chair=chair, secretary=secretary)
        audit_record(actor=actor, event_type="meetings.meeting_created", target=meeting, unit=council.unit,
                     after=snapshot(meeting, MEETING_FIELDS))
        notices.meeting_scheduled(meeting)
    return meeting


def meeting_move(*, actor, meeting: Meeting, starts_at: dt.datetime | None, place: str, reason: str) -> Meeting:
    """Dời lịch họp: a planned meeting gets a new time or place, with the reason; each member seated on the new
    day is told again (the notice's occasion is the time and place)."""
    errors: dict[str, str | list[str]] = {}
    if meeting.status != MeetingStatus.PLANNED:
        raise DomainValidationError(_("Chỉ dời lịch được cuộc họp chưa diễn ra."))
    if starts_at is None:
        errors["starts_at"] = _("Cần thời gian họp mới.")
    elif timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    if not (place or "").strip():
        errors["place"] = _("Cần địa điểm họp.")
    if not (reason or "").strip():
        errors["reason"] = _("Ghi lý do dời lịch họp để thông báo cho thành viên.")
    if starts_at is not None:
        day = timezone.localtime(starts_at).date()
        council = meeting.council
        if day < council.term_start or (council.term_end and day > council.term_end):
            errors["starts_at"] = _("Ngày họp nằm ngoài nhiệm kỳ của Hội đồng.")
    if errors or starts_at is None:
        raise DomainValidationError(errors)
    if starts_at == meeting.starts_at and place.strip() == meeting.place:
        raise DomainValidationError({"starts_at": _("Thời gian và địa điểm không thay đổi.")})
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().select_related("council").get(pk=meeting.pk)
        before = snapshot(locked, MEETING_FIELDS)
        locked.starts_at, locked.place = starts_at, place.strip()
        locked.save(update_fields=["starts_at", "place"])
        audit_record(actor=actor, event_type="meetings.meeting_moved", target=locked, unit=locked.council.unit,
                     before=before, after=snapshot(locked, MEETING_FIELDS), reason=reason.strip()[:500])
        notices.meeting_scheduled(locked, moved_because=reason.strip())
    return locked


@dataclass(frozen=True)
class AttendanceEntry:
    member: CouncilMember
    present: bool
    reason: str = ""


def attendance_record(*, actor, meeting: Meeting, entries: list[AttendanceEntry]) -> None:
    """Điểm danh: refused once voting has started (see workflow)."""
    meeting = _fresh_meeting(meeting)
    day = meeting.day
    active_ids = set(CouncilMember.objects.filter(CouncilMember.active_q(day), council_id=meeting.council_id)
                     .values_list("pk", flat=True))
    errors = [_("«%(person)s» không là thành viên Hội đồng vào ngày họp.") % {"person": e.member.person}
              for e in entries if e.member.pk not in active_ids]
    if errors:
        raise DomainValidationError({"__all__": errors})
    workflow.require_attendance_editable(meeting, voting_started=selectors.voting_started(meeting))
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        workflow.require_attendance_editable(locked, voting_started=selectors.voting_started(locked))
        before = {str(a.member_id): [a.present, a.absence_reason] for a in Attendance.objects.filter(meeting=locked)}
        for e in entries:
            Attendance.objects.update_or_create(meeting=locked, member=e.member, defaults={
                "present": e.present, "absence_reason": "" if e.present else (e.reason or "").strip()})
        after = {str(a.member_id): [a.present, a.absence_reason] for a in Attendance.objects.filter(meeting=locked)}
        q = selectors.meeting_quorum(locked)
        audit_record(actor=actor, event_type="meetings.attendance_recorded", target=locked,
                     unit=locked.council.unit, before=before, after=after,
                     data={"present": q.present, "total": q.total, "required": q.required})


def _title_for(kind, award_type, person=None, unit=None, items=()) -> str:
    if kind == QuestionKind.LIST:
        return f"Danh sách đề nghị «{award_type}» ({len(items)} {'tập thể' if items and items[0][1] else 'người'})"
    return f"«{award_type}»: {person or unit}"


def _rule_or_refuse(award_type, day) -> VotingRule:
    rule = voting_rule_for(award_type, day)
    if rule is None:
        name = f"«{award_type}»" if award_type else _("nội dung này")
        raise DomainValidationError({"award_type": _(
            "Chưa có quy định biểu quyết áp dụng cho %(name)s vào ngày %(date)s. "
            "Hãy nạp danh mục quy định (tdkt load_reference) hoặc thêm quy định trong trang quản trị.") % {
            "name": name, "date": format_date_short(day)}})
    return rule


def _validate_question(meeting, kind, award_type, person, unit, method, items, title, rule):
    errors = {}
    if kind not in QuestionKind.values:
        errors["kind"] = _("Loại nội dung không hợp lệ.")
    if kind in (QuestionKind.CANDIDATE, QuestionKind.LIST) and award_type is None:
        errors["award_type"] = _("Cần chọn danh hiệu / hình thức khen thưởng.")
    if kind == QuestionKind.CANDIDATE and (person is None) == (unit is None):
        errors["person"] = _("Chọn một cá nhân hoặc một tập thể được xét.")
    if kind == QuestionKind.LIST and not items:
        errors["items"] = _("Danh sách biểu quyết chưa có ai.")
    if kind == QuestionKind.OTHER and not (title or "").strip():
        errors["title"] = _("Cần ghi nội dung biểu quyết.")
    if method not in VotingMethod.values:
        errors["method"] = _("Hình thức biểu quyết không hợp lệ.")
    elif rule.secret_ballot_required and method != VotingMethod.SECRET:
        errors["method"] = _("«%(award)s» phải bỏ phiếu kín (%(citation)s).") % {"award": award_type, "citation": rule.citation}
    if kind == QuestionKind.LIST and rule.secret_ballot_required:
        errors["kind"] = _("«%(award)s» phải bỏ phiếu kín cho từng người, không biểu quyết cả danh sách.") % {"award": award_type}
    if kind == QuestionKind.CANDIDATE and award_type is not None and not errors:
        same = meeting.questions.filter(kind=QuestionKind.CANDIDATE, award_type=award_type)
        if (person and same.filter(person=person).exists()) or (unit and not person and
                                                                same.filter(unit=unit, person__isnull=True).exists()):
            errors["person"] = _("«%(subject)s» đã có trong chương trình họp với «%(award)s».") % {
                "subject": person or unit, "award": award_type}
    if errors:
        raise DomainValidationError(errors)


def question_create(*, actor, meeting: Meeting, kind: str = QuestionKind.CANDIDATE, award_type=None, person=None,
                    unit=None, title: str = "", method: str | None = None, items: list | None = None,
                    registration=None) -> Question:
    """Add one item to the agenda. ``items``: [(person, unit, registration)] for a list question."""
    meeting = _fresh_meeting(meeting)
    workflow.require_meeting_running(meeting)
    items = list(items or [])
    rule = _rule_or_refuse(award_type, meeting.day)
    method = method or (VotingMethod.SECRET if rule.secret_ballot_required else VotingMethod.OPEN)
    _validate_question(meeting, kind, award_type, person, unit, method, items, title, rule)
    with transaction.atomic():
        q = _question_insert(meeting, kind, award_type, person, unit, title, method, items, registration, rule)
        audit_record(actor=actor, event_type="meetings.question_created", target=q, unit=meeting.council.unit,
                     data={"meeting": meeting.pk, "rule": rule.pk, "method": method, "items": len(items)})
    return q


def _question_insert(meeting, kind, award_type, person, unit, title, method, items, registration, rule):
    return _questions_insert(meeting, [(kind, award_type, person, unit, title, method, items, registration, rule)])[0]


def _questions_insert(meeting, plan: list[tuple]) -> list[Question]:
    """Insert agenda items after the last one, in a fixed number of queries whatever their number.
    ``plan``: [(kind, award_type, person, unit, title, method, items, registration, rule)]."""
    order = meeting.questions.aggregate(m=Max("order"))["m"] or 0
    questions = [Question(
        meeting=meeting, order=order + i, kind=kind, award_type=award_type, person=person,
        unit=unit if kind == QuestionKind.CANDIDATE else None, registration=registration, rule=rule, method=method,
        title=(title or "").strip() or _title_for(kind, award_type, person, unit, items))
        for i, (kind, award_type, person, unit, title, method, items, registration, rule) in enumerate(plan, 1)]
    created = Question.objects.bulk_create(questions)
    QuestionItem.objects.bulk_create(
        [QuestionItem(question=q, person=p, unit=u if p is None else None, registration=r)
         for q, row in zip(created, plan, strict=True) for p, u, r in row[6]])
    return created


def question_list_split(*, actor, question: Question) -> list[Question]:
    """Biểu quyết từng người: a list not yet voted becomes one question per line, in its place
    on the agenda (a member on the list then stands aside from their own question only).
    A line whose person or unit is already on the agenda with the same title is left out."""
    question = _fresh_question(question)
    meeting = question.meeting
    workflow.require_meeting_running(meeting)
    if question.kind != QuestionKind.LIST:
        raise DomainValidationError(_("Nội dung này không phải một danh sách."))
    if question.status != QuestionStatus.PENDING:
        raise DomainValidationError(_("Danh sách đã mở biểu quyết; không tách được nữa."))
    items = list(question.items.select_related("person", "unit", "registration"))
    existing = set(meeting.questions.filter(kind=QuestionKind.CANDIDATE, award_type_id=question.award_type_id)
                   .values_list("person_id", "unit_id"))
    method = VotingMethod.SECRET if question.rule.secret_ballot_required else question.method
    plan: list[tuple] = [(QuestionKind.CANDIDATE, question.award_type, i.person, None if i.person_id else i.unit, "", method, [],
             i.registration, question.rule)
            for i in items if (i.person_id, None) not in existing and (None, i.unit_id) not in existing]
    with transaction.atomic():
        locked = Question.objects.select_for_update().get(pk=question.pk)
        if locked.status != QuestionStatus.PENDING:
            raise DomainValidationError(_("Danh sách đã mở biểu quyết; không tách được nữa."))
        created = _questions_insert(meeting, plan)
        # In the list's place: the new questions take its order, the later ones move down.
        later = list(meeting.questions.filter(order__gt=locked.order).exclude(pk__in=[q.pk for q in created])
                     .order_by("order", "id"))
        for offset, q in enumerate([*created, *later]):
            q.order = locked.order + offset
        Question.objects.bulk_update([*created, *later], ["order"])
        before = {"title": locked.title, "items": [i.pk for i in items]}
        locked.delete()
        audit_record(actor=actor, event_type="meetings.list_split", target=meeting, unit=meeting.council.unit,
                     before=before, data={"questions": [q.pk for q in created]})
    return created


def meeting_agenda_from_registrations(*, actor, meeting: Meeting, award_types=None, list_award_types=()) -> list[Question]:
    """Chương trình họp from the year's registrations (đăng ký thi đua) in the council unit's subtree.

    One question per candidate × award type; award types in ``list_award_types``
    (e.g. Lao động tiên tiến) become one "cả danh sách" question instead. Candidates
    already on the agenda are skipped, so running it twice adds nothing."""
    from tdkt.people.models import Employment
    from tdkt.people.selectors import employed_q
    from tdkt.records.models import Registration

    meeting = _fresh_meeting(meeting)
    workflow.require_meeting_running(meeting)
    year, root = meeting.school_year, meeting.council.unit
    # Working in the council's unit at some time in the year, by the employment dates.
    employed = Employment.objects.filter(employed_q(root, year.start_date, until=year.end_date)).values("person_id")
    regs = (Registration.objects.filter(school_year=year)
            .filter(Q(person_id__in=employed) | Q(person__isnull=True, unit__path__startswith=root.path))
            .select_related("award_type", "person", "unit").order_by("award_type__order", "award_type__name", "id"))
    if award_types is not None:
        regs = regs.filter(award_type__in=list(award_types))
    list_ids = {getattr(a, "pk", a) for a in list_award_types}
    ordered = sorted(regs, key=lambda r: (r.award_type.order, r.award_type.name,
                                          r.person.sort_name if r.person else "", r.unit.name if r.unit else ""))

    existing: set[tuple[int, int | None, int | None]] = set(
        meeting.questions.filter(kind=QuestionKind.CANDIDATE).values_list("award_type_id", "person_id", "unit_id"))
    existing_lists = set(meeting.questions.filter(kind=QuestionKind.LIST).values_list("award_type_id", flat=True))
    plan: list[tuple] = []  # (kind, award_type, person, unit, items, registration, rule, method)
    lists: dict[int, list] = {}
    rules: dict[int, VotingRule] = {}
    for r in ordered:
        if r.award_type_id not in rules:
            rules[r.award_type_id] = _rule_or_refuse(r.award_type, meeting.day)
        rule = rules[r.award_type_id]
        if r.award_type_id in list_ids:
            if rule.secret_ballot_required:
                raise DomainValidationError({"list_award_types": (
                    _("«%(award)s» phải bỏ phiếu kín cho từng người, không biểu quyết cả danh sách.") % {
                        "award": r.award_type})})
            if r.award_type_id not in existing_lists:
                lists.setdefault(r.award_type_id, []).append(r)
            continue
        key = (r.award_type_id, r.person_id, None if r.person_id else r.unit_id)
        if key in existing:
            continue
        existing.add(key)
        method = VotingMethod.SECRET if rule.secret_ballot_required else VotingMethod.OPEN
        plan.append((QuestionKind.CANDIDATE, r.award_type, r.person, None if r.person_id else r.unit, [], r, rule,
                     method))
    for regs_of_type in lists.values():
        at = regs_of_type[0].award_type
        items = [(r.person, None if r.person_id else r.unit, r) for r in regs_of_type]
        plan.append((QuestionKind.LIST, at, None, None, items, None, rules[at.pk], VotingMethod.OPEN))
    if not plan:
        return []
    with transaction.atomic():
        created = _questions_insert(meeting, [(kind, at, p, u, "", method, items, reg, rule)
                                              for kind, at, p, u, items, reg, rule, method in plan])
        audit_record(actor=actor, event_type="meetings.agenda_from_registrations", target=meeting,
                     unit=meeting.council.unit,
                     data={"school_year": year.label, "questions": [q.pk for q in created]})
    return created


# --------------------------------------------------------------------------- voting


def _recusals_for(question: Question, day) -> list[CouncilMember]:
    people = {p.pk for p in selectors.candidate_people(question)}
    if not people:
        return []
    return list(CouncilMember.objects.filter(CouncilMember.active_q(day), council_id=question.meeting.council_id,
                                             person_id__in=people).select_related("person"))


def _refuse_secret_list_with_members(question: Question) -> None:
    """A secret ballot on a whole list cannot leave a member's vote off their own line: the
    ballot says nothing of who cast it. Such a list is voted by show of hands, or item by item."""
    if question.kind != QuestionKind.LIST or question.method != VotingMethod.SECRET:
        return
    lines = selectors.recused_lines(question)
    if lines:
        raise DomainValidationError({"method": _(
            "Danh sách có thành viên Hội đồng là người được xét (%(names)s): bỏ phiếu kín cả danh sách không "
            "tách được phiếu của thành viên khỏi dòng của chính họ. Hãy biểu quyết giơ tay cả danh sách, hoặc "
            "biểu quyết từng người.") % {"names": ", ".join(line.member.person.full_name for line in lines)}})


def question_open(*, actor, question: Question) -> Question:
    """Mở biểu quyết: refused while fewer members are present than the quorum needs."""
    caller, question = question, _fresh_question(question)
    meeting = question.meeting
    workflow.require_meeting_running(meeting)
    workflow.require_question_transition(question, QuestionStatus.VOTING)
    _refuse_secret_list_with_members(question)
    q = selectors.meeting_quorum(meeting)
    if not q.reached:
        raise DomainValidationError(
            _("Chưa đủ điều kiện biểu quyết: %(present)s/%(total)s thành viên có mặt, cần ít nhất %(required)s "
              "(%(share)s tổng số thành viên). %(missing)s.") % {
                "present": q.present, "total": q.total, "required": q.required, "share": q.share_text,
                "missing": q.missing_text})
    with transaction.atomic():
        locked_meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        locked = Question.objects.select_for_update().get(pk=question.pk)
        workflow.require_meeting_running(locked_meeting)
        workflow.require_question_transition(locked, QuestionStatus.VOTING)
        if locked_meeting.total_members is None:
            # Freeze the membership and the quorum rule the votes are counted on.
            locked_meeting.total_members = q.total
            locked_meeting.quorum_rule = selectors.quorum_share(locked_meeting)[1]
        if locked_meeting.status == MeetingStatus.PLANNED:
            workflow.require_meeting_transition(locked_meeting, MeetingStatus.IN_PROGRESS)
            locked_meeting.status = MeetingStatus.IN_PROGRESS
        locked_meeting.save(update_fields=["total_members", "quorum_rule", "status"])
        locked.status = QuestionStatus.VOTING
        locked.opened_at = timezone.now()
        locked.save(update_fields=["status", "opened_at"])
        recused = []
        for member in _recusals_for(locked, locked_meeting.day):
            _recusal, created = Recusal.objects.get_or_create(question=locked, member=member, defaults={
                "reason": "Là người được xét ở nội dung này"})
            if created:
                recused.append(member.pk)
        lines = [line.member.pk for line in selectors.recused_lines(locked)]
        audit_record(actor=actor, event_type="meetings.question_opened", target=locked,
                     unit=locked_meeting.council.unit,
                     data={"present": q.present, "total": q.total, "required": q.required, "recused": recused,
                           "recused_on_own_line": lines})
        notices.ballot_opened(locked, locked_meeting)
    caller.refresh_from_db()
    return locked


def recusal_record(*, actor, question: Question, member: CouncilMember, reason: str) -> Recusal:
    """A member steps aside on a question for another reason (e.g. a close relative is the candidate)."""
    question = _fresh_question(question)
    if not (reason or "").strip():
        raise DomainValidationError({"reason": _("Cần ghi lý do không biểu quyết.")})
    if member.council_id != question.meeting.council_id:
        raise DomainValidationError({"member": _("Người này không là thành viên Hội đồng.")})
    if question.status == QuestionStatus.CLOSED:
        raise DomainValidationError(_("Nội dung này đã kết thúc biểu quyết."))
    if BallotReceipt.objects.filter(question=question, member=member).exists():
        raise DomainValidationError({"member": _("Thành viên này đã bỏ phiếu cho nội dung này.")})
    if Recusal.objects.filter(question=question, member=member).exists():
        raise DomainValidationError({"member": _("Đã ghi nhận thành viên này không biểu quyết.")})
    with transaction.atomic():
        recusal = Recusal.objects.create(question=question, member=member, reason=reason.strip())
        audit_record(actor=actor, event_type="meetings.recusal_recorded", target=question,
                     unit=question.meeting.council.unit, data={"member": member.pk, "reason": recusal.reason})
    return recusal


def _voter_or_refuse(question: Question, actor) -> CouncilMember:
    meeting = question.meeting
    member = selectors.member_for_user(meeting.council, actor, meeting.day)
    if member is None:
        # Membership is the whole right to vote (not a role), so its absence is a refusal (403).
        raise PermissionRefused(selectors.not_a_member_text())
    attendance = Attendance.objects.filter(meeting=meeting, member=member).first()
    if attendance is None or not attendance.present:
        raise DomainValidationError(
            _("Bạn không được ghi nhận có mặt tại cuộc họp nên không bỏ phiếu tại cuộc họp; ý kiến bằng văn bản "
              "của thành viên vắng mặt do thư ký ghi nhận sau cuộc họp."))
    if (Recusal.objects.filter(question=question, member=member).exists()
            or member.person_id in {p.pk for p in selectors.candidate_people(question)}):
        raise DomainValidationError(_("Bạn là người được xét ở nội dung này nên không bỏ phiếu (đã ghi nhận không "
                                      "biểu quyết)."))
    return member


def ballot_cast(*, actor, question: Question, choice: str) -> None:
    """Bỏ phiếu kín. Writes a receipt (who) and a ballot (what) that share only the question."""
    if choice not in selectors.MEMBER_CHOICE_VALUES:
        raise DomainValidationError({"choice": _("Hãy chọn Đồng ý, Không đồng ý hoặc Không biểu quyết.")})
    if question.method != VotingMethod.SECRET:
        raise DomainValidationError(_("Nội dung này biểu quyết công khai (giơ tay); thư ký ghi kết quả."))
    with transaction.atomic():
        # The row lock serialises casts with the closing of the question.
        locked = Question.objects.select_for_update(of=("self",)).select_related("meeting__council__unit").get(pk=question.pk)
        meeting = locked.meeting
        workflow.require_meeting_running(meeting)
        workflow.require_question_voting(locked)
        member = _voter_or_refuse(locked, actor)
        q = selectors.meeting_quorum(meeting)
        if not q.reached:
            raise DomainValidationError(_("Cuộc họp chưa đủ số thành viên có mặt (%(present)s/%(total)s, cần "
                                          "%(required)s). %(missing)s.") % {
                "present": q.present, "total": q.total, "required": q.required, "missing": q.missing_text})
        if BallotReceipt.objects.filter(question=locked, member=member).exists():
            raise AlreadyVoted()
        try:
            with transaction.atomic():
                BallotReceipt.objects.create(meeting=meeting, question=locked, member=member)
                Ballot.objects.create(question=locked, choice=choice)
                audit_record(actor=actor, event_type="meetings.ballot_cast", target=locked, unit=meeting.council.unit,
                             data={"meeting": meeting.pk, "member": member.pk,
                                   "message": f"Thành viên {member.person} đã bỏ phiếu kín cho nội dung #{locked.pk}"})
        except IntegrityError as exc:
            raise AlreadyVoted() from exc


def open_count_record(*, actor, question: Question, votes_for: int, votes_against: int, votes_abstain: int,
                      chair_choice: str = "", line_counts: dict | None = None) -> OpenCount:
    """Kết quả biểu quyết giơ tay, entered (and corrected until closing) by the secretary.

    On a list, ``line_counts`` ({item id: (for, against, abstain)}) may give the count of a
    line whose person sits on the council, that member not voting; a line not given is
    derived from the list's count (calculations.line_input)."""
    question = _fresh_question(question)
    if question.method != VotingMethod.OPEN:
        raise DomainValidationError(_("Nội dung này bỏ phiếu kín; không ghi kết quả giơ tay."))
    workflow.require_meeting_running(question.meeting)
    workflow.require_question_voting(question)
    numbers = {"votes_for": votes_for, "votes_against": votes_against, "votes_abstain": votes_abstain}
    errors = {k: _("Số phiếu phải là số nguyên không âm.") for k, v in numbers.items()
              if not isinstance(v, int) or isinstance(v, bool) or v < 0}
    if chair_choice not in ("", Choice.FOR, Choice.AGAINST):
        errors["chair_choice"] = _("Ý kiến của Chủ tịch không hợp lệ.")
    if errors:
        raise DomainValidationError(errors)
    t = selectors.tally_input(question)
    eligible = t.present - t.recused_present
    if votes_for + votes_against + votes_abstain > eligible:
        raise DomainValidationError({"votes_for": (
            _("Tổng số biểu quyết (%(cast)s) vượt số thành viên có mặt được biểu quyết (%(eligible)s).") % {
                "cast": votes_for + votes_against + votes_abstain, "eligible": eligible})})
    lines = _line_counts_or_refuse(question, line_counts or {}, eligible)
    with transaction.atomic():
        locked = Question.objects.select_for_update().get(pk=question.pk)
        workflow.require_question_voting(locked)
        existing = OpenCount.objects.filter(question=locked).first()
        before = snapshot(existing, ["votes_for", "votes_against", "votes_abstain", "chair_choice"]) if existing else None
        oc, _created = OpenCount.objects.update_or_create(question=locked, defaults={
            **numbers, "chair_choice": chair_choice, "line_counts": lines, "recorded_by": _user(actor)})
        audit_record(actor=actor, event_type="meetings.open_count_recorded", target=locked,
                     unit=locked.meeting.council.unit, before=before,
                     after=snapshot(oc, ["votes_for", "votes_against", "votes_abstain", "chair_choice", "line_counts"]))
    return oc


def _line_counts_or_refuse(question: Question, given: dict, eligible: int) -> dict:
    """The lines' own counts, checked: only lines whose member does not vote on them, each
    within the members who may vote on that line."""
    if not given:
        return {}
    lines = {line.item.pk: line for line in selectors.recused_lines(question)}
    out, errors = {}, []
    for key, value in given.items():
        line = lines.get(int(key)) if str(key).isdigit() else None
        if line is None:
            errors.append(_("Dòng %(item)s không phải dòng có thành viên Hội đồng là người được xét.") % {"item": key})
            continue
        numbers = list(value)
        if len(numbers) != 3 or any(not isinstance(n, int) or isinstance(n, bool) or n < 0 for n in numbers):
            errors.append(_("Số phiếu của dòng «%(name)s» phải là ba số nguyên không âm.") % {
                "name": line.item.person})
            continue
        allowed = eligible - (1 if line.present else 0)
        if sum(numbers) > allowed:
            errors.append(_("Dòng «%(name)s»: tổng số biểu quyết (%(cast)s) vượt số thành viên được biểu quyết "
                            "dòng này (%(eligible)s; %(member)s không biểu quyết dòng của mình).") % {
                "name": line.item.person, "cast": sum(numbers), "eligible": allowed,
                "member": line.member.person.full_name})
            continue
        out[str(line.item.pk)] = numbers
    if errors:
        raise DomainValidationError({"line_counts": errors})
    return out


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


def _reshuffle_ballots(question: Question) -> None:
    """Re-insert the question's ballots in random order with fresh ids, and touch the
    receipts, so neither storage order nor ids nor (on PostgreSQL) the inserting
    transaction relate a ballot to a receipt any more."""
    rows = list(Ballot.objects.filter(question=question).values_list("choice", "channel"))
    Ballot.objects.filter(question=question).delete()
    random.SystemRandom().shuffle(rows)
    Ballot.objects.bulk_create([Ballot(question=question, choice=c, channel=ch) for c, ch in rows])
    BallotReceipt.objects.filter(question=question).update(document_ref=F("document_ref"))


def _store_tally(question: Question):
    from dataclasses import replace

    from .calculations import Counts, line_input, tally

    params, t = question.rule.params(), selectors.tally_input(question)
    result = tally(params, t)
    question.passed = result.passed
    with translation.override("vi"):  # stored with the result, so in the language of the minutes
        summary = question.rule.summary
    question.tally = {**result.as_dict(), "rule": question.rule.pk, "rule_summary": summary,
                      "citation": question.rule.citation}
    if question.kind == QuestionKind.LIST:
        # Each line whose person sits on the council: counted without that member, on its own base.
        oc = OpenCount.objects.filter(question=question).first() if question.method == VotingMethod.OPEN else None
        given = (oc.line_counts or {}) if oc else {}
        lines = []
        for line in selectors.recused_lines(question):
            counts = given.get(str(line.item.pk))
            line_t = line_input(t, present=line.present, wrote=line.wrote,
                                counts=Counts(counts[0], counts[1], counts[2], 0) if counts else None)
            if question.meeting.chair_id == line.member.pk:
                line_t = replace(line_t, chair_choice="")  # the chair does not decide a tie on their own line
            r = tally(params, line_t)
            lines.append({**r.as_dict(), "item": line.item.pk, "name": str(line.item.person),
                          "member": line.member.person.full_name, "present": line.present,
                          "own_count": counts is not None})
        question.tally["lines"] = lines
    return result


def question_close(*, actor, question: Question):
    """Kết thúc biểu quyết và kiểm phiếu: stores passed / not passed with the sum written out."""
    caller, question = question, _fresh_question(question)
    workflow.require_question_transition(question, QuestionStatus.CLOSED)
    if question.method == VotingMethod.OPEN and not OpenCount.objects.filter(question=question).exists():
        raise DomainValidationError(_("Chưa ghi kết quả biểu quyết giơ tay của nội dung này."))
    with transaction.atomic():
        locked = Question.objects.select_for_update(of=("self",)).select_related("rule", "meeting__council__unit").get(pk=question.pk)
        workflow.require_question_transition(locked, QuestionStatus.CLOSED)
        if locked.method == VotingMethod.SECRET:
            _reshuffle_ballots(locked)
        result = _store_tally(locked)
        locked.status = QuestionStatus.CLOSED
        locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "closed_at", "passed", "tally"])
        audit_record(actor=actor, event_type="meetings.question_closed", target=locked,
                     unit=locked.meeting.council.unit, data={"tally": locked.tally})
    caller.refresh_from_db()
    return result


@dataclass(frozen=True)
class WrittenOpinion:
    member: CouncilMember
    choice: str
    document_date: dt.date
    document_ref: str = ""


def absentee_opinions_record(*, actor, question: Question, opinions: list[WrittenOpinion]):
    """Ý kiến bằng văn bản của thành viên vắng mặt, after the meeting.

    Kept like ballots (a receipt for who, a ballot for what) so a secret question
    stays secret; recorded together, several opinions do not reveal each other
    through the change in the tally. Counted only where the rule says so."""
    caller, question = question, _fresh_question(question)
    meeting = question.meeting
    if meeting.status == MeetingStatus.FINALIZED:
        raise DomainValidationError(_("Cuộc họp đã chốt kết quả; không ghi thêm ý kiến."))
    if meeting.status != MeetingStatus.CLOSED:
        raise DomainValidationError(_("Ý kiến của thành viên vắng mặt được ghi nhận sau khi cuộc họp kết thúc."))
    if question.status != QuestionStatus.CLOSED:
        raise DomainValidationError(_("Nội dung này không được biểu quyết tại cuộc họp."))
    if not opinions:
        raise DomainValidationError(_("Chưa có ý kiến nào để ghi."))
    attendance = {a.member_id: a for a in Attendance.objects.filter(meeting=meeting)}
    recused = set(Recusal.objects.filter(question=question).values_list("member_id", flat=True))
    received = set(BallotReceipt.objects.filter(question=question).values_list("member_id", flat=True))
    errors: list[str] = []
    seen = set()
    for o in opinions:
        name = o.member.person
        a = attendance.get(o.member.pk)
        if o.member.council_id != meeting.council_id or not o.member.is_active_on(meeting.day):
            errors.append(_("«%(person)s» không là thành viên Hội đồng vào ngày họp.") % {"person": name})
        elif a is not None and a.present:
            errors.append(_("«%(person)s» có mặt tại cuộc họp, không gửi ý kiến bằng văn bản.") % {"person": name})
        elif o.member.pk in recused:
            errors.append(_("«%(person)s» là người được xét ở nội dung này nên không cho ý kiến.") % {"person": name})
        elif o.member.pk in received or o.member.pk in seen:
            errors.append(_("Đã ghi nhận ý kiến của «%(person)s» cho nội dung này.") % {"person": name})
        if o.choice not in Choice.values:
            errors.append(_("Ý kiến của «%(person)s» không hợp lệ.") % {"person": name})
        if o.document_date < meeting.day:
            errors.append(_("Văn bản ý kiến của «%(person)s» phải có ngày từ ngày họp trở về sau.") % {"person": name})
        seen.add(o.member.pk)
    if errors:
        raise DomainValidationError({"__all__": errors})
    with transaction.atomic():
        locked = Question.objects.select_for_update(of=("self",)).select_related("rule", "meeting__council__unit").get(pk=question.pk)
        before = locked.passed
        try:
            with transaction.atomic():
                for o in opinions:
                    BallotReceipt.objects.create(meeting=meeting, question=locked, member=o.member,
                                                 channel=Channel.WRITTEN, document_date=o.document_date,
                                                 document_ref=(o.document_ref or "").strip())
                    Ballot.objects.create(question=locked, choice=o.choice, channel=Channel.WRITTEN)
        except IntegrityError as exc:
            raise DomainValidationError(_("Ý kiến của thành viên này vừa được ghi nhận.")) from exc
        _reshuffle_ballots(locked)
        result = _store_tally(locked)
        locked.save(update_fields=["passed", "tally"])
        audit_record(actor=actor, event_type="meetings.absentee_opinions_recorded", target=locked,
                     unit=meeting.council.unit,
                     data={"members": [o.member.pk for o in opinions], "counted": locked.rule.absentee_opinions_count,
                           "passed_before": before, "passed_after": locked.passed})
    caller.refresh_from_db()
    return result


def meeting_close(*, actor, meeting: Meeting, ends_at: dt.datetime | None = None) -> Meeting:
    """Kết thúc cuộc họp. ``ends_at`` defaults to now when closed on the meeting day; a
    meeting closed in the system later keeps no end time rather than a wrong one."""
    caller, meeting = meeting, _fresh_meeting(meeting)
    workflow.require_meeting_transition(meeting, MeetingStatus.CLOSED)
    now = timezone.now()
    if ends_at is None and timezone.localtime(now).date() == meeting.day and now >= meeting.starts_at:
        ends_at = now
    if ends_at is not None and ends_at < meeting.starts_at:
        raise DomainValidationError({"ends_at": _("Thời gian kết thúc phải sau thời gian bắt đầu cuộc họp.")})
    voting = list(meeting.questions.filter(status=QuestionStatus.VOTING).values_list("title", flat=True))
    if voting:
        raise DomainValidationError(_("Còn nội dung đang biểu quyết: %(questions)s. Hãy kết thúc biểu "
                                      "quyết trước khi kết thúc cuộc họp.") % {"questions": "; ".join(voting)})
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        workflow.require_meeting_transition(locked, MeetingStatus.CLOSED)
        before = locked.status
        locked.status = MeetingStatus.CLOSED
        locked.ends_at = ends_at or locked.ends_at
        locked.save(update_fields=["status", "ends_at"])
        audit_record(actor=actor, event_type="meetings.meeting_closed", target=locked, unit=locked.council.unit,
                     before={"status": before}, after={"status": locked.status})
    caller.refresh_from_db()
    return locked


def meeting_finalize(*, actor, meeting: Meeting) -> Meeting:
    """Chốt kết quả: no more written opinions; results go on to proposals."""
    caller, meeting = meeting, _fresh_meeting(meeting)
    workflow.require_meeting_transition(meeting, MeetingStatus.FINALIZED)
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        workflow.require_meeting_transition(locked, MeetingStatus.FINALIZED)
        locked.status = MeetingStatus.FINALIZED
        locked.save(update_fields=["status"])
        audit_record(actor=actor, event_type="meetings.meeting_finalized", target=locked, unit=locked.council.unit,
                     before={"status": MeetingStatus.CLOSED}, after={"status": locked.status},
                     data={"passed": [q.pk for q in locked.questions.filter(passed=True)]})
    caller.refresh_from_db()
    return locked
