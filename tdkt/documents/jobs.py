"""Documents made in the background: a job row, a registry of job kinds, and the
claim/run steps that ``tdkt worker`` drives (the same pattern as the Excel import
jobs in ``tdkt/records/imports_jobs.py``).

A kind is a function ``make(job, progress) -> (bytes, filename)``: it reads what it
needs from ``job.params`` (plain JSON: primary keys, not objects, because the row
waits in a queue and objects change meanwhile), calls ``progress(done, total)`` as it
goes (``phase=`` names a new step, whose count starts again), and raises ``JobRefused`` with a Vietnamese message when the request no longer
makes sense (the unit was taken out of the user's reach, nothing is left to print).
Apps declare their kinds in their own ``jobs.py`` module, found the way Django's
admin finds ``admin.py`` — no import of the apps from here, no signal.

A queued job is handed to Django's task framework (``run_document_job``, by pk);
claiming, heartbeats, the requeue of a job whose worker died and the worker loop
are the one mechanism of ``tdkt/core/jobs.py``. Progress goes to the row in
autocommit, so the page sees it at once: a kind does all its reading before it
renders and writes nothing, so it never runs inside a transaction — and running
it again after a crash makes the same file.
"""

from __future__ import annotations

import datetime as dt
import logging
import mimetypes
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy
from django_tasks import task

from tdkt.audit.services import audit_record
from tdkt.core import jobs as core_jobs

from .models import DocumentJob

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

log = logging.getLogger(__name__)

S = DocumentJob.Status
PROGRESS_EVERY_SECONDS = 0.3
# A job still waiting after this long: the worker is probably not running (the page says so).
STALLED_SECONDS = 120
# Finished files are kept this long: they hold names of people, and the rows should not grow forever.
KEEP_FILES = dt.timedelta(days=7)
EXPIRED_MESSAGE = "Tệp đã được xóa sau 7 ngày. Hãy yêu cầu lại từ trang của văn bản để có tệp mới."
FAILED_MESSAGE = ("Lỗi hệ thống khi tạo tệp; chưa có tệp nào được tạo. Hãy yêu cầu lại, hoặc báo quản trị viên "
                  "nếu lỗi lặp lại.")

Progress = Callable[..., None]  # progress(done, total=None, phase=None)


class JobRefused(Exception):
    """A kind cannot make its file; ``message`` (Vietnamese) is shown to the user as is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class JobKind:
    code: str
    title: str | StrPromise  # what the page calls it, e.g. «Giấy khen, bằng khen theo lô»
    make: Callable[[DocumentJob, Progress], tuple[bytes, str]]
    content_type: str = ""  # by default, guessed from the filename
    counts: str | StrPromise = gettext_lazy("trang")  # what done/total count on the progress bar: «trang», «dòng», «mục»


REGISTRY: dict[str, JobKind] = {}
_discovered = False


def register(kind: JobKind) -> JobKind:
    REGISTRY[kind.code] = kind
    return kind


def get_kind(code: str) -> JobKind | None:
    global _discovered
    if not _discovered:
        autodiscover_modules("jobs")  # each app's jobs.py registers its kinds
        _discovered = True
    return REGISTRY.get(code)


# --------------------------------------------------------------------------- asking for a job


def job_create(*, actor, kind: str, params: dict, total: int = 0, title: str = "") -> DocumentJob:
    """Queue a job for ``actor``, with the audit row of the request in the same transaction.

    The same request while the same job still waits or runs (a second click, a reload) gets that
    job back rather than a second copy of the work."""
    if get_kind(kind) is None:
        raise ValueError(f"unknown document job kind {kind!r}")
    sweep_expired()
    # Compared in Python: JSON equality in SQL differs between SQLite and PostgreSQL.
    for job in DocumentJob.objects.filter(user=actor, kind=kind, status__in=[S.QUEUED, S.RUNNING]).defer("content"):
        if job.params == params:
            return job
    with transaction.atomic():
        job = DocumentJob.objects.create(kind=kind, user=actor, params=params, total=total, title=title[:300])
        core_jobs.enqueue(run_document_job, job.pk)  # the job and its task exist together, or neither
        audit_record(actor=actor, event_type="documents.job_requested", target=job,
                     data={"kind": kind, "params": params, "total": total, "title": job.title})
    return job


def sweep_expired() -> int:
    """Drop the files finished more than KEEP_FILES ago (the row stays, for the list and the audit)."""
    return core_jobs.sweep(DocumentJob, finished=S.DONE, older_than=KEEP_FILES, status=S.EXPIRED, content=b"",
                           message=EXPIRED_MESSAGE)


def job_downloaded(*, actor, job: DocumentJob) -> None:
    """Who fetched a finished file, and when (the file may hold personal data)."""
    with transaction.atomic():
        audit_record(actor=actor, event_type="documents.job_downloaded", target=job,
                     data={"kind": job.kind, "filename": job.filename, "bytes": job.size,
                           "owner": job.user_id})


def job_of(user, pk: int) -> DocumentJob | None:
    """A job is its requester's (an administrator may see any): for anyone else it does not
    exist — the file may list people of units they do not reach."""
    qs = DocumentJob.objects.defer("content").select_related("user")
    if not user.is_superuser:
        qs = qs.filter(user=user)
    return qs.filter(pk=pk).first()


def job_file(job: DocumentJob) -> bytes:
    return bytes(DocumentJob.objects.values_list("content", flat=True).get(pk=job.pk))


def jobs_of(user, *, limit: int = 10) -> list[DocumentJob]:
    """A user's latest jobs, without their files."""
    return list(DocumentJob.objects.filter(user=user).defer("content").order_by("-id")[:limit])


def page_context(job: DocumentJob) -> dict:
    """What the status page and its progress bar show."""
    kind = get_kind(job.kind)
    stalled = (job.status == S.QUEUED
               and (timezone.now() - job.created_at).total_seconds() > STALLED_SECONDS)
    return {"job": job, "kind": kind, "kind_title": kind.title if kind else job.kind, "done": job.done,
            "total": job.total, "percent": job.percent, "stalled": stalled,
            "counts": kind.counts if kind else gettext_lazy("mục")}


# --------------------------------------------------------------------------- running it


class Reporter:
    """Writes progress to the row at most every PROGRESS_EVERY_SECONDS (and always the last step).

    A renderer may report from helper threads (parallel PDF parts): only the thread that
    runs the job writes — another thread would open a database connection of its own,
    outside the job's — so a helper's count is kept and written at the next report of the
    job's thread."""

    def __init__(self, job: DocumentJob):
        self.job = job
        self.last = 0.0
        self.owner = threading.get_ident()
        self.lock = threading.Lock()

    def __call__(self, done: int, total: int | None = None, phase: str | None = None) -> None:
        with self.lock:
            if total is not None:
                self.job.total = total
            new_phase = phase is not None and phase != self.job.phase
            if new_phase and phase is not None:  # a new step starts its count again (new_phase: never None)
                self.job.phase, self.job.done = phase, done
            self.job.done = max(done, self.job.done)
            done, total, phase = self.job.done, self.job.total, self.job.phase
        if threading.get_ident() != self.owner:
            return
        now = time.monotonic()
        if not new_phase and now - self.last < PROGRESS_EVERY_SECONDS and done < total:
            return
        self.last = now
        core_jobs.beat(DocumentJob, self.job.pk, done=done, total=total, phase=phase)


def run(job: DocumentJob) -> DocumentJob:
    """Make the file of a claimed (or inline) job. A refusal or a crash marks it failed with a
    Vietnamese message; either way no half-made file is kept."""
    kind = get_kind(job.kind)
    now = timezone.now()
    DocumentJob.objects.filter(pk=job.pk).update(status=S.RUNNING, started_at=now, heartbeat_at=now, done=0,
                                                 phase="", message="")
    try:
        if kind is None:
            raise JobRefused("Loại văn bản này không còn được hỗ trợ; hãy yêu cầu lại từ trang của văn bản.")
        # A long layout may report nothing for a while (parallel parts): the thread beats meanwhile.
        with core_jobs.Beating(lambda: core_jobs.beat(DocumentJob, job.pk)):
            content, filename = kind.make(job, Reporter(job))
    except JobRefused as exc:
        return _fail(job, exc.message)
    except Exception:
        log.exception("document job %s (%s) failed", job.pk, job.kind)
        return _fail(job, FAILED_MESSAGE)
    content_type = (kind.content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream")
    # done = total: a finished job shows a full bar even when the kind reported its last step coarsely.
    DocumentJob.objects.filter(pk=job.pk).update(
        status=S.DONE, content=content, size=len(content), filename=filename[:200], content_type=content_type,
        done=max(job.total, job.done), finished_at=timezone.now())
    return DocumentJob.objects.defer("content").get(pk=job.pk)


def _fail(job: DocumentJob, message: str) -> DocumentJob:
    DocumentJob.objects.filter(pk=job.pk).update(status=S.FAILED, message=message, content=b"", size=0,
                                                 finished_at=timezone.now())
    return DocumentJob.objects.defer("content").get(pk=job.pk)


# --------------------------------------------------------------------------- the worker


@task()
def run_document_job(pk: int) -> str:
    """The task the framework runs: job ``pk``, unless another worker took it."""
    job = core_jobs.claim_pk(QUEUE, pk)
    if job is None:
        return "skipped"
    done = run(job)
    from .notices import job_finished

    job_finished(done)  # the worker made it: the one who asked is told
    return done.status


# Rerun from the start: making a file writes nothing else.
QUEUE = core_jobs.register(core_jobs.Queue(model=DocumentJob, claim={S.QUEUED: S.RUNNING}, task=run_document_job,
                                           run=run, requeue_reset={"done": 0, "phase": ""}, defer=("content",)))


def claim_next() -> DocumentJob | None:
    """Take the oldest queued job, so that no other worker runs it."""
    return core_jobs.claim(QUEUE)


def reset_dead(*, heartbeat_older_than: dt.timedelta = core_jobs.DEAD_AFTER) -> list[int]:
    """Jobs whose worker died go back to the queue."""
    return core_jobs.reset_dead(QUEUE, heartbeat_older_than=heartbeat_older_than)
