"""Routes of the org app added after the foundation (merged into config/permission_map.py); the
foundation's unit pages and API stay declared there. The services check that the actor may change
every unit a reorganisation touches (the unit, its new parent, the other sources, the successor),
and that the office managing a cluster is the one organising it."""

from tdkt.accounts.permissions import Perm

ROUTES: dict[str, object] = {
    # pages
    "org:unit_reorganise": {"GET": Perm.CHANGE_UNIT, "POST": Perm.CHANGE_UNIT},
    "org:cluster_list": {"GET": Perm.MANAGE_CAMPAIGNS},
    "org:cluster_create": {"GET": Perm.MANAGE_CAMPAIGNS, "POST": Perm.MANAGE_CAMPAIGNS},
    "org:cluster_edit": {"GET": Perm.MANAGE_CAMPAIGNS, "POST": Perm.MANAGE_CAMPAIGNS},
    # API
    "api:org_unit_rename": {"POST": Perm.CHANGE_UNIT},
    "api:org_unit_move": {"POST": Perm.CHANGE_UNIT},
    "api:org_unit_merge": {"POST": Perm.CHANGE_UNIT},
    "api:org_unit_split": {"POST": Perm.CHANGE_UNIT},
    "api:org_unit_close": {"POST": Perm.CHANGE_UNIT},
    "api:org_unit_events": {"GET": Perm.VIEW_UNIT},
    "api:unit_roots": {"GET": Perm.VIEW_UNIT},
    # school years are no secret to anyone signed in; adding one is for the top administrator
    # (the view checks CHANGE_UNIT on the root of the tree)
    "api:school_year_list": {"GET": (Perm.VIEW_UNIT, Perm.VIEW_OWN_PERSON, Perm.VIEW_OWN_RECORDS),
                             "POST": Perm.CHANGE_UNIT},
    "api:org_cluster_list": {"GET": Perm.VIEW_CAMPAIGNS, "POST": Perm.MANAGE_CAMPAIGNS},
    "api:org_cluster_detail": {"GET": Perm.VIEW_CAMPAIGNS, "PATCH": Perm.MANAGE_CAMPAIGNS},
}
