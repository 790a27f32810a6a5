"""Cases of the permission-map walk (tdkt/accounts/tests/test_permission_map.py) for
every records page and API route × method. Award types and a record to revoke are
created without audit rows, so building a request never looks like a change."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.core.testing import Case


def _types(w):
    from .helpers import make_award_types

    return make_award_types()


def _award(w):
    from tdkt.records.models import AwardRecord

    record, _ = AwardRecord.objects.get_or_create(
        award_type=_types(w)["lao-dong-tien-tien"], person=w.an, school_year=w.year,
        defaults=dict(unit=w.group_a, decision_number="125/QĐ-GDĐT", decision_date=dt.date(2026, 6, 15)))
    return record


def _case(w):
    """An open case of "đang xem xét xử lý kỷ luật" for An, made without an audit row."""
    from tdkt.records.models import DisciplineCase

    case, _ = DisciplineCase.objects.get_or_create(person=w.an, closed_on=None,
                                                   defaults=dict(opened_on=dt.date(2025, 11, 1)))
    return case


def _file(w):
    from .helpers import an_row, xlsx

    _types(w)
    return xlsx([an_row(year="2025-2026", number="301/QĐ-GDĐT", date="15/06/2026")])


def _upload(w):
    """A readable file whose row names nobody: the preview is audited, and no file is kept."""
    from .helpers import an_row, xlsx

    _types(w)
    data = xlsx([an_row(name="Không Có Ai", year="2025-2026", number="301/QĐ-GDĐT", date="15/06/2026")])
    return {"file": SimpleUploadedFile("khen-thuong.xlsx", data)}


def _job(w):
    """One checked import job per test, made by officer A (no audit row, so building the request changes
    nothing): the refused attempts reach no view, the allowed commit writes its row."""
    from tdkt.records.models import ImportJob

    if not getattr(w, "_records_job", None):
        data = _file(w)
        w._records_job = ImportJob.objects.create(
            kind="khen-thuong", user=w.users.officer_a, filename="khen-thuong.xlsx", data=data, size=len(data),
            status=ImportJob.Status.CHECKED, result={"can_commit": True, "counts": {"new": 1}, "rows": []})
    return w._records_job.pk


def _job_url(route):
    return lambda w: reverse(route, args=[_job(w)])


def _person(route):
    return lambda w: reverse(route, args=[w.an.pk])


def _page_form(route, data):
    return [Case(route, "get", _person(route)),
            Case(route, "post", _person(route), data=data, allowed_status=(302,))]


def _api_post(name, url, data, status=(201,)):
    return Case(name, "post", url, data=data, json_body=True, anon_status=(401,), allowed_status=status)


def _api_person(path):
    return lambda w: f"/api/records/people/{w.an.pk}/{path}"


CASES = [
    Case("records:home", "get", lambda w: reverse("records:home"), other_unit=None, wrong_role="public_a"),
    Case("records:person_record", "get", _person("records:person_record"), allowed="staff_a",
         wrong_role="public_a", extra_refused=["specialist_mn"]),
    *_page_form("records:rating_set", lambda w: {"school_year": w.year.pk, "rating": "htt"}),
    *_page_form("records:discipline_add", lambda w: {"form": "khien_trach", "decision_number": "3/QĐ-THĐTH",
                                                     "decision_date": "2025-11-05"}),
    *_page_form("records:discipline_case_open", lambda w: {"opened_on": "2025-10-01"}),
    Case("records:discipline_case_close", "get", lambda w: reverse("records:discipline_case_close", args=[_case(w).pk])),
    Case("records:discipline_case_close", "post", lambda w: reverse("records:discipline_case_close", args=[_case(w).pk]),
         data=lambda w: {"closed_on": "2025-12-01", "outcome": "khong_ky_luat"}, allowed_status=(302,)),
    *_page_form("records:absence_add", lambda w: {"kind": "om_dau", "start_date": "2025-10-01",
                                                  "end_date": "2025-10-30"}),
    *_page_form("records:initiative_add", lambda w: {"title": "Sáng kiến", "kind": "sang_kien",
                                                     "school_year": w.year.pk, "scope": "co_so", "share": "100"}),
    *_page_form("records:award_add", lambda w: {"award_type": _types(w)["giay-khen"].pk, "school_year": w.year.pk,
                                                "decision_number": "77/QĐ-GDĐT", "decision_date": "2026-05-10"}),
    *_page_form("records:registration_add", lambda w: {"award_type": _types(w)["lao-dong-tien-tien"].pk,
                                                       "school_year": w.year.pk, "registered_on": "2025-09-20"}),
    Case("records:award_revoke", "get", lambda w: reverse("records:award_revoke", args=[_award(w).pk])),
    Case("records:award_revoke", "post", lambda w: reverse("records:award_revoke", args=[_award(w).pk]),
         data=lambda w: {"revoked_on": "2026-09-01", "revocation_decision": "5/QĐ-GDĐT", "reason": "Sai"},
         allowed_status=(302,)),
    Case("records:unit_year", "get", lambda w: reverse("records:unit_year", args=[w.school_a.pk]),
         allowed="council_a", wrong_role="staff_a", extra_refused=["specialist_mn"]),
    Case("records:unit_rating_set", "get", lambda w: reverse("records:unit_rating_set", args=[w.school_a.pk])),
    Case("records:unit_rating_set", "post", lambda w: reverse("records:unit_rating_set", args=[w.school_a.pk]),
         data=lambda w: {"school_year": w.year.pk, "rating": "htxs"}, allowed_status=(302,)),
    Case("records:unit_discipline_case_open", "get",
         lambda w: reverse("records:unit_discipline_case_open", args=[w.school_a.pk])),
    Case("records:unit_discipline_case_open", "post",
         lambda w: reverse("records:unit_discipline_case_open", args=[w.school_a.pk]),
         data=lambda w: {"opened_on": "2025-10-01"}, allowed_status=(302,)),
    # The import reaches people row by row (another unit's officer gets "không tìm thấy"), so there is
    # no object to refuse at the door.
    Case("records:import", "get", lambda w: reverse("records:import"), other_unit=None),
    Case("records:import_upload", "get", lambda w: reverse("records:import_upload", args=["khen-thuong"]),
         other_unit=None),
    Case("records:import_upload", "post", lambda w: reverse("records:import_upload", args=["khen-thuong"]),
         data=_upload, other_unit=None, allowed_status=(302,), extra_refused=["staff_a"]),
    # A job is its uploader's: another officer gets 404 from the view (tested in test_import_pages).
    Case("records:import_job", "get", _job_url("records:import_job"), other_unit=None),
    Case("records:import_job_progress", "get", _job_url("records:import_job_progress"), other_unit=None),
    Case("records:import_job_commit", "post", _job_url("records:import_job_commit"), other_unit=None,
         allowed_status=(302,), extra_refused=["staff_a"]),
    Case("records:import_template", "get", lambda w: reverse("records:import_template", args=["khen-thuong"]),
         other_unit=None),
    # API
    Case("api:records_person_record", "get", lambda w: f"/api/records/people/{w.an.pk}", allowed="staff_a",
         wrong_role="public_a", anon_status=(401,), extra_refused=["specialist_mn"]),
    _api_post("api:records_rating_list", _api_person("ratings"), lambda w: {"school_year": 2025, "rating": "htt"}),
    _api_post("api:records_discipline_list", _api_person("disciplines"),
              lambda w: {"form": "khien_trach", "decision_number": "1/QĐ", "decision_date": "2025-10-01"}),
    _api_post("api:records_discipline_case_list", _api_person("discipline-cases"),
              lambda w: {"opened_on": "2025-10-01", "reference": "Thông báo 2/TB-THĐTH"}),
    _api_post("api:records_unit_discipline_case_list", lambda w: f"/api/records/units/{w.school_a.pk}/discipline-cases",
              lambda w: {"opened_on": "2025-10-01", "reference": "Thông báo 3/TB-THĐTH"}),
    _api_post("api:records_discipline_case_close", lambda w: f"/api/records/discipline-cases/{_case(w).pk}/close",
              lambda w: {"closed_on": "2025-12-01", "outcome": "khong_ky_luat"}, status=(200,)),
    _api_post("api:records_absence_list", _api_person("absences"),
              lambda w: {"kind": "thai_san", "start_date": "2025-11-01", "end_date": "2026-04-30"}),
    _api_post("api:records_initiative_list", lambda w: "/api/records/initiatives",
              lambda w: {"title": "Sáng kiến A", "school_year": 2025, "authors": [{"person_id": w.an.pk}]}),
    _api_post("api:records_award_list", _api_person("awards"),
              lambda w: {"award_type": _types(w)["giay-khen"].code, "school_year": 2025,
                         "decision_number": "77/QĐ-GDĐT", "decision_date": "2026-05-10"}),
    _api_post("api:records_unit_award_list", lambda w: f"/api/records/units/{w.school_a.pk}/awards",
              lambda w: {"award_type": _types(w)["tap-the-lao-dong-tien-tien"].code, "school_year": 2025,
                         "decision_number": "9/QĐ-UBND", "decision_date": "2026-07-01"}),
    _api_post("api:records_award_revoke", lambda w: f"/api/records/awards/{_award(w).pk}/revoke",
              lambda w: {"revoked_on": "2026-09-01", "revocation_decision": "5/QĐ-GDĐT", "reason": "Sai"},
              status=(200,)),
    _api_post("api:records_registration_list", _api_person("registrations"),
              lambda w: {"award_type": _types(w)["lao-dong-tien-tien"].code, "school_year": 2025}),
    # The file names nobody in the officer's units: access is granted, then the check refuses the row (422).
    Case("api:records_import_list", "post", lambda w: "/api/records/imports/khen-thuong", data=_upload,
         other_unit=None, anon_status=(401,), allowed_status=(202, 422), extra_refused=["staff_a"]),
    Case("api:records_import_job", "get", lambda w: f"/api/records/imports/jobs/{_job(w)}", other_unit=None,
         anon_status=(401,)),
    Case("api:records_import_job_commit", "post", lambda w: f"/api/records/imports/jobs/{_job(w)}/commit",
         other_unit=None, anon_status=(401,), allowed_status=(202,), extra_refused=["staff_a"]),
    _api_post("api:records_unit_rating_list", lambda w: f"/api/records/units/{w.school_a.pk}/ratings",
              lambda w: {"school_year": 2025, "rating": "htxs"}),
]
