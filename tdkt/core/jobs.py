"""One job mechanism for every background job of ours (Excel imports, documents,
certificate batches, next: evaluations and notifications).

Each kind of job keeps its own small table (``ImportJob``, ``DocumentJob``): the page
polls its row for progress and reads its result there. What every such table shares
lives here, once:

- ``HeartbeatJob``, an abstract model adding ``heartbeat_at``: the time a running job
  last said it is alive (its progress reporter beats, and a ``Beating`` thread beats
  every ``BEAT_EVERY`` while a long step reports nothing);
- ``claim(queue)`` / ``claim_pk(queue, pk)``: take the oldest waiting job (or that one),
  so that no two workers run it — ``select_for_update(skip_locked=True)`` where the
  database has it (PostgreSQL), and a conditional UPDATE everywhere (SQLite has one
  writer at a time, so the UPDATE alone is enough there);
- ``reset_dead(queue)``: a running job whose heartbeat is older than ``DEAD_AFTER``
  (two minutes, not an hour) goes back to the queue — every step of ours can be run
  again to the same end state — and is handed to the task framework again;
- ``enqueue(task, pk)``: the job goes to Django's task framework (the ``django-tasks``
  backport, ``TASKS`` in settings): with the database backend in the same transaction
  as the job row, with any other backend (RQ, Celery on Redis) once the row is committed.

A kind of job describes itself with a ``Queue``: its model, which waiting status
becomes which running one, and what a requeue resets. Core imports no app: the apps
hand their models and task functions in.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import OperationalError, close_old_connections, connection, connections, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)

# A running job beats at least this often (its reporter more often, while it reports).
BEAT_EVERY = dt.timedelta(seconds=20)
# ... and is dead when it has not for this long: six missed beats, not a slow step.
DEAD_AFTER = dt.timedelta(minutes=2)


class HeartbeatJob(models.Model):
    """The field every job table adds: when the job, while running, last said it is alive."""

    heartbeat_at = models.DateTimeField(_("còn chạy lúc"), null=True, blank=True)

    class Meta:
        abstract = True


@dataclass(frozen=True)
class Queue:
    """How one job table queues: ``claim`` maps each waiting status to the running status a
    claim sets; ``requeue_reset`` are the fields a requeue of a dead job sets besides its status;
    ``task`` (a django-tasks ``Task`` taking the job's pk) runs one job through the framework,
    ``run(job)`` runs a claimed one; ``last_beat(job)`` may name a second place a job beats (an
    import inside its transaction beats in a file)."""

    model: type[models.Model]  # read through ``_default_manager`` (its ``objects``: no job table has another)
    claim: dict[str, str]
    task: object | None = None
    run: Callable | None = None
    requeue_reset: dict = field(default_factory=dict)
    defer: tuple[str, ...] = ()
    last_beat: Callable[[models.Model], dt.datetime | None] | None = None

    @property
    def requeue(self) -> dict[str, str]:
        return {running: waiting for waiting, running in self.claim.items()}


QUEUES: list[Queue] = []


def register(queue: Queue) -> Queue:
    """Declare a job table to the worker (each app in its ``jobs.py``, found the way the admin finds
    ``admin.py``: core imports no app). The first registered is asked first by the fallback claim."""
    if all(q.model is not queue.model for q in QUEUES):
        QUEUES.append(queue)
    return queue


def registered() -> list[Queue]:
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("jobs")
    return list(QUEUES)


@dataclass
class Periodic:
    """Work the worker runs on its loop every ``every`` seconds, besides the jobs (the notifications'
    reminders and e-mails): registered by an app's ``jobs.py`` like a queue."""

    name: str
    run: Callable[[], object]
    every: float = 30.0
    last: float = field(default=float("-inf"))


PERIODICS: dict[str, Periodic] = {}


def register_periodic(name: str, run: Callable[[], object], *, every: float = 30.0) -> Periodic:
    PERIODICS.setdefault(name, Periodic(name=name, run=run, every=every))
    return PERIODICS[name]


def run_periodic(*, force: bool = False) -> int:
    """Run each registered periodic whose time has come (all of them with ``force``); one that fails
    is logged and tried again next time, the loop goes on."""
    done = 0
    for p in list(PERIODICS.values()):
        if not force and time.monotonic() - p.last < p.every:
            continue
        p.last = time.monotonic()
        try:
            p.run()
            done += 1
        except OperationalError:
            raise
        except Exception:
            log.exception("worker: periodic %s failed", p.name)
    return done


def beat(model: type[models.Model], pk: int, **fields) -> None:
    """The job is alive (with any progress fields written in the same UPDATE)."""
    model._default_manager.filter(pk=pk).update(heartbeat_at=timezone.now(), **fields)


# --------------------------------------------------------------------------- claiming


def claim(queue: Queue, *, exclude: set[int] | frozenset[int] = frozenset()):
    """The oldest waiting job (not one of ``exclude``), now marked running and beating; None when
    nothing waits (or a second worker took it in the same instant)."""
    model = queue.model
    with transaction.atomic():
        qs = model._default_manager.filter(status__in=list(queue.claim)).order_by("id").only("id", "status")
        if exclude:
            qs = qs.exclude(pk__in=exclude)
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True)
        job: Any = qs.first()  # a row of the queue's table: its own status choices
        if job is None:
            return None
        if not _take(queue, job.pk, job.status):
            return None
    return _fresh(queue, job.pk)


def claim_pk(queue: Queue, pk: int):
    """That job, if it still waits (a task handed a job another worker already ran gets None)."""
    status = queue.model._default_manager.filter(pk=pk, status__in=list(queue.claim)).values_list("status", flat=True).first()
    if status is None or not _take(queue, pk, status):
        return None
    return _fresh(queue, pk)


def _take(queue: Queue, pk: int, status: str) -> bool:
    now = timezone.now()
    return bool(queue.model._default_manager.filter(pk=pk, status=status).update(
        status=queue.claim[status], started_at=now, heartbeat_at=now))


def _fresh(queue: Queue, pk: int):
    qs = queue.model._default_manager.select_related("user")
    if queue.defer:
        qs = qs.defer(*queue.defer)
    return qs.get(pk=pk)


# --------------------------------------------------------------------------- dead jobs


def reset_dead(queue: Queue, *, heartbeat_older_than: dt.timedelta = DEAD_AFTER) -> list[int]:
    """Put back in the queue every running job that stopped beating (its worker was killed, the
    machine restarted) and hand it to the task framework again; returns their pks.

    A job that never beat (a row older than the heartbeat) counts from when it started. The
    requeue is conditional on the beat seen, so a job that beats meanwhile stays with its worker."""
    model = queue.model
    cutoff = timezone.now() - heartbeat_older_than
    requeue = queue.requeue
    seen = (model._default_manager.filter(status__in=list(requeue))
            .filter(models.Q(heartbeat_at__lt=cutoff)
                    | models.Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
                    | models.Q(heartbeat_at__isnull=True, started_at__isnull=True, created_at__lt=cutoff))
            .only("id", "status", "heartbeat_at"))
    reset = []
    job: Any  # a row of the queue's table: status, heartbeat_at (mypy sees a bare Model)
    for job in seen:
        if queue.last_beat is not None:
            other = queue.last_beat(job)
            if other is not None and other >= cutoff:
                continue
        if model._default_manager.filter(pk=job.pk, status=job.status, heartbeat_at=job.heartbeat_at).update(
                status=requeue[job.status], heartbeat_at=None, **queue.requeue_reset):
            log.warning("%s %s stopped beating (last %s): back in the queue", model.__name__, job.pk,
                        job.heartbeat_at)
            reset.append(job.pk)
            if queue.task is not None:
                _close_dead_task(queue.task, job.pk)
                enqueue(queue.task, job.pk)
    return reset


class WorkerDied(Exception):
    """Why a task row of the database backend was closed: its job stopped beating."""


def _close_dead_task(task, pk: int) -> None:
    """The database backend's row of the task a dead worker held stays RUNNING forever: mark it
    failed (the job has a new task), so that it is pruned like any finished task."""
    if _db_backend() is None:
        return
    from django_tasks_db.models import DBTaskResult

    for row in DBTaskResult.objects.filter(status="RUNNING", task_path=task.module_path):
        if row.args_kwargs.get("args") == [pk]:  # compared in Python: JSON equality differs between databases
            row.set_failed(WorkerDied(f"job {pk} stopped beating"))


def sweep(model: type[models.Model], *, finished: str, older_than: dt.timedelta, **fields) -> int:
    """Rows in status ``finished`` for longer than their time to live (``finished_at``): set
    ``fields`` (a file dropped, a message saying so); the row itself stays, for the list and the audit."""
    return model._default_manager.filter(status=finished, finished_at__lt=timezone.now() - older_than).update(**fields)


# --------------------------------------------------------------------------- beating while a step is silent


class Beating:
    """``with Beating(beat_fn):`` — a daemon thread calls ``beat_fn()`` every ``BEAT_EVERY``
    while the block runs, so a long step that reports nothing (laying out one big PDF part)
    is not taken for dead. The thread uses its own database connection and closes it; a beat
    that fails (SQLite locked by the job's own transaction) is skipped — the job beats
    elsewhere then (see ``Queue.last_beat``)."""

    def __init__(self, beat_fn: Callable[[], None], every: dt.timedelta = BEAT_EVERY):
        self.beat_fn = beat_fn
        self.every = every.total_seconds()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True, name="tdkt-job-heartbeat")

    def _run(self) -> None:
        try:
            while not self.stopped.wait(self.every):
                try:
                    self.beat_fn()
                except Exception:  # a missed beat is not the job's failure
                    log.debug("heartbeat skipped", exc_info=True)
        finally:
            connections.close_all()

    def __enter__(self) -> Beating:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopped.set()
        self.thread.join(timeout=5)


# --------------------------------------------------------------------------- the task framework


def enqueue(task, pk: int) -> None:
    """Hand job ``pk`` to the task framework. The database backend writes its row in the
    caller's transaction (the job and its task exist together or not at all); another
    backend (a broker) is told only once the job row is committed, so its worker finds it."""
    from django_tasks_db import DatabaseBackend

    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(pk)
    else:
        transaction.on_commit(lambda: task.enqueue(pk))


def _db_backend():
    """The default task backend when it is the database one (else None: a broker's workers run the tasks)."""
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
    from django_tasks_db import DatabaseBackend

    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    return backend if isinstance(backend, DatabaseBackend) else None


def run_one_task() -> bool:
    """Run the next ready task of the database backend (highest priority, then oldest), as its own
    ``db_worker`` would; False when none is ready."""
    backend = _db_backend()
    if backend is None:
        return False
    from django.utils.crypto import get_random_string
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult
    from django_tasks_db.utils import exclusive_transaction

    tasks = DBTaskResult.objects.ready().filter(backend_name=backend.alias, queue_name__in=backend.queues)
    worker_id = get_random_string(32)
    with exclusive_transaction(tasks.db):
        result = tasks.get_locked()
        if result is None:
            return False
        result.claim(worker_id)
    Worker(queue_names=list(backend.queues), interval=0, batch=True, backend_name=backend.alias,
           startup_delay=False, max_tasks=None, worker_id=worker_id, excluded_queue_names=[]).run_task(result)
    return True


# The framework's own rows (args, status) of finished tasks: our job rows keep what the pages show.
KEEP_TASK_ROWS = dt.timedelta(days=7)
PRUNE_EVERY_SECONDS = 3600


def prune_tasks(*, older_than: dt.timedelta = KEEP_TASK_ROWS) -> int:
    """Delete the database backend's rows of tasks finished more than ``older_than`` ago."""
    if _db_backend() is None:
        return 0
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.finished().filter(finished_at__lt=timezone.now() - older_than).delete()[0]


def _pending(queue: Queue) -> set[int]:
    """The jobs a task of the database backend will run (ready, or taken by another worker):
    the fallback claim leaves them to it."""
    if queue.task is None:
        return set()
    from django_tasks_db.models import DBTaskResult

    task: Any = queue.task  # a django-tasks Task
    rows = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"], task_path=task.module_path)
    return {a["args"][0] for a in rows.values_list("args_kwargs", flat=True) if a.get("args")}


def run_one(queues: list[Queue]) -> bool:
    """One job: the next task of the database backend; else a waiting row no task names (a row
    queued before the task framework), claimed from the queues in order. With a broker (RQ, Celery)
    its own workers run the jobs, and this runs none: the loop only puts back the dead ones."""
    if run_one_task():
        return True
    if _db_backend() is None:
        return False
    for queue in queues:
        job = claim(queue, exclude=_pending(queue))
        if job is not None:
            assert queue.run is not None, f"{queue.model.__name__}: a Queue the worker claims from names its run"
            queue.run(job)
            return True
    return False


def work(*, queues: list[Queue], once: bool = False, sleep: float = 1.0, stop: Callable[[], bool] = lambda: False,
         heartbeat_older_than: dt.timedelta = DEAD_AFTER) -> int:
    """The worker loop (``tdkt worker``): every cycle first puts back the jobs whose worker died
    (so a job killed mid-commit waits two minutes, not forever), then runs one job; with ``once``,
    stops when nothing is left. Returns the number of jobs run."""
    count = 0
    pruned = 0.0
    first = True
    while not stop():
        # A long-lived worker has no requests to recycle its connection: drop a broken or expired
        # one here (never inside a caller's transaction, as in tests), and wait out a database
        # restart instead of dying.
        if not connection.in_atomic_block:
            close_old_connections()
        try:
            for queue in queues:
                reset_dead(queue, heartbeat_older_than=heartbeat_older_than)
            if time.monotonic() - pruned > PRUNE_EVERY_SECONDS:
                prune_tasks()
                pruned = time.monotonic()
            run_periodic(force=first and once)  # --once: the reminders and e-mails run in that one cycle
            first = False
            ran = run_one(queues)
        except OperationalError:
            log.exception("worker: database unavailable, retrying")
            if once:
                raise
            time.sleep(max(sleep, 5))
            continue
        if ran:
            count += 1
        elif once:
            break
        else:
            time.sleep(sleep)
    return count
