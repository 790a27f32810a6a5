"""Parallel writers on the embedded SQLite database (issue 17; README, "SQLite or PostgreSQL").

Makes a fresh SQLite file under a temporary TDKT_VAR_DIR, migrates it, and starts N threads that each
add people to one school through the services (person_create + employment_add: reads, then writes, with
their audit rows), all at once. Prints JSON: writes done, "database is locked" errors, other errors,
seconds. TDKT_SQLITE_TRANSACTION_MODE=DEFERRED shows SQLite's default behaviour for comparison.

    .venv/bin/python bench/sqlite_writers.py --threads 50 --writes 4
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=50)
    parser.add_argument("--writes", type=int, default=4, help="writes per thread")
    args = parser.parse_args()

    var = Path(tempfile.mkdtemp(prefix="tdkt-sqlite-writers-"))
    os.environ.update({"TDKT_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "config.settings"})
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("TDKT_LOCAL_SECRET_KEY", "1")  # a local measurement, on the demo's key
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import datetime as dt

    from django.core.management import call_command
    from django.db import OperationalError, connection, connections

    call_command("migrate", verbosity=0)
    from tdkt.org.models import UnitType
    from tdkt.org.reference import load_unit_types
    from tdkt.org.services import unit_create
    from tdkt.people.services import employment_add, person_create

    load_unit_types()
    school = unit_create(actor=None, parent=None, code="TH-X", name="Trường Tiểu học Thử",
                         unit_type=UnitType.objects.get(code="truong-th"))
    connection.close()

    counts = {"done": 0, "locked": 0, "other": 0}
    examples: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(args.threads)

    def writer(n: int) -> None:
        barrier.wait()  # all threads start together
        try:
            for i in range(args.writes):
                try:
                    person = person_create(actor=None, family_name="Nguyễn", middle_name="Văn",
                                           given_name=f"Thử {n}-{i}")
                    employment_add(actor=None, person=person, unit=school, position="giao_vien",
                                   start_date=dt.date(2025, 9, 5))
                    key = "done"
                except OperationalError as exc:
                    key = "locked" if "locked" in str(exc) else "other"
                    examples.append(str(exc))
                except Exception as exc:  # noqa: BLE001 - counted and shown, the measurement goes on
                    key = "other"
                    examples.append(repr(exc))
                with lock:
                    counts[key] += 1
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(args.threads)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    from tdkt.people.models import Person

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal_mode = cursor.fetchone()[0]

    print(json.dumps({**counts, "threads": args.threads, "writes_per_thread": args.writes,
                      "people_saved": Person.objects.count(), "seconds": round(elapsed, 2),
                      "journal_mode": journal_mode,
                      "transaction_mode": django.conf.settings.DATABASES["default"]["OPTIONS"]["transaction_mode"],
                      "examples": sorted(set(examples))[:3]}))


if __name__ == "__main__":
    main()
