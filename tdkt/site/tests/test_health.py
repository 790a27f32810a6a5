"""/healthz says ok while the database answers, jobs are taken and the disk has room; it answers 503
naming the check when a job has waited too long or the disk is nearly full."""

import datetime as dt
from collections import namedtuple

from django.utils import timezone

from tdkt.core import views as core_views
from tdkt.documents.models import DocumentJob


def _job(world, minutes_ago: int) -> DocumentJob:
    job = DocumentJob.objects.create(kind="awards.certificates", user=world.users.officer_a, title="Giấy khen")
    DocumentJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(minutes=minutes_ago))
    return job


def test_healthy(world, client):
    _job(world, 1)
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True}
    assert 50 <= body["checks"]["queue"]["oldest_waiting_seconds"] <= 70
    assert body["checks"]["disk"]["ok"] and body["checks"]["disk"]["free_bytes"] > 0


def test_a_job_left_waiting_is_reported(world, client):
    _job(world, 40)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["status"] == "fail"
    assert response.json()["checks"]["queue"] == {"ok": False, "oldest_waiting_seconds": 2400}
    # The load balancer asks the database only: a stopped worker must not take the web nodes out.
    only_db = client.get("/healthz?check=database")
    assert only_db.status_code == 200 and only_db.json()["checks"] == {"database": {"ok": True}}


def test_a_finished_job_does_not_count(world, client):
    job = _job(world, 40)
    DocumentJob.objects.filter(pk=job.pk).update(status=DocumentJob.Status.DONE)
    assert client.get("/healthz").status_code == 200


def test_a_full_disk_is_reported(world, client, monkeypatch):
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(core_views.shutil, "disk_usage", lambda path: usage(100 * 2**30, 99.5 * 2**30, 2**29))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["disk"] == {"ok": False, "free_bytes": 2**29, "used_percent": 99.5}
