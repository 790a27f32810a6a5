from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from tdkt.accounts.access import can, require
from tdkt.accounts.permissions import Perm
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.core.forms import add_domain_errors
from tdkt.core.pagination import paginate
from tdkt.people.selectors import (
    label_current_posts,
    person_list_visible_to,
    staff_in_school_year,
    with_current_posts,
)

from . import selectors, services
from .forms import UnitForm
from .models import SchoolYear, Unit
from .selectors import label_units


def _visible_unit_or_403(user, pk: int, perm: Perm = Perm.VIEW_UNIT) -> Unit:
    unit = get_object_or_404(Unit.objects.select_related("unit_type", "successor"), pk=pk)
    try:
        require(user, perm, unit)
    except PermissionRefused as exc:
        raise PermissionDenied(exc.message) from exc
    return unit


def unit_tree(request):
    query = request.GET.get("q", "").strip()
    if query:
        rows = [{"unit": u, "visible": True} for u in selectors.unit_list_visible_to(user=request.user, query=query)]
    else:
        rows = selectors.unit_tree_rows(user=request.user)
    return render(request, "org/unit_tree.html", {"rows": rows, "q": query})


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
        "predecessors": list(unit.predecessors.all()),
        "staff_page": staff_page,
        "clusters": list(selectors.clusters_of_unit(unit=unit)[:10]),
        "organized": list(selectors.clusters_organized_by(unit=unit)[:20]),
        "can_change": can(request.user, Perm.CHANGE_UNIT, unit),
        "can_add_person": can(request.user, Perm.CHANGE_PERSON, unit),
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
            messages.success(request, f"Đã thêm đơn vị «{unit.name}».")
            return redirect("org:unit_detail", pk=unit.pk)
    return render(request, "org/unit_form.html", {"form": form, "parent": parent, "unit": None})


def unit_edit(request, pk: int):
    unit = _visible_unit_or_403(request.user, pk, Perm.CHANGE_UNIT)
    initial = {f: getattr(unit, f) for f in UnitForm.base_fields}
    form = UnitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_update(actor=request.user, unit=unit, **form.cleaned_data)
        except DomainValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, "Đã lưu thông tin đơn vị.")
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
    label_units([u for r in rows for u in r.units])
    return render(request, "org/unit_staff_year.html", {
        "unit": unit, "years": years, "year": chosen, "rows": rows,
        "full_year": [r for r in rows if r.months >= 12], "partial": [r for r in rows if r.months < 12],
    })
