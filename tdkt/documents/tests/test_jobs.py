"""Document jobs: asked for (with an audit row), claimed once, run by ``tdkt worker``, failures
told in Vietnamese, the status page with its progress bar, and a download only its owner (or an
administrator) can fetch."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tdkt.audit.models import AuditEvent
from tdkt.documents import jobs
from tdkt.documents.models import DocumentJob

S = DocumentJob.Status
SEEN: list[tuple[int, int]] = []


def _make_list(job, progress):
    """A test kind: three steps, checking after the first that the page can already see it."""
    progress(1, 3)
    SEEN.append(DocumentJob.objects.values_list("done", "total").get(pk=job.pk))
    progress(3, 3)
    return f"tệp {job.params['n']}".encode(), "danh-sach.txt"


def _phases(job, progress):
    """Two steps, each counted from 0; the page shows the step while the job runs."""
    progress(0, 4, phase="Bước một")
    progress(2, 4)  # within the throttle: not written yet
    SEEN.append(DocumentJob.objects.values_list("phase", "done").get(pk=job.pk))
    progress(0, 4, phase="Bước hai")  # a new step is always written
    SEEN.append(DocumentJob.objects.values_list("phase", "done").get(pk=job.pk))
    c = Client()
    c.force_login(job.user)
    SEEN.append(c.get(reverse("documents:job_progress", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode())
    progress(4, 4)
    return b"ok", "xong.txt"


def _refuse(job, progress):
    raise jobs.JobRefused("Đơn vị không còn trong phạm vi của bạn.")


def _crash(job, progress):
    progress(1, 10)
    raise RuntimeError("disk full")


@pytest.fixture(autouse=True)
def kinds():
    SEEN.clear()
    added = [jobs.register(jobs.JobKind(code, "Danh sách thử", fn)) for code, fn in
             (("test.list", _make_list), ("test.refuse", _refuse), ("test.crash", _crash),
                                  ("test.phases", _phases))]
    yield
    for kind in added:
        jobs.REGISTRY.pop(kind.code, None)


def _worker():
    call_command("worker", "--once", stdout=io.StringIO())


def test_asking_queues_a_job_with_one_audit_row(world):
    job = jobs.job_create(actor=world.users.officer_a, kind="test.list", params={"n": 7}, total=3,
                          title="Danh sách thử của trường A")
    assert job.status == S.QUEUED and job.user == world.users.officer_a
    [event] = AuditEvent.objects.filter(event_type="documents.job_requested")
    assert event.actor == world.users.officer_a and event.target_id == str(job.pk)


def test_asking_again_while_it_runs_gives_the_same_job(world):
    u = world.users
    job = jobs.job_create(actor=u.officer_a, kind="test.list", params={"n": 7})
    assert jobs.job_create(actor=u.officer_a, kind="test.list", params={"n": 7}).pk == job.pk
    assert jobs.job_create(actor=u.officer_a, kind="test.list", params={"n": 8}).pk != job.pk
    assert jobs.job_create(actor=u.officer_b, kind="test.list", params={"n": 7}).pk != job.pk
    assert AuditEvent.objects.filter(event_type="documents.job_requested").count() == 3
    _worker()
    # once finished, a new request makes a new file (the awards may have changed)
    assert jobs.job_create(actor=u.officer_a, kind="test.list", params={"n": 7}).pk != job.pk


def test_unknown_kind_is_refused_and_nothing_is_written(world):
    before = (DocumentJob.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValueError):
        jobs.job_create(actor=world.users.officer_a, kind="khong-co", params={})
    assert (DocumentJob.objects.count(), AuditEvent.objects.count()) == before


def test_worker_runs_the_job_and_keeps_the_file(world):
    job = jobs.job_create(actor=world.users.officer_a, kind="test.list", params={"n": 7})
    _worker()
    job.refresh_from_db()
    assert job.status == S.DONE and bytes(job.content) == "tệp 7".encode()
    assert job.filename == "danh-sach.txt" and job.content_type == "text/plain" and job.size == len(job.content)
    assert (job.done, job.total, job.percent) == (3, 3, 100) and job.finished_at is not None
    assert SEEN == [(1, 3)]  # progress reached the row while the job ran


def test_steps_are_shown_while_the_job_runs(world):
    job = jobs.job_create(actor=world.users.officer_a, kind="test.phases", params={})
    _worker()
    (first, second, bar) = SEEN
    assert first == ("Bước một", 0) and second == ("Bước hai", 0)
    assert "Bước hai: 0/4 trang" in bar
    job.refresh_from_db()
    assert (job.status, job.done) == (S.DONE, 4)


def test_refusal_and_crash_fail_with_a_vietnamese_message(world):
    refused = jobs.job_create(actor=world.users.officer_a, kind="test.refuse", params={})
    crashed = jobs.job_create(actor=world.users.officer_a, kind="test.crash", params={})
    _worker()
    refused.refresh_from_db()
    crashed.refresh_from_db()
    assert refused.status == S.FAILED and refused.message == "Đơn vị không còn trong phạm vi của bạn."
    assert crashed.status == S.FAILED and "Lỗi hệ thống khi tạo tệp" in crashed.message
    assert bytes(crashed.content) == b"" and crashed.filename == ""


def test_a_job_is_claimed_once_oldest_first(world):
    first = jobs.job_create(actor=world.users.officer_a, kind="test.list", params={"n": 1})
    second = jobs.job_create(actor=world.users.officer_a, kind="test.list", params={"n": 2})
    assert jobs.claim_next().pk == first.pk
    assert jobs.claim_next().pk == second.pk
    assert jobs.claim_next() is None
    assert set(DocumentJob.objects.values_list("status", flat=True)) == {S.RUNNING}


def test_running_jobs_that_stopped_beating_go_back_to_the_queue(world):
    job = jobs.job_create(actor=world.users.officer_a, kind="test.list", params={"n": 1})
    jobs.claim_next()
    # started long ago is not dead by itself; a heartbeat three minutes old is
    DocumentJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - dt.timedelta(minutes=3), done=5)
    fresh = jobs.job_create(actor=world.users.officer_a, kind="test.list", params={"n": 2})
    jobs.claim_next()
    DocumentJob.objects.filter(pk=fresh.pk).update(started_at=timezone.now() - dt.timedelta(hours=2))
    assert jobs.reset_dead() == [job.pk]
    job.refresh_from_db()
    fresh.refresh_from_db()
    assert (job.status, job.done) == (S.QUEUED, 0) and fresh.status == S.RUNNING


def test_worker_runs_imports_and_documents(world):
    """``tdkt worker`` takes both kinds of jobs: an import queued behind a document does not wait forever."""
    from tdkt.records.models import ImportJob

    jobs.job_create(actor=world.users.officer_a, kind="test.list", params={"n": 1})
    ImportJob.objects.create(kind="khong-co", user=world.users.officer_a, filename="x.xlsx", data=b"x", size=1)
    _worker()
    assert DocumentJob.objects.get().status == S.DONE
    assert ImportJob.objects.get().status != ImportJob.Status.QUEUED


# --------------------------------------------------------------------------- pages


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_status_page_shows_progress_then_the_download(world):
    job = jobs.job_create(actor=world.users.officer_a, kind="test.list", params={"n": 7}, total=3,
                          title="Danh sách thử của trường A")
    c = _client(world.users.officer_a)
    html = c.get(reverse("documents:job_detail", args=[job.pk])).content.decode()
    assert "Danh sách thử của trường A" in html and 'data-testid="progress"' in html
    assert reverse("documents:job_progress", args=[job.pk]) in html  # the bar polls itself
    part = c.get(reverse("documents:job_progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert part.status_code == 200 and "0/3 trang" in part.content.decode()
    _worker()
    # finished: the poll tells htmx to reload the page, which now offers the file
    done = c.get(reverse("documents:job_progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert done.status_code == 204 and done["HX-Refresh"] == "true"
    html = c.get(reverse("documents:job_detail", args=[job.pk])).content.decode()
    assert 'data-testid="job-download"' in html and "danh-sach.txt" in html
    assert "Danh sách thử của trường A" in c.get(reverse("documents:job_list")).content.decode()


def test_waiting_too_long_says_the_worker_may_be_down(world):
    job = jobs.job_create(actor=world.users.officer_a, kind="test.list", params={"n": 1})
    DocumentJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(minutes=5))
    html = _client(world.users.officer_a).get(reverse("documents:job_detail", args=[job.pk])).content.decode()
    assert 'data-testid="stalled"' in html and "tdkt worker" in html


def test_failed_job_page_shows_the_message(world):
    job = jobs.job_create(actor=world.users.officer_a, kind="test.refuse", params={})
    _worker()
    html = _client(world.users.officer_a).get(reverse("documents:job_detail", args=[job.pk])).content.decode()
    assert "Đơn vị không còn trong phạm vi của bạn." in html and 'data-testid="job-download"' not in html


def test_download_is_the_owners_and_audited(world):
    job = jobs.job_create(actor=world.users.officer_a, kind="test.list", params={"n": 7})
    _worker()
    url = reverse("documents:job_download", args=[job.pk])
    before = AuditEvent.objects.count()
    # another officer of another school, and the head of the same school: not theirs
    for who in (world.users.officer_b, world.users.head_a):
        assert _client(who).get(url).status_code == 404
        assert _client(who).get(reverse("documents:job_detail", args=[job.pk])).status_code == 404
    assert AuditEvent.objects.count() == before
    r = _client(world.users.officer_a).get(url)
    assert r.status_code == 200 and r.content == "tệp 7".encode()
    assert r["Content-Disposition"] == 'attachment; filename="danh-sach.txt"'
    r = _client(world.users.admin).get(url)  # an administrator may fetch any
    assert r.status_code == 200
    events = AuditEvent.objects.filter(event_type="documents.job_downloaded").order_by("id")
    assert [e.actor for e in events] == [world.users.officer_a, world.users.admin]


def test_download_before_the_end_is_refused_without_audit(world):
    job = jobs.job_create(actor=world.users.officer_a, kind="test.list", params={"n": 7})
    before = AuditEvent.objects.count()
    r = _client(world.users.officer_a).get(reverse("documents:job_download", args=[job.pk]), follow=True)
    assert "Tệp chưa tạo xong" in r.content.decode()
    assert AuditEvent.objects.count() == before


def test_files_are_dropped_after_a_week(world):
    old = jobs.job_create(actor=world.users.officer_a, kind="test.list", params={"n": 1})
    recent = jobs.job_create(actor=world.users.officer_a, kind="test.list", params={"n": 2})
    _worker()
    DocumentJob.objects.filter(pk=old.pk).update(finished_at=timezone.now() - dt.timedelta(days=8))
    jobs.job_create(actor=world.users.officer_a, kind="test.list", params={"n": 3})  # any new request sweeps
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.status == S.EXPIRED and bytes(old.content) == b"" and recent.status == S.DONE
    c = _client(world.users.officer_a)
    before = AuditEvent.objects.count()
    html = c.get(reverse("documents:job_download", args=[old.pk]), follow=True).content.decode()
    assert "Tệp đã được xóa sau 7 ngày" in html and 'data-testid="job-download"' not in html
    assert AuditEvent.objects.count() == before


# --------------------------------------------------------------------------- one job mechanism


def test_a_job_is_a_task_of_the_framework(world):
    from django_tasks_db.models import DBTaskResult

    job = jobs.job_create(actor=world.users.officer_a, kind="test.list", params={"n": 7})
    [task] = DBTaskResult.objects.all()
    assert (task.task_path, task.args_kwargs["args"], task.status) == (
        "tdkt.documents.jobs.run_document_job", [job.pk], "READY")
    _worker()
    task.refresh_from_db()
    job.refresh_from_db()
    assert task.status == "SUCCESSFUL" and task.return_value == S.DONE and job.status == S.DONE


def test_a_job_whose_worker_died_is_rerun_to_the_same_file(world):
    normal = jobs.job_create(actor=world.users.officer_a, kind="test.list", params={"n": 7})
    _worker()
    dead = jobs.job_create(actor=world.users.officer_b, kind="test.list", params={"n": 7})
    assert jobs.claim_next().pk == dead.pk  # a worker took it, reported a page, and was killed
    DocumentJob.objects.filter(pk=dead.pk).update(done=1, heartbeat_at=timezone.now() - dt.timedelta(minutes=3))
    _worker()  # one cycle: back in the queue, run again
    normal.refresh_from_db()
    dead.refresh_from_db()
    assert dead.status == S.DONE and bytes(dead.content) == bytes(normal.content)
    assert (dead.done, dead.total, dead.filename) == (normal.done, normal.total, normal.filename)


def test_immediate_backend_runs_a_job_where_it_is_asked(settings, world, django_capture_on_commit_callbacks):
    """The ImmediateBackend (tests, a single-process demo): the job runs in the request that asks, once
    its row is committed (a backend other than the database one is told only then)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    kind = jobs.register(jobs.JobKind("test.now", "Thử", lambda job, progress: (b"ok", "ok.txt")))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            job = jobs.job_create(actor=world.users.officer_a, kind=kind.code, params={})
        assert DocumentJob.objects.get(pk=job.pk).status == DocumentJob.Status.DONE
    finally:
        jobs.REGISTRY.pop("test.now", None)


def test_with_a_broker_the_worker_only_puts_back_dead_jobs(settings, world, django_capture_on_commit_callbacks):
    """Another backend (RQ, Celery: here the in-memory dummy one) runs the tasks in its own workers;
    ``tdkt worker`` runs none itself, and hands a dead job's task to the broker again."""
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_create(actor=world.users.officer_a, kind="test.list", params={"n": 1})
    assert jobs.claim_next().pk == job.pk
    DocumentJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - dt.timedelta(minutes=3))
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("worker", "--once", stdout=out)
    assert out.getvalue().startswith("0 việc")
    job.refresh_from_db()
    assert job.status == S.QUEUED
    sent = [(r.task.module_path, r.args) for r in task_backends["default"].results]
    assert sent == [("tdkt.documents.jobs.run_document_job", [job.pk])] * 2


def test_finished_task_rows_are_pruned_after_a_week(world):
    from django_tasks_db.models import DBTaskResult

    from tdkt.core.jobs import prune_tasks

    old = jobs.job_create(actor=world.users.officer_a, kind="test.list", params={"n": 1})
    jobs.job_create(actor=world.users.officer_a, kind="test.list", params={"n": 2})
    _worker()
    DBTaskResult.objects.filter(args_kwargs__args=[old.pk]).update(finished_at=timezone.now() - dt.timedelta(days=8))
    waiting = jobs.job_create(actor=world.users.officer_a, kind="test.list", params={"n": 3})
    assert prune_tasks() == 1
    assert sorted(a["args"][0] for a in DBTaskResult.objects.values_list("args_kwargs", flat=True)) == [
        old.pk + 1, waiting.pk]
    old.refresh_from_db()
    assert old.status == S.DONE  # our row stays


def test_the_one_who_asked_is_told_when_the_worker_has_made_it(world):
    """Issue 14: a job finished — the bell of the one who asked (not of anyone else), with the link to the file."""
    from tdkt.notifications.models import Notification

    done = jobs.job_create(actor=world.users.officer_a, kind="test.list", params={"n": 2})
    failed = jobs.job_create(actor=world.users.officer_a, kind="test.crash", params={})
    _worker()
    notes = {n.target_id: n for n in Notification.objects.filter(kind="job_finished")}
    assert set(notes) == {done.pk, failed.pk}
    assert all(n.recipient == world.users.officer_a for n in notes.values())
    assert notes[done.pk].url.endswith(f"/tep-dang-tao/{done.pk}/")
    assert "Lỗi hệ thống" in notes[failed.pk].body
    _worker()  # nothing more to run: nobody is told twice
    assert Notification.objects.filter(kind="job_finished").count() == 2
