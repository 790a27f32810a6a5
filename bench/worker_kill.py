"""A worker killed mid-commit (docs/architecture.md, "Background jobs"): how long until the job is done.

    TDKT_VAR_DIR=/tmp/tdkt-kill .venv/bin/python bench/worker_kill.py --rows 5000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt_kill TDKT_VAR_DIR=/tmp/tdkt-kill-pg \\
        .venv/bin/python bench/worker_kill.py --rows 5000

Use a database (and a var directory) of its own: the run migrates it, loads the reference data
and the demo, adds ``--rows`` teachers to one demo school and queues a ratings file for them as a
background import. A ``tdkt worker`` process checks it; the commit is asked; a second worker
starts writing and is killed with SIGKILL once its progress shows rows written; a third worker is
started at once. Reported: the job's state after the kill, the seconds from the kill until the
job is done, the rows written and the (person, school year) pairs written twice (must be 0).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("TDKT_LOCAL_SECRET_KEY", "1")  # a local measurement, on the demo's key
WORKER = [sys.executable, str(ROOT / "manage.py"), "worker", "--sleep", "1"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--school-officer", default="tdkt.nbk", help="a demo officer of one school")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Count

    from tdkt.accounts.models import Membership
    from tdkt.people.models import Employment, Person
    from tdkt.records import imports, imports_jobs
    from tdkt.records.models import ImportJob, PersonRating
    from tdkt.records.tests.kinds import RATINGS, book, rating_row

    quiet = io.StringIO()
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0, stdout=quiet)
    call_command("demo", verbosity=0, stdout=quiet)
    m = Membership.objects.select_related("user", "unit").get(user__username=args.school_officer)
    people = Person.objects.bulk_create([
        Person(family_name="Kiểm", middle_name="Thử", given_name=f"Số{i:05d}",
               birth_date=dt.date(1960, 1, 1) + dt.timedelta(days=i)) for i in range(args.rows)])
    for p in people:
        p.refresh_derived()
    Person.objects.bulk_update(people, ["sort_name", "search_name"])
    Employment.objects.bulk_create([Employment(person=p, unit=m.unit, position="giao_vien",
                                               start_date=dt.date(2015, 9, 1)) for p in people])
    data = book(RATINGS, [rating_row(n=i, name=p.full_name, born=f"{p.birth_date:%d/%m/%Y}", year="2023-2024")
                          for i, p in enumerate(people, 1)])
    imports_jobs.INLINE_MAX_BYTES = 0
    spec = imports.get_spec("xep-loai")
    assert spec is not None
    job = imports_jobs.job_create(user=m.user, spec=spec, data=data, filename=f"xep-loai-{args.rows}.xlsx")
    subprocess.run([*WORKER[:3], "--once"], check=True, stdout=subprocess.DEVNULL)
    job.refresh_from_db()
    assert imports_jobs.request_commit(job), job.status
    before = PersonRating.objects.count()

    progress = imports_jobs._progress_path(job.pk)
    first = subprocess.Popen(WORKER, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen = ""
    for _ in range(400):
        time.sleep(0.05)
        try:
            seen = progress.read_text(encoding="ascii")
        except OSError:
            continue
        if seen.startswith("write ") and int(seen.split()[1]) > 0:
            break
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed = time.monotonic()
    job.refresh_from_db()
    print(f"killed at progress {seen!r}: job {job.status}, ratings {PersonRating.objects.count() - before:+d}")

    second = subprocess.Popen(WORKER, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    while job.status != ImportJob.Status.DONE and time.monotonic() - killed < 600:
        time.sleep(0.5)
        job.refresh_from_db()
    took = time.monotonic() - killed
    second.send_signal(signal.SIGTERM)
    _, log = second.communicate(timeout=60)
    twice = (PersonRating.objects.values("person", "school_year").annotate(c=Count("id"))
             .filter(c__gt=1).count())
    print(f"done {took:.0f} s after the kill: {job.status}, summary {job.summary}, "
          f"ratings {PersonRating.objects.count() - before:+d}, pairs written twice {twice}")
    print("second worker said:", log.strip().splitlines()[-1:] or "-")


if __name__ == "__main__":
    main()
