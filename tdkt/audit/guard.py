"""The SQLite triggers' guard (migration 0005): the triggers refuse UPDATE and DELETE on the audit
table unless ``tdkt_audit_guard()`` answers 0, which it does only inside :func:`wiping`.

Django's ``flush`` (what the test runner uses between transactional tests) empties every table
with DELETE, so it runs inside :func:`wiping` (tdkt/audit/management/commands/flush.py); wiping the
whole database is the only thing allowed. Any other connection (the sqlite3 shell, a script) has
no such function, so its UPDATE or DELETE fails too. It keeps honest tools honest, like the
PostgreSQL trigger that its owner could disable: the hash chain is what detects the rest.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

_state = threading.local()


def _guard() -> int:
    return 0 if getattr(_state, "wiping", False) else 1


@contextlib.contextmanager
def wiping() -> Iterator[None]:
    _state.wiping = True
    try:
        yield
    finally:
        _state.wiping = False


def register(sender, connection, **kwargs) -> None:
    """connection_created receiver: give each SQLite connection the guard function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("tdkt_audit_guard", 0, _guard, deterministic=False)
