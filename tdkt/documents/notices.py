"""The one who asked for a large document (a batch of certificates, a long decision) hears when the worker has
made it, or could not (through ``tdkt.notifications``); a job made inside the request needs no notice."""

from __future__ import annotations

from django.urls import reverse

from tdkt.notifications.audience import Access
from tdkt.notifications.choices import Kind
from tdkt.notifications.services import notify


def job_finished(job) -> None:
    if job.user_id is None:
        return
    notify(kind=Kind.JOB_FINISHED, target=job, recipients=[job.user], access=Access(),
           url=reverse("documents:job_detail", args=[job.pk]),
           occasion=f"{job.status}:{job.finished_at:%Y%m%d%H%M%S%f}",
           title=f"{job.title or job.kind}: {job.get_status_display().lower()}",
           body=job.message or "Tệp đã sẵn sàng: mở trang để tải về.")
