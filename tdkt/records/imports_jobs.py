"""Excel imports as jobs: small files run inline in the request, large ones in
the worker (``tdkt worker``), through the same two steps — check (validate every
row, store what the preview shows) and commit (validate again and write all rows
in one transaction, or none).

A queued step is handed to Django's task framework (``run_import_job``, by pk);
the job row stays ours, because the page needs the rows done as they happen.
Claiming, heartbeats and the requeue of a job whose worker died are the one
mechanism of ``tdkt/core/jobs.py``. Both steps can run again to the same end
state: the check writes nothing but its audit row, and the commit is one
transaction — killed midway it wrote nothing; killed after its COMMIT, the rerun
finds every row already there and skips it ("Tải lên lại cùng một tệp không tạo
bản ghi trùng").

Progress during the check is written to the job row (autocommit, so the page
sees it at once). The commit runs in one transaction — an UPDATE inside it
would stay invisible to the page until the end, and on SQLite a second
connection cannot write meanwhile — so its progress goes to a small file beside
the uploads instead.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, models, transaction
from django.utils import timezone
from django_tasks import task

from tdkt.audit.services import audit_record
from tdkt.core import jobs
from tdkt.core.exceptions import DomainValidationError

from . import imports, notices
from .models import ImportJob

log = logging.getLogger(__name__)

S = ImportJob.Status
# Files up to this size (about a thousand rows) are checked and written inline.
INLINE_MAX_BYTES = 64 * 1024
PREVIEW_ROWS = imports.PREVIEW_ROWS  # rows shown besides the rows with errors
MAX_LISTED_ERRORS = imports.MAX_LISTED_ERRORS
PROGRESS_EVERY_SECONDS = 0.3


# --------------------------------------------------------------------------- progress


def _progress_path(job_pk: int) -> Path:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"job-{job_pk}.progress"


class Reporter:
    """Writes a job's progress at most every PROGRESS_EVERY_SECONDS (and on each new phase):
    reading and checking to the job row (its heartbeat with it), writing (inside the commit's
    transaction) to a file, whose time is then the job's heartbeat (``_file_beat``)."""

    def __init__(self, job: ImportJob):
        self.job_pk = job.pk
        self.last = 0.0
        self.phase = ""
        self.total = 0

    def __call__(self, done: int, total: int | None = None, phase: str = "") -> None:
        now = time.monotonic()
        changed = bool(phase) and phase != self.phase
        if total is not None:
            self.total = total
        if phase:
            self.phase = phase
        if not changed and now - self.last < PROGRESS_EVERY_SECONDS:
            return
        self.last = now
        if self.phase == "write":  # inside the commit's transaction
            try:
                _progress_path(self.job_pk).write_text(f"{self.phase} {done} {self.total}", encoding="ascii")
            except OSError:  # progress is a courtesy; never fail an import for it
                pass
        else:
            jobs.beat(ImportJob, self.job_pk, phase=self.phase, rows_done=done, total_rows=self.total)


def live_progress(job: ImportJob) -> tuple[str, int, int]:
    """(phase, rows done, total) as the page should show it now."""
    if job.status == S.COMMITTING:
        try:
            phase, done, total = _progress_path(job.pk).read_text(encoding="ascii").split()
            return phase, int(done), int(total)
        except (OSError, ValueError):
            pass
    return job.phase, job.rows_done, job.total_rows


def _file_beat(job: models.Model) -> dt.datetime | None:  # any job row: jobs.Queue.last_beat's type
    """When a commit (inside its transaction, where the row cannot be written) last wrote its progress."""
    try:
        mtime = _progress_path(job.pk).stat().st_mtime
    except OSError:
        return None
    return dt.datetime.fromtimestamp(mtime, tz=dt.UTC)


def _beat(job_pk: int) -> None:
    """The beat of the ``Beating`` thread while a step is silent: the file while writing, else the row."""
    path = _progress_path(job_pk)
    if path.exists():
        path.touch()
    else:
        jobs.beat(ImportJob, job_pk)


def _drop_progress(job_pk: int) -> None:
    try:
        _progress_path(job_pk).unlink()
    except OSError:
        pass


# --------------------------------------------------------------------------- results kept for the page


def _result_json(result: imports.ImportResult) -> dict:
    """What the page shows: the counts, the errors listed and the rows kept (``ImportResult``)."""
    return {
        "filename": result.filename, "sheet": result.sheet, "header_row": result.header_row,
        "ignored_columns": result.ignored_columns, "file_errors": result.file_errors,
        "counts": {"rows": result.total, "new": result.new_count, "skipped": result.skipped_count,
                   "errors": result.error_count},
        "errors": [[e.row, e.column, e.message] for e in result.errors][:MAX_LISTED_ERRORS],
        "more_errors": result.more_errors + max(0, len(result.file_errors) + len(result.row_errors)
                                                - MAX_LISTED_ERRORS),
        "can_commit": result.can_commit,
        "rows": [{"n": r.number, "cells": r.cells, "status": r.status, "label": r.status_label, "note": r.note,
                  "who": _who(r), "errors": [[e.column, e.message] for e in r.errors]} for r in result.rows],
        "rows_hidden": result.rows_hidden,
    }


def _who(row: imports.RowResult) -> str:
    if row.person is None:
        return ""
    born = f" ({imports.format_date_short(row.person.birth_date)})" if row.person.birth_date else ""
    return f"{row.person.full_name}{born}"


# --------------------------------------------------------------------------- the steps


def runs_inline(size: int) -> bool:
    return size <= INLINE_MAX_BYTES


UNCONFIRMED_TTL = dt.timedelta(hours=24)


def sweep_unconfirmed() -> int:
    """Checked files nobody confirmed within a day are dropped (the preview stays readable)."""
    return jobs.sweep(ImportJob, finished=S.CHECKED, older_than=UNCONFIRMED_TTL, status=S.FAILED, data=b"",
                      message="Tệp đã quá 24 giờ mà chưa được xác nhận nên đã bị hủy; chưa có dòng nào được "
                              "nhập. Hãy tải tệp lên lại.")


def job_create(*, user, spec: imports.ImportSpec, data: bytes, filename: str) -> ImportJob:
    """A job for an upload: queued for the worker, or already marked as being
    checked when the request runs it inline (so no worker takes it meanwhile)."""
    sweep_unconfirmed()
    inline = runs_inline(len(data))
    if not inline:
        # The guards on the file as a whole (size, zip bomb, not an .xlsx) read only the zip's
        # directory: a file they refuse is refused in the request, not after the worker's turn.
        try:
            imports.check_file(data, filename)
        except DomainValidationError:
            inline = True
    status = S.CHECKING if inline else S.QUEUED
    with transaction.atomic():  # the job and its task exist together, or neither
        job = ImportJob.objects.create(kind=spec.code, user=user, filename=filename[:200], data=data,
                                       size=len(data), status=status,
                                       heartbeat_at=timezone.now() if inline else None)
        if not inline:
            jobs.enqueue(run_import_job, job.pk)
    return job


def run_check(job: ImportJob) -> ImportJob:
    """Validate every row; keep what the preview shows. Every readable upload is
    audited with its counts — who tried to import what, and when."""
    spec = imports.get_spec(job.kind)
    user = job.user
    now = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(status=S.CHECKING, started_at=now, heartbeat_at=now, phase="read",
                                               rows_done=0, total_rows=0)
    with jobs.Beating(lambda: _beat(job.pk)):
        result = imports.validate(user=user, data=bytes(job.data), filename=job.filename, spec=spec,
                                  progress=Reporter(job))
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        job.result = _result_json(result)
        job.error_count = result.error_count
        job.total_rows = job.rows_done = result.total
        job.phase = "check"
        job.finished_at = timezone.now()
        if result.file_errors:
            job.status, job.message, job.data = S.FAILED, " ".join(result.file_errors), b""
        else:
            job.status = S.CHECKED
            if not result.can_commit:
                job.data = b""  # nothing will be written from it
            assert spec is not None  # job_create stored the code of a known kind
            audit_record(actor=user, event_type="records.import_checked", target=job,
                         data={"kind": spec.code, "filename": job.filename, "bytes": job.size,
                               "rows": result.total, "new_rows": result.new_count,
                               "error_rows": result.error_numbers[:500]})
        job.save()
        notices.import_finished(job, inline=runs_inline(job.size))
    return job


def request_commit(job: ImportJob) -> bool:
    """Queue the commit of a checked job that has rows to write (or mark it as being
    written when it runs inline); False when there is nothing to do."""
    inline = runs_inline(job.size)
    with transaction.atomic():
        if not ImportJob.objects.filter(pk=job.pk, status=S.CHECKED, result__can_commit=True).update(
                status=S.COMMITTING if inline else S.COMMIT_QUEUED, message="",
                heartbeat_at=timezone.now() if inline else None):
            return False
        if not inline:
            jobs.enqueue(run_import_job, job.pk)
    return True


def run_commit(job: ImportJob) -> ImportJob:
    spec = imports.get_spec(job.kind)
    now = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(status=S.COMMITTING, started_at=now, heartbeat_at=now, rows_done=0)
    reporter = Reporter(job)
    try:
        with jobs.Beating(lambda: _beat(job.pk)):
            summary = imports.commit(user=job.user, data=bytes(job.data), filename=job.filename, spec=spec,
                                     progress=reporter)
    except DomainValidationError as exc:
        # Something changed since the preview (or a write was refused): nothing was written;
        # show the new check and say why.
        messages = [str(m) for msgs in exc.message_dict.values() for m in msgs]
        job.refresh_from_db()
        result = imports.validate(user=job.user, data=bytes(job.data), filename=job.filename, spec=spec)
        job.result = _result_json(result)
        job.error_count = result.error_count
        job.status, job.message = S.CHECKED, " ".join(messages)
        if not result.can_commit:
            job.data = b""
        job.finished_at = timezone.now()
        job.save()
        _drop_progress(job.pk)
        return job
    job.refresh_from_db()
    job.summary = {"created": summary.created, "skipped": summary.skipped,
                   "school_years_created": summary.school_years_created}
    job.status, job.phase, job.data = S.DONE, "write", b""
    job.rows_done = job.total_rows
    job.finished_at = timezone.now()
    with transaction.atomic():
        job.save()
        notices.import_finished(job, inline=runs_inline(job.size))
    _drop_progress(job.pk)
    return job


LOST_CONNECTION = ("Mất kết nối tới cơ sở dữ liệu khi đang nhập; chưa có dòng nào được ghi. Tệp vẫn được giữ: "
                   "bấm «Xác nhận nhập» để thử lại.")


def run(job: ImportJob) -> ImportJob:
    """Run the step a claimed job is waiting for; a crash marks it failed, with nothing written. A database
    connection lost while committing (a restart, a failover) is not the file's fault: the checked upload is kept
    and the job goes back to «checked», so the user confirms again instead of uploading again."""
    try:
        if job.status in (S.QUEUED, S.CHECKING):
            return run_check(job)
        if job.status in (S.COMMIT_QUEUED, S.COMMITTING):
            return run_commit(job)
    except Exception as exc:
        if isinstance(exc, OperationalError | InterfaceError) and job.status in (S.COMMIT_QUEUED, S.COMMITTING):
            log.exception("import job %s lost its database connection while committing", job.pk)
            if not connection.in_atomic_block:
                connection.close()  # a dead connection: the update below opens a fresh one
            ImportJob.objects.filter(pk=job.pk).update(status=S.CHECKED, finished_at=timezone.now(),
                                                       message=LOST_CONNECTION)
        else:
            log.exception("import job %s failed", job.pk)
            ImportJob.objects.filter(pk=job.pk).update(
                status=S.FAILED, finished_at=timezone.now(), data=b"",
                message="Lỗi hệ thống khi xử lý tệp; chưa có dòng nào được nhập. Hãy thử lại, hoặc báo quản trị viên.")
        _drop_progress(job.pk)
        job.refresh_from_db()
    return job


# --------------------------------------------------------------------------- the worker


CLAIM: dict[str, str] = {S.QUEUED: S.CHECKING, S.COMMIT_QUEUED: S.COMMITTING}


@task(priority=10)  # a user waits at a preview, usually for seconds: before a batch of certificates
def run_import_job(pk: int) -> str:
    """The task the framework runs: the step job ``pk`` waits for, unless another worker took it."""
    job = jobs.claim_pk(QUEUE, pk)
    return run(job).status if job is not None else "skipped"


QUEUE = jobs.register(jobs.Queue(model=ImportJob, claim=CLAIM, task=run_import_job, run=run,
                                  last_beat=_file_beat))


def claim_next() -> ImportJob | None:
    """Take the oldest waiting job, so that no other worker runs it."""
    return jobs.claim(QUEUE)


def reset_dead(*, heartbeat_older_than: dt.timedelta = jobs.DEAD_AFTER) -> list[int]:
    """Jobs whose worker died go back to the queue (see the module's docstring: both steps rerun safely)."""
    return jobs.reset_dead(QUEUE, heartbeat_older_than=heartbeat_older_than)
