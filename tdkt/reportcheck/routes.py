"""Routes of this app and what they need (merged into config/permission_map.py)."""

from tdkt.accounts.permissions import Perm  # noqa: F401

ROUTES: dict[str, object] = {}
