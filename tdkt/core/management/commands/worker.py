"""``tdkt worker``: run the background jobs (Excel imports, large documents) until stopped.

    tdkt worker            wait for jobs, run them one at a time (Ctrl+C / SIGTERM to stop)
    tdkt worker --once     run the jobs waiting now, then exit (tests, cron)

The jobs are tasks of Django's task framework (``TASKS`` in settings): with the
database backend (the default) this command is its worker; with RQ or Celery
their own workers run the tasks, and this command still puts back the jobs
whose worker died and runs any waiting row no task names. Every cycle puts back
the dead jobs first (``tdkt/core/jobs.py``: heartbeat older than two minutes).
The job tables are those the apps register in their ``jobs.py``.
Imports are asked first whenever both wait (their task's priority is higher): an
import is a user waiting at a preview, usually for seconds; a batch of
certificates may take minutes.
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
        from tdkt.core import jobs

        stopping = []

        def stop(signum, frame):  # finish the job in hand, then leave
            stopping.append(signum)

        if not once:
            signal.signal(signal.SIGTERM, stop)
            signal.signal(signal.SIGINT, stop)
        count = jobs.work(queues=jobs.registered(), once=once, sleep=sleep,
                          stop=lambda: bool(stopping))
        if once or options.get("verbosity", 1) > 1:
            self.stdout.write(f"{count} việc đã chạy / jobs run")
