"""Routes of the org app added after the foundation (merged into config/permission_map.py); the
foundation's unit pages and API stay declared there. The services check that the actor may change
every unit a reorganisation touches (the unit, its new parent, the other sources, the successor)."""

from tdkt.accounts.permissions import Perm

ROUTES: dict[str, object] = {
    # pages
    "org:unit_reorganise": {"GET": Perm.CHANGE_UNIT, "POST": Perm.CHANGE_UNIT},
    # API
    "api:org_unit_rename": {"POST": Perm.CHANGE_UNIT},
    "api:org_unit_move": {"POST": Perm.CHANGE_UNIT},
    "api:org_unit_merge": {"POST": Perm.CHANGE_UNIT},
    "api:org_unit_split": {"POST": Perm.CHANGE_UNIT},
    "api:org_unit_close": {"POST": Perm.CHANGE_UNIT},
    "api:org_unit_events": {"GET": Perm.VIEW_UNIT},
}
