"""Pages of score sheets: the sheets, one sheet with its criteria tree, a unit's filling page (each field saved by
fetch as it is typed: tdkt/static/tdkt/scoresheet.js), the review page (self beside every reviewer), and a
cluster's ranking with its published history and XLSX."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tdkt.accounts.access import can, has_perm_anywhere, unit_scope_q
from tdkt.accounts.permissions import Perm
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.core.forms import run_action, save_form, show_refusal
from tdkt.org.models import Cluster, Unit

from . import calc, selectors, services
from .forms import FinalForm, ImportForm, PublishForm, SheetForm
from .models import Assessment, AssessmentStatus, Criterion, CriterionKind, Sheet

REFUSED = _("Bạn không có quyền xem bảng điểm này.")


def _sheet_or_403(user, pk: int) -> Sheet:
    sheet = get_object_or_404(Sheet.objects.select_related("owner", "school_year", "unit_type"), pk=pk)
    if not selectors.sheets_visible_to(user).filter(pk=pk).exists():
        raise PermissionDenied(REFUSED)
    return sheet


def _assessment_or_403(user, pk: int) -> Assessment:
    a = get_object_or_404(Assessment.objects.select_related("unit", "sheet__owner", "sheet__school_year"), pk=pk)
    if not selectors.may_see_assessment(user, a):
        raise PermissionDenied(REFUSED)
    return a


def _points(text) -> Decimal | None:
    text = (text or "").strip().replace(",", ".")
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise DomainValidationError({"points": _("Điểm «%(p)s» không phải là số.") % {"p": text}}) from None


def sheet_list(request):
    sheets = selectors.sheets_visible_to(request.user)[:200]
    return render(request, "scoresheets/sheet_list.html", {
        "sheets": sheets, "may_create": has_perm_anywhere(request.user, Perm.MANAGE_CAMPAIGNS)})


def sheet_new(request):
    owners = Unit.objects.filter(unit_scope_q(request.user, Perm.MANAGE_CAMPAIGNS), active_to__isnull=True) \
        .exclude(unit_type__category="school").order_by("path")
    form = SheetForm(request.POST or None, owners=owners)
    sheet = save_form(request, form, lambda: services.sheet_create(actor=request.user, **form.cleaned_data))
    if sheet is not None:
        messages.success(request, _("Đã tạo bảng điểm «%(sheet)s».") % {"sheet": sheet})
        return redirect("scoresheets:sheet_detail", pk=sheet.pk)
    return render(request, "scoresheets/sheet_form.html", {"form": form})


def _detail(request, sheet: Sheet, import_form: ImportForm | None = None):
    manages = can(request.user, Perm.MANAGE_CAMPAIGNS, sheet.owner)
    return render(request, "scoresheets/sheet_detail.html", {
        "sheet": sheet, "tree": selectors.criteria_tree(sheet), "manages": manages,
        "import_form": import_form or ImportForm(), "assessments": selectors.assessments_of(sheet, request.user),
        "own_units": selectors.own_units_for(request.user, sheet), "clusters": selectors.clusters_for(sheet),
    }, status=400 if import_form is not None else 200)


def sheet_detail(request, pk: int):
    return _detail(request, _sheet_or_403(request.user, pk))


def criteria_import(request, pk: int):
    sheet = _sheet_or_403(request.user, pk)
    form = ImportForm(request.POST, request.FILES)

    def save():
        data = form.cleaned_data
        rows = services.parse_xlsx(data["file"]) if data.get("file") else services.parse_text(data["text"])
        return services.criteria_import(actor=request.user, sheet=sheet, rows=rows)

    n = save_form(request, form, save)
    if n is not None:
        messages.success(request, _("Đã thêm %(n)s dòng tiêu chí.") % {"n": n})
        return redirect("scoresheets:sheet_detail", pk=sheet.pk)
    return _detail(request, sheet, form)


def sheet_activate(request, pk: int):
    sheet = _sheet_or_403(request.user, pk)
    run_action(request, lambda: services.sheet_activate(actor=request.user, sheet=sheet),
               _("Bảng điểm đã áp dụng và được khóa."))
    return redirect("scoresheets:sheet_detail", pk=sheet.pk)


def sheet_version(request, pk: int):
    sheet = _sheet_or_403(request.user, pk)
    new = run_action(request, lambda: services.sheet_new_version(actor=request.user, sheet=sheet),
                     lambda s: _("Đã tạo phiên bản %(v)s để sửa.") % {"v": s.version})
    return redirect("scoresheets:sheet_detail", pk=new.pk if new else sheet.pk)


def assessment_start(request, pk: int):
    sheet = _sheet_or_403(request.user, pk)
    unit = get_object_or_404(Unit, pk=request.POST.get("unit") or 0)
    if not can(request.user, Perm.MANAGE_CAMPAIGNS, unit):
        raise PermissionDenied(REFUSED)
    a = run_action(request, lambda: services.assessment_start(actor=request.user, sheet=sheet, unit=unit))
    return redirect("scoresheets:assessment_fill", pk=a.pk) if a else redirect("scoresheets:sheet_detail", pk=pk)


def assessment_fill(request, pk: int):
    a = _assessment_or_403(request.user, pk)
    editable = a.status == AssessmentStatus.DRAFT and can(request.user, Perm.MANAGE_CAMPAIGNS, a.unit)
    return render(request, "scoresheets/assessment_fill.html", {
        "a": a, "board": selectors.board(a), "editable": editable})


def score_save(request, pk: int):
    """One criterion, posted by the page's script as the user types (or by the whole form without script)."""
    a = _assessment_or_403(request.user, pk)
    criterion = get_object_or_404(Criterion, pk=request.POST.get("criterion") or 0, sheet_id=a.sheet_id)
    try:
        score = services.score_save(actor=request.user, assessment=a, criterion=criterion,
                                    points=_points(request.POST.get("points")),
                                    evidence=request.POST.get("evidence", ""), note=request.POST.get("note", ""))
    except DomainValidationError as exc:
        text = " ".join(m for msgs in exc.message_dict.values() for m in msgs)
        return JsonResponse({"ok": False, "error": text}, status=400)
    except PermissionRefused as exc:
        return JsonResponse({"ok": False, "error": str(exc)}, status=403)
    a.refresh_from_db()
    return JsonResponse({"ok": True, "criterion": criterion.code, "points": None if score.points is None
                         else str(score.points), "total": str(a.self_total)})


def assessment_submit(request, pk: int):
    a = _assessment_or_403(request.user, pk)
    run_action(request, lambda: services.assessment_submit(actor=request.user, assessment=a),
               _("Đã nộp bảng tự chấm."))
    return redirect("scoresheets:assessment_fill", pk=a.pk)


def _review_page(request, a: Assessment, status: int = 200):
    role = services.reviewer_role(request.user, a)
    mine = a.reviews.filter(reviewer=request.user).prefetch_related("scores").first()
    my_points = {rs.criterion_id: rs.points for rs in mine.scores.all()} if mine else {}
    b = selectors.board(a)
    return render(request, "scoresheets/assessment_review.html", {
        "a": a, "board": b, "role": role, "my_points": my_points, "mine": mine,
        "rows": [(line, my_points.get(line.criterion.pk)) for line in b.lines],
        "may_final": can(request.user, Perm.MANAGE_CAMPAIGNS, a.sheet.owner) and a.status != AssessmentStatus.DRAFT,
        "final_form": FinalForm(), "changes": a.final_changes.select_related("actor"),
    }, status=status)


def assessment_review(request, pk: int):
    a = _assessment_or_403(request.user, pk)
    if request.method == "POST":
        try:
            points = {c.pk: _points(request.POST.get(f"c{c.pk}"))
                      for c in a.sheet.criteria.exclude(kind=CriterionKind.SECTION)}
            services.review_save(actor=request.user, assessment=a, points=points, note=request.POST.get("note", ""))
        except DomainValidationError as exc:
            show_refusal(request, exc)
            return _review_page(request, a, status=400)
        except PermissionRefused as exc:
            raise PermissionDenied(str(exc)) from exc
        messages.success(request, _("Đã lưu điểm chấm của bạn."))
        return redirect("scoresheets:assessment_review", pk=a.pk)
    return _review_page(request, a)


def final_set(request, pk: int):
    a = _assessment_or_403(request.user, pk)
    form = FinalForm(request.POST)
    if form.is_valid():
        run_action(request, lambda: services.final_set(actor=request.user, assessment=a,
                                                       total=form.cleaned_data["total"],
                                                       reason=form.cleaned_data["reason"]),
                   _("Đã chốt điểm cuối cùng."))
    else:
        messages.error(request, _("Điểm cuối cùng phải là số."))
    return redirect("scoresheets:assessment_review", pk=a.pk)


def _cluster_or_403(user, sheet: Sheet, cluster_pk: int) -> Cluster:
    cluster = get_object_or_404(selectors.clusters_for(sheet), pk=cluster_pk)
    if not selectors.may_see_cluster(user, cluster):
        raise PermissionDenied(REFUSED)
    return cluster


def ranking(request, pk: int, cluster: int):
    sheet = _sheet_or_403(request.user, pk)
    c = _cluster_or_403(request.user, sheet, cluster)
    entries = selectors.ranking_entries(c, sheet)
    history = selectors.rankings_of(c, sheet)
    if request.GET.get("xuat") == "xlsx":
        from tdkt.core.xlsx import xlsx_stream_response

        shown = ([(r.rank, r.unit.name, r.total) for r in history[0].rows.all()] if history
                 else [(rk, e.name, e.total) for rk, e in entries])
        return xlsx_stream_response(f"xep-hang-{c.pk}", [(_("Hạng"), "int", 8), (_("Đơn vị"), "text", 50),
                                                           (_("Điểm cuối cùng"), "decimal", 16)],
                                    shown, title=str(c.name))
    current = {(e.unit_id): (rk, e.total) for rk, e in entries}
    published = history[0] if history else None
    changed = published is not None and any(current.get(r.unit_id) != (r.rank, r.total) for r in published.rows.all())
    return render(request, "scoresheets/ranking.html", {
        "sheet": sheet, "cluster": c, "entries": entries, "history": history, "published": published,
        "changed": changed, "tie_break": calc.TIE_BREAK, "may_publish": services.may_publish(request.user, c),
        "form": PublishForm()})


def ranking_publish(request, pk: int, cluster: int):
    sheet = _sheet_or_403(request.user, pk)
    c = _cluster_or_403(request.user, sheet, cluster)
    form = PublishForm(request.POST)
    form.is_valid()
    try:
        services.ranking_publish(actor=request.user, cluster=c, sheet=sheet,
                                 entries=selectors.ranking_entries(c, sheet),
                                 reason=form.cleaned_data.get("reason", ""))
        messages.success(request, _("Đã công bố xếp hạng."))
    except DomainValidationError as exc:
        show_refusal(request, exc)
    except PermissionRefused as exc:
        raise PermissionDenied(str(exc)) from exc
    return redirect("scoresheets:ranking", pk=sheet.pk, cluster=c.pk)
