import pytest
from django.db import connection, transaction

from tdkt.audit.models import AuditEvent
from tdkt.audit.services import audit_record


def test_every_service_write_left_one_row(world):
    # The fixture created 6 units, 1 school year, 4 people and 4 employments through services.
    counts = {t: AuditEvent.objects.filter(event_type=t).count()
              for t in ["unit.created", "school_year.created", "person.created", "employment.added"]}
    assert counts == {"unit.created": 6, "school_year.created": 1, "person.created": 4, "employment.added": 4}


def test_rows_cannot_be_edited_or_deleted(world):
    event = AuditEvent.objects.first()
    event.reason = "sửa"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="x")
    event.refresh_from_db()
    assert event.reason == ""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigger exists on PostgreSQL only")
def test_database_refuses_raw_update_on_postgresql(world):
    from django.db import DatabaseError

    event = AuditEvent.objects.first()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute("UPDATE audit_auditevent SET reason = 'x' WHERE id = %s", [event.pk])
    event.refresh_from_db()
    assert event.reason == ""


def test_audit_requires_a_transaction(transactional_db):
    with pytest.raises(RuntimeError):
        audit_record(actor=None, event_type="x")
    assert AuditEvent.objects.count() == 0
