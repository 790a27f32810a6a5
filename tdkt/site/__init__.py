"""The top layer of TĐKT (see docs/architecture.md, "Layers"): it imports any app, no app imports it."""
