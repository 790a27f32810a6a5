"""The one helper every service calls to write its audit row."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models import F

from tdkt.core.actors import system_label

from .chain import GENESIS, HASHED_FIELDS, row_hash
from .models import AuditChainHead, AuditEvent


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    return value


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of a model instance, JSON-ready, for before/after."""
    names = fields or [f.attname for f in instance._meta.concrete_fields]
    return {name: _jsonable(getattr(instance, name)) for name in names}


@dataclass(frozen=True)
class AuditEntry:
    """One state change for :func:`audit_record_many`."""

    event_type: str
    target: models.Model | None = None
    unit: Any = None
    before: dict | None = None
    after: dict | None = None
    data: dict | None = None
    reason: str = ""


def _require_transaction(what: str) -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(f"{what} must be called inside the service's transaction")


def _event(actor, entry: AuditEntry) -> AuditEvent:
    # The system (the demo, a command: tdkt.core.actors) has no user row; its label says which part acted.
    who = actor if getattr(actor, "pk", None) else None
    target = entry.target
    return AuditEvent(
        actor=who,
        actor_label=who.get_username() if who is not None else system_label(actor),
        unit=entry.unit,
        event_type=entry.event_type,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        before=_jsonable(entry.before) if entry.before is not None else None,
        after=_jsonable(entry.after) if entry.after is not None else None,
        data=_jsonable(entry.data) if entry.data is not None else None,
        reason=entry.reason,
    )


def audit_record(
    *,
    actor,
    event_type: str,
    target: models.Model | None = None,
    unit=None,
    before: dict | None = None,
    after: dict | None = None,
    data: dict | None = None,
    reason: str = "",
) -> AuditEvent:
    """Write one audit row. Must run inside the caller's transaction.

    Refusing to run outside one keeps the promise that a state change and its
    audit row are committed together or not at all.
    """
    _require_transaction("audit_record")
    event = _event(actor, AuditEntry(event_type=event_type, target=target, unit=unit, before=before, after=after,
                                     data=data, reason=reason))
    _chain([event])
    return event


def audit_record_many(*, actor, entries: Iterable[AuditEntry], batch_size: int = 500) -> int:
    """The same rows as :func:`audit_record`, one per state change, written in bulk by the
    set-wise services (an Excel import of 10,000 rows, a decision with 2,000 names), under the
    same rule: inside the caller's transaction."""
    _require_transaction("audit_record_many")
    events = [_event(actor, entry) for entry in entries]
    if events:
        _chain(events, batch_size=batch_size)
    return len(events)


def _chain(events: list[AuditEvent], *, batch_size: int = 500) -> None:
    """Hash the new rows onto the end of the chain and write them, under the chain head's lock.

    The head is updated *before* it is read: on PostgreSQL the UPDATE takes the row lock (a second
    writer waits there, then reads the head the first one left), on SQLite it takes the database's
    write lock; either way two transactions never hash onto the same predecessor. The lock is held
    until the caller's transaction commits, so audited writes are serialised (docs/reliability.md).
    """
    bump = AuditChainHead.objects.filter(pk=1)
    if not bump.update(count=F("count") + len(events)):
        # The migration creates the head; a flushed database lacks it. INSERT ... ON CONFLICT DO
        # NOTHING lets two first writers race without an error; the second then waits on the UPDATE.
        AuditChainHead.objects.bulk_create([AuditChainHead(pk=1)], ignore_conflicts=True)
        bump.update(count=F("count") + len(events))
    head = AuditChainHead.objects.get(pk=1)
    prev = head.last_hash or GENESIS
    for event in events:
        event.prev_hash = prev
        event.row_hash = prev = row_hash({name: getattr(event, name) for name in HASHED_FIELDS}, prev)
    if len(events) == 1:
        events[0].save(force_insert=True)
    else:
        AuditEvent.objects.bulk_create(events, batch_size=batch_size)
    AuditChainHead.objects.filter(pk=1).update(last_id=events[-1].pk, last_hash=prev)
