"""Permission-walk cases of this app (collected by tdkt/accounts/tests/test_permission_map.py)."""

from tdkt.core.testing import Case  # noqa: F401

CASES: list = []
