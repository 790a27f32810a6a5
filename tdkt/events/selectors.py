"""Reads of events: who sees an event (its organiser's officers, and every unit under its scope), each invited
unit's quota and what it has filled, and the plan's context for the document layer."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from tdkt.accounts.access import active_memberships, reaches_everything, unit_scope_q
from tdkt.accounts.permissions import Perm
from tdkt.org.models import Unit

from .models import Attendee, Event, Quota, QuotaPart


def _ancestor_paths(path: str) -> list[str]:
    step = Unit.steplen
    return [path[:i] for i in range(step, len(path) + 1, step)]


def events_visible_to(user) -> QuerySet[Event]:
    """Events the user's units organise, or are called to (a unit under the event's scope)."""
    qs = Event.objects.select_related("organiser", "scope")
    if reaches_everything(user):
        return qs
    paths = {p for m in active_memberships(user) for p in _ancestor_paths(m.unit.path)}
    return qs.filter(Q(organiser__in=Unit.objects.filter(unit_scope_q(user, Perm.VIEW_CAMPAIGNS)))
                     | Q(scope__path__in=paths)).distinct()


def invited_units(event: Event, quotas: list[Quota] | None = None) -> QuerySet[Unit]:
    """Open units of the quotas' types under the event's scope."""
    quotas = quotas if quotas is not None else list(event.quotas.all())
    return (Unit.objects.filter(path__startswith=event.scope.path, unit_type_id__in=[q.unit_type_id for q in quotas],
                                active_to__isnull=True)
            .select_related("unit_type").order_by("path"))


@dataclass
class PartRow:
    part: QuotaPart
    filled: int

    @property
    def left(self) -> int:
        return self.part.count - self.filled


@dataclass
class UnitBoard:
    unit: Unit
    quota: Quota
    parts: list[PartRow]
    attendees: list[Attendee] = field(default_factory=list)
    form: object = None  # the page's form to send one more person, where the reader may

    @property
    def filled(self) -> int:
        return sum(p.filled for p in self.parts)

    @property
    def state(self) -> str:
        return "du" if self.filled == self.quota.total else ("vuot" if self.filled > self.quota.total else "thieu")


def boards(event: Event, units=None) -> list[UnitBoard]:
    """Each invited unit (or those of ``units``) with its quota, its parts filled and its attendees: four queries."""
    quotas = list(event.quotas.prefetch_related("parts"))
    by_type = {q.unit_type_id: q for q in quotas}
    chosen = list(units) if units is not None else list(invited_units(event, quotas))
    attendees = list(event.attendees.filter(unit__in=chosen).select_related("person", "part", "unit"))
    counts = Counter((a.unit_id, a.part_id) for a in attendees)
    people = defaultdict(list)
    for a in attendees:
        people[a.unit_id].append(a)
    out = []
    for unit in chosen:
        quota = by_type.get(unit.unit_type_id)
        if quota is None:
            continue
        out.append(UnitBoard(unit, quota, [PartRow(p, counts[(unit.pk, p.pk)]) for p in quota.parts.all()],
                             people[unit.pk]))
    return out


def plan_context(event: Event) -> dict:
    """The event as the ke-hoach-hoi-nghi builder reads it (documents.builders.ke_hoach): nothing typed twice."""
    from tdkt.documents.context import issuer_context

    quotas = list(event.quotas.prefetch_related("parts"))
    n_units = Counter(u.unit_type_id for u in invited_units(event, quotas))
    return {
        **issuer_context(event.organiser),
        "so": None, "ngay": None, "nam": event.starts_at.year,
        "trich_yeu": event.title,
        "muc_dich": [line.strip() for line in event.purpose.splitlines() if line.strip()],
        "noi_dung": [line.strip() for line in event.content.splitlines() if line.strip()],
        "thoi_gian": event.starts_at, "thoi_luong": event.duration, "dia_diem": event.place,
        "thanh_phan": [{"doi_tuong": q.label, "so_nguoi": q.total, "so_don_vi": n_units.get(q.unit_type_id, 0),
                        "gom": "; ".join(str(p) for p in q.parts.all())} for q in quotas],
        "kinh_phi": event.budget,
        "ket_luan": (f"Các đơn vị cử người dự trước ngày {event.registration_deadline:%d/%m/%Y} trên hệ thống TĐKT "
                     "và xây dựng kế hoạch tuyên truyền lại cho các đơn vị, cá nhân trực thuộc./."),
        "noi_nhan": [*(f"Các đơn vị: {q.label}" for q in quotas), "Lưu: VT"],
    }
