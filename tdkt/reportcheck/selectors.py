"""Reads of this app, scoped by tdkt.accounts.access."""

from __future__ import annotations

from django.db.models import QuerySet

from tdkt.accounts.access import can, can_person, person_scope_q, unit_scope_q
from tdkt.accounts.permissions import Perm
from tdkt.org.models import Unit
from tdkt.people.models import Person

from .models import ReportCheck


def people_checkable_by(user) -> QuerySet[Person]:
    """People whose report the user may check: those whose records they may view
    (a teacher: herself)."""
    return Person.objects.filter(person_scope_q(user, Perm.VIEW_RECORDS)).order_by("sort_name", "id")


def units_checkable_by(user) -> QuerySet[Unit]:
    return Unit.objects.filter(unit_scope_q(user, Perm.VIEW_RECORDS)).order_by("path")


def can_see_check(user, check: ReportCheck) -> bool:
    if check.person_id:
        return can_person(user, Perm.VIEW_RECORDS, check.person)
    return can(user, Perm.VIEW_RECORDS, check.unit)


def recent_checks(user, limit: int = 10) -> list[ReportCheck]:
    """The user's own last checks (without the file bytes)."""
    return list(ReportCheck.objects.filter(created_by=user).defer("data", "findings")
                .select_related("person", "unit").order_by("-created_at", "-id")[:limit])
