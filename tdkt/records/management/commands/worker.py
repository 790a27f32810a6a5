"""``tdkt worker``: run the background jobs (Excel imports) until stopped.

    tdkt worker            wait for jobs, run them one at a time (Ctrl+C / SIGTERM to stop)
    tdkt worker --once     run the jobs waiting now, then exit (tests, cron)
"""

from __future__ import annotations

import signal

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Chạy các việc nền (nhập Excel). Run background jobs (Excel imports)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run the waiting jobs, then exit")
        parser.add_argument("--sleep", type=float, default=1.0, help="seconds between polls when idle")

    def handle(self, *args, once: bool = False, sleep: float = 1.0, **options):
        from tdkt.records import imports_jobs

        stopping = []

        def stop(signum, frame):  # finish the job in hand, then leave
            stopping.append(signum)

        if not once:
            signal.signal(signal.SIGTERM, stop)
            signal.signal(signal.SIGINT, stop)
            imports_jobs.reset_stale()
        count = imports_jobs.work(once=once, sleep=sleep, stop=lambda: bool(stopping))
        if once or options.get("verbosity", 1) > 1:
            self.stdout.write(f"{count} việc đã chạy / jobs run")
