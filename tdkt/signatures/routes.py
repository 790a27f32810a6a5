"""Routes of this app (merged into config/permission_map.py). The pages that sign and verify a
document belong to the app that issues it (awards: ``awards:decision_sign``, ``awards:decision_verify``),
which knows who may see the document; this app has none of its own yet."""

ROUTES: dict[str, object] = {}
