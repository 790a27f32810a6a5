"""Large certificate batches are made in the background: the request queues a job and shows its page,
``tdkt worker`` lays the certificates out part by part (the bar moves per part), and the owner
downloads one PDF with every page in order. Small batches still download at once."""

from __future__ import annotations

import io
import subprocess

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.awards import documents, jobs
from tdkt.documents.models import DocumentJob
from tdkt.documents.tests.helpers import need_tool


@pytest.fixture
def small_limits(monkeypatch):
    """One certificate inline at most, one certificate per part: two certificates make a two-part job."""
    monkeypatch.setattr(jobs, "INLINE_MAX_CERTIFICATES", 1)
    monkeypatch.setattr(documents, "CERTIFICATES_PER_PART", 1)


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _pdf_pages(content: bytes, tmp_path) -> list[str]:
    path = tmp_path / "gk.pdf"
    path.write_bytes(content)
    text = subprocess.run([need_tool("pdftotext", "poppler-utils"), "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [p for p in text.split("\f") if p.strip()]


def _ask(w, **params):
    c = _client(w.users.officer_a)
    return c, c.get(reverse("awards:certificates_batch_pdf"), {"don-vi": w.school_a.pk, **params})


def test_large_batch_becomes_a_job_and_its_page(three, small_limits, tmp_path):
    aw, _ = three
    w = aw.w
    c, r = _ask(w, **{"nam-hoc": w.year.pk})
    job = DocumentJob.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("documents:job_detail", args=[job.pk])
    assert (job.status, job.total, job.user) == (DocumentJob.Status.QUEUED, 2, w.users.officer_a)
    assert job.params["unit"] == w.school_a.pk and job.params["school_year"] == w.year.pk
    [asked] = AuditEvent.objects.filter(event_type="documents.job_requested")
    assert asked.actor == w.users.officer_a and asked.target_id == str(job.pk)
    page = c.get(r["Location"]).content.decode()
    assert "Trường Tiểu học Đinh Tiên Hoàng" in page and "(2 trang)" in page and 'data-testid="progress"' in page

    reported = []
    real = documents.certificates_pdf

    def spy(pages, *, progress=None):
        def seen(done, total):
            reported.append((done, total))
            progress(done, total)
        return real(pages, progress=seen)

    documents.certificates_pdf = spy
    try:
        call_command("worker", "--once", stdout=io.StringIO())
    finally:
        documents.certificates_pdf = real
    job.refresh_from_db()
    assert job.status == DocumentJob.Status.DONE, job.message
    assert (job.done, job.total) == (2, 2) and job.filename == f"giay-khen-{w.school_a.pk}.pdf"
    assert sorted(reported) == [(1, 2), (2, 2)]  # one step per part laid out

    r = c.get(reverse("documents:job_download", args=[job.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    pages = _pdf_pages(r.content, tmp_path)
    # the same pages, in the same order, as the inline PDF of test_batch_pdf_prints_every_live_certificate
    assert len(pages) == 2
    assert "Tổ 1" in pages[0] or "TỔ 1" in pages[0].upper()
    assert "Trần Thị Bình" in pages[1] and "12/QĐ-GDĐT" in pages[1]
    assert "http://testserver/khen-thuong/xac-minh/" in "".join(pages).replace("\n", "")
    assert AuditEvent.objects.filter(event_type="documents.job_downloaded", actor=w.users.officer_a).count() == 1


def test_other_users_cannot_see_the_job(three, small_limits):
    aw, _ = three
    w = aw.w
    _ask(w)
    job = DocumentJob.objects.get()
    call_command("worker", "--once", stdout=io.StringIO())
    for who in (w.users.officer_b, w.users.head_a, w.users.office_officer):
        assert _client(who).get(reverse("documents:job_download", args=[job.pk])).status_code == 404


def test_award_revoked_while_waiting_is_left_out(three, small_limits, tmp_path):
    """The job looks the awards up when it runs: what was revoked meanwhile is not printed."""
    from tdkt.awards import services

    aw, (d1, d2, d3) = three
    w = aw.w
    _ask(w)
    head = d2.created_by or w.users.admin
    services.award_revoke(actor=head, item=d2.items.get(), reason="Kê khai sai", revocation_decision="46/QĐ-UBND",
                          revoked_on=d2.decision_date)
    call_command("worker", "--once", stdout=io.StringIO())
    job = DocumentJob.objects.get()
    assert job.status == DocumentJob.Status.DONE
    pages = _pdf_pages(bytes(job.content), tmp_path)
    assert len(pages) == 1 and "Trần Thị Bình" not in pages[0]


def test_user_who_lost_the_unit_gets_a_refusal_not_the_file(three, small_limits):
    from tdkt.accounts.models import Membership

    aw, _ = three
    w = aw.w
    _ask(w)
    Membership.objects.filter(user=w.users.officer_a).delete()
    call_command("worker", "--once", stdout=io.StringIO())
    job = DocumentJob.objects.get()
    assert job.status == DocumentJob.Status.FAILED and "không còn quyền" in job.message
    assert bytes(job.content) == b""


def test_small_batch_still_downloads_at_once(three):
    aw, _ = three
    _, r = _ask(aw.w)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert not DocumentJob.objects.exists()


def test_large_decision_certificates_become_a_job(three, small_limits):
    aw, (d1, _, _) = three
    w = aw.w
    c = _client(w.users.office_officer)
    # d1 has one live line (An's award was revoked): inline
    assert c.get(reverse("awards:certificates_pdf", args=[d1.pk]))["Content-Type"] == "application/pdf"
    jobs.INLINE_MAX_CERTIFICATES = 0  # monkeypatched: restored after the test
    r = c.get(reverse("awards:certificates_pdf", args=[d1.pk]))
    job = DocumentJob.objects.get()
    assert r.status_code == 302 and job.params["decision"] == d1.pk and "11/QĐ-GDĐT" in job.title
    call_command("worker", "--once", stdout=io.StringIO())
    job.refresh_from_db()
    assert job.status == DocumentJob.Status.DONE and job.filename == f"giay-khen-{d1.number}-{d1.year}.pdf"


def test_api_answers_202_with_a_job_to_poll_then_the_file(three, small_limits, monkeypatch, tmp_path):
    aw, (d1, _, _) = three
    w = aw.w
    monkeypatch.setattr(jobs, "INLINE_MAX_CERTIFICATES", 0)
    c = _client(w.users.office_officer)
    r = c.get(reverse("api:awards_certificates_pdf", args=[d1.pk]))
    assert r.status_code == 202, r.content[:300]
    body = r.json()
    job = DocumentJob.objects.get()
    assert body["id"] == job.pk and body["status"] == "queued" and body["file_url"] is None
    assert body["status_url"].endswith(reverse("api:document_job", args=[job.pk]))

    # Before the worker: the status says so and the file is not there yet (409, nothing written).
    audits = AuditEvent.objects.count()
    early = c.get(reverse("api:document_job_file", args=[job.pk]))
    assert early.status_code == 409 and early.json()["status"] == "queued"
    assert AuditEvent.objects.count() == audits
    # Someone else, even of the same office, does not see the job at all.
    other = _client(w.users.officer_a).get(reverse("api:document_job", args=[job.pk]))
    assert other.status_code == 404

    call_command("worker", "--once", stdout=io.StringIO())
    status = c.get(body["status_url"]).json()
    assert status["status"] == "done" and status["done"] == status["total"] == 1
    assert status["filename"] == f"giay-khen-{d1.number}-{d1.year}.pdf"
    r = c.get(status["file_url"])
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    pages = _pdf_pages(r.content, tmp_path)
    assert len(pages) == 1 and "11/QĐ-GDĐT" in pages[0]
    assert AuditEvent.objects.filter(event_type="documents.job_downloaded", target_id=str(job.pk)).count() == 1
