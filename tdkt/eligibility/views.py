"""Server-rendered eligibility pages (mounted at /xet/). Thin: check scope with
tdkt.accounts.access, then let the engine / roadmap / selectors do the work."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, pgettext

from tdkt.accounts.access import can, require_person
from tdkt.accounts.permissions import Perm
from tdkt.core.exceptions import DomainValidationError
from tdkt.core.forms import save_form
from tdkt.core.i18n import translated_columns
from tdkt.core.pagination import paginate
from tdkt.core.vi import format_date_short, parse_date_vn
from tdkt.core.xlsx import XlsxColumn, xlsx_stream_response
from tdkt.org.models import SchoolYear, Unit
from tdkt.people.models import Employment, Person

from . import engine, impact, jobs, roadmap, selectors, services
from .apis import PER_PAGE, _visible
from .choices import Outcome, SubjectKind
from .forms import LocalQuotaForm
from .models import EvaluationJob

REFUSED_UNIT = gettext_lazy("Bạn không có quyền xem kết quả xét điều kiện của đơn vị này.")
BADGES: dict[str, str] = {
    Outcome.ELIGIBLE: "bg-success",
    Outcome.NOT_ELIGIBLE: "bg-danger",
    Outcome.MISSING_INFO: "bg-warning text-dark",
    Outcome.NO_RULE: "bg-secondary",
}
EVIDENCE_KEYS = (("title", ""), ("year", gettext_lazy("năm học ")), ("decision_number", gettext_lazy("QĐ số ")),
                 ("decision_date", gettext_lazy("ngày ")))


def _year(request) -> SchoolYear:
    try:
        return selectors.school_year_from(request.GET.get("nam", "").strip() or None)
    except (selectors.NotFound, ValueError) as exc:
        raise Http404(str(exc)) from exc


def _years():
    return SchoolYear.objects.order_by("-start_year")


def _evidence_value(key: str, value) -> str:
    """Evidence is stored as JSON (dates in ISO form); the page reads "ngày 25/06/2025"."""
    if key.endswith("_date"):
        try:
            return format_date_short(dt.date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    return str(value)


def _evidence_text(item) -> str:
    if not isinstance(item, dict):
        return str(item)
    parts = [f"{prefix}{_evidence_value(key, item[key])}" for key, prefix in EVIDENCE_KEYS if item.get(key)]
    return ", ".join(parts)


def _view_lines(lines: list[dict]) -> list[dict]:
    out = []
    for line in lines:
        evidence = [t for t in (_evidence_text(e) for e in line.get("evidence") or ()) if t]
        out.append({**line, "evidence_text": evidence})
    return out


def person(request, person_id: int):
    who = get_object_or_404(Person, pk=person_id)
    require_person(request.user, Perm.VIEW_ELIGIBILITY, who)
    year = _year(request)
    try:
        results = engine.evaluate_person(who, year)
    except engine.EligibilityError as exc:
        raise Http404(str(exc)) from exc
    verdicts = [{"award_code": r.award_code, "award_name": r.award_name, "outcome": r.outcome,
                 "outcome_label": r.outcome_label, "badge": BADGES.get(r.outcome, "bg-secondary"),
                 "summary": r.summary, "lines": _view_lines(r.lines)} for r in results]
    steps = roadmap._steps(results)
    units = [e.unit for e in Employment.objects.filter(person=who, start_date__lte=year.end_date)
             .exclude(end_date__lt=year.start_date).select_related("unit", "unit__unit_type")]
    units = [u for i, u in enumerate(units) if u not in units[:i] and can(request.user, Perm.VIEW_ELIGIBILITY, u)]
    return render(request, "eligibility/person.html", {
        "person": who, "year": year, "years": _years(), "verdicts": verdicts, "roadmap": steps,
        "units": units,
    })


def unit(request, unit_id: int):
    """A unit's verdicts for a year. A small subtree (fewer people than ELIGIBILITY_LIVE_MAX_PEOPLE: a
    school) is judged live, so a school sees fresh results; a larger one (an office, the province) shows
    its latest stored run, paged from the Verdict rows, and never calls the engine in the request."""
    root = get_object_or_404(Unit.objects.select_related("unit_type"), pk=unit_id)
    if not can(request.user, Perm.VIEW_ELIGIBILITY, root):
        raise PermissionDenied(REFUSED_UNIT)
    year = _year(request)
    if not selectors.subtree_is_small(root, year, limit=settings.ELIGIBILITY_LIVE_MAX_PEOPLE):
        return _unit_stored(request, root, year)
    eng = engine.subtree_engine(root, year)
    catalogue = eng.catalogue
    title, outcome = _unit_filters(request, catalogue)
    titles = [(code, catalogue.award_types[code].label) for code in catalogue.ordered_codes()]
    results = engine.evaluate_subtree(root, year, [title] if title else None, engine=eng)
    results = _visible(request.user, root, eng, results)
    counts = Counter(r.outcome for r in results)
    if outcome:
        results = [r for r in results if r.outcome == outcome]
    if request.GET.get("xuat") == "xlsx":
        return _unit_xlsx(root, year, results, title, catalogue)
    page = paginate(results, request.GET.get("page"), per_page=PER_PAGE)
    rows = [{"kind": r.subject_kind, "id": r.subject_id, "name": r.subject_name, "award_name": r.award_name,
             "outcome": r.outcome, "outcome_label": r.outcome_label, "badge": BADGES.get(r.outcome, "bg-secondary"),
             "summary": r.summary} for r in page.object_list]
    quota = engine.quota_panel(root, year, engine=eng)
    ids = selectors.visible_unit_ids(user=request.user, under=root)
    if ids is not None:
        for rule in quota["rules"]:
            rule["groups"] = [g for g in rule["groups"] if g["unit_id"] in ids]
    return render(request, "eligibility/unit.html", {
        "unit": root, "year": year, "years": _years(), "titles": titles, "title": title,
        "outcomes": [(value, label, counts.get(value, 0)) for value, label in Outcome.choices],
        "outcome": outcome, "page": page, "rows": rows, "quota": quota, "total": sum(counts.values()),
        "individual": SubjectKind.INDIVIDUAL, "live": True,
    })


def _unit_filters(request, catalogue) -> tuple[str, str]:
    title = request.GET.get("danh_hieu", "").strip()
    if title and title not in catalogue.award_types:
        title = ""
    outcome = request.GET.get("ket_qua", "").strip()
    if outcome not in Outcome.values:
        outcome = ""
    return title, outcome


class _StoredRow:
    """A stored verdict as the export's rows read a live one."""

    __slots__ = ("subject_name", "subject_kind", "award_name", "outcome_label", "summary")

    def __init__(self, d: dict):
        self.subject_name, self.subject_kind = d["subject"]["name"], d["subject"]["kind"]
        self.award_name, self.outcome_label, self.summary = d["award_name"], d["outcome_label"], d["summary"]


def _unit_stored(request, root: Unit, year: SchoolYear):
    """The page of a large subtree, from its latest stored run: a constant number of queries whatever
    the number of verdicts (the catalogue's titles, the run, the counts per outcome, one page of rows)."""
    catalogue = engine.Catalogue.in_force(year.end_date)
    title, outcome = _unit_filters(request, catalogue)
    titles = [(code, catalogue.award_types[code].label) for code in catalogue.ordered_codes()]
    run = selectors.latest_run(root, year)
    job = jobs.current_job(root, year)
    if job is not None and not job.running and (job.status == job.Status.DONE or (
            run is not None and run.created_at > job.created_at)):
        job = None  # its run is the one shown (or a newer one is): nothing to say about the job
    counts: dict[str, int] = {}
    rows: list[dict] = []
    page = None
    changed = 0
    if run is not None:
        whole = selectors.reaches_whole_subtree(user=request.user, root=root)
        qs = selectors.run_verdict_page_qs(user=request.user, run=run, award_type=title or None,
                                           outcome=outcome or None, whole=whole)
        if request.GET.get("xuat") == "xlsx":
            label = year.label
            stored = (_StoredRow(selectors.stored_verdict_dict(v, label, run.criteria))
                      for v in qs.iterator(chunk_size=2000))
            return _unit_xlsx(root, year, stored, title, catalogue)
        counts = selectors.run_outcome_counts(user=request.user, run=run, award_type=title or None, whole=whole)
        paginator = Paginator(qs, PER_PAGE)
        # The counts above already say how many rows the filter keeps: no second count of the run.
        paginator.__dict__["count"] = counts.get(outcome, 0) if outcome else sum(counts.values())
        page = paginator.get_page(request.GET.get("page"))
        for v in page.object_list:
            d = selectors.stored_verdict_dict(v, year.label, run.criteria)
            rows.append({"kind": d["subject"]["kind"], "id": d["subject"]["id"], "name": d["subject"]["name"],
                         "award_name": v.award_type.label, "outcome": v.outcome, "outcome_label": d["outcome_label"],
                         "badge": BADGES.get(v.outcome, "bg-secondary"), "summary": d["summary"]})
        changed = selectors.changes_since(root, run.created_at)
    return render(request, "eligibility/unit.html", {
        "unit": root, "year": year, "years": _years(), "titles": titles, "title": title,
        "outcomes": [(value, label, counts.get(value, 0)) for value, label in Outcome.choices],
        "outcome": outcome, "page": page, "rows": rows, "quota": None, "total": sum(counts.values()),
        "individual": SubjectKind.INDIVIDUAL, "live": False, "run": run, "changed": changed,
        "job": job, **(jobs.page_context(job) if job is not None else {}),
        "may_run": can(request.user, Perm.RUN_ELIGIBILITY, root),
    })


def run_request(request, unit_id: int):
    """«Chạy xét điều kiện»: a fresh stored run of the unit's subtree. A small one is made in the request;
    a large one is queued for the worker and the unit page shows its progress."""
    root = get_object_or_404(Unit.objects.select_related("unit_type"), pk=unit_id)
    if not can(request.user, Perm.RUN_ELIGIBILITY, root):
        raise PermissionDenied(_("Bạn không có quyền chạy xét điều kiện cho đơn vị này."))
    try:
        year = selectors.school_year_from(request.POST.get("nam", "").strip() or None)
    except (selectors.NotFound, ValueError) as exc:
        raise Http404(str(exc)) from exc
    if selectors.subtree_is_small(root, year, limit=settings.ELIGIBILITY_LIVE_MAX_PEOPLE):
        try:
            run = services.evaluation_run(actor=request.user, unit=root, school_year=year)
        except DomainValidationError as exc:
            messages.error(request, "; ".join(e["message"] for e in exc.as_list()))
        else:
            messages.success(request, _("Đã xét và lưu kết quả của %(n)s đối tượng.") % {"n": run.subjects})
    else:
        jobs.job_create(actor=request.user, unit=root, school_year=year)
        messages.info(request, _("Đã bắt đầu xét điều kiện; trang tự cập nhật tiến độ."))
    return redirect(f"{reverse('eligibility:unit', args=[root.pk])}?nam={year.start_year}")


def run_progress(request, unit_id: int, job_id: int):
    """The progress bar of a background run, polled by htmx while it waits or runs; once finished,
    the page reloads itself to show the new run (or why it failed)."""
    job = get_object_or_404(EvaluationJob.objects.select_related("unit"), pk=job_id, unit_id=unit_id)
    if not can(request.user, Perm.VIEW_ELIGIBILITY, job.unit):
        raise PermissionDenied(REFUSED_UNIT)
    if not job.running:
        response = HttpResponse(status=204 if request.htmx else 200)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "eligibility/_run_progress.html", {"unit": job.unit, **jobs.page_context(job)})


# Titles marked here, translated per export (tdkt.core.i18n.translated_columns).
UNIT_COLUMNS = [XlsxColumn(gettext_noop("STT"), "int", 6), XlsxColumn(gettext_noop("Đối tượng"), "text", 32),
                XlsxColumn(gettext_noop("Cá nhân / tập thể"), "text", 12),
                XlsxColumn(gettext_noop("Danh hiệu / hình thức"), "text", 34),
                XlsxColumn(gettext_noop("Kết quả"), "text", 20), XlsxColumn(gettext_noop("Lý do"), "text", 80)]


def _unit_xlsx(root: Unit, year: SchoolYear, results, title: str, catalogue):
    """The verdicts the filtered table pages through, all of them, in the page's order."""
    # The engine names its subjects "person" / "unit" (as the page's row ids do).
    kinds = {"person": pgettext("subject", "Cá nhân"), "unit": pgettext("subject", "Tập thể")}
    rows = ((i, r.subject_name, kinds.get(r.subject_kind, r.subject_kind), r.award_name, r.outcome_label, r.summary)
            for i, r in enumerate(results, start=1))
    what = f" – {catalogue.award_types[title].label}" if title else ""
    return xlsx_stream_response(f"xet-dieu-kien-{root.code}-{year.start_year}.xlsx", translated_columns(UNIT_COLUMNS),
                                rows, title=_("Xét điều kiện năm học %(year)s%(what)s – %(unit)s") % {
                                    "year": year, "what": what, "unit": root.name})


# --------------------------------------------------------------------------- impact report


def _impact_dates(request) -> tuple[dt.date, dt.date, dict[str, str]]:
    """Day A and day B from the GET form (ISO, as a date input sends them, or 30/06/2025); defaults:
    the day before the most recent rule change and that day. Bad input: a message per field."""
    default_a, default_b = impact.default_dates()
    errors: dict[str, str] = {}
    out = []
    for key, default, label in (("ngay_a", default_a, _("Ngày A (quy định cũ)")),
                                ("ngay_b", default_b, _("Ngày B (quy định mới)"))):
        raw = request.GET.get(key, "").strip()
        if not raw:
            out.append(default)
            continue
        try:
            out.append(parse_date_vn(raw))
        except ValueError:
            errors[key] = _("%(field)s «%(value)s» không phải ngày hợp lệ; nhập theo dạng ngày/tháng/năm.") % {
                "field": label, "value": raw}
            out.append(default)
    return out[0], out[1], errors


def impact_page(request, unit_id: int):
    root = get_object_or_404(Unit.objects.select_related("unit_type"), pk=unit_id)
    if not can(request.user, Perm.VIEW_ELIGIBILITY, root):
        raise PermissionDenied(REFUSED_UNIT)
    year = _year(request)
    date_a, date_b, errors = _impact_dates(request)
    report = None
    if not errors:
        report = impact.impact_report(unit=root, school_year=year, date_a=date_a, date_b=date_b,
                                      visible=lambda results, eng: _visible(request.user, root, eng, results))
        if request.GET.get("xuat") == "xlsx":
            return _impact_xlsx(report)
    return render(request, "eligibility/impact.html", {
        "unit": root, "year": year, "years": _years(), "date_a": date_a, "date_b": date_b,
        "errors": errors, "report": report,
    })


IMPACT_COLUMNS = [XlsxColumn(gettext_noop("STT"), "int", 6), XlsxColumn(gettext_noop("Đối tượng"), "text", 32),
                  XlsxColumn(gettext_noop("Cá nhân / tập thể"), "text", 12),
                  XlsxColumn(gettext_noop("Danh hiệu / hình thức"), "text", 34),
                  XlsxColumn(gettext_noop("Theo quy định ngày A"), "text", 20),
                  XlsxColumn(gettext_noop("Theo quy định ngày B"), "text", 20),
                  XlsxColumn(gettext_noop("Thay đổi"), "text", 14),
                  XlsxColumn(gettext_noop("Tiêu chuẩn tạo khác biệt"), "text", 80)]


def _impact_xlsx(report):
    kinds = {"person": pgettext("subject", "Cá nhân"), "unit": pgettext("subject", "Tập thể")}
    rows = ((i, c.subject_name, kinds.get(c.subject_kind, c.subject_kind), c.award_name, c.outcome_a_label,
             c.outcome_b_label, c.kind_label, c.reason()) for i, c in enumerate(report.changes, start=1))
    return xlsx_stream_response(
        f"tac-dong-quy-dinh-{report.unit.code}-{report.year.start_year}.xlsx", translated_columns(IMPACT_COLUMNS),
        rows, title=_("Tác động khi quy định thay đổi – năm học %(year)s – %(unit)s (%(a)s → %(b)s)") % {
            "year": report.year, "unit": report.unit.name, "a": format_date_short(report.date_a),
            "b": format_date_short(report.date_b)})


def local_quotas_page(request, unit_id: int):
    """Tỷ lệ khen thưởng của địa phương: the caps that reach the unit (every version, the one the engine uses
    marked), and for those who decide awards at the unit, the form to set a new version of its own caps."""
    unit = get_object_or_404(Unit.objects.select_related("unit_type"), pk=unit_id)
    if not can(request.user, Perm.VIEW_ELIGIBILITY, unit):
        raise PermissionDenied(REFUSED_UNIT)
    may_set = can(request.user, Perm.DECIDE_AWARDS, unit)
    form = LocalQuotaForm(request.POST or None) if may_set else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(REFUSED_UNIT)
        rule = save_form(request, form, lambda: services.local_quota_rule_add(
            actor=request.user, issuer=unit, **form.cleaned_data))
        if rule is not None:
            messages.success(request, _("Đã ghi tỷ lệ «%(award)s» từ ngày %(date)s.") % {
                "award": rule.award_type.name, "date": format_date_short(rule.effective_from)})
            return redirect("eligibility:local_quotas", unit_id=unit.pk)
    return render(request, "eligibility/local_quotas.html", {
        "unit": unit, "rules": selectors.local_quota_rules_for(unit), "form": form,
    })
