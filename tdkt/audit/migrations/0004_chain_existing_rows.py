"""Chain the audit rows written before the hash chain existed, oldest first, and create the head.

On PostgreSQL the append-only trigger (0002) is switched off for this one transaction only: the
migration runs as the table's owner, which is exactly why the application must not (docs/deployment.md).
"""

from django.db import migrations

from tdkt.audit.chain import GENESIS, HASHED_FIELDS, row_hash


def forward(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_no_change")
    prev, last_id, count = GENESIS, None, 0
    for values in AuditEvent.objects.order_by("id").values("id", *HASHED_FIELDS).iterator(chunk_size=2000):
        digest = row_hash(values, prev)
        AuditEvent.objects.filter(pk=values["id"]).update(prev_hash=prev, row_hash=digest)
        prev, last_id, count = digest, values["id"], count + 1
    if postgres:
        schema_editor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_auditevent_no_change")
    AuditChainHead.objects.update_or_create(pk=1, defaults={"last_id": last_id, "last_hash": prev if last_id else "",
                                                            "count": count})


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_hash_chain")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
