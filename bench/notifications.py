"""Benchmark of the deadline reminders (docs/benchmarks.md, section "Notifications").

    DATABASE_URL=sqlite:////tmp/tdkt-bench-notify.sqlite3 .venv/bin/python bench/notifications.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt_bench_notify .venv/bin/python bench/notifications.py

A province of its own (code "BENCH-NOTI"): ``--wards`` wards, each launching a campaign whose
registration dossiers are due in 3 days, with ``--schools`` schools under each, none of which has
sent it, and two officers per school (a TĐKT officer and the head), each with an e-mail address:
``wards × schools × 2`` reminders (10,000 by default). Measured: the scheduler's run that computes
and queues them all (one notification and one pending e-mail each), the second run that finds them
there and writes nothing, and sending the queued e-mails through Django's dummy backend (the
system's own work per e-mail: the access check again, the message built, the row marked sent).

Target: 10,000 reminders computed and queued in under 60 s on the 2-core machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

ROOT_CODE = "BENCH-NOTI"


def build(wards: int, schools: int) -> None:
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from tdkt.accounts.choices import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.campaigns.models import Campaign
    from tdkt.org.models import Unit, UnitType
    from tdkt.org.reference import load_unit_types
    from tdkt.org.services import school_year_get_or_create, unit_create

    call_command("migrate", verbosity=0)
    if Unit.objects.filter(code=ROOT_CODE).exists():
        return
    load_unit_types()
    t = {ut.code: ut for ut in UnitType.objects.all()}
    today = timezone.localdate()
    year = school_year_get_or_create(actor=None, start_year=today.year if today.month >= 8 else today.year - 1)
    with transaction.atomic():
        root = unit_create(actor=None, parent=None, code=ROOT_CODE, name="Sở GD&ĐT Thử hiệu năng",
                           unit_type=t["so-gddt"])
        users, memberships = [], []
        for w in range(wards):
            ward = unit_create(actor=None, parent=root, code=f"{ROOT_CODE}-P{w:03}", name=f"UBND phường Thử {w}",
                               unit_type=t["ubnd-xa"])
            # Schools in bulk (their materialised paths computed as treebeard would).
            rows = [Unit(code=f"{ward.code}-T{s:03}", name=f"Trường Tiểu học Thử {w}-{s}", unit_type=t["truong-th"],
                         school_level="tieu_hoc", depth=ward.depth + 1, numchild=0,
                         path=Unit._get_path(ward.path, ward.depth + 1, s + 1)) for s in range(schools)]
            Unit.objects.bulk_create(rows, batch_size=500)
            Unit.objects.filter(pk=ward.pk).update(numchild=schools)
            Campaign.objects.create(unit=ward, name=f"Phong trào thi đua phường Thử {w}", school_year=year,
                                    registration_deadline=today + dt.timedelta(days=3))
            for s in range(schools):
                for role in ("tdkt", "ht"):
                    users.append(User(username=f"bn-{w}-{s}-{role}", email=f"bn-{w}-{s}-{role}@truong.example",
                                      password="!"))
        User.objects.bulk_create(users, batch_size=1000)
        by_name = dict(User.objects.filter(username__startswith="bn-").values_list("username", "pk"))
        units = dict(Unit.objects.filter(code__startswith=f"{ROOT_CODE}-P", depth=root.depth + 2)
                     .values_list("code", "pk"))
        for w in range(wards):
            for s in range(schools):
                unit_id = units[f"{ROOT_CODE}-P{w:03}-T{s:03}"]
                memberships.append(Membership(user_id=by_name[f"bn-{w}-{s}-tdkt"], unit_id=unit_id,
                                              role=Role.TDKT_OFFICER))
                memberships.append(Membership(user_id=by_name[f"bn-{w}-{s}-ht"], unit_id=unit_id, role=Role.HEAD))
        Membership.objects.bulk_create(memberships, batch_size=1000)


def measure() -> dict:
    from django.conf import settings
    from django.db import connection

    from tdkt.notifications.choices import EmailStatus
    from tdkt.notifications.emails import send_due
    from tdkt.notifications.models import Notification
    from tdkt.notifications.scheduler import run_scheduler

    Notification.objects.filter(recipient__username__startswith="bn-").delete()
    out: dict = {"database": connection.vendor, "cpus": os.cpu_count(), "python": platform.python_version()}
    started = time.perf_counter()
    first = run_scheduler()
    out["first_run_s"] = round(time.perf_counter() - started, 2)
    out["reminders"] = first.created
    out["queued_emails"] = Notification.objects.filter(email_status=EmailStatus.PENDING).count()
    started = time.perf_counter()
    second = run_scheduler()
    out["second_run_s"] = round(time.perf_counter() - started, 2)
    out["second_run_created"] = second.created
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    started = time.perf_counter()
    sent = 0
    while True:
        n = send_due(limit=2000).sent
        if not n:
            break
        sent += n
    out["send_s"] = round(time.perf_counter() - started, 2)
    out["sent"] = sent
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wards", type=int, default=100)
    parser.add_argument("--schools", type=int, default=50)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    started = time.perf_counter()
    build(args.wards, args.schools)
    print(f"setup: {time.perf_counter() - started:.1f} s", flush=True)
    result = measure()
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
