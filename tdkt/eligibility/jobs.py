"""A fresh evaluation run made in the background (``tdkt worker``), with a progress bar: a
province's run takes minutes, longer than a request may wait. The same mechanism as the
document and import jobs (tdkt/core/jobs.py): a job row (``EvaluationJob``), a django-tasks
task by pk, claims and heartbeats, the requeue of a job whose worker died.

Progress goes to the row in autocommit (the run reports its steps before the transaction that
stores the verdicts), so the page sees it at once; running a requeued job again stores one more
run, which is the same answer to the same question.
"""

from __future__ import annotations

import datetime as dt
import logging
import time

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from tdkt.accounts.access import can
from tdkt.accounts.permissions import Perm
from tdkt.audit.services import audit_record
from tdkt.core import jobs as core_jobs
from tdkt.core.exceptions import DomainValidationError
from tdkt.org.models import SchoolYear, Unit

from . import services
from .models import EvaluationJob

log = logging.getLogger(__name__)

S = EvaluationJob.Status
PROGRESS_EVERY_SECONDS = 0.3
# A job still waiting after this long: the worker is probably not running (the page says so).
STALLED_SECONDS = 120
FAILED_MESSAGE = ("Lỗi hệ thống khi xét điều kiện; chưa lưu lượt xét nào. Hãy chạy lại, hoặc báo quản trị viên "
                  "nếu lỗi lặp lại.")
REFUSED_MESSAGE = "Bạn không còn quyền xét điều kiện cho đơn vị này; lượt xét không được chạy."


def job_create(*, actor, unit: Unit, school_year: SchoolYear) -> EvaluationJob:
    """Queue a fresh run of ``unit``'s subtree for ``school_year``, with the audit row of the request.
    While one still waits or runs for the same unit and year (a second click, another officer), that
    one is returned: two runs of the same data would only race."""
    waiting = (EvaluationJob.objects.filter(unit=unit, school_year=school_year, status__in=[S.QUEUED, S.RUNNING])
               .order_by("-id").first())
    if waiting is not None:
        return waiting
    with transaction.atomic():
        job = EvaluationJob.objects.create(unit=unit, school_year=school_year, user=actor)
        core_jobs.enqueue(run_evaluation_job, job.pk)  # the job and its task exist together, or neither
        audit_record(actor=actor, event_type="eligibility.run_requested", target=job, unit=unit,
                     data={"school_year": school_year.label})
    return job


def current_job(unit: Unit, school_year: SchoolYear) -> EvaluationJob | None:
    """The latest job of this unit and year, if it still waits or runs, or failed after the latest run."""
    return EvaluationJob.objects.filter(unit=unit, school_year=school_year).order_by("-id").first()


def page_context(job: EvaluationJob) -> dict:
    stalled = job.status == S.QUEUED and (timezone.now() - job.created_at).total_seconds() > STALLED_SECONDS
    return {"job": job, "stalled": stalled}


class Reporter:
    """Writes progress to the row at most every PROGRESS_EVERY_SECONDS (and always at a new step)."""

    def __init__(self, job: EvaluationJob):
        self.job = job
        self.last = 0.0

    def __call__(self, done: int, total: int | None = None, phase: str | None = None) -> None:
        job = self.job
        new_phase = phase is not None and phase != job.phase
        if new_phase:
            job.phase = phase or ""
        if total is not None:
            job.total = total
        job.done = done
        now = time.monotonic()
        if not new_phase and now - self.last < PROGRESS_EVERY_SECONDS:
            return
        self.last = now
        core_jobs.beat(EvaluationJob, job.pk, done=job.done, total=job.total, phase=job.phase[:100])


def run(job: EvaluationJob) -> EvaluationJob:
    """Make the run of a claimed job. The requester must still reach the unit; a refusal or a
    crash marks the job failed with a Vietnamese message, and no half-stored run is left (the
    verdicts and the run land in one transaction)."""
    now = timezone.now()
    EvaluationJob.objects.filter(pk=job.pk).update(status=S.RUNNING, started_at=now, heartbeat_at=now, done=0,
                                                   total=0, phase="", message="")
    unit = Unit.objects.get(pk=job.unit_id)
    if not can(job.user, Perm.RUN_ELIGIBILITY, unit):
        return _finish(job, S.FAILED, message=REFUSED_MESSAGE)
    try:
        with core_jobs.Beating(lambda: core_jobs.beat(EvaluationJob, job.pk)):
            evaluation = services.evaluation_run(actor=job.user, unit=unit, school_year=job.school_year,
                                                 progress=Reporter(job))
    except DomainValidationError as exc:
        return _finish(job, S.FAILED, message="; ".join(e["message"] for e in exc.as_list()))
    except Exception:
        log.exception("evaluation job %s failed", job.pk)
        return _finish(job, S.FAILED, message=FAILED_MESSAGE)
    return _finish(job, S.DONE, run=evaluation)


def _finish(job: EvaluationJob, status: str, *, message: str = "", run=None) -> EvaluationJob:
    fields: dict = {"status": status, "message": message, "finished_at": timezone.now()}
    if run is not None:
        fields.update(run=run, done=run.subjects, total=run.subjects)
    EvaluationJob.objects.filter(pk=job.pk).update(**fields)
    return EvaluationJob.objects.get(pk=job.pk)


@task()
def run_evaluation_job(pk: int) -> str:
    """The task the framework runs: job ``pk``, unless another worker took it."""
    job = core_jobs.claim_pk(QUEUE, pk)
    return run(job).status if job is not None else "skipped"


# Rerun from the start: judging reads only, and the run is stored in one transaction.
QUEUE = core_jobs.register(core_jobs.Queue(model=EvaluationJob, claim={S.QUEUED: S.RUNNING}, task=run_evaluation_job,
                                           run=run, requeue_reset={"done": 0, "total": 0, "phase": ""}))


def reset_dead(*, heartbeat_older_than: dt.timedelta = core_jobs.DEAD_AFTER) -> list[int]:
    return core_jobs.reset_dead(QUEUE, heartbeat_older_than=heartbeat_older_than)
