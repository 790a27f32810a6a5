"""Pages of the dashboards and the look-up: thin — resolve the unit or person within the
reader's scope, call a selector, render (or stream the XLSX)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tdkt.accounts.access import can, can_person
from tdkt.accounts.permissions import Perm
from tdkt.core.pagination import paginate
from tdkt.org.models import SchoolYear, Unit
from tdkt.org.selectors import current_school_year
from tdkt.people.models import Person
from tdkt.people.selectors import label_current_posts, with_current_posts

from . import exports, selectors
from .calculations import bar_chart_svg

# Marked here, translated where raised (pages and API).
REFUSED_UNIT = gettext_noop("Không tìm thấy đơn vị hoặc bạn không có quyền xem thống kê của đơn vị này.")
REFUSED_PERSON = gettext_noop("Bạn không có quyền xem quá trình thi đua, khen thưởng của cá nhân này.")


def school_year_param(request) -> SchoolYear | None:
    value = request.GET.get("nam", "")
    if value.isdigit():
        year = SchoolYear.objects.filter(start_year=int(value)).first()
        if year is not None:
            return year
    if value:
        messages.warning(request, _("Năm học «%(value)s» không có trong hệ thống (trường «nam»): đang hiển thị năm "
                                    "học hiện tại; chọn năm học khác trong danh sách.") % {"value": value})
    return current_school_year()


def unit_param(request) -> Unit:
    if request.GET.get("unit"):
        unit = selectors.unit_get_visible(request.user, request.GET["unit"])
    else:
        unit = selectors.default_unit(request.user)
        unit = selectors.unit_get_visible(request.user, unit.pk) if unit else None
    if unit is None:
        raise PermissionDenied(_(REFUSED_UNIT))
    return unit


def charts(data: selectors.Overview) -> list[str]:
    """The dashboard's charts as inline SVG (drawn here, printed with the page)."""
    titles = data.titles
    by_title = bar_chart_svg(
        title=_("Đăng ký, đề nghị và khen thưởng theo danh hiệu"),
        categories=[t.award_type.name for t in titles],
        series=[(_("Đăng ký"), [t.registered for t in titles]), (_("Đề nghị"), [t.proposed for t in titles]),
                (_("Quyết định khen"), [t.decided for t in titles]), (_("Đạt"), [t.attained for t in titles])],
        empty_text=_("Chưa có số liệu"))
    rows = data.rows
    by_unit = bar_chart_svg(
        title=_("Tỷ lệ theo đơn vị (% số cán bộ, giáo viên, nhân viên)"), percent=True,
        categories=[r.label for r in rows],
        series=[(_("Đăng ký LĐTT"), [r.rate_reg_ldtt for r in rows]),
                (_("Đạt LĐTT"), [r.rate_attained_ldtt for r in rows]),
                (_("Hoàn thành tốt nhiệm vụ trở lên"), [r.rate_rated_good for r in rows])],
        empty_text=_("Chưa có số liệu"))
    # The functions escape every label; the markup itself is ours.
    return [mark_safe(by_title), mark_safe(by_unit)]  # noqa: S308


def overview(request):
    unit = unit_param(request)
    year = school_year_param(request)
    if year is None:
        raise PermissionDenied(_("Chưa có năm học nào trong hệ thống."))
    data = selectors.overview(user=request.user, unit=unit, school_year=year)
    data.target_progress = selectors.campaign_targets(unit=unit, school_year=year)
    if request.GET.get("xuat") == "xlsx":
        return exports.overview_xlsx(data, request.GET.get("bang", ""))
    return render(request, "dashboards/overview.html", {
        "data": data, "unit": unit, "year": year, "charts": charts(data),
        "units": selectors.unit_choices(request.user, unit), "years": SchoolYear.objects.order_by("-start_year"),
        "definitions": selectors.DEFINITIONS, "parent": _visible_parent(request.user, unit),
    })


def _visible_parent(user, unit: Unit) -> Unit | None:
    if unit.depth <= 1:
        return None
    return selectors.units_visible_to(user).filter(path=unit.path[: -Unit.steplen]).first()


def lookup(request):
    query = request.GET.get("q", "").strip()
    people = with_current_posts(selectors.lookup_people(user=request.user, query=query))
    if request.GET.get("xuat") == "xlsx":
        return exports.lookup_xlsx(people, query)
    page = paginate(people, request.GET.get("page"))
    label_current_posts(page.object_list)
    selectors.with_match_reasons(page.object_list)
    units = selectors.lookup_units(user=request.user, query=query) if query else []
    return render(request, "dashboards/lookup.html", {"q": query, "page": page, "units": units})


def person_history(request, pk: int):
    person = get_object_or_404(Person, pk=pk)
    if not can_person(request.user, Perm.VIEW_RECORDS, person):
        raise PermissionDenied(_(REFUSED_PERSON))
    history = selectors.person_history(person)
    if request.GET.get("xuat") == "xlsx":
        return exports.person_xlsx(history)
    return render(request, "dashboards/person_history.html", {"h": history, "person": person})


def unit_history(request, pk: int):
    unit = get_object_or_404(Unit.objects.select_related("unit_type", "successor"), pk=pk)
    if not can(request.user, Perm.VIEW_RECORDS, unit):
        raise PermissionDenied(_(REFUSED_UNIT))
    history = selectors.unit_history(unit)
    if request.GET.get("xuat") == "xlsx":
        return exports.unit_xlsx(history)
    return render(request, "dashboards/unit_history.html", {"h": history, "unit": unit})
