"""A pytest plugin loaded before Django's settings (``-p config.pytest_env`` in pyproject.toml's
addopts): the tests run with the local secret key of the demo (config/settings.py), never a key
written in the code, and without the production refusal that TDKT_SECRET_KEY's absence causes."""

import os

os.environ.setdefault("TDKT_LOCAL_SECRET_KEY", "1")
