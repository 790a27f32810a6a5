"""The background path: a large file is queued, the worker (``tdkt worker``) checks it
with progress the page can poll, the user confirms, the worker writes it."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.people.models import Person
from tdkt.people.services import employment_add, person_create
from tdkt.records import imports_jobs
from tdkt.records.models import ImportJob, PersonRating

from .helpers import counts
from .kinds import RATINGS, book, rating_row

S = ImportJob.Status


@pytest.fixture
def background(monkeypatch, media):
    """Every upload goes to the worker, and progress is written at every report."""
    monkeypatch.setattr(imports_jobs, "INLINE_MAX_BYTES", 0)
    monkeypatch.setattr(imports_jobs, "PROGRESS_EVERY_SECONDS", 0)


@pytest.fixture
def staff(rec):
    """1,200 teachers of school A with birth dates, made without audit rows (fast)."""
    people = Person.objects.bulk_create([
        Person(family_name="Đặng", middle_name="Văn", given_name=f"Số{i:04d}", birth_date=dt.date(1980, 1, 1)
               + dt.timedelta(days=i)) for i in range(1200)])
    for p in people:
        p.refresh_derived()
    Person.objects.bulk_update(people, ["sort_name", "search_name"])
    from tdkt.people.models import Employment
    Employment.objects.bulk_create([Employment(person=p, unit=rec.w.school_a, position="giao_vien",
                                               start_date=dt.date(2015, 9, 1)) for p in people])
    return people


def _file(people):
    return book(RATINGS, [rating_row(n=i, name=p.full_name, born=p.birth_date.strftime("%d/%m/%Y"),
                                     rating="HTTNV" if i % 2 else "HTXSNV") for i, p in enumerate(people, 1)])


def _progress_updates(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].startswith("UPDATE") and "rows_done" in q["sql"]
            and "records_importjob" in q["sql"]]


def test_large_file_runs_in_the_worker_with_progress(rec, staff, background, media):
    client = Client()
    client.force_login(rec.officer)
    response = client.post(reverse("records:import_upload", args=["xep-loai"]),
                           {"file": SimpleUploadedFile("xep-loai.xlsx", _file(staff))})
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("records:import_job", args=[job.pk])
    assert job.status == S.QUEUED and job.user == rec.officer
    # the page shows a progress bar that polls with htmx
    html = client.get(response["Location"]).content.decode()
    progress_url = reverse("records:import_job_progress", args=[job.pk])
    assert f'hx-get="{progress_url}"' in html and 'hx-trigger="every 1s"' in html and "Đang chờ kiểm tra" in html
    assert "htmx-2.min.js" in html
    partial = client.get(progress_url, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200 and 'data-testid="progress"' in partial.content.decode()

    before = counts()
    with CaptureQueriesContext(connection) as queries:
        call_command("worker", "--once", stdout=open("/dev/null", "w"))  # noqa: SIM115
    updates = _progress_updates(queries.captured_queries)
    assert len(updates) >= 4  # reading, then checking, reported as it went
    job.refresh_from_db()
    assert job.status == S.CHECKED and job.total_rows == job.rows_done == 1200 and job.error_count == 0
    assert job.result["counts"] == {"rows": 1200, "new": 1200, "skipped": 0, "errors": 0}
    after = counts()  # the check writes no record, only its audit row
    assert after.pop("AuditEvent") == before.pop("AuditEvent") + 1 and after == before
    # finished: the poll tells the page to reload, and the page shows the preview
    done = client.get(progress_url, HTTP_HX_REQUEST="true")
    assert done.status_code == 204 and done["HX-Refresh"] == "true"
    html = client.get(response["Location"]).content.decode()
    assert "Xác nhận nhập 1200 dòng" in html and "Còn 900 dòng hợp lệ không hiện ở đây" in html

    # confirm: the commit is queued for the worker too
    client.post(reverse("records:import_job_commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == S.COMMIT_QUEUED and not PersonRating.objects.exists()
    assert "Đang chờ nhập" in client.get(progress_url, HTTP_HX_REQUEST="true").content.decode()
    audits = AuditEvent.objects.filter(event_type="records.rating_set").count()
    call_command("worker", "--once", stdout=open("/dev/null", "w"))  # noqa: SIM115
    job.refresh_from_db()
    assert job.status == S.DONE and job.summary["created"] == 1200
    assert PersonRating.objects.count() == 1200
    assert AuditEvent.objects.filter(event_type="records.rating_set").count() == audits + 1200
    assert not list(media.glob("imports/job-*.progress"))
    assert "Đã nhập 1200 dòng xếp loại từ «xep-loai.xlsx»" in client.get(response["Location"]).content.decode()


def test_worker_leaves_a_job_with_errors_unwritten(rec, staff, background):
    rows = [rating_row(n=i, name=p.full_name, born=p.birth_date.strftime("%d/%m/%Y")) for i, p in
            enumerate(staff[:600], 1)]
    rows[450] = rating_row(n=451, name="Không Có Ai", born="01/01/1990")
    client = Client()
    client.force_login(rec.officer)
    client.post(reverse("records:import_upload", args=["xep-loai"]),
                {"file": SimpleUploadedFile("xep-loai.xlsx", book(RATINGS, rows))})
    before = counts()
    call_command("worker", "--once", stdout=open("/dev/null", "w"))  # noqa: SIM115
    job = ImportJob.objects.get()
    assert job.status == S.CHECKED and job.error_count == 1 and not job.result["can_commit"]
    assert job.result["errors"][0][:2] == [452, "Họ và tên"]
    html = client.get(reverse("records:import_job", args=[job.pk])).content.decode()
    assert "Dòng 452, cột «Họ và tên»: Không tìm thấy «Không Có Ai»" in html and "confirm-form" not in html
    client.post(reverse("records:import_job_commit", args=[job.pk]))
    call_command("worker", "--once", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = counts()
    assert after.pop("AuditEvent") == before.pop("AuditEvent") + 1 and after == before


def test_worker_claims_each_job_once(rec, media, monkeypatch):
    monkeypatch.setattr(imports_jobs, "INLINE_MAX_BYTES", 0)
    job = ImportJob.objects.create(kind="xep-loai", user=rec.officer, filename="a.xlsx", data=b"x", size=1)
    first = imports_jobs.claim_next()
    assert first.pk == job.pk and first.status == S.CHECKING
    assert imports_jobs.claim_next() is None  # already taken


def test_commit_progress_goes_beside_the_transaction(rec, media):
    """While writing (inside the commit's transaction) progress goes to a file the page reads; while
    checking, to the job's row."""
    job = ImportJob.objects.create(kind="xep-loai", user=rec.officer, filename="a.xlsx", data=b"x", size=1,
                                   status=S.COMMITTING)
    report = imports_jobs.Reporter(job)
    with transaction.atomic():
        report(40, 100, "write")
        assert imports_jobs.live_progress(job) == ("write", 40, 100)
    ImportJob.objects.filter(pk=job.pk).update(status=S.CHECKING)
    report(7, 10, "check")
    job.refresh_from_db()
    assert imports_jobs.live_progress(job) == ("check", 7, 10) and job.percent == 70


def test_small_file_runs_inline(rec, media):
    person = person_create(actor=None, family_name="Võ", given_name="Nhỏ", birth_date=dt.date(1991, 1, 1))
    employment_add(actor=None, person=person, unit=rec.w.school_a, position="giao_vien", start_date=dt.date(2019, 9, 1))
    client = Client()
    client.force_login(rec.officer)
    html = client.post(reverse("records:import_upload", args=["xep-loai"]),
                       {"file": SimpleUploadedFile("x.xlsx", book(RATINGS, [rating_row(name="Võ Nhỏ",
                                                                                      born="01/01/1991")]))},
                       follow=True).content.decode()
    assert "Xác nhận nhập 1 dòng" in html and 'data-testid="progress"' not in html


def test_a_job_nobody_runs_says_so(rec, media, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(imports_jobs, "INLINE_MAX_BYTES", 0)
    job = ImportJob.objects.create(kind="xep-loai", user=rec.officer, filename="a.xlsx", data=b"x", size=1)
    client = Client()
    client.force_login(rec.officer)
    url = reverse("records:import_job_progress", args=[job.pk])
    assert 'data-testid="stalled"' not in client.get(url, HTTP_HX_REQUEST="true").content.decode()
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(minutes=5))
    assert "tdkt worker" in client.get(url, HTTP_HX_REQUEST="true").content.decode()


def test_unconfirmed_files_are_dropped_after_a_day(rec, media):
    from django.utils import timezone

    old = ImportJob.objects.create(kind="xep-loai", user=rec.officer, filename="a.xlsx", data=b"x" * 100, size=100,
                                   status=S.CHECKED, result={"can_commit": True},
                                   finished_at=timezone.now() - dt.timedelta(hours=25))
    fresh = ImportJob.objects.create(kind="xep-loai", user=rec.officer, filename="b.xlsx", data=b"y", size=1,
                                     status=S.CHECKED, result={"can_commit": True}, finished_at=timezone.now())
    assert imports_jobs.sweep_unconfirmed() == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.status == S.FAILED and bytes(old.data) == b"" and "quá 24 giờ" in old.message
    assert fresh.status == S.CHECKED and bytes(fresh.data) == b"y"
    assert not imports_jobs.request_commit(old)


def test_a_connection_lost_while_committing_keeps_the_upload_for_a_retry(rec, staff, background, monkeypatch):
    """Issue 17: the worker's connection drops in the middle of the commit. Nothing is written, the checked file is
    kept and the job is «checked» again with a message; confirming again imports it, without uploading again."""
    from django.db import OperationalError

    from tdkt.records import imports

    rows = [rating_row(n=i, name=p.full_name, born=p.birth_date.strftime("%d/%m/%Y")) for i, p in
            enumerate(staff[:600], 1)]
    client = Client()
    client.force_login(rec.officer)
    client.post(reverse("records:import_upload", args=["xep-loai"]),
                {"file": SimpleUploadedFile("xep-loai.xlsx", book(RATINGS, rows))})
    call_command("worker", "--once", stdout=open("/dev/null", "w"))  # noqa: SIM115
    job = ImportJob.objects.get()
    assert job.status == S.CHECKED and job.result["can_commit"]
    before = counts()
    real_commit = imports.commit

    def dropped(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(imports, "commit", dropped)
    client.post(reverse("records:import_job_commit", args=[job.pk]))
    call_command("worker", "--once", stdout=open("/dev/null", "w"))  # noqa: SIM115
    job.refresh_from_db()
    assert job.status == S.CHECKED and len(job.data) > 0 and "Mất kết nối" in job.message
    assert counts() == before
    html = client.get(reverse("records:import_job", args=[job.pk])).content.decode()
    assert "confirm-form" in html and "Mất kết nối tới cơ sở dữ liệu" in html
    monkeypatch.setattr(imports, "commit", real_commit)
    client.post(reverse("records:import_job_commit", args=[job.pk]))
    call_command("worker", "--once", stdout=open("/dev/null", "w"))  # noqa: SIM115
    job.refresh_from_db()
    assert job.status == S.DONE and job.summary["created"] == 600
