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
