"""Who gets a notification, and whether they still may see its object.

Recipients are chosen by role and unit (the officers *of* a unit, not every office above whose reach
also covers it) and kept only when ``tdkt.accounts.access`` lets them see the object; the same check
runs again when the e-mail leaves (``may_see``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from tdkt.accounts.access import active_memberships, can, can_person, prime_memberships
from tdkt.accounts.models import Membership, User
from tdkt.accounts.permissions import Perm, roles_with

if TYPE_CHECKING:
    from tdkt.org.models import Unit
    from tdkt.people.models import Person

    from .models import Notification


@dataclass(frozen=True)
class Access:
    """What a recipient must hold to see the object: ``perm`` over ``unit``, or over ``person``'s file
    (their own record counts). No perm: the kind's registered check alone decides."""

    perm: Perm | None = None
    unit: Unit | None = None
    person: Person | None = None


# Kind → extra check (user, notification) → bool, registered by the app that owns the object (a council
# seat is not a role: the meetings app says whether the user still sits on the council).
_CHECKS: dict[str, Callable[[Any, Any], bool]] = {}


def register_check(kind: str, check: Callable[[Any, Any], bool]) -> None:
    _CHECKS[kind] = check


_discovered: list[bool] = []


def _discover() -> None:
    """Import each app's ``notices`` module once, so their checks are registered in a worker that has
    not imported the apps' services."""
    if not _discovered:
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("notices")
        _discovered.append(True)


def _allowed(user, perm: str, unit_id: int | None, person_id: int | None, unit=None, person=None) -> bool:
    if not getattr(user, "is_active", False):
        return False
    if not perm:
        return True
    p = Perm(perm)
    if person_id is not None:
        if person is None:
            from tdkt.people.models import Person

            person = Person.objects.filter(pk=person_id).first()
        if person is None:
            return False
        if person.user_id == user.pk:  # one's own record
            return True
        return can_person(user, p, person)
    if unit_id is not None:
        # Every membership reaches its own unit (access._membership_q): the officers of the unit itself
        # are answered from their (primed) memberships, without a query each.
        roles = roles_with(p)
        if any(m.unit_id == unit_id and m.role in roles for m in active_memberships(user)):
            return True
        if unit is None:
            from tdkt.org.models import Unit

            unit = Unit.objects.filter(pk=unit_id).first()
        return unit is not None and can(user, p, unit)
    return True


def prime(users: Iterable) -> None:
    """Read the memberships of many recipients at once, before ``allowed`` asks about each."""
    prime_memberships(list(users))


def allowed(user, access: Access) -> bool:
    return _allowed(user, access.perm or "", getattr(access.unit, "pk", None), getattr(access.person, "pk", None),
                    unit=access.unit, person=access.person)


def may_see(n: Notification) -> bool:
    """Asked when the e-mail leaves: the recipient is active, still reaches the object, and the kind's
    own check (if any) still holds."""
    _discover()
    user = n.recipient
    if not _allowed(user, n.access_perm, n.access_unit_id, n.access_person_id, unit=n.access_unit,
                    person=n.access_person):
        return False
    check = _CHECKS.get(n.kind)
    return check is None or bool(check(user, n))


def unit_users(unit: Unit, *perms: Perm, day=None) -> list[User]:
    """The users holding, in ``unit`` itself, a role with one of ``perms`` (in force on ``day``)."""
    roles: set[str] = set().union(*(roles_with(p) for p in perms))
    day = day or timezone.localdate()
    ids = (Membership.objects.filter(Membership.active_q(day), unit=unit, role__in=roles, user__is_active=True)
           .values_list("user_id", flat=True))
    return list(User.objects.filter(pk__in=ids).order_by("pk"))


def person_users(people: Iterable[Person]) -> list[tuple[User, Person]]:
    """The accounts of these people (those who have one)."""
    out: list[tuple[User, Person]] = []
    ids = {p.pk for p in people if getattr(p, "user_id", None)}
    if not ids:
        return out
    from tdkt.people.models import Person

    for person in Person.objects.filter(pk__in=ids, user__is_active=True).select_related("user").order_by("pk"):
        if person.user is not None:
            out.append((person.user, person))
    return out


def units_users(units: Iterable[Unit], *perms: Perm, day=None) -> dict[int, list[User]]:
    """``unit_users`` for many units in two queries (the scheduler asks for a whole province)."""
    roles: set[str] = set().union(*(roles_with(p) for p in perms))
    day = day or timezone.localdate()
    ids = [u.pk for u in units]
    pairs = list(Membership.objects.filter(Membership.active_q(day), unit_id__in=ids, role__in=roles,
                                           user__is_active=True).values_list("unit_id", "user_id"))
    users = {u.pk: u for u in User.objects.filter(pk__in={uid for _unit, uid in pairs})}
    out: dict[int, list[User]] = {pk: [] for pk in ids}
    for unit_id, user_id in sorted(set(pairs)):
        out[unit_id].append(users[user_id])
    return out
