"""Reach of a user's memberships: which units (and so which people) a permission covers.

Every list in the application is filtered through these functions; a view
never builds its own permission query.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.core.actors import is_system
from tdkt.core.exceptions import PermissionRefused

from .choices import Role
from .models import Membership
from .permissions import Perm, roles_with

_NOTHING = Q(pk__in=[])


def reaches_everything(user) -> bool:
    """The system (``tdkt.core.actors``: SYSTEM, a SystemActor, or ``None``) and superusers reach every
    unit and may do everything; this is the one place the checks below ask it."""
    return is_system(user) or getattr(user, "is_superuser", False)


def active_memberships(user, day=None):
    """The user's memberships in force today (cached per request on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return []
    day = day or timezone.localdate()
    cache_key = f"_tdkt_memberships_{day.isoformat()}"
    cached = getattr(user, cache_key, None)
    if cached is None:
        cached = list(
            Membership.objects.filter(Membership.active_q(day), user=user).select_related("unit", "unit__unit_type")
        )
        setattr(user, cache_key, cached)
    return cached


def prime_memberships(users, day=None) -> None:
    """Fill ``active_memberships``' cache for many users in one query (a scheduler checking 10,000
    recipients asks once, not 10,000 times)."""
    day = day or timezone.localdate()
    cache_key = f"_tdkt_memberships_{day.isoformat()}"
    todo = {u.pk: u for u in users if getattr(u, "is_authenticated", False) and not hasattr(u, cache_key)}
    found: dict[int, list[Membership]] = {pk: [] for pk in todo}
    ids = list(todo)
    for i in range(0, len(ids), 500):
        for m in (Membership.objects.filter(Membership.active_q(day), user_id__in=ids[i:i + 500])
                  .select_related("unit", "unit__unit_type")):
            found[m.user_id].append(m)
    for pk, user in todo.items():
        setattr(user, cache_key, found[pk])


def has_perm_anywhere(user, perm: Perm) -> bool:
    if reaches_everything(user):
        return True
    allowed = roles_with(perm)
    return any(m.role in allowed for m in active_memberships(user))


def _membership_q(m: Membership, prefix: str) -> Q:
    from tdkt.org.models import ClusterMember

    path = f"{prefix}path__startswith"
    pk = f"{prefix}pk" if prefix else "pk"
    if m.role == Role.SPECIALIST and m.school_levels:
        return Q(**{pk: m.unit_id}) | (
            Q(**{path: m.unit.path}) & Q(**{f"{prefix}school_level__in": list(m.school_levels)})
        )
    if m.role == Role.CLUSTER_LEADER:
        today = timezone.localdate()
        led = ClusterMember.objects.filter(
            cluster__leader_id=m.unit_id,
            cluster__school_year__start_date__lte=today,
            cluster__school_year__end_date__gte=today,
        ).values("unit_id")
        return Q(**{pk: m.unit_id}) | Q(**{f"{pk}__in": led})
    if m.reaches_subtree:
        return Q(**{path: m.unit.path})
    return Q(**{pk: m.unit_id})


def membership_unit_q(membership: Membership, prefix: str = "") -> Q:
    """The units one membership reaches, as a Q (over a relation with ``prefix``): for
    callers that must treat some roles differently, e.g. proposals sent *to* a unit."""
    return _membership_q(membership, prefix)


def unit_scope_q(user, perm: Perm, *, prefix: str = "") -> Q:
    """A Q over Unit (or over a relation to Unit, with ``prefix='unit__'``)."""
    if reaches_everything(user):
        return Q()
    allowed = roles_with(perm)
    q = _NOTHING
    for m in active_memberships(user):
        if m.role in allowed:
            q |= _membership_q(m, prefix)
    return q


def can(user, perm: Perm, unit) -> bool:
    """Does ``perm`` reach ``unit`` for this user?"""
    from tdkt.org.models import Unit

    if reaches_everything(user):
        return True
    scope = unit_scope_q(user, perm)
    if scope == _NOTHING:
        return False
    return Unit.objects.filter(scope, pk=unit.pk).exists()


def require(user, perm: Perm, unit) -> None:
    if not can(user, perm, unit):
        raise PermissionRefused(_("Bạn không có quyền với đơn vị «%(unit)s».") % {"unit": unit})


# Read permissions that a person also holds over their own record.
OWN_VARIANT = {Perm.VIEW_PERSON: Perm.VIEW_OWN_PERSON, Perm.VIEW_RECORDS: Perm.VIEW_OWN_RECORDS,
               Perm.VIEW_ELIGIBILITY: Perm.VIEW_OWN_RECORDS}


def person_scope_q(user, perm: Perm = Perm.VIEW_PERSON) -> Q:
    """A Q over Person: people who worked (at any time) in a unit the permission reaches,
    plus, for staff, their own record."""
    from tdkt.people.models import Employment

    if reaches_everything(user):
        return Q()
    q = _NOTHING
    scope = unit_scope_q(user, perm, prefix="unit__")
    if scope != _NOTHING:
        q |= Q(Exists(Employment.objects.filter(scope, person=OuterRef("pk"))))
    own = OWN_VARIANT.get(perm)
    if own is not None and has_perm_anywhere(user, own):
        q |= Q(user=user)
    return q


def can_person(user, perm: Perm, person) -> bool:
    from tdkt.people.models import Person

    if reaches_everything(user):
        return True
    scope = person_scope_q(user, perm)
    if scope == _NOTHING:
        return False
    return Person.objects.filter(scope, pk=person.pk).exists()


def require_person(user, perm: Perm, person) -> None:
    if not can_person(user, perm, person):
        raise PermissionRefused(_("Bạn không có quyền xem hoặc sửa hồ sơ cá nhân này."))
