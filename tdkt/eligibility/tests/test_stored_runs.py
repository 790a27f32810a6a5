"""A large subtree's eligibility page reads its latest stored run instead of judging everyone on
each request; an officer asks for a fresh run, made in the background with a progress bar."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.eligibility import services
from tdkt.eligibility.models import EvaluationJob, EvaluationRun
from tdkt.records.services import person_rating_set

from .helpers import LDTT, person, register

Y = {"nam": "2025"}


@pytest.fixture
def big(settings):
    """Every subtree of more than one person counts as large here (the office has four)."""
    settings.ELIGIBILITY_LIVE_MAX_PEOPLE = 2


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _row(html: str, person_id: int) -> str:
    return html.split(f'data-testid="row-person-{person_id}"')[1].split("</tr>")[0]


def test_a_large_unit_without_a_run_offers_to_run(w, big):
    html = client_for(w.users.office_officer).get(reverse("eligibility:unit", args=[w.phong.pk]), Y).content.decode()
    assert 'data-testid="no-run"' in html
    assert "Chạy xét điều kiện" in html and 'data-testid="run-button"' in html
    assert 'data-testid="row-person-' not in html


def test_a_small_unit_is_still_judged_live(w, big, settings):
    settings.ELIGIBILITY_LIVE_MAX_PEOPLE = 300
    register(w.an, LDTT, 2025)
    html = client_for(w.users.office_officer).get(reverse("eligibility:unit", args=[w.phong.pk]), Y).content.decode()
    assert 'data-testid="run-status"' not in html
    assert f'data-testid="row-person-{w.an.pk}"' in html


def test_the_page_shows_the_stored_run_until_it_is_run_again(w, big):
    """A fact changed after the run does not change the verdict shown, only the count of changes, until
    the next run: the page never calls the engine."""
    register(w.an, LDTT, 2025)
    run = services.evaluation_run(actor=w.users.office_officer, unit=w.phong, school_year=w.year)
    c = client_for(w.users.office_officer)
    url = reverse("eligibility:unit", args=[w.phong.pk])
    html = c.get(url, {**Y, "danh_hieu": LDTT}).content.decode()
    assert run.created_at.strftime("%d/%m/%Y") in html.split('data-testid="run-time"')[1].split("</p>")[0]
    assert "Thiếu thông tin" in _row(html, w.an.pk)
    assert 'data-testid="run-unchanged"' in html

    person_rating_set(actor=w.users.officer_a, person=w.an, school_year=w.year, rating="htt")
    html = c.get(url, {**Y, "danh_hieu": LDTT}).content.decode()
    assert "Thiếu thông tin" in _row(html, w.an.pk)  # still the stored verdict
    assert "1 thay đổi dữ liệu sau lần xét này" in html

    services.evaluation_run(actor=w.users.office_officer, unit=w.phong, school_year=w.year)
    html = c.get(url, {**Y, "danh_hieu": LDTT}).content.decode()
    assert "Đủ điều kiện" in _row(html, w.an.pk)
    assert 'data-testid="run-unchanged"' in html


def test_stored_page_is_scoped_to_what_the_user_reaches(w, big):
    services.evaluation_run(actor=w.users.office_officer, unit=w.phong, school_year=w.year)
    html = client_for(w.users.specialist_th).get(reverse("eligibility:unit", args=[w.phong.pk]),
                                                 {**Y, "danh_hieu": LDTT}).content.decode()
    assert f'data-testid="row-person-{w.an.pk}"' in html
    assert f'data-testid="row-person-{w.hoa.pk}"' not in html  # a preschool teacher: not a primary specialist's
    everything = client_for(w.users.office_officer).get(reverse("eligibility:unit", args=[w.phong.pk]),
                                                        {**Y, "danh_hieu": LDTT}).content.decode()
    # The totals are the reader's too: the office officer's come from the run, the specialist's are counted.
    assert "4 kết quả xét" in everything and "3 kết quả xét" in html


def _page_queries(w) -> int:
    c = client_for(w.users.office_officer)
    url = reverse("eligibility:unit", args=[w.phong.pk])
    c.get(url, Y)  # warm the session and the content types
    with CaptureQueriesContext(connection) as ctx:
        assert c.get(url, Y).status_code == 200
    return len(ctx.captured_queries)


def test_stored_page_queries_do_not_grow_with_verdicts(w, big):
    for i in range(3):
        person(w.school_a, f"A{i}")
    services.evaluation_run(actor=w.users.office_officer, unit=w.phong, school_year=w.year)
    few = _page_queries(w)
    for i in range(80):
        person(w.school_b, f"B{i}")
    run = services.evaluation_run(actor=w.users.office_officer, unit=w.phong, school_year=w.year)
    assert run.verdicts.count() > 2 * 50  # more than a full page
    assert _page_queries(w) == few


def test_a_fresh_run_goes_to_the_worker_with_a_progress_bar(w, big):
    c = client_for(w.users.office_officer)
    page = c.post(reverse("eligibility:run", args=[w.phong.pk]), Y)
    assert page.status_code == 302
    job = EvaluationJob.objects.get(unit=w.phong)
    assert job.status == EvaluationJob.Status.QUEUED and not EvaluationRun.objects.exists()

    html = c.get(reverse("eligibility:unit", args=[w.phong.pk]), Y).content.decode()
    progress_url = reverse("eligibility:run_progress", args=[w.phong.pk, job.pk])
    assert 'data-testid="run-progress"' in html and f'hx-get="{progress_url}"' in html
    assert 'data-testid="run-button"' not in html  # no second run while one waits
    assert c.post(reverse("eligibility:run", args=[w.phong.pk]), Y).status_code == 302
    assert EvaluationJob.objects.count() == 1  # the second click gets the same job

    partial = c.get(progress_url, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200 and "Đang chờ" in partial.content.decode()

    call_command("worker", "--once", stdout=io.StringIO())
    job.refresh_from_db()
    assert job.status == EvaluationJob.Status.DONE and job.run is not None
    assert job.total == job.done == job.run.subjects > 0
    finished = c.get(progress_url, HTTP_HX_REQUEST="true")
    assert finished.status_code == 204 and finished["HX-Refresh"] == "true"

    html = c.get(reverse("eligibility:unit", args=[w.phong.pk]), {**Y, "danh_hieu": LDTT}).content.decode()
    assert 'data-testid="run-time"' in html and f'data-testid="row-person-{w.an.pk}"' in html
    assert "Chạy lại xét điều kiện" in html


def test_a_small_run_is_made_in_the_request(w):
    c = client_for(w.users.officer_a)
    assert c.post(reverse("eligibility:run", args=[w.school_a.pk]), Y).status_code == 302
    assert EvaluationRun.objects.filter(unit=w.school_a).count() == 1
    assert not EvaluationJob.objects.exists()


def test_a_run_refused_to_an_officer_of_another_school_writes_nothing(w, big):
    c = client_for(w.users.officer_b)
    assert c.post(reverse("eligibility:run", args=[w.school_a.pk]), Y).status_code == 403
    assert not EvaluationJob.objects.exists() and not EvaluationRun.objects.exists()
