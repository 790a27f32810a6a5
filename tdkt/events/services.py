"""Writes on events: keyword-only, one transaction, one audit row each. A unit sends people within its quota and
its composition; the one that would go over is refused with the figures, and nothing is saved."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.access import require
from tdkt.accounts.permissions import Perm
from tdkt.audit.services import audit_record, snapshot
from tdkt.core.exceptions import DomainValidationError
from tdkt.core.vi import format_date_short
from tdkt.people.models import Employment
from tdkt.people.selectors import employed_q

from .models import Attendee, Event, Quota, QuotaPart

EVENT_FIELDS = ["organiser_id", "scope_id", "kind", "title", "starts_at", "place", "registration_deadline",
                "parent_id"]
ATTENDEE_FIELDS = ["event_id", "unit_id", "part_id", "person_id", "attended"]
_PART = re.compile(r"^\s*(\d+)\s+(.+?)\s*$")


def parse_parts(text: str) -> list[tuple[str, int]]:
    """«01 lãnh đạo phụ trách TĐKT; 01 cán bộ phụ trách TĐKT; 13 cán bộ quản lý, giáo viên» as written in the
    seeds' plans → [(label, count)]. Lines or semicolons separate the parts."""
    out = []
    for chunk in re.split(r"[;\n]", text or ""):
        if not chunk.strip():
            continue
        m = _PART.match(chunk)
        if m is None:
            raise ValueError(chunk.strip())
        out.append((m.group(2), int(m.group(1))))
    return out


def event_create(*, actor, organiser, scope, title: str, content: str, starts_at: dt.datetime | None, place: str,
                 registration_deadline: dt.date | None, quotas: Sequence[dict], kind: str = "tap_huan",
                 purpose: str = "", duration: str = "01 ngày", speakers: str = "", budget: str = "",
                 materials: str = "", parent: Event | None = None) -> Event:
    """Create an event with its quotas: each ``{"unit_type", "label", "parts": [(label, count), ...]}``; a unit
    of that type under ``scope`` sends the sum of its parts."""
    require(actor, Perm.MANAGE_CAMPAIGNS, organiser)
    errors: dict[str, str | list[str]] = {}
    if not (title or "").strip():
        errors["title"] = _("Hãy nhập tên hội nghị, tập huấn.")
    if not (content or "").strip():
        errors["content"] = _("Hãy nhập nội dung (mỗi dòng một nội dung).")
    if not (place or "").strip():
        errors["place"] = _("Hãy nhập địa điểm.")
    if starts_at is None:
        errors["starts_at"] = _("Hãy nhập thời gian bắt đầu.")
    if registration_deadline is None:
        errors["registration_deadline"] = _("Hãy nhập hạn cử người.")
    elif starts_at is not None and registration_deadline > timezone.localtime(starts_at).date():
        errors["registration_deadline"] = _("Hạn cử người phải trước ngày hội nghị.")
    if not scope.path.startswith(organiser.path) and not organiser.path.startswith(scope.path):
        errors["scope"] = _("Phạm vi triệu tập phải là đơn vị tổ chức, đơn vị cấp trên hoặc cấp dưới của nó.")
    if not quotas:
        errors["quotas"] = _("Hãy nhập ít nhất một thành phần tham dự (loại đơn vị, số người, cơ cấu).")
    seen = set()
    for i, q in enumerate(quotas, start=1):
        if q["unit_type"].pk in seen:
            errors["quotas"] = _("Dòng %(n)s: loại đơn vị «%(type)s» đã có ở dòng trên.") % {
                "n": i, "type": q["unit_type"].name}
        seen.add(q["unit_type"].pk)
        if not q.get("parts") or any(c <= 0 for _label, c in q["parts"]):
            errors["quotas"] = _("Dòng %(n)s: cơ cấu phải có số người lớn hơn 0, ví dụ «01 lãnh đạo; 13 giáo viên».") % {
                "n": i}
    if errors or starts_at is None or registration_deadline is None:
        raise DomainValidationError(errors)
    with transaction.atomic():
        event = Event.objects.create(
            organiser=organiser, scope=scope, kind=kind, title=title.strip()[:300], purpose=purpose.strip(),
            content=content.strip(), starts_at=starts_at, duration=(duration or "01 ngày")[:60], place=place.strip(),
            speakers=speakers.strip()[:300], budget=budget.strip(), materials=materials.strip(),
            registration_deadline=registration_deadline, parent=parent, created_by=actor)
        for q in quotas:
            quota = Quota.objects.create(event=event, unit_type=q["unit_type"], label=(q.get("label") or
                                         q["unit_type"].name)[:200], total=sum(c for _label, c in q["parts"]))
            QuotaPart.objects.bulk_create([QuotaPart(quota=quota, label=label[:200], count=c)
                                           for label, c in q["parts"]])
        audit_record(actor=actor, event_type="events.created", target=event, unit=organiser,
                     after={**snapshot(event, EVENT_FIELDS),
                            "quotas": [{"unit_type": q["unit_type"].code, "parts": q["parts"]} for q in quotas]})
    return event


def attendee_add(*, actor, event: Event, unit, part: QuotaPart, person, today: dt.date | None = None) -> Attendee:
    """Cử người dự: ``person`` works under ``unit`` on the event's day; ``part`` belongs to the quota of the
    unit's type; neither the part nor the unit's total may go over (refused at the limit, nothing saved)."""
    require(actor, Perm.MANAGE_CAMPAIGNS, unit)
    today = today or timezone.localdate()
    day = timezone.localtime(event.starts_at).date()
    errors: dict[str, str | list[str]] = {}
    if today > event.registration_deadline:
        errors["person"] = _("Đã hết hạn cử người (%(date)s).") % {"date": format_date_short(event.registration_deadline)}
    if not unit.path.startswith(event.scope.path):
        errors["unit"] = _("%(unit)s không thuộc phạm vi triệu tập của hội nghị.") % {"unit": unit.name}
    quota = part.quota
    if quota.event_id != event.pk or quota.unit_type_id != unit.unit_type_id:
        errors["part"] = _("Thành phần này không dành cho %(unit)s.") % {"unit": unit.name}
    if not Employment.objects.filter(employed_q(unit, day), person=person).exists():
        errors["person"] = _("%(person)s không công tác tại %(unit)s (hoặc đơn vị trực thuộc) vào ngày %(date)s.") % {
            "person": person, "unit": unit.name, "date": format_date_short(day)}
    if errors:
        raise DomainValidationError(errors)
    with transaction.atomic():
        Quota.objects.select_for_update().filter(pk=quota.pk).first()  # one unit's writers queue on the quota
        mine = Attendee.objects.filter(event=event, unit=unit)
        if mine.filter(person=person).exists() or Attendee.objects.filter(event=event, person=person).exists():
            raise DomainValidationError({"person": _("%(person)s đã có trong danh sách dự hội nghị.") % {
                "person": person}})
        in_part, total = mine.filter(part=part).count(), mine.count()
        if in_part >= part.count:
            raise DomainValidationError({"part": _(
                "Thành phần «%(part)s» của %(unit)s đã đủ %(n)s/%(n)s người (đơn vị đã cử %(total)s/%(quota)s).") % {
                "part": part.label, "unit": unit.name, "n": part.count, "total": total, "quota": quota.total}})
        if total >= quota.total:
            raise DomainValidationError({"person": _(
                "%(unit)s đã cử đủ %(n)s/%(n)s người theo kế hoạch; không cử thêm được người thứ %(next)s.") % {
                "unit": unit.name, "n": quota.total, "next": total + 1}})
        attendee = Attendee.objects.create(event=event, unit=unit, part=part, person=person, registered_by=actor)
        audit_record(actor=actor, event_type="events.attendee_added", target=attendee, unit=unit,
                     after=snapshot(attendee, ATTENDEE_FIELDS))
    return attendee


def attendee_remove(*, actor, attendee: Attendee) -> None:
    require(actor, Perm.MANAGE_CAMPAIGNS, attendee.unit)
    with transaction.atomic():
        before = snapshot(attendee, ATTENDEE_FIELDS)
        audit_record(actor=actor, event_type="events.attendee_removed", target=attendee, unit=attendee.unit,
                     before=before)
        attendee.delete()


def attendance_set(*, actor, attendee: Attendee, attended: bool) -> Attendee:
    """Điểm danh on the day, by the organiser."""
    require(actor, Perm.MANAGE_CAMPAIGNS, attendee.event.organiser)
    with transaction.atomic():
        locked = Attendee.objects.select_for_update().get(pk=attendee.pk)
        before = snapshot(locked, ATTENDEE_FIELDS)
        locked.attended, locked.checked_in_at = attended, timezone.now() if attended else None
        locked.save(update_fields=["attended", "checked_in_at"])
        audit_record(actor=actor, event_type="events.attendance", target=locked, unit=locked.event.organiser,
                     before=before, after=snapshot(locked, ATTENDEE_FIELDS))
    return locked
