"""Writes to the organisation tree. Each is one transaction with its audit row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tdkt.audit.services import audit_record, snapshot
from tdkt.core.exceptions import DomainValidationError, PermissionRefused, validate_period

from .choices import UnitEventKind, UnitEventRole
from .models import SchoolYear, Unit, UnitEvent, UnitEventLink, UnitType

UNIT_FIELDS = ["code", "name", "short_name", "unit_type_id", "school_level", "address", "place_name",
               "founded_on", "active_from", "active_to", "successor_id", "note"]


def _check_unit_values(*, code: str, name: str, active_from, active_to, exclude_pk=None) -> None:
    errors: dict[str, str] = {}
    if not (name or "").strip():
        errors["name"] = _("Tên đơn vị không được để trống.")
    if not (code or "").strip():
        errors["code"] = _("Mã đơn vị không được để trống.")
    elif Unit.objects.filter(code=code.strip()).exclude(pk=exclude_pk).exists():
        errors["code"] = _("Mã đơn vị «%(code)s» đã được dùng cho đơn vị khác. Hãy chọn mã khác.") % {"code": code}
    if errors:
        raise DomainValidationError(errors)
    validate_period(active_from, active_to, start_field="active_from", end_field="active_to")


def unit_create(
    *, actor, parent: Unit | None, code: str, name: str, unit_type: UnitType, short_name: str = "",
    school_level: str = "", address: str = "", place_name: str = "", founded_on: dt.date | None = None,
    active_from: dt.date | None = None, active_to: dt.date | None = None, note: str = "",
) -> Unit:
    """Add a unit under ``parent`` (or as a new root). A school's subject groups
    inherit its school level so specialists by level reach them too. The actor needs CHANGE_UNIT on
    the parent; a new root only the system or a superuser may add."""
    if parent is None:
        _require_root(actor)
    else:
        _require_change(actor, parent)
    _check_unit_values(code=code, name=name, active_from=active_from, active_to=active_to)
    values = dict(
        code=code.strip(), name=name.strip(), short_name=short_name.strip(), unit_type=unit_type,
        school_level=school_level or (parent.school_level if parent else "") or unit_type.default_school_level,
        address=address, place_name=place_name or (parent.place_name if parent else ""), founded_on=founded_on,
        active_from=active_from, active_to=active_to, note=note,
    )
    with transaction.atomic():
        if parent is not None:
            parent = Unit.objects.select_for_update().get(pk=parent.pk)
            unit = Unit.objects.add_child(parent, values)
        else:
            unit = Unit.objects.add_root(values)
        audit_record(actor=actor, event_type="unit.created", target=unit, unit=unit,
                     after=snapshot(unit, UNIT_FIELDS), data={"parent": parent.pk if parent else None})
    return unit


def unit_update(*, actor, unit: Unit, reason: str = "", **changes) -> Unit:
    allowed = set(UNIT_FIELDS) | {"unit_type", "successor"}
    unknown = set(changes) - allowed
    if unknown:
        raise DomainValidationError({sorted(unknown)[0]: _("Trường này không sửa được ở đây.")})
    _require_change(actor, unit)
    with transaction.atomic():
        unit = Unit.objects.select_for_update().get(pk=unit.pk)
        before = snapshot(unit, UNIT_FIELDS)
        for field, value in changes.items():
            setattr(unit, field, value.strip() if isinstance(value, str) else value)
        _check_unit_values(code=unit.code, name=unit.name, active_from=unit.active_from,
                           active_to=unit.active_to, exclude_pk=unit.pk)
        if unit.successor_id == unit.pk:
            raise DomainValidationError({"successor": _("Một đơn vị không thể kế thừa chính nó.")})
        if unit.successor_id and unit.active_to is None:
            raise DomainValidationError({"active_to": _(
                "Đơn vị có đơn vị kế thừa thì phải có ngày ngừng hoạt động («Hoạt động đến ngày»).")})
        unit.save()
        audit_record(actor=actor, event_type="unit.updated", target=unit, unit=unit, before=before,
                     after=snapshot(unit, UNIT_FIELDS), reason=reason)
    return unit


def unit_move(*, actor, unit: Unit, new_parent: Unit, reason: str = "") -> Unit:
    """Move a unit (and its subtree) under another parent, e.g. when a reform
    places schools under a commune people's committee."""
    _require_change(actor, unit, new_parent)
    if new_parent.pk == unit.pk or new_parent.path.startswith(unit.path):
        raise DomainValidationError(
            {"parent": _("Không thể đặt «%(unit)s» vào dưới «%(parent)s»: đơn vị không thể là cấp trên của chính nó.") % {
                "unit": unit, "parent": new_parent}}
        )
    with transaction.atomic():
        old_parent = Unit.objects.get_parent(unit)
        Unit.objects.move(unit, new_parent, pos="last-child")
        unit = Unit.objects.get(pk=unit.pk)
        audit_record(actor=actor, event_type="unit.moved", target=unit, unit=unit,
                     before={"parent": old_parent.pk if old_parent else None}, after={"parent": new_parent.pk},
                     reason=reason)
    return unit


def unit_close(*, actor, unit: Unit, active_to: dt.date, successor: Unit | None, reason: str) -> Unit:
    """Giải thể / sáp nhập: close a unit on a date, naming the unit that takes over its history."""
    if not reason.strip():
        raise DomainValidationError({"reason": _("Hãy ghi lý do (số quyết định sáp nhập, giải thể...).")})
    if successor is not None and successor.pk == unit.pk:
        raise DomainValidationError({"successor": _("Một đơn vị không thể kế thừa chính nó.")})
    return unit_update(actor=actor, unit=unit, active_to=active_to, successor=successor, reason=reason)


def school_year_get_or_create(*, actor, start_year: int, start_date: dt.date | None = None,
                              end_date: dt.date | None = None) -> SchoolYear:
    start_date = start_date or dt.date(start_year, 9, 1)
    end_date = end_date or dt.date(start_year + 1, 8, 31)
    validate_period(start_date, end_date)
    with transaction.atomic():
        try:
            year, created = SchoolYear.objects.get_or_create(
                start_year=start_year, defaults={"start_date": start_date, "end_date": end_date}
            )
        except IntegrityError as exc:  # pragma: no cover - race on first creation
            raise DomainValidationError({"start_year": _("Năm học đã tồn tại.")}) from exc
        if created:
            audit_record(actor=actor, event_type="school_year.created", target=year, after=snapshot(year))
    return year


# --------------------------------------------------------------------------
# Reorganisation (sắp xếp đơn vị): rename, move, merge, split, close
# --------------------------------------------------------------------------
#
# The tree keeps today's parents; every reorganisation writes one UnitEvent with
# its decision and a link per unit (name and parent as they were before and after).
# Nothing that happened before the effective date is rewritten: records stay on the
# unit they were made for, employments end the day before and the successor's start
# on the effective date, so a person's and a unit's history read the whole line.


@dataclass(frozen=True)
class UnitDecision:
    """The decision behind a reorganisation: number, date, issuer, and the day it takes effect."""

    number: str
    date: dt.date | None
    issuer: str
    effective_date: dt.date | None
    issuer_unit: Unit | None = None
    note: str = ""


@dataclass(frozen=True)
class NewUnit:
    """A unit a merger or a split creates (hợp nhất: a new name; chia tách: the new parts)."""

    code: str
    name: str
    parent: Unit | None = None  # default: the parent of the (first) unit it comes from
    unit_type: UnitType | None = None  # default: the type of the unit it comes from
    short_name: str = ""


def _check_decision(decision: UnitDecision | None, errors: dict[str, str] | None = None) -> dt.date:
    """Refuse a missing or inconsistent decision, together with the caller's own ``errors`` (so a page
    shows every problem at once, not one per round trip). Returns the day it takes effect."""
    errors = dict(errors or {})
    if decision is None:
        errors["decision_number"] = _("Hãy nhập số quyết định sắp xếp đơn vị.")
        raise DomainValidationError(errors)
    if not (decision.number or "").strip():
        errors["decision_number"] = _("Hãy nhập số quyết định sắp xếp đơn vị.")
    if decision.date is None:
        errors["decision_date"] = _("Hãy nhập ngày ký quyết định.")
    if not (decision.issuer or "").strip():
        errors["issuer"] = _("Hãy nhập cơ quan ban hành quyết định.")
    if decision.effective_date is None:
        errors["effective_date"] = _("Hãy nhập ngày quyết định có hiệu lực.")
    elif decision.date is not None and decision.effective_date < decision.date:
        errors["effective_date"] = _("Ngày có hiệu lực (%(effective)s) không được trước ngày ký quyết định "
                                     "(%(date)s).") % {"effective": f"{decision.effective_date:%d/%m/%Y}",
                                                       "date": f"{decision.date:%d/%m/%Y}"}
    if errors:
        raise DomainValidationError(errors)
    assert decision.effective_date is not None  # refused above when missing; tells mypy
    return decision.effective_date


def _require_change(actor, *units: Unit) -> None:
    from tdkt.accounts.access import require
    from tdkt.accounts.permissions import Perm

    for unit in units:
        require(actor, Perm.CHANGE_UNIT, unit)


def _require_root(actor) -> None:
    from tdkt.accounts.access import reaches_everything

    if not reaches_everything(actor):
        raise PermissionRefused(_("Chỉ quản trị toàn hệ thống mới thêm được đơn vị cấp cao nhất."))


def _check_open(unit: Unit, day: dt.date, field: str) -> None:
    """A unit already closed before the change cannot take part in it (read afresh: the caller's
    copy may predate the closure)."""
    unit = Unit.objects.only("name", "active_to").get(pk=unit.pk)
    if unit.active_to is not None and unit.active_to < day:
        raise DomainValidationError({field: _("«%(unit)s» đã ngừng hoạt động từ %(date)s.") % {
            "unit": unit.name, "date": f"{unit.active_to:%d/%m/%Y}"}})


def _parent(unit: Unit) -> Unit | None:
    return Unit.objects.get_parent(unit) if unit.depth > 1 else None


def _event_create(actor, kind: str, decision: UnitDecision) -> UnitEvent:
    # _check_decision refused a decision without either date before any caller got here
    assert decision.effective_date is not None and decision.date is not None
    return UnitEvent.objects.create(
        kind=kind, effective_date=decision.effective_date, decision_number=decision.number.strip(),
        decision_date=decision.date, issuer=decision.issuer.strip(), issuer_unit=decision.issuer_unit,
        note=(decision.note or "").strip(), created_by=actor if getattr(actor, "pk", None) else None)


def _link(event: UnitEvent, unit: Unit, role: str, *, name_before: str = "", name_after: str = "",
          parent_before: Unit | None = None, parent_after: Unit | None = None) -> UnitEventLink:
    return UnitEventLink.objects.create(event=event, unit=unit, role=role, name_before=name_before or unit.name,
                                        name_after=name_after or unit.name, parent_before=parent_before,
                                        parent_after=parent_after)


def _transfer_staff(source: Unit, day: dt.date, destination_of) -> int:
    """End the posts held directly in ``source`` on the day before ``day`` and open the same post
    in the unit ``destination_of(person_id)`` from ``day``; posts in its subunits move with them."""
    from django.db.models import Q

    from tdkt.people.models import Employment

    last = day - dt.timedelta(days=1)
    moved = 0
    posts = list(Employment.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=day), unit=source))
    new_posts = []
    for e in posts:
        destination = destination_of(e.person_id)
        if e.start_date >= day:  # starts after the change: it belongs to the successor outright
            e.unit = destination if destination is not None else e.unit
            e.save(update_fields=["unit"])
            moved += 1
            continue
        end = e.end_date
        e.end_date = last
        e.save(update_fields=["end_date"])
        if destination is not None:
            new_posts.append(Employment(person_id=e.person_id, unit=destination, position=e.position,
                                        title_note=e.title_note, start_date=day, end_date=end))
        moved += 1
    Employment.objects.bulk_create(new_posts)
    return moved


def _end_memberships(unit: Unit, day: dt.date) -> int:
    """Roles held on a unit that ceased end with it (the successor's office grants new ones)."""
    from django.db.models import Q

    from tdkt.accounts.models import Membership

    last = day - dt.timedelta(days=1)
    return Membership.objects.filter(Q(active_to__isnull=True) | Q(active_to__gt=last), unit=unit).update(
        active_to=last)


def _close_row(unit: Unit, day: dt.date, successor: Unit | None) -> None:
    unit.refresh_from_db()
    unit.active_to = day - dt.timedelta(days=1)
    if unit.active_from and unit.active_to < unit.active_from:
        raise DomainValidationError({"effective_date": _(
            "«%(unit)s» chỉ hoạt động từ %(date)s; ngày có hiệu lực phải sau ngày đó.") % {
            "unit": unit.name, "date": f"{unit.active_from:%d/%m/%Y}"}})
    unit.successor = successor
    unit.save(update_fields=["active_to", "successor"])


def _create_new(spec: NewUnit, like: Unit, day: dt.date, actor) -> Unit:
    parent = spec.parent if spec.parent is not None else _parent(like)
    unit_type = spec.unit_type or like.unit_type
    _check_unit_values(code=spec.code, name=spec.name, active_from=day, active_to=None)
    values = dict(code=spec.code.strip(), name=spec.name.strip(), short_name=(spec.short_name or "").strip(),
                  unit_type=unit_type, school_level=like.school_level, address=like.address,
                  place_name=like.place_name, active_from=day)
    if parent is not None:
        parent = Unit.objects.select_for_update().get(pk=parent.pk)
        return Unit.objects.add_child(parent, values)
    return Unit.objects.add_root(values)


def _audit_reorg(actor, event: UnitEvent, unit: Unit, data: dict) -> None:
    audit_record(actor=actor, event_type=f"unit.{event.kind}", target=event, unit=unit,
                 data={"decision": event.decision_number, "decision_date": event.decision_date,
                       "issuer": event.issuer, "effective_date": event.effective_date,
                       "links": [[link.unit_id, link.role] for link in event.links.all()], **data},
                 reason=f"Quyết định số {event.decision_number}")


def unit_rename(*, actor, unit: Unit, name: str, decision: UnitDecision, short_name: str | None = None) -> UnitEvent:
    """Đổi tên: the unit keeps its identity and records; the event keeps the old name."""
    _require_change(actor, unit)
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Hãy nhập tên mới của đơn vị.")
    elif name == unit.name and (short_name is None or short_name.strip() == unit.short_name):
        errors["name"] = _("Tên mới trùng tên hiện tại «%(name)s».") % {"name": unit.name}
    day = _check_decision(decision, errors)
    _check_open(unit, day, "unit")
    with transaction.atomic():
        unit = Unit.objects.select_for_update().get(pk=unit.pk)
        event = _event_create(actor, UnitEventKind.RENAME, decision)
        parent = _parent(unit)
        _link(event, unit, UnitEventRole.SUBJECT, name_before=unit.name, name_after=name, parent_before=parent,
              parent_after=parent)
        before = snapshot(unit, ["name", "short_name"])
        unit.name = name
        if short_name is not None:
            unit.short_name = short_name.strip()
        unit.save(update_fields=["name", "short_name"])
        _audit_reorg(actor, event, unit, {"before": before, "after": snapshot(unit, ["name", "short_name"])})
    return event


def unit_transfer(*, actor, unit: Unit, new_parent: Unit, decision: UnitDecision) -> UnitEvent:
    """Chuyển đơn vị quản lý (e.g. a school from the district Phòng GD&ĐT to the UBND phường
    on 01/07/2025): the subtree moves, its records and staff stay where they are; the event
    keeps the old parent, so "parent on a date" can be read back."""
    old_parent = _parent(unit)
    _require_change(actor, unit, new_parent)
    errors = {}
    if old_parent is not None and old_parent.pk == new_parent.pk:
        errors["parent"] = _("«%(unit)s» đã trực thuộc «%(parent)s».") % {"unit": unit.name,
                                                                          "parent": new_parent.name}
    day = _check_decision(decision, errors)
    _check_open(unit, day, "unit")
    _check_open(new_parent, day, "parent")
    with transaction.atomic():
        moved = _move_checked(unit, new_parent)
        event = _event_create(actor, UnitEventKind.MOVE, decision)
        _link(event, moved, UnitEventRole.SUBJECT, parent_before=old_parent, parent_after=new_parent)
        _audit_reorg(actor, event, moved, {"parent_before": old_parent.pk if old_parent else None,
                                           "parent_after": new_parent.pk})
    unit.refresh_from_db()
    return event


def _move_checked(unit: Unit, new_parent: Unit) -> Unit:
    if new_parent.pk == unit.pk or new_parent.path.startswith(unit.path):
        raise DomainValidationError(
            {"parent": _("Không thể đặt «%(unit)s» vào dưới «%(parent)s»: đơn vị không thể là cấp trên của chính "
                         "nó.") % {"unit": unit, "parent": new_parent}})
    Unit.objects.move(Unit.objects.get(pk=unit.pk), Unit.objects.get(pk=new_parent.pk), pos="last-child")
    return Unit.objects.get(pk=unit.pk)


def _move_children(source: Unit, target: Unit) -> int:
    n = 0
    for child in list(Unit.objects.get_children(Unit.objects.get(pk=source.pk))):
        _move_checked(child, target)
        n += 1
    return n


def unit_merge(*, actor, sources: list[Unit], decision: UnitDecision, target: Unit | None = None,
               new_unit: NewUnit | None = None) -> UnitEvent:
    """Sáp nhập (into an existing ``target``) or hợp nhất (into a ``new_unit``): every source
    closes the day before the effective date with the target as its successor; its subunits
    move under the target with their staff, its own staff take the same post in the target."""
    sources = [s for s in sources if s is not None]
    errors = {}
    if (target is None) == (new_unit is None):
        errors["target"] = _("Chọn đơn vị nhận sáp nhập hoặc nhập đơn vị mới hợp nhất.")
    if target is not None:
        sources = [s for s in sources if s.pk != target.pk]
    if len({s.pk for s in sources}) < (1 if target is not None else 2):
        errors["sources"] = _("Chọn ít nhất hai đơn vị để hợp nhất, hoặc một đơn vị để sáp nhập vào đơn vị khác.")
    day = _check_decision(decision, errors)
    for s in sources:
        _check_open(s, day, "sources")
        if target is not None and (target.path.startswith(s.path)):
            raise DomainValidationError({"target": _("«%(target)s» thuộc «%(source)s»; không sáp nhập được.") % {
                "target": target.name, "source": s.name}})
    if target is not None:
        _check_open(target, day, "target")
    _require_change(actor, *sources, *([target] if target else []))
    with transaction.atomic():
        if new_unit is not None:
            if new_unit.parent is not None:
                _require_change(actor, new_unit.parent)
            target = _create_new(new_unit, sources[0], day, actor)
        assert target is not None  # exactly one of target and new_unit, checked above
        event = _event_create(actor, UnitEventKind.MERGE, decision)
        staff = children = 0
        for s in sources:
            s = Unit.objects.get(pk=s.pk)
            _link(event, s, UnitEventRole.SOURCE, parent_before=_parent(s), parent_after=_parent(s))
            children += _move_children(s, target)
            staff += _transfer_staff(s, day, lambda _pid, t=target: t)
            _end_memberships(s, day)
            _close_row(s, day, target)
        target.refresh_from_db()
        _link(event, target, UnitEventRole.RESULT, parent_before=_parent(target), parent_after=_parent(target))
        _audit_reorg(actor, event, target, {"target": target.pk, "created": new_unit is not None,
                                            "staff_moved": staff, "subunits_moved": children})
    return event


def unit_split(*, actor, unit: Unit, results: list, decision: UnitDecision,
               staff_to: dict[int, Unit | int] | None = None,
               subunits_to: dict[int, Unit | int] | None = None) -> UnitEvent:
    """Chia, tách: ``unit`` closes the day before the effective date; each of ``results`` (an
    existing Unit or a NewUnit) takes a part. ``staff_to`` (person id → result) and
    ``subunits_to`` (subunit id → result) say where each goes; what is not named goes to the
    first result, which is also the closed unit's successor of record. A part may also be named by
    its position in ``results`` (0 = first), for parts the split itself creates."""
    errors = {}
    if len(results) < 2:
        errors["results"] = _("Chia, tách cần ít nhất hai đơn vị sau khi sắp xếp.")
    day = _check_decision(decision, errors)
    _check_open(unit, day, "unit")
    for r in results:
        if isinstance(r, Unit):
            if r.pk == unit.pk or r.path.startswith(unit.path):
                raise DomainValidationError({"results": _("«%(unit)s» không thể nhận phần tách ra từ chính nó.") % {
                    "unit": r.name}})
            _check_open(r, day, "results")
    _require_change(actor, unit, *[r for r in results if isinstance(r, Unit)])
    with transaction.atomic():
        made = []
        for r in results:
            if isinstance(r, NewUnit):
                if r.parent is not None:
                    _require_change(actor, r.parent)
                made.append(_create_new(r, unit, day, actor))
            else:
                made.append(Unit.objects.get(pk=r.pk))
        ids = {m.pk for m in made}

        def resolve(where: dict[int, Unit | int] | None, field: str) -> dict[int, Unit]:
            out: dict[int, Unit] = {}
            for key, m in (where or {}).items():
                if isinstance(m, int):  # a position in results; True/False are ints but no position
                    if isinstance(m, bool) or not 0 <= m < len(made):
                        raise DomainValidationError({field: _("Chỉ có %(n)s phần sau khi chia, tách.") % {
                            "n": len(made)}})
                    m = made[m]
                if m.pk not in ids:
                    raise DomainValidationError({field: _("«%(unit)s» không nằm trong các đơn vị sau khi chia "
                                                          "tách.") % {"unit": m.name}})
                out[key] = m
            return out

        staff_map, subunit_map = resolve(staff_to, "staff_to"), resolve(subunits_to, "subunits_to")
        first = made[0]
        by_pk = {m.pk: m for m in made}
        event = _event_create(actor, UnitEventKind.SPLIT, decision)
        source = Unit.objects.get(pk=unit.pk)
        _link(event, source, UnitEventRole.SOURCE, parent_before=_parent(source), parent_after=_parent(source))
        moved_children = 0
        for child in list(Unit.objects.get_children(source)):
            dest = by_pk[subunit_map.get(child.pk, first).pk]
            _move_checked(child, dest)
            moved_children += 1
        staff = _transfer_staff(source, day, lambda pid: by_pk[staff_map.get(pid, first).pk])
        _end_memberships(source, day)
        _close_row(source, day, first)
        for m in made:
            m.refresh_from_db()
            _link(event, m, UnitEventRole.RESULT, parent_before=_parent(m), parent_after=_parent(m))
        _audit_reorg(actor, event, source, {"results": [m.pk for m in made], "staff_moved": staff,
                                            "subunits_moved": moved_children})
    return event


def unit_dissolve(*, actor, unit: Unit, decision: UnitDecision, successor: Unit | None = None) -> UnitEvent:
    """Giải thể: the unit (and its subunits) close the day before the effective date. With a
    ``successor`` (the unit that takes over its tasks and records) its subunits and staff move
    there, as in a merger; without one the staff's posts end."""
    day = _check_decision(decision)
    _check_open(unit, day, "unit")
    if successor is not None:
        if successor.pk == unit.pk or successor.path.startswith(unit.path):
            raise DomainValidationError({"successor": _("Một đơn vị không thể kế thừa chính nó.")})
        _check_open(successor, day, "successor")
    _require_change(actor, unit, *([successor] if successor else []))
    with transaction.atomic():
        event = _event_create(actor, UnitEventKind.CLOSE, decision)
        source = Unit.objects.get(pk=unit.pk)
        _link(event, source, UnitEventRole.SOURCE, parent_before=_parent(source), parent_after=_parent(source))
        staff = children = 0
        if successor is not None:
            children = _move_children(source, successor)
            staff = _transfer_staff(source, day, lambda _pid: successor)
        else:
            for sub in Unit.objects.filter(path__startswith=source.path, depth__gt=source.depth).order_by("-depth"):
                if sub.active_to is None or sub.active_to >= day:
                    staff += _transfer_staff(sub, day, lambda _pid: None)
                    _end_memberships(sub, day)
                    _close_row(sub, day, None)
                    _link(event, sub, UnitEventRole.SOURCE, parent_before=_parent(sub), parent_after=_parent(sub))
                    children += 1
            staff += _transfer_staff(source, day, lambda _pid: None)
        _end_memberships(source, day)
        _close_row(source, day, successor)
        if successor is not None:
            successor.refresh_from_db()
            _link(event, successor, UnitEventRole.RESULT, parent_before=_parent(successor),
                  parent_after=_parent(successor))
        _audit_reorg(actor, event, source, {"successor": successor.pk if successor else None, "staff": staff,
                                            "subunits": children})
    return event


# --------------------------------------------------------------------------
# Clusters (cụm / khối thi đua): the office creates them per school year, names the members, the
# leader and the deputy. The checks live here, so the pages, the API and the admin agree.
# --------------------------------------------------------------------------

CLUSTER_FIELDS = ["school_year_id", "organizer_id", "kind", "name", "school_level", "leader_id", "deputy_id"]


def _require_manage_clusters(actor, organizer: Unit) -> None:
    from tdkt.accounts.access import require
    from tdkt.accounts.permissions import Perm

    require(actor, Perm.MANAGE_CAMPAIGNS, organizer)


def _cluster_errors(*, cluster_pk, organizer: Unit, school_year: SchoolYear, kind: str, name: str,
                    members: list[Unit], leader: Unit | None, deputy: Unit | None) -> dict[str, str]:
    """Every reason the cluster cannot be saved as given, keyed by field (so a page shows them all)."""
    from .choices import ClusterKind
    from .models import Cluster, ClusterMember

    errors: dict[str, str] = {}
    if not (name or "").strip():
        errors["name"] = _("Hãy nhập tên cụm/khối thi đua.")
    elif Cluster.objects.filter(school_year=school_year, organizer=organizer, name=name.strip()).exclude(
            pk=cluster_pk).exists():
        errors["name"] = _("«%(organizer)s» đã có «%(name)s» năm học %(year)s.") % {
            "organizer": organizer.name, "name": name.strip(), "year": school_year}
    if kind not in ClusterKind.values:
        errors["kind"] = _("Loại cụm/khối không hợp lệ.")
    outside = [u.name for u in members if not u.path.startswith(organizer.path) or u.pk == organizer.pk]
    if outside:
        errors["members"] = _("Chỉ đơn vị thuộc «%(organizer)s» mới là thành viên được: %(units)s.") % {
            "organizer": organizer.name, "units": ", ".join(outside)}
    closed = [u.name for u in members if (u.active_to is not None and u.active_to < school_year.start_date)
              or (u.active_from is not None and u.active_from > school_year.end_date)]
    if closed and "members" not in errors:
        errors["members"] = _("Không hoạt động trong năm học %(year)s: %(units)s.") % {
            "year": school_year, "units": ", ".join(closed)}
    if "members" not in errors and kind in ClusterKind.values:
        taken = (ClusterMember.objects.filter(unit__in=members, school_year=school_year, kind=kind)
                 .exclude(cluster_id=cluster_pk).select_related("unit", "cluster").order_by("unit__path"))
        if taken:
            errors["members"] = _("Mỗi đơn vị chỉ thuộc một %(kind)s trong năm học %(year)s: %(units)s.") % {
                "kind": ClusterKind(kind).label.lower(), "year": school_year,
                "units": "; ".join(_("«%(unit)s» đã thuộc «%(cluster)s»") % {"unit": t.unit.name,
                                                                            "cluster": t.cluster.name}
                                   for t in taken)}
    member_ids = {u.pk for u in members}
    if leader is not None and leader.pk not in member_ids:
        errors["leader"] = _("Khối trưởng «%(unit)s» phải là thành viên của cụm/khối.") % {"unit": leader.name}
    if deputy is not None and deputy.pk not in member_ids:
        errors["deputy"] = _("Khối phó «%(unit)s» phải là thành viên của cụm/khối.") % {"unit": deputy.name}
    elif deputy is not None and leader is not None and deputy.pk == leader.pk:
        errors["deputy"] = _("Khối phó phải khác khối trưởng.")
    return errors


def _fresh(units) -> list[Unit]:
    """The units as stored now, in the order given, once each (a caller's copy may predate a closure)."""
    ids = list(dict.fromkeys(u.pk for u in units if u is not None))
    found = Unit.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _set_members(cluster, members: list[Unit]) -> tuple[list[int], list[int]]:
    from .models import ClusterMember

    current = set(cluster.memberships.values_list("unit_id", flat=True))
    wanted = {u.pk for u in members}
    removed, added = sorted(current - wanted), sorted(wanted - current)
    cluster.memberships.filter(unit_id__in=removed).delete()
    ClusterMember.objects.bulk_create([ClusterMember(cluster=cluster, unit_id=pk, school_year=cluster.school_year,
                                                     kind=cluster.kind) for pk in added])
    return added, removed


def cluster_create(*, actor, organizer: Unit, school_year: SchoolYear, name: str, kind: str,
                   school_level: str = "", members: Sequence[Unit] = (), leader: Unit | None = None,
                   deputy: Unit | None = None):
    """Lập cụm/khối thi đua of one school year, organised by an office, with its members, leader and deputy
    (the leader and the deputy are members; a unit belongs to one cluster of a kind per year)."""
    from .models import Cluster

    _require_manage_clusters(actor, organizer)
    members = _fresh(members)
    errors = _cluster_errors(cluster_pk=None, organizer=organizer, school_year=school_year, kind=kind, name=name,
                             members=members, leader=leader, deputy=deputy)
    if errors:
        raise DomainValidationError(errors)
    with transaction.atomic():
        cluster = Cluster.objects.create(school_year=school_year, organizer=organizer, kind=kind, name=name.strip(),
                                         school_level=school_level or "", leader=leader, deputy=deputy)
        added, _removed = _set_members(cluster, members)
        audit_record(actor=actor, event_type="cluster.created", target=cluster, unit=organizer,
                     after=snapshot(cluster, CLUSTER_FIELDS), data={"members": added})
    return cluster


_UNSET = object()


def cluster_update(*, actor, cluster, name: str | None = None, school_level: str | None = None,
                   members: list[Unit] | None = None, leader=_UNSET, deputy=_UNSET, reason: str = ""):
    """Change a cluster's name, members, leader or deputy (what is not given stays). A member removed
    cannot stay leader or deputy; the kind and the year are fixed (create another cluster)."""
    from .models import Cluster

    cluster = Cluster.objects.select_related("organizer", "school_year", "leader", "deputy").get(pk=cluster.pk)
    _require_manage_clusters(actor, cluster.organizer)
    members = _fresh(members) if members is not None else list(
        Unit.objects.filter(cluster_memberships__cluster=cluster).order_by("path"))
    new_leader = cluster.leader if leader is _UNSET else leader
    new_deputy = cluster.deputy if deputy is _UNSET else deputy
    new_name = cluster.name if name is None else name
    errors = _cluster_errors(cluster_pk=cluster.pk, organizer=cluster.organizer, school_year=cluster.school_year,
                             kind=cluster.kind, name=new_name, members=members, leader=new_leader,
                             deputy=new_deputy)
    if errors:
        raise DomainValidationError(errors)
    with transaction.atomic():
        cluster = Cluster.objects.select_for_update().get(pk=cluster.pk)
        before = snapshot(cluster, CLUSTER_FIELDS)
        cluster.name = new_name.strip()
        if school_level is not None:
            cluster.school_level = school_level
        cluster.leader, cluster.deputy = new_leader, new_deputy
        cluster.save()
        added, removed = _set_members(cluster, members)
        audit_record(actor=actor, event_type="cluster.updated", target=cluster, unit=cluster.organizer,
                     before=before, after=snapshot(cluster, CLUSTER_FIELDS),
                     data={"members_added": added, "members_removed": removed}, reason=reason)
    return cluster
