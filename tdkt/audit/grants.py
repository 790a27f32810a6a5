"""The PostgreSQL grants for running TĐKT as an application role that does not own its tables
(docs/deployment.md, "Database roles").

The owner role runs the migrations and owns every table, so only it can TRUNCATE, ALTER or
DISABLE TRIGGER. The application role reads and writes the ordinary tables, but may only SELECT
and INSERT the audit trail (and move its chain head): the append-only triggers then hold against
the application itself, and the hash chain catches what the owner could still do.
"""

from __future__ import annotations

import re

AUDIT_TABLE = "audit_auditevent"
CHAIN_HEAD_TABLE = "audit_auditchainhead"
_ROLE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def grant_statements(*, app_role: str, owner_role: str, schema: str = "public") -> list[str]:
    """The SQL, in order; safe to run again after each upgrade (GRANT and REVOKE are idempotent)."""
    for name in (app_role, owner_role, schema):
        if not _ROLE.match(name):
            raise ValueError(f"not a plain PostgreSQL identifier: {name!r}")
    return [
        f"REVOKE ALL ON SCHEMA {schema} FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA {schema} TO {app_role}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {app_role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {app_role}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {schema} TO {app_role}",
        # The audit trail: read and append only; the chain head is moved by every writer.
        f"REVOKE UPDATE, DELETE, TRUNCATE ON {schema}.{AUDIT_TABLE} FROM {app_role}",
        f"REVOKE DELETE, TRUNCATE ON {schema}.{CHAIN_HEAD_TABLE} FROM {app_role}",
        # Tables the owner creates in later migrations get the same ordinary rights (no TRUNCATE);
        # rerun this after an upgrade that adds an append-only table.
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner_role} IN SCHEMA {schema} "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app_role}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner_role} IN SCHEMA {schema} "
        f"GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {app_role}",
    ]
