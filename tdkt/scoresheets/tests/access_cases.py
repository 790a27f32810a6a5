"""Permission-walk cases of this app (collected by tdkt/accounts/tests/test_permission_map.py). The Phòng's sheet
for primary schools, school A's self-assessment (submitted) and the cluster of schools A and B."""

from __future__ import annotations

from django.urls import reverse

from tdkt.core.testing import Case


def _orm_sheet(w, status):
    """Made with the ORM (no audit row), so that only the request under test writes one."""
    from decimal import Decimal

    from tdkt.scoresheets.models import Criterion, Sheet

    n = Sheet.objects.filter(owner=w.phong).count() + 1
    s = Sheet.objects.create(owner=w.phong, school_year=w.year, unit_type=w.types["truong-th"], title="Bảng điểm",
                             version=n, status=status, created_by=w.users.office_officer)
    sec = Criterion.objects.create(sheet=s, order=1, code="1", title="Mục 1", kind="section")
    Criterion.objects.create(sheet=s, parent=sec, order=2, code="1.1", title="Tiêu chí", max_points=Decimal(10),
                             evidence_required=True)
    Criterion.objects.create(sheet=s, parent=sec, order=3, code="1.2", title="Tiêu chí 2", max_points=Decimal(20))
    return s


def _sheet(w, draft=False):
    key = "_ss_draft" if draft else "_ss_sheet"
    if getattr(w, key, None) is None:
        setattr(w, key, _orm_sheet(w, "draft" if draft else "in_use"))
    return getattr(w, key)


def _assessment(w, submitted=True):
    from decimal import Decimal

    from django.utils import timezone

    from tdkt.scoresheets.models import Assessment, Score

    key = "_ss_a" if submitted else "_ss_draft_a"
    if getattr(w, key, None) is None:
        s = _sheet(w)
        unit = w.school_a
        a = Assessment.objects.filter(sheet=s, unit=unit).first()
        if a is None:
            a = Assessment.objects.create(sheet=s, unit=unit, created_by=w.users.officer_a)
        for c in s.criteria.exclude(kind="section"):
            Score.objects.create(assessment=a, criterion=c, points=Decimal(5), evidence="https://example.org")
        if submitted:
            a.status, a.self_total, a.submitted_at = "submitted", Decimal(10), timezone.now()
            a.save()
        setattr(w, key, a)
    return getattr(w, key)


def _draft_assessment(w):
    return _assessment(w, submitted=False)


def _cluster(w):
    from tdkt.org.choices import ClusterKind
    from tdkt.org.models import Cluster, ClusterMember

    if getattr(w, "_ss_cluster", None) is None:
        c = Cluster.objects.create(school_year=w.year, organizer=w.phong, kind=ClusterKind.CUM, name="Cụm 1",
                                   leader=w.school_a)
        for u in (w.school_a, w.school_b):
            ClusterMember.objects.create(cluster=c, unit=u, school_year=w.year, kind=ClusterKind.CUM)
        w._ss_cluster = c
    return w._ss_cluster


def _new(w):
    return {"owner": w.phong.pk, "school_year": w.year.pk, "unit_type": w.types["truong-th"].pk,
            "title": "Bảng điểm", "final_rule": "reviewer", "gap_threshold": "5"}


def _review_data(w):
    a = _assessment(w)
    return {f"c{c.pk}": "1" for c in a.sheet.criteria.exclude(kind="section")}


def _score(w):
    a = _draft_assessment(w)
    return {"criterion": a.sheet.criteria.get(code="1.2").pk, "points": "10"}


def _rank_url(w, name):
    return reverse(f"scoresheets:{name}", args=[_sheet(w).pk, _cluster(w).pk])


CASES = [
    Case("scoresheets:sheet_list", "get", lambda w: reverse("scoresheets:sheet_list"), other_unit=None,
         wrong_role=None),
    Case("scoresheets:sheet_new", "get", lambda w: reverse("scoresheets:sheet_new"), allowed="office_officer",
         other_unit=None, wrong_role="council_a"),
    Case("scoresheets:sheet_new", "post", lambda w: reverse("scoresheets:sheet_new"), data=_new,
         allowed="office_officer", other_unit=None, wrong_role="council_a", allowed_status=(302,)),
    Case("scoresheets:sheet_detail", "get", lambda w: reverse("scoresheets:sheet_detail", args=[_sheet(w).pk]),
         other_unit=None, wrong_role=None),
    Case("scoresheets:criteria_import", "post",
         lambda w: reverse("scoresheets:criteria_import", args=[_sheet(w, draft=True).pk]),
         data=lambda w: {"text": "9 | Mục chín\n9.1 | Tiêu chí | 4"}, allowed="office_officer",
         other_unit="officer_a", wrong_role="council_a", allowed_status=(302,)),
    Case("scoresheets:sheet_activate", "post",
         lambda w: reverse("scoresheets:sheet_activate", args=[_sheet(w, draft=True).pk]), allowed="office_officer",
         other_unit="officer_a", wrong_role="council_a", allowed_status=(302,)),
    Case("scoresheets:sheet_version", "post", lambda w: reverse("scoresheets:sheet_version", args=[_sheet(w).pk]),
         allowed="office_officer", other_unit="officer_a", wrong_role="council_a", allowed_status=(302,)),
    Case("scoresheets:assessment_start", "post",
         lambda w: reverse("scoresheets:assessment_start", args=[_sheet(w).pk]),
         data=lambda w: {"unit": w.school_a.pk}, wrong_role="council_a", allowed_status=(302,)),
    Case("scoresheets:assessment_fill", "get",
         lambda w: reverse("scoresheets:assessment_fill", args=[_assessment(w).pk]), wrong_role=None),
    Case("scoresheets:score_save", "post", lambda w: reverse("scoresheets:score_save", args=[_draft_assessment(w).pk]),
         data=_score, wrong_role="council_a"),
    Case("scoresheets:assessment_submit", "post",
         lambda w: reverse("scoresheets:assessment_submit", args=[_draft_assessment(w).pk]), wrong_role="council_a",
         allowed_status=(302,)),
    Case("scoresheets:assessment_review", "get",
         lambda w: reverse("scoresheets:assessment_review", args=[_assessment(w).pk]), wrong_role=None),
    Case("scoresheets:assessment_review", "post",
         lambda w: reverse("scoresheets:assessment_review", args=[_assessment(w).pk]), data=_review_data,
         allowed="specialist_th", other_unit="specialist_mn", wrong_role="council_a", allowed_status=(302,)),
    Case("scoresheets:final_set", "post", lambda w: reverse("scoresheets:final_set", args=[_assessment(w).pk]),
         data=lambda w: {"total": "20", "reason": "Hội đồng"}, allowed="office_officer", other_unit="officer_a",
         wrong_role="council_a", allowed_status=(302,)),
    Case("scoresheets:ranking", "get", lambda w: _rank_url(w, "ranking"), allowed="office_officer",
         other_unit=None, wrong_role=None),
    Case("scoresheets:ranking_publish", "post", lambda w: _rank_url(w, "ranking_publish"),
         allowed="office_officer", other_unit="officer_b", wrong_role="council_a", allowed_status=(302,)),
    Case("api:scoresheets_sheet", "get", lambda w: f"/api/scoresheets/sheets/{_sheet(w).pk}", other_unit=None,
         wrong_role=None, anon_status=(401,)),
    Case("api:scoresheets_assessment", "get", lambda w: f"/api/scoresheets/assessments/{_assessment(w).pk}",
         wrong_role=None, anon_status=(401,)),
    Case("api:scoresheets_ranking", "get", lambda w: f"/api/scoresheets/sheets/{_sheet(w).pk}/clusters/"
         f"{_cluster(w).pk}/ranking", allowed="office_officer", other_unit=None, wrong_role=None,
         anon_status=(401,)),
]
