"""Pages: thin — check the object's unit, call a service or selector, render.

Refusals of a service come back to the meeting page as a red message; nothing
is written (services validate before the first write)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext
from django.views.decorators.http import require_POST

from tdkt.accounts.access import can, unit_scope_q
from tdkt.accounts.models import Membership, User
from tdkt.accounts.permissions import Perm
from tdkt.core.exceptions import DomainValidationError
from tdkt.core.forms import add_domain_errors, run_action, show_refusal
from tdkt.core.i18n import translated_columns
from tdkt.core.xlsx import ListExport, XlsxColumn, wants_xlsx, xlsx_stream_response
from tdkt.eligibility.models import AwardType
from tdkt.org.models import SchoolYear, Unit
from tdkt.people.models import Employment, Person
from tdkt.people.selectors import employed_q

from . import minutes, selectors, services
from .choices import QuestionKind, QuestionStatus, VotingMethod
from .forms import (
    AbsenteeForm,
    AgendaForm,
    BallotForm,
    CouncilForm,
    MeetingForm,
    MemberForm,
    OpenCountForm,
    QuestionForm,
    ReplaceForm,
)
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

REFUSED = gettext_noop("Bạn không có quyền với hội đồng của đơn vị này.")  # translated when raised


# --------------------------------------------------------------------------- lookups


def _council(request, pk: int, *, manage: bool = False) -> Council:
    council = get_object_or_404(Council.objects.select_related("unit"), pk=pk)
    allowed = selectors.can_manage(request.user, council) if manage else selectors.can_view(request.user, council)
    if not allowed:
        raise PermissionDenied(_(REFUSED))
    return council


def _meeting(request, pk: int, *, need: str = "view") -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related("council__unit", "school_year", "chair__person", "secretary__person"), pk=pk)
    checks = {"view": selectors.can_view, "manage": selectors.can_manage}
    if need == "vote":
        # A ballot is a member's own: any seat on this council on the meeting day, whatever the roles.
        if selectors.member_for_user(meeting.council, request.user, meeting.day) is None:
            raise PermissionDenied(selectors.not_a_member_text())
        return meeting
    if need == "run":
        allowed = selectors.can_run(request.user, meeting)
    else:
        allowed = checks[need](request.user, meeting.council)
    if not allowed:
        raise PermissionDenied(_(REFUSED))
    return meeting


def _question(request, pk: int, *, need: str = "run") -> Question:
    question = get_object_or_404(Question.objects.select_related("meeting", "rule", "award_type"), pk=pk)
    question.meeting = _meeting(request, question.meeting_id, need=need)
    return question


def _back(meeting) -> HttpResponse:
    return redirect("meetings:meeting_detail", pk=meeting.pk)




def _people_under(unit, day=None, until=None):
    """Who works in ``unit``'s subtree on ``day`` (today), or at some time from ``day`` to ``until``,
    by the employment dates: someone who left before does not count."""
    employed = Employment.objects.filter(
        employed_q(unit, day or timezone.localdate(), until=until)).values("person_id")
    return Person.objects.filter(pk__in=employed).order_by("sort_name", "id")


def _users_under(unit):
    return User.objects.filter(pk__in=Membership.objects.filter(unit__path__startswith=unit.path)
                               .values("user_id")).order_by("username")


# --------------------------------------------------------------------------- councils


COUNCIL_EXPORT = ListExport(
    "danh-sach-hoi-dong.xlsx", gettext_noop("Danh sách hội đồng"),
    [XlsxColumn(gettext_noop("Hội đồng"), "text", 44), XlsxColumn(gettext_noop("Loại"), "text", 24),
     XlsxColumn(gettext_noop("Đơn vị"), "text", 36),
     XlsxColumn(gettext_noop("Số quyết định thành lập"), "text", 16),
     XlsxColumn(gettext_noop("Ngày quyết định"), "date"),
     XlsxColumn(gettext_noop("Cơ quan ban hành"), "text", 30),
     XlsxColumn(gettext_noop("Nhiệm kỳ từ ngày"), "date"),
     XlsxColumn(gettext_noop("Nhiệm kỳ đến ngày"), "date")],
    lambda c: (c.name, c.get_kind_display(), c.unit.name, c.decision_number, c.decision_date, c.decision_issuer,
               c.term_start, c.term_end))
COUNCIL_COLUMNS = COUNCIL_EXPORT.all_columns()
# The two tables of the rules page, one download each (bang=...): the rules are dated data with
# their citation, so the sheet keeps the dates as dates and the citation and note in full.
QUORUM_RULE_EXPORT = ListExport(
    "quy-dinh-so-thanh-vien-du-hop.xlsx", gettext_noop("Số thành viên tối thiểu"),
    [XlsxColumn(gettext_noop("Quy định"), "text", 40), XlsxColumn(gettext_noop("Loại hội đồng"), "text", 24),
     XlsxColumn(gettext_noop("Tỷ lệ"), "text", 8), XlsxColumn(gettext_noop("Tỷ lệ (%)"), "percent"),
     XlsxColumn(gettext_noop("Hiệu lực từ ngày"), "date"),
     XlsxColumn(gettext_noop("Hiệu lực đến ngày"), "date"), XlsxColumn(gettext_noop("Căn cứ"), "text", 40),
     XlsxColumn(gettext_noop("Ghi chú"), "text", 40)],
    lambda r: (r.name, r.get_council_kind_display() if r.council_kind else _("Mọi loại hội đồng"),
               f"{r.share_numerator}/{r.share_denominator}", r.share_numerator / r.share_denominator,
               r.effective_from, r.effective_to, r.citation, r.note))
VOTING_RULE_EXPORT = ListExport(
    "quy-dinh-ty-le-bieu-quyet.xlsx", gettext_noop("Tỷ lệ biểu quyết"),
    [XlsxColumn(gettext_noop("Quy định"), "text", 40),
     XlsxColumn(gettext_noop("Riêng cho danh hiệu"), "text", 28),
     XlsxColumn(gettext_noop("Nhóm danh hiệu"), "text", 20),
     XlsxColumn(gettext_noop("Tỷ lệ đạt"), "text", 40), XlsxColumn(gettext_noop("Phiếu trắng"), "text", 24),
     XlsxColumn(gettext_noop("Phiếu không hợp lệ"), "text", 24),
     XlsxColumn(gettext_noop("Khi bằng nhau"), "text", 16),
     XlsxColumn(gettext_noop("Hiệu lực từ ngày"), "date"),
     XlsxColumn(gettext_noop("Hiệu lực đến ngày"), "date"), XlsxColumn(gettext_noop("Căn cứ"), "text", 40),
     XlsxColumn(gettext_noop("Ghi chú"), "text", 40)],
    lambda r: (r.name, str(r.award_type) if r.award_type_id else "", r.get_award_group_display(), r.summary,
               r.get_blank_policy_display(), r.get_invalid_policy_display(), r.get_tie_policy_display(),
               r.effective_from, r.effective_to, r.citation, r.note))
# «Nội dung» of an agenda item, as the meeting pages translate it (its msgid with this context
# comes from the templates).
AGENDA_ITEM = "content of a campaign or agenda item"


RULE_TABLES = {"so-thanh-vien": QUORUM_RULE_EXPORT, "bieu-quyet": VOTING_RULE_EXPORT}
# Titles marked here («Nội dung» with the AGENDA_ITEM context), translated per export (translated_columns).
MEETING_COLUMNS = [XlsxColumn(gettext_noop("STT"), "int", 6),
                   XlsxColumn(gettext_noop("Thời gian bắt đầu"), "datetime", 17),
                   XlsxColumn(gettext_noop("Kết thúc"), "datetime", 17), XlsxColumn("Nội dung", "text", 44, AGENDA_ITEM),
                   XlsxColumn(gettext_noop("Năm học"), "text", 10),
                   XlsxColumn(gettext_noop("Địa điểm"), "text", 30),
                   XlsxColumn(gettext_noop("Trạng thái"), "text", 16)]
MEMBER_COLUMNS = [XlsxColumn(gettext_noop("STT"), "int", 6),
                  XlsxColumn(gettext_noop("Họ và tên"), "text", 28),
                  XlsxColumn(gettext_noop("Chức danh"), "text", 18),
                  XlsxColumn(gettext_noop("Chức vụ"), "text", 28),
                  XlsxColumn(gettext_noop("Từ ngày"), "date"), XlsxColumn(gettext_noop("Đến ngày"), "date"),
                  XlsxColumn(gettext_noop("Số quyết định"), "text", 14),
                  XlsxColumn(gettext_noop("Ngày quyết định"), "date"),
                  XlsxColumn(gettext_noop("Ghi chú"), "text", 30),
                  XlsxColumn(gettext_noop("Đang là thành viên"), "text", 10)]
QUESTION_COLUMNS = [XlsxColumn(gettext_noop("STT"), "int", 6), XlsxColumn("Nội dung", "text", 44, AGENDA_ITEM),
                    XlsxColumn(gettext_noop("Danh sách được xét"), "text", 40),
                    XlsxColumn(gettext_noop("Danh hiệu / hình thức"), "text", 28),
                    XlsxColumn(gettext_noop("Điều kiện (hệ thống xét)"), "text", 18),
                    XlsxColumn(gettext_noop("Hình thức biểu quyết"), "text", 16),
                    XlsxColumn(gettext_noop("Quy định áp dụng"), "text", 34),
                    XlsxColumn(gettext_noop("Trạng thái"), "text", 16),
                    XlsxColumn(gettext_noop("Đồng ý"), "int", 8),
                    XlsxColumn(gettext_noop("Không đồng ý"), "int", 8),
                    XlsxColumn(gettext_noop("Trắng / không biểu quyết"), "int", 10),
                    XlsxColumn(gettext_noop("Không hợp lệ"), "int", 8),
                    XlsxColumn(gettext_noop("Kết quả"), "text", 12),
                    XlsxColumn(gettext_noop("Diễn giải"), "text", 60),
                    XlsxColumn(gettext_noop("Không biểu quyết (người được xét)"), "text", 30)]


def council_list(request):
    councils = selectors.council_list_visible_to(user=request.user)
    if wants_xlsx(request):
        return COUNCIL_EXPORT.response(councils)
    can_add = Unit.objects.filter(unit_scope_q(request.user, Perm.MANAGE_MEETINGS)).exists()
    return render(request, "meetings/council_list.html", {"councils": councils, "can_add": can_add})


def rule_list(request):
    quorum_rules = QuorumRule.objects.all()
    voting_rules = VotingRule.objects.select_related("award_type").order_by("award_group", "-effective_from")
    if wants_xlsx(request):
        table = request.GET.get("bang", "")
        if table not in RULE_TABLES:
            raise Http404(_("Không có bảng này để xuất Excel (tham số «bang»: so-thanh-vien hoặc bieu-quyet)."))
        return RULE_TABLES[table].response(quorum_rules if table == "so-thanh-vien" else voting_rules)
    return render(request, "meetings/rule_list.html", {"quorum_rules": quorum_rules, "voting_rules": voting_rules})


def council_create(request):
    units = Unit.objects.filter(unit_scope_q(request.user, Perm.MANAGE_MEETINGS), active_to__isnull=True).order_by("path")
    form = CouncilForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if not can(request.user, Perm.MANAGE_MEETINGS, data["unit"]):
            raise PermissionDenied(_(REFUSED))
        try:
            council = services.council_create(actor=request.user, **data)
        except DomainValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Đã lập «%(name)s».") % {"name": council.name})
            return redirect("meetings:council_detail", pk=council.pk)
    return render(request, "meetings/form.html", {"form": form, "heading": _("Lập hội đồng"),
                                                  "cancel": "meetings:council_list"})


def council_detail(request, pk: int):
    council = _council(request, pk)
    today = timezone.localdate()
    if wants_xlsx(request):
        return _council_xlsx(council, today, members=request.GET.get("bang") == "thanh-vien")
    return render(request, "meetings/council_detail.html", {
        "council": council,
        "members": selectors.member_history(council),
        "active_ids": {m.pk for m in selectors.members_on(council, today)},
        "meetings": council.meetings.select_related("school_year").order_by("-starts_at"),
        "can_manage": selectors.can_manage(request.user, council),
    })


def _council_xlsx(council: Council, today, *, members: bool):
    """The council page's two lists, one per download: its meetings, or (bang=thanh-vien) its members over time."""
    if members:
        yes, no = _("Có"), _("Không")
        active = {m.pk for m in selectors.members_on(council, today)}
        rows = ((i, m.person.full_name, m.get_role_display(), m.position_note, m.start_date, m.end_date,
                 m.decision_number, m.decision_date,
                 "; ".join(t for t in ((_("Thay %(name)s") % {"name": m.replaces.person.full_name}
                                        if m.replaces else ""), m.end_reason) if t),
                 yes if m.pk in active else no)
                for i, m in enumerate(selectors.member_history(council), start=1))
        return xlsx_stream_response(f"thanh-vien-hoi-dong-{council.pk}.xlsx", translated_columns(MEMBER_COLUMNS), rows,
                                    title=_("Thành viên – %(council)s") % {"council": council.name})
    meetings = council.meetings.select_related("school_year").order_by("-starts_at")
    meeting_rows = ((i, m.starts_at, m.ends_at, m.title, m.school_year.label, m.place, m.get_status_display())
                    for i, m in enumerate(meetings.iterator(), start=1))
    return xlsx_stream_response(f"cuoc-hop-hoi-dong-{council.pk}.xlsx", translated_columns(MEETING_COLUMNS),
                                meeting_rows,
                                title=_("Cuộc họp – %(council)s") % {"council": council.name})


def member_add(request, pk: int):
    council = _council(request, pk, manage=True)
    form = MemberForm(request.POST or None, people=_people_under(council.unit), users=_users_under(council.unit),
                      initial={"start_date": council.term_start})
    if request.method == "POST" and form.is_valid():
        try:
            services.council_member_add(actor=request.user, council=council, **form.cleaned_data)
        except DomainValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm thành viên Hội đồng."))
            return redirect("meetings:council_detail", pk=council.pk)
    return render(request, "meetings/form.html", {"form": form, "heading": _("Thêm thành viên – %(council)s") % {"council": council.name},
                                                  "council": council})


def member_replace(request, pk: int):
    member = get_object_or_404(CouncilMember.objects.select_related("council__unit", "person"), pk=pk)
    council = _council(request, member.council_id, manage=True)
    form = ReplaceForm(request.POST or None, people=_people_under(council.unit), users=_users_under(council.unit),
                       initial={"role": member.role, "start_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.council_member_replace(actor=request.user, member=member, **form.cleaned_data)
        except DomainValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Đã thay thế «%(person)s».") % {"person": member.person})
            return redirect("meetings:council_detail", pk=council.pk)
    return render(request, "meetings/form.html", {"form": form, "council": council,
                                                  "heading": _("Thay thế thành viên %(person)s (%(role)s)") % {
                                                      "person": member.person, "role": member.get_role_display()}})


# --------------------------------------------------------------------------- meetings


def meeting_create(request, pk: int):
    council = _council(request, pk, manage=True)
    members = CouncilMember.objects.filter(council=council, end_date__isnull=True).select_related("person")
    form = MeetingForm(request.POST or None, years=SchoolYear.objects.all(), members=members,
                       initial={"school_year": SchoolYear.objects.filter(start_date__lte=timezone.localdate()).first()})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(actor=request.user, council=council, **form.cleaned_data)
        except DomainValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Đã tạo cuộc họp."))
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    return render(request, "meetings/form.html", {"form": form, "council": council,
                                                  "heading": _("Cuộc họp mới – %(council)s") % {"council": council.name}})


def meeting_detail(request, pk: int):
    meeting = _meeting(request, pk)
    day = meeting.day
    members = selectors.members_on(meeting.council, day)
    attendance = {a.member_id: a for a in Attendance.objects.filter(meeting=meeting)}
    for m in members:
        m.att = attendance.get(m.pk)
    me = selectors.member_for_user(meeting.council, request.user, day)
    my_receipts = set(BallotReceipt.objects.filter(question__meeting=meeting, member=me)
                      .values_list("question_id", flat=True)) if me else set()
    questions = list(meeting.questions.select_related("award_type", "person", "unit", "rule", "open_count")
                     .prefetch_related("items__person", "items__unit", "recusals__member__person"))
    verdicts = selectors.verdicts_for(questions)
    if wants_xlsx(request):
        return _questions_xlsx(meeting, questions, verdicts)
    voted = selectors.receipts_counts(meeting)
    lines = selectors.recused_lines_for(meeting, questions)
    for q in questions:
        q.meeting = meeting
        q.recused_lines = lines.get(q.pk, [])
        q.line_results = {x["item"]: x for x in (q.tally or {}).get("lines", [])}
        for line in q.recused_lines:
            line.result = q.line_results.get(line.item.pk)
        q.verdict = verdicts.get(q.pk)
        q.voted_count = voted.get(q.pk, 0) if q.method == VotingMethod.SECRET else None
        q.recused_ids = {r.member_id for r in q.recusals.all()}
        q.i_voted = q.pk in my_receipts
        q.i_recused = me is not None and (me.pk in q.recused_ids or me.person_id in
                                    {p.pk for p in selectors.candidate_people(q)})
    my_att = attendance.get(me.pk) if me else None
    return render(request, "meetings/meeting_detail.html", {
        "meeting": meeting, "council": meeting.council, "members": members,
        "quorum": selectors.meeting_quorum(meeting), "questions": questions,
        "voting_started": selectors.voting_started(meeting),
        "can_run": selectors.can_run(request.user, meeting),
        "can_manage": selectors.can_manage(request.user, meeting.council),
        "me": me, "me_present": bool(my_att and my_att.present),
        "agenda_form": AgendaForm(award_types=AwardType.objects.filter(active=True)),
        "passed": selectors.passed_candidates(meeting),
    })


def _questions_xlsx(meeting: Meeting, questions, verdicts):
    """The agenda with its results as the meeting page shows them: votes and the arithmetic
    only for questions whose vote has ended (a running vote shows nothing). STT is the agenda order."""
    passed, failed = pgettext("vote result", "Đạt"), pgettext("vote result", "Không đạt")

    def row(q):
        verdict = verdicts.get(q.pk)
        ended = q.status == QuestionStatus.CLOSED
        tally = (q.tally or {}) if ended else {}
        items = ", ".join(str(x.person or x.unit) for x in q.items.all()) if q.kind == QuestionKind.LIST else \
            str(q.person or q.unit or "")
        return (q.order, q.title, items, str(q.award_type) if q.award_type_id else "",
                verdict["label"] if verdict else "", q.get_method_display(), q.rule.summary, q.get_status_display(),
                tally.get("for") if ended else None, tally.get("against") if ended else None,
                tally.get("blank") if ended else None, tally.get("invalid") if ended else None,
                (passed if q.passed else failed) if ended else "",
                "\n".join([tally.get("arithmetic", ""), *tally.get("notes", [])]).strip() if ended else "",
                ", ".join(r.member.person.full_name for r in q.recusals.all()))
    rows = (row(q) for q in questions)
    return xlsx_stream_response(f"ket-qua-bieu-quyet-{meeting.pk}-{meeting.day:%Y%m%d}.xlsx",
                                translated_columns(QUESTION_COLUMNS), rows,
                                title=_("Kết quả biểu quyết – %(meeting)s") % {"meeting": meeting.title})


@require_POST
def attendance(request, pk: int):
    meeting = _meeting(request, pk, need="run")
    entries = []
    for m in selectors.members_on(meeting.council, meeting.day):
        value = request.POST.get(f"m{m.pk}")
        if value in ("1", "0"):
            entries.append(services.AttendanceEntry(member=m, present=value == "1",
                                                    reason=request.POST.get(f"r{m.pk}", "")))
    if not entries:
        messages.info(request, _("Chưa chọn có mặt / vắng cho thành viên nào."))
        return _back(meeting)
    run_action(request, lambda: services.attendance_record(actor=request.user, meeting=meeting, entries=entries),
               lambda _result: _("Đã lưu điểm danh. %(quorum)s") % {"quorum": selectors.meeting_quorum(meeting).text})
    return _back(meeting)


@require_POST
def agenda_from_registrations(request, pk: int):
    meeting = _meeting(request, pk, need="manage")
    form = AgendaForm(request.POST, award_types=AwardType.objects.filter(active=True))
    list_types = form.cleaned_data["list_award_types"] if form.is_valid() else []
    created = run_action(request, lambda: services.meeting_agenda_from_registrations(
        actor=request.user, meeting=meeting, list_award_types=list_types))
    if created:
        messages.success(request, _("Đã thêm %(count)s nội dung biểu quyết từ danh sách đăng ký thi đua.") % {
            "count": len(created)})
    elif created is not None:
        messages.info(request, _("Không có đăng ký thi đua nào mới để đưa vào chương trình họp."))
    return _back(meeting)


def question_create(request, pk: int):
    meeting = _meeting(request, pk, need="manage")
    unit = meeting.council.unit
    # Candidates: who worked in the unit at some time in the meeting's school year.
    year = meeting.school_year
    form = QuestionForm(request.POST or None, award_types=AwardType.objects.filter(active=True),
                        people=_people_under(unit, year.start_date, until=year.end_date),
                        units=Unit.objects.filter(path__startswith=unit.path).order_by("path"))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["method"] = data["method"] or None
        try:
            services.question_create(actor=request.user, meeting=meeting, **data)
        except DomainValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm nội dung biểu quyết."))
            return _back(meeting)
    return render(request, "meetings/form.html", {"form": form, "meeting": meeting,
                                                  "heading": _("Thêm nội dung biểu quyết – %(meeting)s") % {"meeting": meeting}})


@require_POST
def meeting_close(request, pk: int):
    meeting = _meeting(request, pk, need="run")
    run_action(request, lambda: services.meeting_close(actor=request.user, meeting=meeting),
               _("Đã kết thúc cuộc họp. Ý kiến bằng văn bản của thành viên vắng mặt được ghi nhận ở từng nội dung "
                 "trước khi chốt kết quả."))
    return _back(meeting)


@require_POST
def meeting_move(request, pk: int):
    from .forms import MeetingMoveForm

    meeting = _meeting(request, pk, need="manage")
    form = MeetingMoveForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, str(e))
        return _back(meeting)
    run_action(request, lambda: services.meeting_move(actor=request.user, meeting=meeting, **form.cleaned_data),
               _("Đã dời lịch họp và báo cho các thành viên."))
    return _back(meeting)


@require_POST
def meeting_finalize(request, pk: int):
    meeting = _meeting(request, pk, need="manage")
    run_action(request, lambda: services.meeting_finalize(actor=request.user, meeting=meeting),
               _("Đã chốt kết quả cuộc họp."))
    return _back(meeting)


def minutes_download(request, pk: int, kind: str, fmt: str):
    meeting = _meeting(request, pk)
    if kind not in minutes.KINDS or fmt not in minutes.FORMATS:
        raise Http404(_("Không có mẫu biên bản này."))
    content, content_type, name = minutes.render_minutes(meeting, kind, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --------------------------------------------------------------------------- questions


@require_POST
def question_list_split(request, pk: int):
    question = _question(request, pk, need="manage")
    run_action(request, lambda: services.question_list_split(actor=request.user, question=question),
               lambda created: _("Đã tách danh sách thành %(count)s nội dung, biểu quyết từng người.") % {
                   "count": len(created)})
    return _back(question.meeting)


@require_POST
def question_open(request, pk: int):
    question = _question(request, pk)
    run_action(request, lambda: services.question_open(actor=request.user, question=question),
               _("Đã mở biểu quyết: %(question)s") % {"question": question.title})
    return _back(question.meeting)


def _line_counts(post) -> dict | None:
    """A list's lines given their own count: ``line-<item>-for / -against / -abstain``; a line
    left empty is derived from the list's count. None when a number is not one."""
    out: dict[str, list[int]] = {}
    items = {key.split("-")[1] for key in post if key.startswith("line-") and key.count("-") == 2}
    for item in items:
        raw = [post.get(f"line-{item}-{k}", "").strip() for k in ("for", "against", "abstain")]
        if not any(raw):
            continue
        if not item.isdigit() or not all(v.isdigit() for v in raw if v):
            return None
        out[item] = [int(v or 0) for v in raw]
    return out


@require_POST
def open_count(request, pk: int):
    question = _question(request, pk)
    form = OpenCountForm(request.POST)
    lines = _line_counts(request.POST)
    if not form.is_valid() or lines is None:
        messages.error(request, _("Số phiếu phải là số nguyên không âm."))
        return _back(question.meeting)
    run_action(request, lambda: services.open_count_record(actor=request.user, question=question,
                                                           line_counts=lines, **form.cleaned_data),
               _("Đã ghi kết quả biểu quyết giơ tay."))
    return _back(question.meeting)


@require_POST
def question_close(request, pk: int):
    question = _question(request, pk)
    run_action(request, lambda: services.question_close(actor=request.user, question=question),
               lambda result: f"{question.title}: {result.arithmetic}")
    return _back(question.meeting)


def ballot_cast(request, pk: int):
    question = _question(request, pk, need="vote")
    form = BallotForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.ballot_cast(actor=request.user, question=question, choice=form.cleaned_data["choice"])
            except services.AlreadyVoted as exc:
                messages.info(request, exc.messages[0])
            except DomainValidationError as exc:
                show_refusal(request, exc)
            else:
                # Say that the ballot was received, never what it said.
                messages.success(request, _("Đã ghi nhận phiếu của bạn."))
            return _back(question.meeting)
        messages.error(request, _("Hãy chọn một ý kiến."))
    return render(request, "meetings/ballot_form.html", {"question": question, "meeting": question.meeting,
                                                         "form": form})


def absentee_opinions(request, pk: int):
    question = _question(request, pk)
    meeting = question.meeting
    # Absent: every member of the day not recorded present.
    present_ids = Attendance.objects.filter(meeting=meeting, present=True).values("member_id")
    done = BallotReceipt.objects.filter(question=question).values("member_id")
    members = (CouncilMember.objects.filter(CouncilMember.active_q(meeting.day), council_id=meeting.council_id)
               .exclude(pk__in=present_ids).exclude(pk__in=done)
               .exclude(pk__in=question.recusals.values("member_id")).select_related("person"))
    form = AbsenteeForm(request.POST or None, members=members, initial={"document_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        opinions = [services.WrittenOpinion(member=m, choice=c, document_date=form.cleaned_data["document_date"],
                                            document_ref=form.cleaned_data["document_ref"])
                    for m, c in form.opinions()]
        try:
            result = services.absentee_opinions_record(actor=request.user, question=question, opinions=opinions)
        except DomainValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi %(count)s ý kiến bằng văn bản. %(result)s") % {
                "count": len(opinions), "result": result.arithmetic})
            return _back(meeting)
    return render(request, "meetings/form.html", {
        "form": form, "meeting": meeting,
        "heading": _("Ý kiến bằng văn bản của thành viên vắng mặt – %(question)s") % {"question": question.title},
        "help": (_("Nhập cùng lúc ý kiến của mọi thành viên vắng mặt đã gửi cho nội dung này.")
                 + ("" if question.rule.absentee_opinions_count else
                    " " + _("Theo quy định áp dụng, ý kiến này được ghi nhận nhưng không tính vào kết quả."))),
    })

