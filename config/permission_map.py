"""Every page and API endpoint, and what it needs. A route not listed here is refused.

``PUBLIC``: anyone. ``LOGIN``: any signed-in user (the view scopes what it shows).
A dict maps HTTP methods to the permission (or a tuple of permissions, any of
which will do) the user must hold on at least one unit; the view then checks the object's own unit with tdkt.accounts.access.
"""

from tdkt.accounts.permissions import Perm

PUBLIC = "public"
LOGIN = "login"
ADMIN_SITE = "admin-site"  # Django admin enforces is_staff itself

PERMISSION_MAP: dict[str, object] = {
    # pages
    "accounts:login": PUBLIC,
    "accounts:logout": PUBLIC,
    "accounts:password_change": LOGIN,
    "accounts:password_change_done": LOGIN,
    "accounts:password_reset": PUBLIC,
    "accounts:password_reset_done": PUBLIC,
    "accounts:password_reset_confirm": PUBLIC,  # the signed token in the link is the permission
    "accounts:password_reset_complete": PUBLIC,
    "accounts:two_factor_setup": LOGIN,
    "accounts:two_factor_verify": LOGIN,
    "set_language": PUBLIC,
    "core:home": LOGIN,
    "core:health": PUBLIC,
    "core:favicon": PUBLIC,
    "org:unit_tree": {"GET": Perm.VIEW_UNIT},
    "org:unit_detail": {"GET": Perm.VIEW_UNIT},
    "org:unit_create": {"GET": Perm.CHANGE_UNIT, "POST": Perm.CHANGE_UNIT},
    "org:unit_edit": {"GET": Perm.CHANGE_UNIT, "POST": Perm.CHANGE_UNIT},
    "org:unit_staff_year": {"GET": Perm.VIEW_PERSON},
    "people:person_list": {"GET": Perm.VIEW_PERSON},
    "people:person_detail": {"GET": (Perm.VIEW_PERSON, Perm.VIEW_OWN_PERSON)},
    "people:person_create": {"GET": Perm.CHANGE_PERSON, "POST": Perm.CHANGE_PERSON},
    "people:person_edit": {"GET": Perm.CHANGE_PERSON, "POST": Perm.CHANGE_PERSON},
    "people:employment_add": {"GET": Perm.CHANGE_PERSON, "POST": Perm.CHANGE_PERSON},
    "audit:event_list": {"GET": Perm.VIEW_AUDIT},
    # API
    "api:api-root": PUBLIC,
    "api:openapi-json": PUBLIC,
    "api:openapi-view": PUBLIC,
    "api:unit_list": {"GET": Perm.VIEW_UNIT, "POST": Perm.CHANGE_UNIT},
    "api:unit_detail": {"GET": Perm.VIEW_UNIT},
    "api:person_list": {"GET": Perm.VIEW_PERSON, "POST": Perm.CHANGE_PERSON},
    "api:person_detail": {"GET": (Perm.VIEW_PERSON, Perm.VIEW_OWN_PERSON), "PATCH": Perm.CHANGE_PERSON},
    "api:employment_list": {"POST": Perm.CHANGE_PERSON},
    "api:me": LOGIN,
}

NAMESPACE_RULES: dict[str, object] = {"admin": ADMIN_SITE}


def _merge_app_routes() -> None:
    """Apps added after the foundation declare their routes in ``tdkt/<app>/routes.py``
    (``ROUTES = {...}``) so that each app keeps its own declarations."""
    import importlib

    for app in ("accounts", "org", "records", "eligibility", "documents", "meetings", "campaigns", "awards",
                "notifications", "reportcheck", "dashboards", "complaints", "events", "exemplars", "scoresheets",
                "signatures"):
        try:
            module = importlib.import_module(f"tdkt.{app}.routes")
        except ModuleNotFoundError as exc:
            if exc.name != f"tdkt.{app}.routes" and exc.name != f"tdkt.{app}":
                raise
            continue
        duplicated = set(module.ROUTES) & set(PERMISSION_MAP)
        if duplicated:
            raise ValueError(f"routes declared twice: {sorted(duplicated)}")
        PERMISSION_MAP.update(module.ROUTES)


_merge_app_routes()
