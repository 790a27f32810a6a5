"""Permission-walk cases for the eligibility API (collected by
tdkt/accounts/tests/test_permission_map.py): every route × method."""

from __future__ import annotations

from django.urls import reverse

from tdkt.core.testing import Case

YEAR = "?year=2025-2026"


def _with_catalogue(url: str) -> str:
    # The walk runs on the bare ``world``; titles must exist for a title-specific URL.
    # Award types and criteria are not part of the walk's "nothing changed" snapshot.
    from tdkt.eligibility.catalogue import load_catalogue

    load_catalogue()
    return url


def _award_pk(code: str) -> int:
    from tdkt.eligibility.models import AwardType

    _with_catalogue("")
    return AwardType.objects.get(code=code).pk


def _stored_run_url(w) -> str:
    """A stored run of school A holding a verdict for An (staff_a's own record), written
    without the service so the walk's audit count is untouched."""
    from tdkt.eligibility.models import AwardType, EvaluationRun, Verdict

    _with_catalogue("")
    run = EvaluationRun.objects.filter(unit=w.school_a).first()
    if run is None:
        run = EvaluationRun.objects.create(unit=w.school_a, school_year=w.year, award_types=["lao-dong-tien-tien"])
        Verdict.objects.create(run=run, award_type=AwardType.objects.get(code="lao-dong-tien-tien"), person=w.an,
                               outcome="thieu_thong_tin", lines=[])
    return reverse("api:eligibility_run_detail", args=[run.pk])


def _running_job_url(w) -> str:
    """A background run of school A that still runs, written without the service (no task, no audit row)."""
    from tdkt.eligibility.models import EvaluationJob

    job = EvaluationJob.objects.filter(unit=w.school_a).first() or EvaluationJob.objects.create(
        unit=w.school_a, school_year=w.year, user=w.users.officer_a, status="running", done=3, total=10)
    return reverse("eligibility:run_progress", args=[w.school_a.pk, job.pk])


CASES = [
    Case("api:eligibility_catalogue", "get", lambda w: reverse("api:eligibility_catalogue") + YEAR,
         allowed="staff_a", other_unit=None, wrong_role="public_a", anon_status=(401,)),
    Case("api:eligibility_person_verdicts", "get",
         lambda w: reverse("api:eligibility_person_verdicts", args=[w.an.pk]) + YEAR,
         allowed="staff_a", wrong_role="public_a", anon_status=(401,), extra_refused=["specialist_mn"]),
    Case("api:eligibility_person_verdict", "get",
         lambda w: _with_catalogue(reverse("api:eligibility_person_verdict", args=[w.an.pk, "lao-dong-tien-tien"])
                                   + YEAR),
         allowed="council_a", wrong_role="public_a", anon_status=(401,), extra_refused=["specialist_mn"]),
    Case("api:eligibility_person_roadmap", "get",
         lambda w: reverse("api:eligibility_person_roadmap", args=[w.an.pk]) + YEAR,
         allowed="staff_a", wrong_role="public_a", anon_status=(401,)),
    Case("api:eligibility_unit_table", "get",
         lambda w: reverse("api:eligibility_unit_table", args=[w.school_a.pk]) + YEAR,
         allowed="officer_a", wrong_role="staff_a", anon_status=(401,), extra_refused=["specialist_mn"]),
    Case("api:eligibility_quota", "get", lambda w: reverse("api:eligibility_quota", args=[w.school_a.pk]) + YEAR,
         allowed="head_a", wrong_role="staff_a", anon_status=(401,)),
    Case("api:eligibility_local_quotas", "get",
         lambda w: reverse("api:eligibility_local_quotas", args=[w.school_a.pk]),
         allowed="head_a", wrong_role="staff_a", anon_status=(401,)),
    Case("api:eligibility_unit_roadmap", "get",
         lambda w: reverse("api:eligibility_unit_roadmap", args=[w.school_a.pk]) + YEAR,
         allowed="council_a", wrong_role="staff_a", anon_status=(401,)),
    Case("api:eligibility_impact", "get",
         lambda w: reverse("api:eligibility_impact", args=[w.school_a.pk])
         + "?year=2025-2026&date_a=2023-12-31&date_b=2024-01-01",
         allowed="officer_a", wrong_role="staff_a", anon_status=(401,), extra_refused=["specialist_mn"]),
    Case("api:eligibility_runs", "post", lambda w: _with_catalogue(reverse("api:eligibility_runs")),
         data=lambda w: {"unit_id": w.school_a.pk, "year": "2025-2026"}, json_body=True, allowed_status=(201,),
         wrong_role="council_a", anon_status=(401,)),
    Case("api:eligibility_run_detail", "get", _stored_run_url, allowed="staff_a", wrong_role="public_a",
         anon_status=(401,)),
    Case("eligibility:person", "get", lambda w: reverse("eligibility:person", args=[w.an.pk]) + "?nam=2025",
         allowed="staff_a", wrong_role="public_a", extra_refused=["specialist_mn"]),
    Case("eligibility:unit", "get", lambda w: reverse("eligibility:unit", args=[w.school_a.pk]) + "?nam=2025",
         allowed="officer_a", wrong_role="staff_a", extra_refused=["specialist_mn"]),
    Case("eligibility:run", "post", lambda w: _with_catalogue(reverse("eligibility:run", args=[w.school_a.pk])),
         data=lambda w: {"nam": "2025"}, allowed_status=(302,), wrong_role="council_a"),
    Case("eligibility:run_progress", "get", _running_job_url, allowed="officer_a", wrong_role="staff_a",
         extra_refused=["specialist_mn"]),
    Case("eligibility:impact", "get",
         lambda w: reverse("eligibility:impact", args=[w.school_a.pk]) + "?nam=2025&ngay_a=2023-12-31&ngay_b=2024-01-01",
         allowed="officer_a", wrong_role="staff_a", extra_refused=["specialist_mn"]),
    Case("eligibility:local_quotas", "get", lambda w: reverse("eligibility:local_quotas", args=[w.school_a.pk]),
         allowed="officer_a", wrong_role="staff_a", extra_refused=["specialist_mn"]),
    # Setting a unit's own cap: those who decide its awards (the head), not its TĐKT officer.
    Case("eligibility:local_quotas", "post", lambda w: reverse("eligibility:local_quotas", args=[w.school_a.pk]),
         data=lambda w: {"award_type": _award_pk("chien-si-thi-dua-co-so"),
                         "of_award_type": _award_pk("lao-dong-tien-tien"),
                         "max_share": "20%", "rounding": "floor", "effective_from": "2026-09-01",
                         "citation": "Quyết định 1/QĐ-THĐTH, Điều 3"},
         allowed="head_a", wrong_role="officer_a", allowed_status=(302,)),
]
