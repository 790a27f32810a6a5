"""The database refuses raw changes to the audit table on both engines, and the hash chain names
the first row changed, removed or cut behind the triggers' back."""

import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, connections, transaction

from tdkt.audit.grants import grant_statements
from tdkt.audit.models import AuditChainHead, AuditEvent
from tdkt.audit.services import AuditEntry, audit_record, audit_record_many


def _verify() -> str:
    from io import StringIO

    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def _broken_at() -> str:
    with pytest.raises(CommandError) as info:
        _verify()
    return str(info.value)


def _triggers_off(cur) -> None:
    if connection.vendor == "sqlite":
        cur.execute("DROP TRIGGER audit_auditevent_no_update")
        cur.execute("DROP TRIGGER audit_auditevent_no_delete")
    else:
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE waits for no pending FK checks
        cur.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_no_change")


@pytest.mark.parametrize("sql", ["UPDATE audit_auditevent SET reason = 'x' WHERE id = %s",
                                 "DELETE FROM audit_auditevent WHERE id = %s"])
def test_database_refuses_raw_update_and_delete(world, sql):
    event = AuditEvent.objects.order_by("id").first()
    before = AuditEvent.objects.count()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute(sql, [event.pk])
    event.refresh_from_db()
    assert event.reason == "" and AuditEvent.objects.count() == before


def test_rows_written_by_services_form_an_intact_chain(world):
    with transaction.atomic():
        audit_record_many(actor=None, entries=[AuditEntry(event_type="t.bulk", data={"i": i, "tên": "Ngô Thị Ánh"})
                                                for i in range(7)])
    rows = list(AuditEvent.objects.order_by("id"))
    assert rows[0].prev_hash == "0" * 64
    assert all(b.prev_hash == a.row_hash for a, b in zip(rows, rows[1:], strict=False))
    head = AuditChainHead.objects.get(pk=1)
    assert (head.last_id, head.last_hash) == (rows[-1].pk, rows[-1].row_hash)
    assert f"{len(rows)} dòng" in _verify()


def test_verify_names_the_row_changed_through_raw_sql(world):
    target = AuditEvent.objects.order_by("id")[3]
    with connection.cursor() as cur:
        _triggers_off(cur)
        cur.execute("UPDATE audit_auditevent SET reason = 'đã sửa' WHERE id = %s", [target.pk])
    message = _broken_at()
    assert f"dòng số {target.pk}:" in message and "bị sửa" in message


def test_verify_names_the_row_after_a_deleted_one(world):
    rows = list(AuditEvent.objects.order_by("id")[:4])
    with connection.cursor() as cur:
        _triggers_off(cur)
        cur.execute("DELETE FROM audit_auditevent WHERE id = %s", [rows[2].pk])
    message = _broken_at()
    assert f"dòng số {rows[3].pk}:" in message and "không nối" in message


def test_verify_notices_the_newest_rows_cut(world):
    last = AuditEvent.objects.order_by("-id").first()
    with connection.cursor() as cur:
        _triggers_off(cur)
        cur.execute("DELETE FROM audit_auditevent WHERE id = %s", [last.pk])
    assert "mới nhất bị xóa" in _broken_at()


def test_a_rehashed_forgery_still_breaks_at_the_head(world):
    # Someone who recomputes the edited row's hash must recompute every later one and the head too.
    last = AuditEvent.objects.order_by("-id").first()
    with connection.cursor() as cur:
        _triggers_off(cur)
        cur.execute("UPDATE audit_auditevent SET row_hash = %s WHERE id = %s", ["f" * 64, last.pk])
    assert f"dòng số {last.pk}:" in _broken_at()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_chain():
    errors: list[Exception] = []

    def write(n: int) -> None:
        try:
            for i in range(10):
                with transaction.atomic():
                    audit_record(actor=None, event_type="t.concurrent", data={"w": n, "i": i})
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert AuditEvent.objects.count() == 60
    assert "60 dòng" in _verify()


def test_the_application_role_may_not_truncate_or_rewrite_the_audit_trail():
    sql = grant_statements(app_role="tdkt_app", owner_role="tdkt_owner")
    assert "REVOKE UPDATE, DELETE, TRUNCATE ON public.audit_auditevent FROM tdkt_app" in sql
    assert not any("TRUNCATE" in s and s.startswith("GRANT") for s in sql)
    with pytest.raises(ValueError):
        grant_statements(app_role="x; DROP TABLE y", owner_role="tdkt_owner")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="roles are PostgreSQL's")
def test_on_postgresql_the_application_role_cannot_truncate_or_disable(world):
    out_before = AuditEvent.objects.count()
    with connection.cursor() as cur:
        cur.execute("CREATE ROLE tdkt_app_probe NOLOGIN")
    call_command("audit", "grants", "--app-role", "tdkt_app_probe", "--apply", stdout=__import__("io").StringIO())
    for sql in ["TRUNCATE audit_auditevent", "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_no_change",
                "UPDATE audit_auditevent SET reason = 'x'"]:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
            cur.execute("SET LOCAL ROLE tdkt_app_probe")
            cur.execute(sql)
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL ROLE tdkt_app_probe")
        with transaction.atomic():
            audit_record(actor=None, event_type="t.as_app_role")
        cur.execute("SELECT count(*) FROM audit_auditevent")
        assert cur.fetchone()[0] == out_before + 1


def test_verify_fails_when_the_append_only_triggers_are_gone(world):
    with connection.cursor() as cur:
        _triggers_off(cur)
    assert "thiếu trigger chống sửa" in _broken_at()
