"""Routes of this app and what they need (merged into config/permission_map.py).

The dashboard and a unit's history read records of a subtree (VIEW_RECORDS). The
look-up and a person's history also open to staff (VIEW_OWN_RECORDS): the selectors
then return only their own record; the view checks the person or unit itself."""

from tdkt.accounts.permissions import Perm

READ = (Perm.VIEW_RECORDS, Perm.VIEW_OWN_RECORDS)
VIEW = Perm.VIEW_RECORDS

ROUTES: dict[str, object] = {
    # pages
    "dashboards:overview": {"GET": VIEW},
    "dashboards:lookup": {"GET": READ},
    "dashboards:person_history": {"GET": READ},
    "dashboards:unit_history": {"GET": VIEW},
    # API
    "api:stats_overview": {"GET": VIEW},
    "api:stats_lookup": {"GET": READ},
    "api:stats_person_history": {"GET": READ},
    "api:stats_unit_history": {"GET": VIEW},
}
