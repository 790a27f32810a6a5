"""Routes of this app and what they need (merged into config/permission_map.py).

A teacher checks her own report (VIEW_OWN_RECORDS); officers and reviewers those of
the people and units they may view (VIEW_RECORDS). The view then checks the subject."""

from tdkt.accounts.permissions import Perm

READ = (Perm.VIEW_RECORDS, Perm.VIEW_OWN_RECORDS)

ROUTES: dict[str, object] = {
    "reportcheck:check": {"GET": READ, "POST": READ},
    "reportcheck:generated": {"POST": READ},
    "reportcheck:result": {"GET": READ},
    "reportcheck:annotated": {"GET": READ},
    # API
    "api:reportcheck_check": {"POST": READ},
}
