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
    # Campaigns, registrations, clusters
    VIEW_CAMPAIGNS = "campaigns.view"
    MANAGE_CAMPAIGNS = "campaigns.manage"
    REGISTER = "campaigns.register"
    REVIEW_SUBMISSIONS = "campaigns.review"
    LEAD_CLUSTER = "campaigns.lead_cluster"
    # Proposals, decisions, money
    VIEW_PROPOSALS = "awards.view"
    PREPARE_PROPOSALS = "awards.prepare"
    APPROVE_PROPOSALS = "awards.approve"
    REVIEW_PROPOSALS = "awards.review"
    DECIDE_AWARDS = "awards.decide"

    VIEW_COMPLAINTS = "complaints.view"
    HANDLE_COMPLAINTS = "complaints.handle"


_READ = {Perm.VIEW_UNIT, Perm.VIEW_PERSON, Perm.VIEW_RECORDS, Perm.VIEW_ELIGIBILITY, Perm.VIEW_DOCUMENTS,
         Perm.VIEW_MEETINGS, Perm.VIEW_CAMPAIGNS, Perm.VIEW_PROPOSALS}

ROLE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    Role.ADMIN: frozenset(Perm),
    Role.TDKT_OFFICER: frozenset(_READ | {Perm.CHANGE_UNIT, Perm.CHANGE_PERSON, Perm.CHANGE_RECORDS,
                                          Perm.RUN_ELIGIBILITY, Perm.MANAGE_MEETINGS, Perm.MANAGE_CAMPAIGNS,
                                          Perm.REGISTER, Perm.REVIEW_SUBMISSIONS, Perm.PREPARE_PROPOSALS,
                                          Perm.VIEW_COMPLAINTS, Perm.HANDLE_COMPLAINTS}),
    Role.HEAD: frozenset(_READ | {Perm.RUN_ELIGIBILITY, Perm.MANAGE_MEETINGS, Perm.MANAGE_CAMPAIGNS,
                                  Perm.REVIEW_SUBMISSIONS, Perm.APPROVE_PROPOSALS, Perm.DECIDE_AWARDS,
                                  Perm.VIEW_COMPLAINTS, Perm.HANDLE_COMPLAINTS}),
    Role.COUNCIL_MEMBER: frozenset(_READ | {Perm.VOTE}),
    # Office specialists review the dossiers of the school levels they oversee (seed 003 part V).
    Role.SPECIALIST: frozenset(_READ | {Perm.RUN_ELIGIBILITY, Perm.REVIEW_SUBMISSIONS, Perm.REVIEW_PROPOSALS}),
    # A cluster leader reads the member schools' pages, not their staff files, and runs the cluster.
    Role.CLUSTER_LEADER: frozenset({Perm.VIEW_UNIT, Perm.VIEW_CAMPAIGNS, Perm.LEAD_CLUSTER}),
    # A teacher sees her own unit's page and her own record, and registers for herself.
    Role.STAFF: frozenset({Perm.VIEW_UNIT, Perm.VIEW_OWN_PERSON, Perm.VIEW_OWN_RECORDS, Perm.VIEW_CAMPAIGNS,
                           Perm.REGISTER}),
    Role.PUBLIC: frozenset(),
}


def roles_with(perm: Perm) -> set[str]:
    return {role for role, perms in ROLE_PERMISSIONS.items() if perm in perms}
