from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tdkt.accounts.access import can, require
from tdkt.accounts.permissions import Perm
from tdkt.core.exceptions import DomainValidationError
from tdkt.core.forms import add_domain_errors
from tdkt.core.i18n import translated_columns
from tdkt.core.pagination import paginate
from tdkt.core.xlsx import XlsxColumn, xlsx_stream_response
from tdkt.people.selectors import (
    label_current_posts,
    person_list_visible_to,
    staff_in_school_year,
    with_current_posts,
)

from . import selectors, services
from .forms import CloseForm, ClusterForm, MergeForm, MoveForm, RenameForm, SplitForm, UnitEditForm, UnitForm
from .models import SchoolYear, Unit, UnitType
from .selectors import label_units


def _visible_unit_or_403(user, pk: int, perm: Perm = Perm.VIEW_UNIT) -> Unit:
    unit = get_object_or_404(Unit.objects.select_related("unit_type", "successor"), pk=pk)
    require(user, perm, unit)
    return unit


def _wants_xlsx(request) -> bool:
    return request.GET.get("xuat") == "xlsx"


def unit_tree(request):
    query = request.GET.get("q", "").strip()
    if query:
        rows = [{"unit": u, "visible": True} for u in selectors.unit_list_visible_to(user=request.user, query=query)]
    else:
        rows = selectors.unit_tree_rows(user=request.user)
    if _wants_xlsx(request):
        return _unit_tree_xlsx([r["unit"] for r in rows if r["visible"]], query)
    return render(request, "org/unit_tree.html", {"rows": rows, "q": query})


# Titles marked here, translated per export (tdkt.core.i18n.translated_columns).
UNIT_COLUMNS = [XlsxColumn(gettext_noop("STT"), "int", 6),
                XlsxColumn(gettext_noop("Mã đơn vị"), "text", 14),
                XlsxColumn(gettext_noop("Tên đơn vị"), "text", 44),
                XlsxColumn(gettext_noop("Đơn vị cấp trên"), "text", 40),
                XlsxColumn(gettext_noop("Cấp trong cây"), "int", 8),
                XlsxColumn(gettext_noop("Loại đơn vị"), "text", 22),
                XlsxColumn(gettext_noop("Cấp học"), "text", 14),
                XlsxColumn(gettext_noop("Địa danh"), "text", 16),
                XlsxColumn(gettext_noop("Hoạt động từ ngày"), "date"),
                XlsxColumn(gettext_noop("Ngừng hoạt động từ ngày"), "date"),
                XlsxColumn(gettext_noop("Trạng thái"), "text", 14)]


def _unit_tree_xlsx(units: list[Unit], query: str):
    """The units the page lists as links (the user's scope; greyed ancestors shown only
    for orientation are left out), in tree order, with the parent's name in a column
    since a sheet has no indentation."""
    parent_paths = {u.path[: -Unit.steplen] for u in units if u.depth > 1}
    parents = dict(Unit.objects.filter(path__in=parent_paths).values_list("path", "name"))
    # As the page's badge: a unit with an end date reads "Ngừng hoạt động" (the date is in its own column).
    rows = ((i, u.code, u.name, parents.get(u.path[: -Unit.steplen], ""), u.depth, u.unit_type.label,
             u.get_school_level_display(), u.place_name, u.active_from, u.active_to,
             _("Ngừng hoạt động") if u.active_to else _("Hoạt động"))
            for i, u in enumerate(units, start=1))
    title = _("Danh sách đơn vị – tìm «%(query)s»") % {"query": query} if query else _("Danh sách đơn vị")
    return xlsx_stream_response("danh-sach-don-vi.xlsx", translated_columns(UNIT_COLUMNS), rows, title=title)


def unit_detail(request, pk: int):
    unit = _visible_unit_or_403(request.user, pk)
    ancestors = list(Unit.objects.get_ancestors(unit))
    children = list(selectors.unit_list_visible_to(user=request.user).filter(
        path__startswith=unit.path, depth=unit.depth + 1))
    staff_page = None
    if can(request.user, Perm.VIEW_PERSON, unit):
        qs = with_current_posts(person_list_visible_to(user=request.user, unit=unit, current_only=True))
        staff_page = paginate(qs, request.GET.get("page"))
        label_current_posts(staff_page.object_list)
    return render(request, "org/unit_detail.html", {
        "unit": unit,
        "ancestors": ancestors,
        "children": children,
        "predecessors": selectors.unit_predecessors(unit=unit),
        "successors": selectors.unit_successors(unit=unit),
        "events": list(selectors.unit_events(unit=unit)),
        "reorg_kinds": REORG_KINDS,
        "staff_page": staff_page,
        "clusters": list(selectors.clusters_of_unit(unit=unit)[:10]),
        "organized": list(selectors.clusters_organized_by(unit=unit)[:20]),
        "can_change": can(request.user, Perm.CHANGE_UNIT, unit),
        "can_manage_clusters": not unit.is_school and can(request.user, Perm.MANAGE_CAMPAIGNS, unit),
        "can_add_person": can(request.user, Perm.CHANGE_PERSON, unit),
        "can_view_eligibility": can(request.user, Perm.VIEW_ELIGIBILITY, unit),
        "today": timezone.localdate(),
    })


def unit_create(request, parent_pk: int):
    parent = _visible_unit_or_403(request.user, parent_pk, Perm.CHANGE_UNIT)
    form = UnitForm(request.POST or None, initial={"school_level": parent.school_level,
                                                    "place_name": parent.place_name})
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(actor=request.user, parent=parent, **form.cleaned_data)
        except DomainValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm đơn vị «%(name)s».") % {"name": unit.name})
            return redirect("org:unit_detail", pk=unit.pk)
    return render(request, "org/unit_form.html", {"form": form, "parent": parent, "unit": None})


def unit_edit(request, pk: int):
    unit = _visible_unit_or_403(request.user, pk, Perm.CHANGE_UNIT)
    initial = {f: getattr(unit, f) for f in UnitEditForm.base_fields}
    form = UnitEditForm(request.POST or None, initial=initial, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_update(actor=request.user, unit=unit, **form.cleaned_data)
        except DomainValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin đơn vị."))
            return redirect("org:unit_detail", pk=unit.pk)
    return render(request, "org/unit_form.html", {"form": form, "parent": Unit.objects.get_parent(unit), "unit": unit})


def unit_staff_year(request, pk: int):
    """Nhân sự theo năm học: who worked under the unit in a school year, and for how many months."""
    unit = _visible_unit_or_403(request.user, pk, Perm.VIEW_PERSON)
    years = list(SchoolYear.objects.order_by("-start_year"))
    today = timezone.localdate()
    chosen = next((y for y in years if str(y.start_year) == request.GET.get("nam")), None)
    chosen = chosen or next((y for y in years if y.start_date <= today <= y.end_date), years[0] if years else None)
    rows = staff_in_school_year(unit=unit, school_year=chosen) if chosen else []
    units = [u for r in rows for u in r.units]
    # label_units reads each unit's type: attach them from one query, not one per unit.
    types = {t.pk: t for t in UnitType.objects.filter(pk__in={u.unit_type_id for u in units})}
    for u in units:
        u.unit_type = types[u.unit_type_id]
    label_units(units)
    if _wants_xlsx(request):
        return _staff_year_xlsx(unit, chosen, rows)
    return render(request, "org/unit_staff_year.html", {
        "unit": unit, "years": years, "year": chosen, "rows": rows,
        "full_year": [r for r in rows if r.months >= 12], "partial": [r for r in rows if r.months < 12],
    })


STAFF_YEAR_COLUMNS = [XlsxColumn(gettext_noop("STT"), "int", 6),
                      XlsxColumn(gettext_noop("Họ và tên"), "text", 30),
                      XlsxColumn(gettext_noop("Ngày sinh"), "date"),
                      XlsxColumn(gettext_noop("Đơn vị"), "text", 50),
                      XlsxColumn(gettext_noop("Số tháng công tác"), "decimal", 12),
                      XlsxColumn(gettext_noop("Đủ 12 tháng"), "text", 10)]


def _staff_year_xlsx(unit: Unit, year, rows):
    yes, no = _("Có"), _("Không")
    out = ((i, r.person.full_name, r.person.birth_date, "; ".join(u.display_label for u in r.units),
            round(r.months, 1), yes if r.months >= 12 else no)
           for i, r in enumerate(rows, start=1))
    label = str(year) if year else ""
    return xlsx_stream_response(f"nhan-su-nam-hoc-{year.start_year if year else ''}-{unit.code}.xlsx",
                                translated_columns(STAFF_YEAR_COLUMNS), out,
                                title=_("Nhân sự năm học %(year)s – %(unit)s") % {"year": label, "unit": unit.name})


# --------------------------------------------------------------------------
# Reorganisation pages (sắp xếp đơn vị): each form calls its service with the decision
# --------------------------------------------------------------------------


def _changeable_units(user):
    """Units the user may change that are still open today: the choices of the reorganisation forms
    (the services check again)."""
    from django.db.models import Q

    from tdkt.accounts.access import unit_scope_q

    today = timezone.localdate()
    return (Unit.objects.filter(unit_scope_q(user, Perm.CHANGE_UNIT))
            .filter(Q(active_to__isnull=True) | Q(active_to__gte=today))
            .select_related("unit_type").order_by("path"))


REORG_KINDS = {
    "rename": (RenameForm, gettext_noop("Đổi tên đơn vị")),
    "move": (MoveForm, gettext_noop("Chuyển đơn vị quản lý")),
    "merge": (MergeForm, gettext_noop("Sáp nhập, hợp nhất")),
    "split": (SplitForm, gettext_noop("Chia, tách đơn vị")),
    "close": (CloseForm, gettext_noop("Giải thể đơn vị")),
}


def _split_people(unit: Unit):
    from django.db.models import Q

    from tdkt.people.models import Person

    today = timezone.localdate()
    return list(Person.objects.filter(Q(employments__end_date__isnull=True) | Q(employments__end_date__gte=today),
                                      employments__unit=unit).distinct().order_by("given_name", "family_name"))


def _reorganise(request, unit: Unit, kind: str, form):
    """Call the service of ``kind`` with the form's values; returns the event."""
    actor, decision = request.user, form.decision()
    d = form.cleaned_data
    if kind == "rename":
        return services.unit_rename(actor=actor, unit=unit, name=d["name"], short_name=d.get("short_name") or None,
                                    decision=decision)
    if kind == "move":
        return services.unit_transfer(actor=actor, unit=unit, new_parent=d["parent"], decision=decision)
    if kind == "merge":
        return services.unit_merge(actor=actor, decision=decision, **form.merge_args())
    if kind == "split":
        staff_to, subunits_to = form.placements()
        return services.unit_split(actor=actor, unit=unit, results=form.parts(), decision=decision,
                                   staff_to=staff_to, subunits_to=subunits_to)
    return services.unit_dissolve(actor=actor, unit=unit, decision=decision, successor=d.get("successor"))


def unit_reorganise(request, pk: int, kind: str):
    """Sắp xếp đơn vị: rename, move, merge, split or close a unit, with the decision that did it."""
    from django.http import Http404

    if kind not in REORG_KINDS:
        raise Http404
    unit = _visible_unit_or_403(request.user, pk, Perm.CHANGE_UNIT)
    form_class, title = REORG_KINDS[kind]
    extra = {}
    if kind == "split":
        extra = {"staff": _split_people(unit), "subunits": list(Unit.objects.get_children(unit))}
    parent = Unit.objects.get_parent(unit) if unit.depth > 1 else None
    initial = {"issuer": parent.name if parent else ""}
    if kind == "rename":
        initial.update(name=unit.name, short_name=unit.short_name)
    form = form_class(request.POST if request.method == "POST" else None, unit=unit, choices=_changeable_units(request.user), initial=initial,
                      **extra)
    if unit.active_to is not None and unit.active_to < timezone.localdate():
        messages.warning(request, _("Đơn vị đã ngừng hoạt động từ %(date)s.") % {"date": f"{unit.active_to:%d/%m/%Y}"})
    if request.method == "POST" and form.is_valid():
        try:
            event = _reorganise(request, unit, kind, form)
        except DomainValidationError as exc:
            add_domain_errors(form, _reorg_error_fields(exc, kind))
        else:
            messages.success(request, _("Đã ghi «%(kind)s» theo Quyết định số %(number)s, hiệu lực từ %(date)s.") % {
                "kind": event.get_kind_display(), "number": event.decision_number,
                "date": f"{event.effective_date:%d/%m/%Y}"})
            result = event.links.filter(role="result").order_by("id").first()
            return redirect("org:unit_detail", pk=result.unit_id if result else unit.pk)
    return render(request, "org/unit_reorganise.html", {
        "unit": unit, "parent": parent, "form": form, "kind": kind, "title": _(title), "kinds": REORG_KINDS,
        "staff": extra.get("staff", []), "subunits": extra.get("subunits", []),
    })


# The services name the API's fields; the forms name some of them differently.
_FORM_FIELD: dict[str, dict[str, str | None]] = {"merge": {"sources": "others", "unit": "others", "code": "new_code", "name": "new_name",
                         "parent": "new_parent"}, "split": {"results": "existing", "unit": None},
               "close": {"unit": None}, "rename": {"unit": None}, "move": {"unit": None}}


def _reorg_error_fields(exc: DomainValidationError, kind: str) -> DomainValidationError:
    mapping = _FORM_FIELD.get(kind, {})
    renamed: dict[str, list] = {}
    for field, msgs in exc.message_dict.items():
        key = mapping.get(field, field) or "__all__"
        renamed.setdefault(key, []).extend(msgs)
    return DomainValidationError(renamed)


# --------------------------------------------------------------------------
# Clusters (cụm / khối thi đua) managed by the office that organises them
# --------------------------------------------------------------------------


def cluster_list(request, pk: int):
    """The clusters an office organises, year by year, with their members, leader and deputy."""
    organizer = _visible_unit_or_403(request.user, pk, Perm.MANAGE_CAMPAIGNS)
    years = list(SchoolYear.objects.order_by("-start_year"))
    chosen = next((y for y in years if str(y.start_year) == request.GET.get("nam")), None)
    clusters = list(selectors.cluster_list_visible_to(user=request.user, organizer=organizer, school_year=chosen))
    return render(request, "org/cluster_list.html", {"unit": organizer, "clusters": clusters, "years": years,
                                                     "year": chosen})


def _cluster_values(form) -> dict:
    d = form.cleaned_data
    return {"name": d["name"], "school_level": d.get("school_level") or "", "members": list(d.get("members") or []),
            "leader": d.get("leader"), "deputy": d.get("deputy")}


def cluster_create(request, pk: int):
    organizer = _visible_unit_or_403(request.user, pk, Perm.MANAGE_CAMPAIGNS)
    current = selectors.school_year_on(timezone.localdate())
    form = ClusterForm(request.POST if request.method == "POST" else None, organizer=organizer,
                       initial={"school_year": current})
    if request.method == "POST" and form.is_valid():
        try:
            cluster = services.cluster_create(actor=request.user, organizer=organizer,
                                              school_year=form.cleaned_data["school_year"],
                                              kind=form.cleaned_data["kind"], **_cluster_values(form))
        except DomainValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Đã lập «%(name)s» năm học %(year)s.") % {
                "name": cluster.name, "year": cluster.school_year})
            return redirect(f"{reverse('org:cluster_list', args=[organizer.pk])}?nam={cluster.school_year.start_year}")
    return render(request, "org/cluster_form.html", {"unit": organizer, "form": form, "cluster": None})


def cluster_edit(request, cluster_pk: int):
    from .models import Cluster

    cluster = get_object_or_404(Cluster.objects.select_related("organizer", "school_year"), pk=cluster_pk)
    organizer = _visible_unit_or_403(request.user, cluster.organizer_id, Perm.MANAGE_CAMPAIGNS)
    initial = {"school_year": cluster.school_year, "kind": cluster.kind, "name": cluster.name,
               "school_level": cluster.school_level, "leader": cluster.leader, "deputy": cluster.deputy,
               "members": list(Unit.objects.filter(cluster_memberships__cluster=cluster))}
    form = ClusterForm(request.POST if request.method == "POST" else None, organizer=organizer, cluster=cluster,
                       initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            cluster = services.cluster_update(actor=request.user, cluster=cluster, **_cluster_values(form))
        except DomainValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu «%(name)s».") % {"name": cluster.name})
            return redirect(f"{reverse('org:cluster_list', args=[organizer.pk])}?nam={cluster.school_year.start_year}")
    return render(request, "org/cluster_form.html", {"unit": organizer, "form": form, "cluster": cluster})
