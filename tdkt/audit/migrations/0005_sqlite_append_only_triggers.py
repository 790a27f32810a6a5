"""On SQLite too, the database refuses UPDATE and DELETE on the audit table (PostgreSQL: 0002).

The triggers fire unless ``tdkt_audit_guard()`` (tdkt/audit/guard.py) says a whole-database flush
is running; a connection without that function (the sqlite3 shell) cannot change rows either.
A later migration that alters AuditEvent on SQLite rebuilds the table and with it drops these
triggers: it must create them again (test_audit checks that a raw UPDATE is refused on both).
"""

from django.db import migrations

FORWARD = [
    """CREATE TRIGGER IF NOT EXISTS audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent
       WHEN tdkt_audit_guard() BEGIN SELECT RAISE(ABORT, 'audit_auditevent is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS audit_auditevent_no_delete BEFORE DELETE ON audit_auditevent
       WHEN tdkt_audit_guard() BEGIN SELECT RAISE(ABORT, 'audit_auditevent is append-only'); END""",
]
BACKWARD = ["DROP TRIGGER IF EXISTS audit_auditevent_no_update", "DROP TRIGGER IF EXISTS audit_auditevent_no_delete"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_chain_existing_rows")]
    operations = [migrations.RunPython(forward, backward)]
