"""Thin views: read through selectors, write through services, check the object's own unit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tdkt.accounts.access import can, unit_scope_q
from tdkt.accounts.permissions import Perm
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.core.forms import (
    add_domain_errors,
    forget_kept_uploads,
    keep_uploads,
    restore_kept_uploads,
    run_action,
    save_form,
)
from tdkt.core.xlsx import ListExport, XlsxColumn, wants_xlsx
from tdkt.notifications.services import reminder_days_for
from tdkt.org.models import Unit
from tdkt.people.models import Employment, Person

from . import selectors, services, workflow
from .forms import (
    CampaignForm,
    CovenantForm,
    DeadlinesForm,
    InnovationForm,
    MeetingForm,
    MilestoneForm,
    RegisterForm,
    RemoveForm,
    ReviewForm,
    SignForm,
    TargetForm,
    TargetReportForm,
    TeacherGroupForm,
)
from .ics import build_calendar
from .models import (
    CalendarToken,
    Campaign,
    CampaignTarget,
    InnovationRegistration,
    Milestone,
    RegistrationSubmission,
    TeacherGroup,
)


def _campaign_or_403(user, pk: int) -> Campaign:
    campaign = get_object_or_404(Campaign, pk=pk)
    if selectors.campaign_get_visible(user=user, pk=pk) is None:
        raise PermissionDenied(_("Bạn không có quyền xem phong trào này."))
    return campaign


def _units(user, perm: Perm, campaign: Campaign | None = None):
    qs = Unit.objects.filter(unit_scope_q(user, perm), active_to__isnull=True)
    if campaign is not None:
        qs = qs.filter(path__startswith=campaign.unit.path)
    return qs.order_by("path")


def _people(user, campaign: Campaign):
    today = timezone.localdate()
    scope = unit_scope_q(user, Perm.MANAGE_CAMPAIGNS, prefix="unit__")
    emp = Employment.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=today), person=OuterRef("pk"),
                                    start_date__lte=today, unit__path__startswith=campaign.unit.path)
    return Person.objects.filter(Exists(emp.filter(scope)) | (Q(user=user) & Exists(emp))).order_by("sort_name")


# --- campaigns ------------------------------------------------------------------------------


# --- "Xuất Excel" of the list pages: the same view, the same rows, every row (not one page) ----
# Sheet and column titles are marked with gettext_noop here and translated per download (_export).


CAMPAIGN_EXPORT = ListExport(
    "phong-trao-thi-dua.xlsx", gettext_noop("Phong trào thi đua"),
    [XlsxColumn(gettext_noop("Tên phong trào"), "text", 48),
     XlsxColumn(gettext_noop("Theo phong trào cấp trên"), "text", 36),
     XlsxColumn(gettext_noop("Loại"), "text", 16), XlsxColumn(gettext_noop("Năm học"), "text", 10),
     XlsxColumn(gettext_noop("Đơn vị phát động"), "text", 36),
     XlsxColumn(gettext_noop("Từ ngày"), "date"), XlsxColumn(gettext_noop("Đến ngày"), "date"),
     XlsxColumn(gettext_noop("Hạn đăng ký"), "date"), XlsxColumn(gettext_noop("Hạn nộp hồ sơ đăng ký"), "date")],
    lambda c: (c.name, c.parent.name if c.parent_id else "", c.get_kind_display(),
               c.school_year.label if c.school_year_id else "", c.unit.name, c.period_start, c.period_end,
               c.registration_deadline, c.submission_deadline))


def _meeting_documents_text(doc: dict | None) -> str:
    """The badge of a cluster meeting's documents on the cluster list, as text."""
    if not doc:
        return ""
    deadline = f"{doc['deadline']:%d/%m/%Y}"
    if doc["state"] == "sent":
        return _("Đã gửi hồ sơ %(sent_on)s") % {"sent_on": f"{doc['sent_on']:%d/%m/%Y}"}
    if doc["state"] == "sent_late":
        return _("Gửi hồ sơ muộn %(days)s ngày (hạn %(deadline)s, gửi %(sent_on)s)") % {
            "days": doc["days"], "deadline": deadline, "sent_on": f"{doc['sent_on']:%d/%m/%Y}"}
    if doc["state"] == "overdue":
        return _("Quá hạn gửi hồ sơ %(days)s ngày (hạn %(deadline)s)") % {"days": doc["days"], "deadline": deadline}
    return _("Hạn gửi hồ sơ %(deadline)s") % {"deadline": deadline}


def _cluster_export_row(r: dict) -> tuple:
    c = r["cluster"]
    cells = []
    for cell in r["cells"]:
        cells += [cell["meeting"].held_on if cell["meeting"] else None, _meeting_documents_text(cell["documents"])]
    return (c.name, c.get_kind_display(), c.school_year.label, c.organizer.name, c.leader.name if c.leader_id else "",
            r["members"], r["signed"] if r["has_covenant"] else None, _("Có") if r["has_covenant"] else _("Chưa có"),
            *cells, "; ".join(r["late"]))


CLUSTER_EXPORT = ListExport(
    "cum-khoi-thi-dua.xlsx", gettext_noop("Cụm, khối thi đua – tiến độ"),
    [XlsxColumn(gettext_noop("Cụm/khối"), "text", 32), XlsxColumn(gettext_noop("Loại"), "text", 10),
     XlsxColumn(gettext_noop("Năm học"), "text", 10), XlsxColumn(gettext_noop("Đơn vị tổ chức"), "text", 32),
     XlsxColumn(gettext_noop("Khối trưởng"), "text", 32),
     XlsxColumn(gettext_noop("Số đơn vị thành viên"), "int", 10),
     XlsxColumn(gettext_noop("Số đơn vị đã ký giao ước"), "int", 10),
     XlsxColumn(gettext_noop("Giao ước"), "text", 10),
     XlsxColumn(gettext_noop("Lần 1: ngày họp"), "date"), XlsxColumn(gettext_noop("Lần 1: hồ sơ"), "text", 30),
     XlsxColumn(gettext_noop("Lần 2: ngày họp"), "date"), XlsxColumn(gettext_noop("Lần 2: hồ sơ"), "text", 30),
     XlsxColumn(gettext_noop("Lần 3: ngày họp"), "date"), XlsxColumn(gettext_noop("Lần 3: hồ sơ"), "text", 30),
     XlsxColumn(gettext_noop("Chậm gửi hồ sơ"), "text", 50)],
    _cluster_export_row)

SUBMISSION_TABLE_EXPORT = ListExport(
    "tinh-hinh-nop-ho-so.xlsx", gettext_noop("Tình hình nộp hồ sơ đăng ký"),
    [XlsxColumn(gettext_noop("Đơn vị"), "text", 40), XlsxColumn(gettext_noop("Trạng thái"), "text", 18),
     XlsxColumn(gettext_noop("Nộp muộn"), "text", 10), XlsxColumn(gettext_noop("Nộp lúc"), "datetime"),
     XlsxColumn(gettext_noop("Lý do trả lại"), "text", 40)],
    lambda row: (row["unit"].name, row["submission"].get_status_display() if row["submission"] else _("Chưa nộp"),
                 _("Có") if row["submission"] and row["submission"].late else "",
                 row["submission"].submitted_at if row["submission"] else None,
                 row["submission"].return_reason if row["submission"] else ""))


def _progress_met(cell) -> str:
    if cell.met is None:
        return _("Chưa có số liệu")
    return _("Đạt") if cell.met else _("Chưa đạt")


# The page draws one row per unit and one column per target; the sheet gives each cell a row
# of its own so that the figures stay numbers (sortable, summable) next to how they were obtained.
PROGRESS_EXPORT = ListExport(
    "tien-do-chi-tieu.xlsx", gettext_noop("Tiến độ thực hiện chỉ tiêu"),
    [XlsxColumn(gettext_noop("Đơn vị"), "text", 36), XlsxColumn(gettext_noop("Chỉ tiêu"), "text", 40),
     XlsxColumn(gettext_noop("Mức chỉ tiêu"), "decimal"), XlsxColumn(gettext_noop("Đơn vị tính"), "text", 12),
     XlsxColumn(gettext_noop("Kết quả"), "decimal"), XlsxColumn(gettext_noop("Đánh giá"), "text", 16),
     XlsxColumn(gettext_noop("Cách tính"), "text", 40), XlsxColumn(gettext_noop("Tính đến ngày"), "date"),
     XlsxColumn(gettext_noop("Ghi chú"), "text", 30)],
    lambda uc: (uc[0].name, uc[1].name, uc[1].target_value, uc[1].measure, uc[1].actual, _progress_met(uc[1]),
                uc[1].how, uc[1].reported_on, uc[1].note))

REGISTRATION_EXPORT = ListExport(
    "dang-ky-thi-dua.xlsx", gettext_noop("Đăng ký thi đua"),
    [XlsxColumn(gettext_noop("Cá nhân / tập thể"), "text", 32), XlsxColumn(gettext_noop("Năm sinh"), "int", 8),
     XlsxColumn(gettext_noop("Đơn vị"), "text", 32), XlsxColumn(gettext_noop("Danh hiệu đăng ký"), "text", 36),
     XlsxColumn(gettext_noop("Ngày đăng ký"), "date"), XlsxColumn(gettext_noop("Chỉ tiêu, mục tiêu"), "text", 40)],
    lambda e: (e.registration.person.full_name if e.registration.person_id else e.registration.unit.name,
               e.registration.person.birth_date.year if e.registration.person_id and e.registration.person.birth_date
               else None, e.unit.name, e.registration.award_type.name, e.registration.registered_on,
               e.registration.targets))

CALENDAR_EXPORT = ListExport(
    "lich-cac-han.xlsx", gettext_noop("Lịch các hạn"),
    [XlsxColumn(gettext_noop("Hạn"), "date"), XlsxColumn(gettext_noop("Việc"), "text", 60),
     XlsxColumn(gettext_noop("Đơn vị"), "text", 36), XlsxColumn(gettext_noop("Tình trạng"), "text", 14)],
    lambda i: (i.due, i.title, i.unit.name, _("Quá hạn") if i.overdue else _("Sắp đến hạn")))


def _cluster_member_export_row(row) -> tuple:
    cluster, unit, sig = row
    return (unit.name, _("Khối trưởng") if unit.pk == cluster.leader_id else "", sig.signed_at if sig else None,
            str(sig.signed_by) if sig and sig.signed_by_id else "", _("Đã ký") if sig else _("Chưa ký"),
            sig.works if sig else "", sig.topics if sig else "")


CLUSTER_MEMBER_EXPORT = ListExport(
    "giao-uoc-thi-dua.xlsx", gettext_noop("Đơn vị thành viên, giao ước"),
    [XlsxColumn(gettext_noop("Đơn vị thành viên"), "text", 36), XlsxColumn(gettext_noop("Vai trò"), "text", 12),
     XlsxColumn(gettext_noop("Ký giao ước lúc"), "datetime"), XlsxColumn(gettext_noop("Người ký"), "text", 20),
     XlsxColumn(gettext_noop("Giao ước"), "text", 10),
     XlsxColumn(gettext_noop("Công trình thi đua đăng ký"), "text", 40),
     XlsxColumn(gettext_noop("Chuyên đề thi đua đăng ký"), "text", 40)],
    _cluster_member_export_row)


def campaign_list(request):
    campaigns = selectors.campaign_list_visible_to(user=request.user).order_by("-school_year__start_year", "unit__path",
                                                                              "name")
    if wants_xlsx(request):
        return CAMPAIGN_EXPORT.response(campaigns)
    return render(request, "campaigns/campaign_list.html", {
        "campaigns": campaigns, "can_launch": _units(request.user, Perm.MANAGE_CAMPAIGNS).exists()})


def campaign_create(request):
    units = _units(request.user, Perm.MANAGE_CAMPAIGNS)
    parents = selectors.campaign_list_visible_to(user=request.user)
    initial = {"parent": request.GET.get("parent")} if request.GET.get("parent") else {}
    form = CampaignForm(request.POST or None, request.FILES or None, units=units, parents=parents, initial=initial)
    if request.method == "POST":
        restore_kept_uploads(request, form)
        campaign = _campaign_save(request, form)
        if campaign is not None:
            forget_kept_uploads(request, form)
            messages.success(request, _("Đã phát động %(campaign)s.") % {"campaign": campaign.phrase_in_sentence})
            return redirect("campaigns:campaign_detail", pk=campaign.pk)
        keep_uploads(request, form)
    return render(request, "campaigns/campaign_form.html", {"form": form})


def _campaign_save(request, form: CampaignForm) -> Campaign | None:
    """Every refusal after one submit: the form's own, each wrong line of the targets and
    milestones, and the service's checks of what the form did accept, each on its field."""
    valid = form.is_valid()
    data: dict[str, Any] = {name: form.cleaned_data.get(name) for name in form.fields}
    document = data.pop("document")
    refusals = services.Refusals()
    data["targets"] = refusals.check(services.parse_targets, data["targets"] or "") or []
    data["milestones"] = refusals.check(services.parse_milestones, data["milestones"] or "") or []
    documents = [document] if document else []
    if not valid or refusals.by_field:
        refusals.check(services.campaign_check, **data, documents=documents)
        if refusals.by_field:
            add_domain_errors(form, DomainValidationError(refusals.by_field), beside_form_errors=True)
        return None
    try:
        return services.campaign_create(actor=request.user, documents=documents, **data)
    except DomainValidationError as exc:
        add_domain_errors(form, exc)
    return None


def campaign_detail(request, pk: int):
    campaign = _campaign_or_403(request.user, pk)
    can_review = can(request.user, Perm.REVIEW_SUBMISSIONS, campaign.unit)
    units = selectors.progress_units(user=request.user, campaign=campaign)
    if wants_xlsx(request):
        return _campaign_table_xlsx(request, campaign, units, can_review)
    my_units = [u for u in _units(request.user, Perm.MANAGE_CAMPAIGNS, campaign)
                if u.depth == campaign.unit.depth + 1]
    return render(request, "campaigns/campaign_detail.html", {
        "campaign": campaign, "targets": campaign.targets.all(), "milestones": campaign.milestones.all(),
        "documents": campaign.documents.all(), "children": campaign.children.select_related("unit"),
        "can_review": can_review,
        "table": selectors.submission_table(campaign=campaign) if can_review else None,
        "my_units": my_units,
        "can_launch_under": _units(request.user, Perm.MANAGE_CAMPAIGNS, campaign).exists(),
        "can_register": can(request.user, Perm.REGISTER, campaign.unit) or any(
            True for _ in _units(request.user, Perm.REGISTER, campaign)[:1]),
        "innovations": InnovationRegistration.objects.filter(
            campaign=campaign, unit__in=_units(request.user, Perm.VIEW_CAMPAIGNS)).select_related("person"),
        "mine": selectors.own_registrations(user=request.user, campaign=campaign),
        "groups": TeacherGroup.objects.filter(campaign=campaign, unit__in=_units(request.user, Perm.VIEW_CAMPAIGNS)),
        "progress": selectors.progress_table(campaign=campaign, units=units) if units else [],
        "report_form": _report_form(request.user, campaign, units),
        "changes": campaign.changes.select_related("actor"),
        "can_adjust": can(request.user, Perm.MANAGE_CAMPAIGNS, campaign.unit),
    })


def _campaign_table_xlsx(request, campaign: Campaign, units, can_review: bool):
    """The two lists of the campaign page, one per download: ``bang=tien-do`` the progress
    against targets (the units the page shows), ``bang=ho-so`` the submissions of the child
    units (only for the launching office, like the page)."""
    table = request.GET.get("bang", "")
    if table == "tien-do":
        if not campaign.targets.exists():
            raise Http404("Phong trào này chưa có chỉ tiêu.")
        rows = ((unit, cell) for unit, cells in selectors.progress_table(campaign=campaign, units=units)
                for cell in cells)
        return PROGRESS_EXPORT.response(rows, filename=f"tien-do-chi-tieu-{campaign.pk}.xlsx",
                                        title=_("Tiến độ chỉ tiêu – %(name)s") % {"name": campaign.name})
    if table == "ho-so":
        if not can_review:
            raise PermissionDenied(_("Chỉ đơn vị phát động phong trào mới xem tình hình nộp hồ sơ của các đơn vị."))
        return SUBMISSION_TABLE_EXPORT.response(selectors.submission_table(campaign=campaign),
                                                filename=f"tinh-hinh-nop-ho-so-{campaign.pk}.xlsx",
                                                title=_("Nộp hồ sơ – %(name)s") % {"name": campaign.name})
    raise Http404("Không có bảng này để xuất Excel (tham số «bang»: tien-do hoặc ho-so).")


def _report_form(user, campaign: Campaign, units, data=None):
    """The form a unit fills to report its actual value of a target the system does not compute."""
    manual = campaign.targets.filter(metric="")
    # One query for the units the user may report for, whatever their number.
    own = Unit.objects.filter(unit_scope_q(user, Perm.MANAGE_CAMPAIGNS), pk__in=[u.pk for u in units])
    if not units or not manual.exists() or not own.exists():
        return None
    return TargetReportForm(data, targets=manual, units=own.order_by("path"),
                            initial={"reported_on": timezone.localdate()})


def target_report(request, pk: int):
    campaign = _campaign_or_403(request.user, pk)
    form = _report_form(request.user, campaign, selectors.progress_units(user=request.user, campaign=campaign),
                        data=request.POST)
    if form is None:
        raise PermissionDenied(_("Bạn không báo cáo kết quả chỉ tiêu của phong trào này."))
    if form.is_valid():
        d = form.cleaned_data
        run_action(request, lambda: services.target_report(
            actor=request.user, target=d["target"], unit=d["unit"], value=d["value"], reported_on=d["reported_on"],
            note=d["note"]), _("Đã ghi kết quả chỉ tiêu «%(target)s» của %(unit)s.") % {
                "target": d["target"].name, "unit": d["unit"].name})
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for e in errors:
                messages.error(request, f"{label}: {e}" if label else e)
    return redirect(reverse("campaigns:campaign_detail", args=[campaign.pk]) + "#tien-do")


def _adjust_forms(campaign: Campaign, bound: dict) -> dict:
    """Every form of the adjust page; the one just posted (``bound``: prefix → form) replaces its
    blank twin so its errors show in place."""
    def pick(prefix, make):
        return bound.get(prefix) or make(prefix)

    targets = [(t, pick(f"t{t.pk}", lambda p, t=t: TargetForm(prefix=p, initial={
        "name": t.name, "target_value": t.target_value, "measure": t.measure, "metric": t.metric})),
                pick(f"tr{t.pk}", lambda p: RemoveForm(prefix=p))) for t in campaign.targets.all()]
    milestones = [(m, pick(f"m{m.pk}", lambda p, m=m: MilestoneForm(prefix=p, initial={
        "name": m.name, "start_date": m.start_date, "due_date": m.due_date, "categories": m.categories})),
                   pick(f"mr{m.pk}", lambda p: RemoveForm(prefix=p))) for m in campaign.milestones.all()]
    return {"targets": targets, "milestones": milestones,
            "new_target": pick("tnew", lambda p: TargetForm(prefix=p)),
            "new_milestone": pick("mnew", lambda p: MilestoneForm(prefix=p)),
            "deadlines": pick("dl", lambda p: DeadlinesForm(prefix=p, initial={
                "registration_deadline": campaign.registration_deadline,
                "submission_deadline": campaign.submission_deadline}))}


ADJUST_OPS = {
    # op: (form class, prefix of the form, service call)
    "target_add": (TargetForm, lambda o: "tnew",
                   lambda a, c, o, d: services.target_add(actor=a, campaign=c, **d)),
    "target_change": (TargetForm, lambda o: f"t{o.pk}",
                      lambda a, c, o, d: services.target_change(actor=a, target=o, **d)),
    "target_remove": (RemoveForm, lambda o: f"tr{o.pk}",
                      lambda a, c, o, d: services.target_remove(actor=a, target=o, **d) or True),
    "milestone_add": (MilestoneForm, lambda o: "mnew",
                      lambda a, c, o, d: services.milestone_add(actor=a, campaign=c, **d)),
    "milestone_change": (MilestoneForm, lambda o: f"m{o.pk}",
                         lambda a, c, o, d: services.milestone_change(actor=a, milestone=o, **d)),
    "milestone_remove": (RemoveForm, lambda o: f"mr{o.pk}",
                         lambda a, c, o, d: services.milestone_remove(actor=a, milestone=o, **d) or True),
    "deadlines": (DeadlinesForm, lambda o: "dl",
                  lambda a, c, o, d: services.campaign_deadlines_change(actor=a, campaign=c, **d)),
}


def campaign_adjust(request, pk: int):
    """Điều chỉnh chỉ tiêu, mốc và hạn sau khi phát động: one form per change, each audited and
    listed in the campaign's change history."""
    campaign = _campaign_or_403(request.user, pk)
    if not can(request.user, Perm.MANAGE_CAMPAIGNS, campaign.unit):
        raise PermissionDenied(_("Chỉ đơn vị phát động mới điều chỉnh chỉ tiêu, mốc thời gian của phong trào."))
    bound = {}
    if request.method == "POST":
        op = request.POST.get("op", "")
        if op not in ADJUST_OPS:
            raise Http404("Không có thao tác này.")
        form_class, prefix, call = ADJUST_OPS[op]
        obj = None
        if op.endswith(("_change", "_remove")):
            model = CampaignTarget if op.startswith("target") else Milestone
            obj = get_object_or_404(model, pk=request.POST.get("obj"), campaign=campaign)
        form = form_class(request.POST, prefix=prefix(obj))
        bound[form.prefix] = form
        done = save_form(request, form, lambda: call(request.user, campaign, obj, form.cleaned_data))
        if done is not None:
            messages.success(request, _("Đã điều chỉnh; thay đổi được ghi trong lịch sử điều chỉnh của phong trào."))
            return redirect("campaigns:campaign_adjust", pk=campaign.pk)
    return render(request, "campaigns/campaign_adjust.html", {
        "campaign": campaign, "changes": campaign.changes.select_related("actor")[:20],
        **_adjust_forms(campaign, bound)})


def campaign_document(request, pk: int, doc_pk: int):
    campaign = _campaign_or_403(request.user, pk)
    doc = get_object_or_404(campaign.documents, pk=doc_pk)
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=doc.original_name)


# --- registrations -----------------------------------------------------------------------------


def register(request, pk: int):
    campaign = _campaign_or_403(request.user, pk)
    people = _people(request.user, campaign)
    units = _units(request.user, Perm.MANAGE_CAMPAIGNS, campaign)
    own = people.filter(user=request.user).first()
    form = RegisterForm(request.POST or None, people=people, units=units,
                        initial={"person": own.pk} if own else {})
    status = 200
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        collective = d["award_type"].subject == "tap_the"
        try:
            reg = services.registration_register(
                actor=request.user, campaign=campaign, award_type=d["award_type"],
                person=None if collective else d.get("person"), unit=d.get("unit") if collective else None,
                targets=d["targets"])
        except DomainValidationError as exc:
            add_domain_errors(form, exc)
        except PermissionRefused as exc:  # not left to the middleware: the form keeps what was typed
            status = _refused_on_form(form, exc, "unit" if collective else "person")
        else:
            messages.success(request, _("Đã đăng ký: %(registration)s.") % {"registration": reg})
            return redirect("campaigns:campaign_detail", pk=campaign.pk)
    return render(request, "campaigns/register_form.html", {"form": form, "campaign": campaign,
                                                             "title": _("Đăng ký thi đua")}, status=status)


def _refused_on_form(form, exc: PermissionRefused, field: str) -> int:
    """A permission refusal of a registration shown on its form, with what the user typed kept
    (a Mẫu 1 is pages of text): the answer is still a 403 and nothing is written."""
    form.add_error(field if field in form.fields else None, exc.message)
    return 403


def innovation_create(request, pk: int):
    campaign = _campaign_or_403(request.user, pk)
    people = _people(request.user, campaign)
    own = people.filter(user=request.user).first()
    form = InnovationForm(request.POST or None, people=people, initial={"person": own.pk} if own else {})
    status = 200
    try:
        obj = save_form(request, form, lambda: services.innovation_register(
            actor=request.user, campaign=campaign, **form.cleaned_data))
    except PermissionRefused as exc:  # not left to the middleware: the Mẫu 1 typed stays on the form
        obj, status = None, _refused_on_form(form, exc, "person")
    if obj is not None:
        messages.success(request, _("Đã lưu đăng ký đổi mới, sáng tạo (Mẫu 1)."))
        return redirect("campaigns:innovation_detail", pk=obj.pk)
    return render(request, "campaigns/register_form.html", {
        "form": form, "campaign": campaign, "title": _("Đăng ký thực hiện nhiệm vụ đổi mới, sáng tạo (Mẫu 1)")},
        status=status)


def _visible_unit_object(user, obj):
    if not (can(user, Perm.VIEW_CAMPAIGNS, obj.unit) or getattr(getattr(obj, "person", None), "user_id", None)
            == user.pk):
        raise PermissionDenied(_("Bạn không có quyền xem bản đăng ký này."))
    return obj


def innovation_detail(request, pk: int):
    obj = _visible_unit_object(request.user, get_object_or_404(
        InnovationRegistration.objects.select_related("campaign__school_year", "unit", "person"), pk=pk))
    return render(request, "campaigns/innovation_print.html", {"obj": obj})


def group_create(request, pk: int):
    campaign = _campaign_or_403(request.user, pk)
    form = TeacherGroupForm(request.POST or None, people=_people(request.user, campaign),
                            units=_units(request.user, Perm.MANAGE_CAMPAIGNS, campaign))

    def save():
        d = dict(form.cleaned_data)
        d["members"] = list(d["members"])
        return services.teacher_group_register(actor=request.user, campaign=campaign, **d)

    obj = save_form(request, form, save)
    if obj is not None:
        messages.success(request, _("Đã lưu đăng ký nhóm nhà giáo cùng nhau phát triển (Mẫu 2)."))
        return redirect("campaigns:group_detail", pk=obj.pk)
    return render(request, "campaigns/register_form.html", {
        "form": form, "campaign": campaign,
        "title": _("Đăng ký thành lập nhóm nhà giáo cùng nhau phát triển (Mẫu 2)")})


def group_detail(request, pk: int):
    obj = _visible_unit_object(request.user, get_object_or_404(
        TeacherGroup.objects.select_related("campaign__school_year", "unit"), pk=pk))
    return render(request, "campaigns/group_print.html", {"obj": obj, "members": obj.members.order_by("sort_name")})


# --- submissions ------------------------------------------------------------------------------


def _submission_context(request, pk: int, unit_pk: int):
    campaign = _campaign_or_403(request.user, pk)
    unit = get_object_or_404(Unit, pk=unit_pk)
    if not (can(request.user, Perm.VIEW_CAMPAIGNS, unit) or can(request.user, Perm.REVIEW_SUBMISSIONS, campaign.unit)):
        raise PermissionDenied(_("Bạn không có quyền xem hồ sơ đăng ký của đơn vị này."))
    sub = RegistrationSubmission.objects.filter(campaign=campaign, unit=unit).first()
    entries = selectors.unit_registrations(campaign=campaign, unit=unit)
    return {"campaign": campaign, "unit": unit, "submission": sub, "today": timezone.localdate(),
            "individual": [e for e in entries if e.registration.person_id],
            "collective": [e for e in entries if not e.registration.person_id]}


def submission_detail(request, pk: int, unit_pk: int):
    ctx = _submission_context(request, pk, unit_pk)
    if wants_xlsx(request):
        return REGISTRATION_EXPORT.response([*ctx["individual"], *ctx["collective"]],
                                            filename=f"dang-ky-thi-dua-{ctx['campaign'].pk}-{ctx['unit'].code}.xlsx",
                                            title=_("Đăng ký thi đua – %(unit)s") % {"unit": ctx["unit"].name})
    sub = ctx["submission"]
    ctx.update({
        "events": sub.events.select_related("actor") if sub else [],
        "labels": workflow.ACTION_LABELS,
        "can_submit": can(request.user, Perm.MANAGE_CAMPAIGNS, ctx["unit"]) and (
            sub is None or "submit" in workflow.allowed_actions(sub.status)),
        "can_review": sub is not None and can(request.user, Perm.REVIEW_SUBMISSIONS, ctx["campaign"].unit)
        and "accept" in workflow.allowed_actions(sub.status),
        "review_form": ReviewForm(),
    })
    return render(request, "campaigns/submission_detail.html", ctx)


def submission_cover(request, pk: int, unit_pk: int):
    return render(request, "campaigns/submission_cover.html", _submission_context(request, pk, unit_pk))


def submission_summary(request, pk: int, unit_pk: int):
    return render(request, "campaigns/submission_summary.html", _submission_context(request, pk, unit_pk))


def submission_submit(request, pk: int, unit_pk: int):
    campaign = _campaign_or_403(request.user, pk)
    unit = get_object_or_404(Unit, pk=unit_pk)
    if not can(request.user, Perm.MANAGE_CAMPAIGNS, unit):
        raise PermissionDenied(_("Bạn không có quyền nộp hồ sơ của đơn vị này."))
    def submit():
        from django.db import transaction

        with transaction.atomic():
            sub = services.submission_get_or_create(actor=request.user, campaign=campaign, unit=unit)
            return services.submission_transition(actor=request.user, submission=sub, action="submit")

    run_action(request, submit,
               lambda sub: _("Đã nộp hồ sơ đăng ký (nộp muộn).") if sub.late else _("Đã nộp hồ sơ đăng ký."))
    return redirect("campaigns:submission_detail", pk=campaign.pk, unit_pk=unit.pk)


def submission_review(request, pk: int, unit_pk: int):
    campaign = _campaign_or_403(request.user, pk)
    if not can(request.user, Perm.REVIEW_SUBMISSIONS, campaign.unit):
        raise PermissionDenied(_("Chỉ đơn vị phát động phong trào mới tiếp nhận hoặc trả lại hồ sơ."))
    sub = get_object_or_404(RegistrationSubmission, campaign=campaign, unit_id=unit_pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        run_action(request, lambda: services.submission_transition(
            actor=request.user, submission=sub, action=form.cleaned_data["action"],
            reason=form.cleaned_data["reason"]), _("Đã cập nhật hồ sơ."))
    else:
        messages.error(request, _("Thao tác không hợp lệ."))
    return redirect("campaigns:submission_detail", pk=campaign.pk, unit_pk=unit_pk)


# --- calendar ---------------------------------------------------------------------------------


def calendar(request):
    items = selectors.calendar_items(user=request.user)
    if wants_xlsx(request):
        return CALENDAR_EXPORT.response(items)
    token = services.calendar_token_get_or_create(user=request.user)
    ics_url = request.build_absolute_uri(reverse("campaigns:calendar_ics", args=[token]))
    return render(request, "campaigns/calendar.html", {
        "overdue": [i for i in items if i.overdue], "upcoming": [i for i in items if not i.overdue],
        "ics_url": ics_url})


def calendar_token_reset(request):
    services.calendar_token_reset(actor=request.user)
    messages.success(request, _("Đã tạo liên kết lịch mới; liên kết cũ không còn dùng được."))
    return redirect("campaigns:calendar")


def calendar_ics(request, token: str):
    tok = CalendarToken.objects.select_related("user").filter(token=token).first()
    if tok is None or not tok.user.is_active:
        raise Http404("Không có lịch này.")
    if request.user.is_authenticated and request.user.pk != tok.user_id:
        raise PermissionDenied(_("Liên kết lịch này là của người dùng khác."))
    # Calendar apps fetch the feed without the user's language: it stays Vietnamese.
    with translation.override("vi"):
        body = build_calendar(selectors.calendar_items(user=tok.user), host=request.get_host().split(":")[0],
                              alarm_days=reminder_days_for(tok.user))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="tdkt.ics"'
    return response


# --- clusters ---------------------------------------------------------------------------------


def _cluster_or_403(user, pk: int):
    from tdkt.org.models import Cluster

    cluster = get_object_or_404(Cluster.objects.select_related("school_year", "organizer", "leader"), pk=pk)
    if selectors.cluster_get_visible(user=user, pk=pk) is None:
        raise PermissionDenied(_("Bạn không có quyền xem cụm/khối thi đua này."))
    return cluster


def cluster_list(request):
    clusters = selectors.cluster_list_visible_to(user=request.user).order_by("-school_year__start_year", "name")
    clusters = clusters.select_related("covenant").prefetch_related("meetings", "memberships",
                                                                    "covenant__signatures")
    rows = [selectors.cluster_progress(c) for c in clusters]
    if wants_xlsx(request):
        return CLUSTER_EXPORT.response(rows)
    return render(request, "campaigns/cluster_list.html", {"rows": rows, "late_rows": [r for r in rows if r["late"]]})


def cluster_detail(request, pk: int):
    cluster = _cluster_or_403(request.user, pk)
    covenant = getattr(cluster, "covenant", None) if hasattr(cluster, "covenant") else None
    members = [m.unit for m in cluster.memberships.select_related("unit").order_by("unit__name")]
    signatures = {s.unit_id: s for s in covenant.signatures.select_related("signed_by")} if covenant else {}
    if wants_xlsx(request):
        return CLUSTER_MEMBER_EXPORT.response([(cluster, u, signatures.get(u.pk)) for u in members],
                                              filename=f"giao-uoc-thi-dua-{cluster.pk}.xlsx",
                                              title=_("Giao ước – %(cluster)s") % {"cluster": cluster.name})
    signable = [u for u in members if u.pk not in signatures and can(request.user, Perm.MANAGE_CAMPAIGNS, u)]
    return render(request, "campaigns/cluster_detail.html", {
        "cluster": cluster, "covenant": covenant, "members": members,
        "member_rows": [(u, signatures.get(u.pk)) for u in members],
        "progress": selectors.cluster_progress(cluster),
        "meetings": cluster.meetings.prefetch_related("attendees", "rankings__unit").select_related(
            "leading_unit", "next_leader"),
        "can_run": services.can_run_cluster(request.user, cluster),
        "covenant_form": CovenantForm(initial={"text": covenant.text if covenant else ""}),
        "sign_form": SignForm(units=Unit.objects.filter(pk__in=[u.pk for u in signable])) if signable else None,
        "rotation": selectors.rotation_history(cluster),
    })


def covenant_edit(request, pk: int):
    cluster = _cluster_or_403(request.user, pk)
    form = CovenantForm(request.POST)
    if form.is_valid():
        run_action(request, lambda: services.covenant_set(actor=request.user, cluster=cluster,
                                                          text=form.cleaned_data["text"]),
                   _("Đã lưu giao ước thi đua."))
    else:
        messages.error(request, _("Hãy nhập nội dung giao ước thi đua."))
    return redirect("campaigns:cluster_detail", pk=cluster.pk)


def covenant_sign(request, pk: int):
    cluster = _cluster_or_403(request.user, pk)
    form = SignForm(request.POST, units=Unit.objects.filter(cluster_memberships__cluster=cluster))
    if form.is_valid():
        d = form.cleaned_data
        run_action(request, lambda: services.covenant_sign(actor=request.user, cluster=cluster, unit=d["unit"],
                                                           works=d["works"], topics=d["topics"]),
                   _("«%(unit)s» đã ký giao ước thi đua.") % {"unit": d["unit"]})
    else:
        messages.error(request, _("Hãy chọn đơn vị thành viên ký giao ước."))
    return redirect("campaigns:cluster_detail", pk=cluster.pk)


def meeting_record(request, pk: int):
    cluster = _cluster_or_403(request.user, pk)
    if not services.can_run_cluster(request.user, cluster):
        raise PermissionDenied(_("Chỉ đơn vị tổ chức hoặc khối trưởng mới ghi nhận hội nghị của cụm/khối."))
    members = Unit.objects.filter(cluster_memberships__cluster=cluster).order_by("name")
    number = request.GET.get("lan") or 1
    existing = cluster.meetings.filter(number=number).first() if str(number).isdigit() else None
    initial = {"number": number}
    if existing:
        initial.update({f: getattr(existing, f) for f in ("held_on", "place", "agenda", "minutes",
                                                          "required_documents",
                                                          "send_deadline", "documents_sent_on", "leading_unit",
                                                          "next_leader")})
        initial["attendees"] = list(existing.attendees.all())
        initial["commendations"] = "\n".join(existing.commendations)
        initial.update({f"votes_{r.unit_id}": r.votes for r in existing.rankings.all()})
    form = MeetingForm(request.POST or None, members=members, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        try:
            services.cluster_meeting_record(
                actor=request.user, cluster=cluster, number=d["number"], held_on=d["held_on"], place=d["place"],
                agenda=d["agenda"], attendees=list(d["attendees"]), minutes=d["minutes"],
                required_documents=d["required_documents"],
                send_deadline=d["send_deadline"], documents_sent_on=d["documents_sent_on"],
                votes=form.votes() if d["number"] == 3 else None,
                leading_unit=d["leading_unit"], next_leader=d["next_leader"],
                commendations=d["commendations"].splitlines())
        except DomainValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận hội nghị."))
            return redirect("campaigns:cluster_detail", pk=cluster.pk)
    return render(request, "campaigns/meeting_form.html", {"form": form, "cluster": cluster})


# --- DOCX / PDF through the shared document layer (tdkt.documents) -------------------------------

def submission_download(request, pk: int, unit_pk: int, doc: str, fmt: str):
    from .documents import DOWNLOADS, render_submission_document

    if doc not in DOWNLOADS or fmt not in ("docx", "pdf"):
        raise Http404("Không có văn bản này.")
    ctx = _submission_context(request, pk, unit_pk)
    rendered = render_submission_document(ctx, doc, fmt)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{doc}-{ctx["unit"].code}.{fmt}"'
    return response
