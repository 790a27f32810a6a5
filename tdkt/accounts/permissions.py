"""What each role may do. Reach (which units) is computed in tdkt.accounts.access."""

from enum import StrEnum

from .choices import Role


class Perm(StrEnum):
    VIEW_UNIT = "org.view_unit"
    CHANGE_UNIT = "org.change_unit"
    VIEW_PERSON = "people.view_person"
    VIEW_OWN_PERSON = "people.view_own_person"
    CHANGE_PERSON = "people.change_person"
    MANAGE_ACCESS = "accounts.manage_access"
    VIEW_AUDIT = "audit.view"


_READ = {Perm.VIEW_UNIT, Perm.VIEW_PERSON}

ROLE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    Role.ADMIN: frozenset(Perm),
    Role.TDKT_OFFICER: frozenset(_READ | {Perm.CHANGE_UNIT, Perm.CHANGE_PERSON}),
    Role.HEAD: frozenset(_READ),
    Role.COUNCIL_MEMBER: frozenset(_READ),
    Role.SPECIALIST: frozenset(_READ),
    # A cluster leader reads the member schools' pages, not their staff files.
    Role.CLUSTER_LEADER: frozenset({Perm.VIEW_UNIT}),
    # A teacher sees her own unit's page and her own record, nobody else's.
    Role.STAFF: frozenset({Perm.VIEW_UNIT, Perm.VIEW_OWN_PERSON}),
    Role.PUBLIC: frozenset(),
}


def roles_with(perm: Perm) -> set[str]:
    return {role for role, perms in ROLE_PERMISSIONS.items() if perm in perms}
