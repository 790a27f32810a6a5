"""Writes to the organisation tree. Each is one transaction with its audit row."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tdkt.audit.services import audit_record, snapshot
from tdkt.core.exceptions import DomainValidationError, validate_period

from .models import SchoolYear, Unit, UnitType

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
    inherit its school level so specialists by level reach them too."""
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
    with transaction.atomic():
        unit = Unit.objects.select_for_update().get(pk=unit.pk)
        before = snapshot(unit, UNIT_FIELDS)
        for field, value in changes.items():
            setattr(unit, field, value.strip() if isinstance(value, str) else value)
        _check_unit_values(code=unit.code, name=unit.name, active_from=unit.active_from,
                           active_to=unit.active_to, exclude_pk=unit.pk)
        if unit.successor_id == unit.pk:
            raise DomainValidationError({"successor": _("Một đơn vị không thể kế thừa chính nó.")})
        unit.save()
        audit_record(actor=actor, event_type="unit.updated", target=unit, unit=unit, before=before,
                     after=snapshot(unit, UNIT_FIELDS), reason=reason)
    return unit


def unit_move(*, actor, unit: Unit, new_parent: Unit, reason: str = "") -> Unit:
    """Move a unit (and its subtree) under another parent, e.g. when a reform
    places schools under a commune people's committee."""
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
