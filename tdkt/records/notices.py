"""The one who started an Excel import hears when a job the worker ran is finished (through
``tdkt.notifications``); an import small enough to run inside the request needs no notice."""

from __future__ import annotations

from django.urls import reverse

from tdkt.notifications.audience import Access
from tdkt.notifications.choices import Kind
from tdkt.notifications.services import notify


def import_finished(job, *, inline: bool) -> None:
    if inline:
        return
    status = job.get_status_display()
    notify(kind=Kind.JOB_FINISHED, target=job, recipients=[job.user], access=Access(),
           url=reverse("records:import_job", args=[job.pk]), occasion=f"{job.status}:{job.finished_at:%Y%m%d%H%M%S%f}",
           title=f"Nhập Excel «{job.filename}»: {status.lower()}",
           body=job.message or "Mở trang để xem kết quả.")
