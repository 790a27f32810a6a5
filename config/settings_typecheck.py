"""The settings mypy's Django plugin loads ([tool.django-stubs] in pyproject.toml): the real ones, with
the demo's local secret key allowed, since type checking starts no server and needs no real key."""

import os

os.environ.setdefault("TDKT_LOCAL_SECRET_KEY", "1")

from config.settings import *  # noqa: E402, F403
