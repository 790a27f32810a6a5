"""Issue 4 in a browser: upload a ratings file, watch the background job's progress,
see the preview, confirm, and watch the import finish."""

import io

import pytest
from django.core.management import call_command

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _ratings_file() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Năm học", "Xếp loại"])
    ws.append([1, "Nguyễn Văn An", "07/03/1985", "Tổ 1", "2023-2024", "HTXSNV"])
    ws.append([2, "Nguyễn Văn An", "7-3-1985", "", "2024-2025", "Hoàn thành tốt nhiệm vụ"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _run_worker():
    call_command("worker", "--once", stdout=io.StringIO())


def test_ratings_import_in_the_background(page, world, monkeypatch, settings, tmp_path):
    from tdkt.records import imports_jobs
    from tdkt.records.models import ImportJob, PersonRating

    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(imports_jobs, "INLINE_MAX_BYTES", 0)  # even this small file goes to the worker
    login(page, "officer_a")
    page.goto(page.base_url + "/ho-so/nhap-excel/")
    page.click("[data-testid=kind-xep-loai]")
    page.set_input_files("main input[name=file]", files=[{
        "name": "xep-loai.xlsx", "buffer": _ratings_file(),
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    page.click("main button[type=submit]")
    # queued: the page shows a progress bar and polls
    page.wait_for_selector("[data-testid=progress]")
    assert "Đang chờ kiểm tra" in page.inner_text("[data-testid=progress]")
    assert page.locator(".progress-bar").count() == 1
    _run_worker()
    # the poll sees the job finished and the page reloads itself with the preview
    page.wait_for_selector("[data-testid=preview-rows]")
    assert page.inner_text("[data-testid=count-new]") == "2"
    assert "Nguyễn Văn An (07/03/1985)" in page.inner_text("[data-testid=preview-rows]")
    assert not PersonRating.objects.exists()
    page.click("[data-testid=confirm-form] button[type=submit]")
    page.wait_for_selector("[data-testid=progress]")
    assert "Đang chờ nhập" in page.inner_text("[data-testid=progress]")
    _run_worker()
    page.wait_for_selector("[data-testid=job-done]")
    assert "Đã nhập 2 dòng xếp loại từ «xep-loai.xlsx»" in page.inner_text("[data-testid=job-done]")
    assert PersonRating.objects.filter(person=world.an).count() == 2
    assert ImportJob.objects.get().status == ImportJob.Status.DONE
