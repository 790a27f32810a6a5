"""Two workers claiming at the same moment never take the same job (each on its own connection)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from tdkt.documents import jobs
from tdkt.documents.models import DocumentJob

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_workers_take_different_jobs(django_user_model):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite has one writer at a time; the concurrent claim is PostgreSQL's")
    user = django_user_model.objects.create_user(username="u", password="pw-test-123")
    DocumentJob.objects.bulk_create([DocumentJob(kind="test", user=user, params={"n": i}) for i in range(6)])
    start = threading.Barrier(3)
    taken: list[int] = []
    lock = threading.Lock()

    def worker():
        from django.db import connections

        try:
            start.wait()
            while (job := jobs.claim_next()) is not None:
                with lock:
                    taken.append(job.pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(taken) == sorted(DocumentJob.objects.values_list("pk", flat=True))  # each once
    assert set(DocumentJob.objects.values_list("status", flat=True)) == {DocumentJob.Status.RUNNING}


def test_concurrent_workers_run_each_task_once(django_user_model):
    """Three ``tdkt worker`` cycles at once over the task framework's rows: every job is made once,
    its task succeeds, and none is left waiting."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite has one writer at a time; the concurrent claim is PostgreSQL's")
    from django_tasks_db.models import DBTaskResult

    from tdkt.core import jobs as core_jobs

    made: list[int] = []
    lock = threading.Lock()

    def make(job, progress):
        with lock:
            made.append(job.pk)
        return b"ok", "ok.txt"

    jobs.register(jobs.JobKind("test.once", "Thử", make))
    try:
        user = django_user_model.objects.create_user(username="u", password="pw-test-123")
        created = [jobs.job_create(actor=user, kind="test.once", params={"n": i}).pk for i in range(8)]
        start = threading.Barrier(3)

        def worker():
            from django.db import connections

            try:
                start.wait()
                while core_jobs.run_one([jobs.QUEUE]):
                    pass
            finally:
                connections.close_all()

        threads = [threading.Thread(target=worker) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        jobs.REGISTRY.pop("test.once", None)
    assert sorted(made) == sorted(created)  # each once
    assert set(DocumentJob.objects.values_list("status", flat=True)) == {DocumentJob.Status.DONE}
    assert set(DBTaskResult.objects.values_list("status", "return_value")) == {("SUCCESSFUL", "done")}
