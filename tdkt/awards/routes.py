"""Routes of this app and what they need (merged into config/permission_map.py)."""

ROUTES: dict[str, object] = {}
