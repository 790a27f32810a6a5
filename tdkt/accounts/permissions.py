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
    # Yearly records (hồ sơ thành tích) and eligibility verdicts
    VIEW_RECORDS = "records.view"
    VIEW_OWN_RECORDS = "records.view_own"
    CHANGE_RECORDS = "records.change"
    VIEW_ELIGIBILITY = "eligibility.view"
    RUN_ELIGIBILITY = "eligibility.run"
    # Documents
    VIEW_DOCUMENTS = "documents.view"
    MANAGE_TEMPLATES = "documents.manage_templates"
    # Councils and votes
    VIEW_MEETINGS = "meetings.view"
    MANAGE_MEETINGS = "meetings.manage"
    VOTE = "meetings.vote"


_READ = {Perm.VIEW_UNIT, Perm.VIEW_PERSON, Perm.VIEW_RECORDS, Perm.VIEW_ELIGIBILITY, Perm.VIEW_DOCUMENTS,
         Perm.VIEW_MEETINGS}

ROLE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    Role.ADMIN: frozenset(Perm),
    Role.TDKT_OFFICER: frozenset(_READ | {Perm.CHANGE_UNIT, Perm.CHANGE_PERSON, Perm.CHANGE_RECORDS,
                                          Perm.RUN_ELIGIBILITY, Perm.MANAGE_MEETINGS}),
    Role.HEAD: frozenset(_READ | {Perm.RUN_ELIGIBILITY, Perm.MANAGE_MEETINGS}),
    Role.COUNCIL_MEMBER: frozenset(_READ | {Perm.VOTE}),
    Role.SPECIALIST: frozenset(_READ | {Perm.RUN_ELIGIBILITY}),
    # A cluster leader reads the member schools' pages, not their staff files.
    Role.CLUSTER_LEADER: frozenset({Perm.VIEW_UNIT}),
    # A teacher sees her own unit's page and her own record, nobody else's.
    Role.STAFF: frozenset({Perm.VIEW_UNIT, Perm.VIEW_OWN_PERSON, Perm.VIEW_OWN_RECORDS}),
    Role.PUBLIC: frozenset(),
}


def roles_with(perm: Perm) -> set[str]:
    return {role for role, perms in ROLE_PERMISSIONS.items() if perm in perms}
