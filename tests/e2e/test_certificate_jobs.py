"""In a browser: a large certificate batch goes to the background, its page shows a progress bar that
refreshes itself, and once the worker is done the same page offers the PDF."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from tdkt.awards.tests.conftest import aw, council_passes, three  # noqa: F401  (fixtures)

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_large_batch_in_the_background(page, three, monkeypatch):  # noqa: F811
    from tdkt.awards import documents, jobs

    # Not stubs: the size thresholds are lowered so that three certificates count as "a large batch".
    monkeypatch.setattr(jobs, "INLINE_MAX_CERTIFICATES", 1)
    monkeypatch.setattr(documents, "CERTIFICATES_PER_PART", 1)
    data, _ = three
    w = data.w
    login(page, "officer_a")
    page.goto(page.base_url + f"/khen-thuong/giay-khen/?don-vi={w.school_a.pk}")
    assert page.locator("[data-testid=batch-background]").count() == 1  # the page says it will take a while
    page.click("text=Tải PDF để in")
    page.wait_for_selector("[data-testid=progress]")
    assert "Đang chờ" in page.inner_text("[data-testid=progress]")
    assert page.locator(".progress-bar").count() == 1
    call_command("worker", "--once", stdout=io.StringIO())
    # the poll sees the job finished and the page reloads itself with the download
    page.wait_for_selector("[data-testid=job-done]")
    assert f"giay-khen-{w.school_a.pk}.pdf" in page.inner_text("[data-testid=job-done]")
    with page.expect_download() as info:
        page.click("[data-testid=job-download]")
    path = info.value.path()
    with open(path, "rb") as f:
        assert f.read(5) == b"%PDF-"
