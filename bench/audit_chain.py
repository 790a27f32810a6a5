"""What the audit hash chain costs: single audited writes one per transaction, a bulk of 10,000
rows in one transaction (an Excel import), and concurrent writers on PostgreSQL. Everything is
written into the configured database and deleted again with ``flush``-like care: run it on a
scratch database (``TDKT_VAR_DIR=/tmp/x`` or a scratch ``DATABASE_URL``).

    .venv/bin/python -m bench.audit_chain [--single 500] [--bulk 10000] [--writers 8]
"""

from __future__ import annotations

import argparse
import os
import threading
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections, transaction

    from tdkt.audit.services import AuditEntry, audit_record, audit_record_many

    parser = argparse.ArgumentParser()
    parser.add_argument("--single", type=int, default=500)
    parser.add_argument("--bulk", type=int, default=10000)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--no-chain", action="store_true", help="plain inserts, to compare (verify then fails)")
    args = parser.parse_args()
    if args.no_chain:
        from tdkt.audit import services
        from tdkt.audit.models import AuditEvent

        def plain(events, *, batch_size=500):
            AuditEvent.objects.bulk_create(events, batch_size=batch_size)

        services._chain = plain
    call_command("migrate", verbosity=0)
    print(f"engine: {connection.vendor}")

    t = time.perf_counter()
    for i in range(args.single):
        with transaction.atomic():
            audit_record(actor=None, event_type="bench.single", data={"i": i})
    single = time.perf_counter() - t
    print(f"single: {args.single} transactions in {single:.2f} s = {1000 * single / args.single:.2f} ms each")

    t = time.perf_counter()
    with transaction.atomic():
        audit_record_many(actor=None, entries=(AuditEntry(event_type="bench.bulk", data={"i": i, "tên": "Ánh"})
                                               for i in range(args.bulk)))
    bulk = time.perf_counter() - t
    print(f"bulk: {args.bulk} rows in one transaction in {bulk:.2f} s = {1e6 * bulk / args.bulk:.0f} µs per row")

    per_writer = 50
    errors: list[BaseException] = []

    def write() -> None:
        try:
            for i in range(per_writer):
                with transaction.atomic():
                    audit_record(actor=None, event_type="bench.concurrent", data={"i": i})
        except BaseException as exc:  # noqa: BLE001 - reported
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write) for _ in range(args.writers)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    conc = time.perf_counter() - t
    n = per_writer * args.writers
    print(f"concurrent: {args.writers} writers x {per_writer} = {n} transactions in {conc:.2f} s "
          f"({n / conc:.0f}/s), errors: {len(errors)} {errors[:1]}")

    if args.no_chain:
        return
    t = time.perf_counter()
    call_command("audit", "verify")
    print(f"verify: {time.perf_counter() - t:.2f} s")


if __name__ == "__main__":
    main()
