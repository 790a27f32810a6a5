"""``tdkt worker``: run the background jobs (Excel imports, large documents) until stopped.

    tdkt worker            wait for jobs, run them one at a time (Ctrl+C / SIGTERM to stop)
    tdkt worker --once     run the jobs waiting now, then exit (tests, cron)

Imports are asked first whenever both wait: an import is a user waiting at a
preview, usually for seconds; a batch of certificates may take minutes.
"""

from __future__ import annotations

import signal

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Chạy các việc nền (nhập Excel, tạo văn bản lớn). Run background jobs (Excel imports, large documents)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run the waiting jobs, then exit")
        parser.add_argument("--sleep", type=float, default=1.0, help="seconds between polls when idle")

    def handle(self, *args, once: bool = False, sleep: float = 1.0, **options):
        from tdkt.documents import jobs as document_jobs
        from tdkt.records import imports_jobs

        stopping = []

        def stop(signum, frame):  # finish the job in hand, then leave
            stopping.append(signum)

        if not once:
            signal.signal(signal.SIGTERM, stop)
            signal.signal(signal.SIGINT, stop)
            imports_jobs.reset_stale()
            document_jobs.reset_stale()
        queues = [(imports_jobs.claim_next, imports_jobs.run), (document_jobs.claim_next, document_jobs.run)]
        count = document_jobs.work(queues=queues, once=once, sleep=sleep, stop=lambda: bool(stopping))
        if once or options.get("verbosity", 1) > 1:
            self.stdout.write(f"{count} việc đã chạy / jobs run")
