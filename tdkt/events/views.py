"""Pages of events: the list, creating one, one event with each invited unit's quota and people, the attendance
sheet on the day, and the plan (kế hoạch) as DOCX from the event's data."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.access import can, has_perm_anywhere, unit_scope_q
from tdkt.accounts.permissions import Perm
from tdkt.core.forms import run_action, save_form
from tdkt.org.models import Unit
from tdkt.people.models import Employment, Person
from tdkt.people.selectors import employed_q

from . import selectors, services
from .forms import QUOTA_ROWS, AttendeeForm, EventForm
from .models import Attendee, Event, QuotaPart

REFUSED = _("Bạn không có quyền xem hội nghị này.")


def event_list(request):
    events = selectors.events_visible_to(request.user)
    return render(request, "events/event_list.html", {
        "events": events[:200], "may_create": has_perm_anywhere(request.user, Perm.MANAGE_CAMPAIGNS)})


def event_new(request):
    organisers = Unit.objects.filter(unit_scope_q(request.user, Perm.MANAGE_CAMPAIGNS))
    paths = {p for u in organisers.only("path") for p in selectors._ancestor_paths(u.path)}
    scopes = Unit.objects.filter(Q(pk__in=organisers.values("pk")) | Q(path__in=paths))
    form = EventForm(request.POST or None, organisers=organisers, scopes=scopes)
    event = save_form(request, form, lambda: services.event_create(actor=request.user, **form.service_kwargs()))
    if event is not None:
        messages.success(request, _("Đã tạo hội nghị «%(title)s».") % {"title": event.title})
        return redirect("events:event_detail", pk=event.pk)
    rows = [(form[f"quota_type_{i}"], form[f"quota_label_{i}"], form[f"quota_parts_{i}"])
            for i in range(1, QUOTA_ROWS + 1)]
    return render(request, "events/event_form.html", {"form": form, "quota_rows": rows})


def _event_or_403(user, pk: int) -> Event:
    event = get_object_or_404(Event.objects.select_related("organiser", "scope"), pk=pk)
    if not selectors.events_visible_to(user).filter(pk=pk).exists():
        raise PermissionDenied(REFUSED)
    return event


def _people(unit: Unit, event: Event):
    day = timezone.localtime(event.starts_at).date()
    return Person.objects.filter(pk__in=Employment.objects.filter(employed_q(unit, day)).values("person_id")) \
        .order_by("sort_name", "pk")


def _detail(request, event: Event, bound: dict | None = None):
    organises = can(request.user, Perm.MANAGE_CAMPAIGNS, event.organiser)
    invited = selectors.invited_units(event)
    mine = [u for u in invited if can(request.user, Perm.MANAGE_CAMPAIGNS, u)] if not organises else list(invited)
    shown = list(invited) if organises or can(request.user, Perm.VIEW_CAMPAIGNS, event.organiser) else mine
    board = selectors.boards(event, shown)
    open_ = timezone.localdate() <= event.registration_deadline
    for b in board:
        if b.unit in mine and open_:
            parts = QuotaPart.objects.filter(quota=b.quota)
            b.form = (bound or {}).get(b.unit.pk) or AttendeeForm(
                parts=parts, people=_people(b.unit, event), auto_id=f"id_{b.unit.pk}_%s")
    return render(request, "events/event_detail.html", {
        "event": event, "quotas": event.quotas.prefetch_related("parts"), "boards": board, "organises": organises,
        "open": open_, "follow_ups": event.follow_ups.select_related("organiser"),
    }, status=400 if bound else 200)


def event_detail(request, pk: int):
    return _detail(request, _event_or_403(request.user, pk))


def attendee_add(request, pk: int):
    event = _event_or_403(request.user, pk)
    unit = get_object_or_404(Unit.objects.select_related("unit_type"), pk=request.POST.get("unit") or 0)
    if not can(request.user, Perm.MANAGE_CAMPAIGNS, unit):
        raise PermissionDenied(REFUSED)
    form = AttendeeForm(request.POST, parts=QuotaPart.objects.filter(quota__event=event), people=_people(unit, event),
                        auto_id=f"id_{unit.pk}_%s")
    attendee = save_form(request, form, lambda: services.attendee_add(actor=request.user, event=event, unit=unit,
                                                                       **form.cleaned_data))
    if attendee is not None:
        messages.success(request, _("Đã cử %(person)s.") % {"person": attendee.person.full_name})
        return redirect("events:event_detail", pk=event.pk)
    return _detail(request, event, {unit.pk: form})


def attendee_remove(request, pk: int):
    attendee = get_object_or_404(Attendee.objects.select_related("unit", "event", "person"), pk=pk)
    _event_or_403(request.user, attendee.event_id)
    run_action(request, lambda: services.attendee_remove(actor=request.user, attendee=attendee),
               _("Đã bỏ %(person)s khỏi danh sách.") % {"person": attendee.person.full_name})
    return redirect("events:event_detail", pk=attendee.event_id)


def attendance(request, pk: int):
    event = _event_or_403(request.user, pk)
    if not can(request.user, Perm.MANAGE_CAMPAIGNS, event.organiser):
        raise PermissionDenied(REFUSED)
    attendees = event.attendees.select_related("person", "unit", "part")
    return render(request, "events/attendance.html", {"event": event, "attendees": attendees})


def attendance_set(request, pk: int):
    attendee = get_object_or_404(Attendee.objects.select_related("event__organiser"), pk=pk)
    _event_or_403(request.user, attendee.event_id)
    run_action(request, lambda: services.attendance_set(actor=request.user, attendee=attendee,
                                                        attended=request.POST.get("attended") == "1"))
    return redirect("events:attendance", pk=attendee.event_id)


def plan(request, pk: int):
    from tdkt.documents.render import render_document

    event = _event_or_403(request.user, pk)
    rendered = render_document(code="ke-hoach-hoi-nghi", context=selectors.plan_context(event), fmt="docx",
                               unit=event.organiser)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


def invitation(request, pk: int):
    """Giấy mời of one attendee, with the QR the organiser scans at the door (events:check_in)."""
    from tdkt.core.qr import qr_svg_data_uri

    attendee = get_object_or_404(Attendee.objects.select_related("event__organiser", "unit", "person", "part"), pk=pk)
    event = attendee.event
    if not (can(request.user, Perm.MANAGE_CAMPAIGNS, attendee.unit)
            or can(request.user, Perm.MANAGE_CAMPAIGNS, event.organiser)):
        raise PermissionDenied(REFUSED)
    url = request.build_absolute_uri(reverse("events:check_in", args=[attendee.token]))
    return render(request, "events/invitation.html", {"a": attendee, "event": event, "qr": qr_svg_data_uri(url)})


def check_in(request, token):
    """The organiser's phone opens the scanned code: who it is, and one button to mark them present."""
    attendee = get_object_or_404(Attendee.objects.select_related("event__organiser", "unit", "person", "part"),
                                 token=token)
    if not can(request.user, Perm.MANAGE_CAMPAIGNS, attendee.event.organiser):
        raise PermissionDenied(REFUSED)
    if request.method == "POST":
        run_action(request, lambda: services.attendance_set(actor=request.user, attendee=attendee, attended=True),
                   _("Đã điểm danh %(person)s.") % {"person": attendee.person.full_name})
        return redirect("events:check_in", token=token)
    return render(request, "events/check_in.html", {"a": attendee, "event": attendee.event})
