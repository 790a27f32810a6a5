"""An import whose worker died (killed mid-commit, the machine restarted) is seen as dead by its
heartbeat and put back in the queue by the next worker cycle, then finishes to the same end state
as a run that never stopped: the same rows, none twice. The jobs go through Django's task
framework (the database backend): one task per queued step."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tdkt.people.models import Employment, Person
from tdkt.records import imports, imports_jobs
from tdkt.records.models import ImportJob, PersonRating

from .kinds import RATINGS, book, rating_row

S = ImportJob.Status
N = 40


@pytest.fixture
def background(monkeypatch, media):
    monkeypatch.setattr(imports_jobs, "INLINE_MAX_BYTES", 0)


@pytest.fixture
def staff(rec):
    people = Person.objects.bulk_create([
        Person(family_name="Lê", middle_name="Thị", given_name=f"Tim{i:03d}",
               birth_date=dt.date(1985, 1, 1) + dt.timedelta(days=i)) for i in range(N)])
    for p in people:
        p.refresh_derived()
    Person.objects.bulk_update(people, ["sort_name", "search_name"])
    Employment.objects.bulk_create([Employment(person=p, unit=rec.w.school_a, position="giao_vien",
                                               start_date=dt.date(2015, 9, 1)) for p in people])
    return people


def _worker():
    call_command("worker", "--once", stdout=io.StringIO())


def _checked_job(rec, staff) -> ImportJob:
    """A ratings file uploaded, checked by the worker, and confirmed: its commit is queued."""
    data = book(RATINGS, [rating_row(n=i, name=p.full_name, born=p.birth_date.strftime("%d/%m/%Y"))
                          for i, p in enumerate(staff, 1)])
    client = Client()
    client.force_login(rec.officer)
    client.post(reverse("records:import_upload", args=["xep-loai"]),
                {"file": SimpleUploadedFile("xep-loai.xlsx", data)})
    _worker()
    job = ImportJob.objects.get()
    assert job.status == S.CHECKED
    client.post(reverse("records:import_job_commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == S.COMMIT_QUEUED
    return job


def _die_while_committing(job: ImportJob, minutes: int = 3) -> None:
    """A worker claimed the commit, then stopped beating ``minutes`` ago (and its task with it)."""
    claimed = imports_jobs.claim_next()
    assert claimed is not None and claimed.pk == job.pk
    DBTaskResult.objects.filter(status="READY").update(status="RUNNING")  # the dead worker had taken it
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - dt.timedelta(minutes=minutes))


def test_each_queued_step_is_a_task_of_the_framework(rec, staff, background):
    job = _checked_job(rec, staff)
    tasks = DBTaskResult.objects.order_by("enqueued_at")
    assert [t.task_path for t in tasks] == ["tdkt.records.imports_jobs.run_import_job"] * 2
    assert [t.args_kwargs["args"] for t in tasks] == [[job.pk], [job.pk]]
    assert [t.status for t in tasks] == ["SUCCESSFUL", "READY"]
    _worker()
    job.refresh_from_db()
    assert job.status == S.DONE and PersonRating.objects.count() == N
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_killed_mid_commit_is_requeued_by_one_cycle_and_finishes(rec, staff, background):
    job = _checked_job(rec, staff)
    _die_while_committing(job)
    _worker()  # one worker, one cycle: sees the dead job, requeues it, runs it
    job.refresh_from_db()
    assert job.status == S.DONE and job.summary["created"] == N and job.heartbeat_at is not None
    assert PersonRating.objects.count() == N
    assert PersonRating.objects.values("person").distinct().count() == N
    # the dead worker's task is closed as failed (pruned later), the rerun's succeeded
    statuses = sorted(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == ["FAILED", "SUCCESSFUL", "SUCCESSFUL"]
    assert DBTaskResult.objects.get(status="FAILED").exception_class_path == "tdkt.core.jobs.WorkerDied"


def test_killed_after_its_commit_reruns_to_the_same_rows(rec, staff, background):
    """The worker died between the COMMIT of the rows and marking the job done: the rerun finds
    every row already there, writes none twice, and the job ends done."""
    job = _checked_job(rec, staff)
    _die_while_committing(job)
    imports.commit(user=job.user, data=bytes(job.data), filename=job.filename, spec=imports.get_spec(job.kind))
    assert PersonRating.objects.count() == N
    _worker()
    job.refresh_from_db()
    assert job.status == S.DONE and job.summary == {"created": 0, "skipped": N, "school_years_created": 0}
    assert PersonRating.objects.count() == N


def test_a_beating_job_is_left_to_its_worker(rec, staff, background):
    job = _checked_job(rec, staff)
    imports_jobs.claim_next()
    # started hours ago, yet it beat a moment ago
    ImportJob.objects.filter(pk=job.pk).update(started_at=timezone.now() - dt.timedelta(hours=3),
                                               heartbeat_at=timezone.now() - dt.timedelta(seconds=30))
    assert imports_jobs.reset_dead() == []
    # inside the commit's transaction the job beats in its progress file, not the row
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - dt.timedelta(minutes=10))
    imports_jobs.Reporter(job)(5, N, "write")
    assert imports_jobs.reset_dead() == []
    job.refresh_from_db()
    assert job.status == S.COMMITTING
    imports_jobs._drop_progress(job.pk)
    assert imports_jobs.reset_dead() == [job.pk]
    job.refresh_from_db()
    assert job.status == S.COMMIT_QUEUED


def test_a_job_is_claimed_once(rec, background):
    job = ImportJob.objects.create(kind="xep-loai", user=rec.officer, filename="a.xlsx", data=b"x", size=1)
    assert imports_jobs.claim_next().pk == job.pk
    assert imports_jobs.claim_next() is None
    # the same job handed twice to the task (a requeue raced a slow worker): the second does nothing
    ImportJob.objects.filter(pk=job.pk).update(status=S.COMMIT_QUEUED)
    from tdkt.core import jobs

    first = jobs.claim_pk(imports_jobs.QUEUE, job.pk)
    assert first.status == S.COMMITTING and jobs.claim_pk(imports_jobs.QUEUE, job.pk) is None
    assert imports_jobs.run_import_job.call(job.pk) == "skipped"
