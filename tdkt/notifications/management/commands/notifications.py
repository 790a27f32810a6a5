"""``tdkt notifications``: one cycle of the reminders and e-mails, for cron or a systemd timer.

    tdkt notifications               the scheduler's reminders, the e-mails due, the daily digests
    tdkt notifications --no-schedule only the e-mails (the scheduler runs elsewhere)
    tdkt notifications --failed      list the e-mails that could not be sent

``tdkt worker`` runs the same cycle on its loop; running both does no harm (each row is claimed once).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Gửi thư thông báo và nhắc hạn đến hạn (cho cron/systemd). Send due notification e-mails and reminders."

    def add_arguments(self, parser):
        parser.add_argument("--no-schedule", action="store_true", help="send e-mails only, no new reminders")
        parser.add_argument("--failed", action="store_true", help="list the e-mails that failed, send nothing")

    def handle(self, *args, no_schedule: bool = False, failed: bool = False, **options):
        if failed:
            from tdkt.notifications.selectors import failed_emails

            rows = list(failed_emails().order_by("pk"))
            for n in rows:
                self.stdout.write(f"#{n.pk} {n.recipient.email} «{n.title}» – {n.email_attempts} lần: "
                                  f"{n.email_last_error}")
            self.stdout.write(f"{len(rows)} thư gửi không được.")
            return
        from tdkt.notifications.cycle import run_cycle

        self.stdout.write(str(run_cycle(schedule=not no_schedule)))
