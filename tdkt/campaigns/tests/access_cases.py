"""Permission-walk cases for every campaigns route × method (see tdkt/accounts/tests/test_permission_map.py)."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from tdkt.core.testing import Case

from . import helpers as h


def _document(w):
    from ..models import CampaignDocument

    camp = h.school_campaign(w)
    name = "campaigns/access-case.pdf"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(b"%PDF-1.4\n%%EOF\n"))
    doc = CampaignDocument.objects.get_or_create(campaign=camp, original_name="phat-dong.pdf",
                                                 defaults={"file": name, "file_kind": "pdf", "size": 15})[0]
    return reverse("campaigns:campaign_document", args=[camp.pk, doc.pk])


def _ics(w):
    from ..services import calendar_token_get_or_create

    return reverse("campaigns:calendar_ics", args=[calendar_token_get_or_create(user=w.users.officer_a)])


def _campaign_form(w):
    return {"unit": w.school_a.pk, "name": "Phong trào Trường học thân thiện", "kind": "chuyen_de",
            "school_year": w.year.pk}


def _sub_url(name):
    return lambda w: reverse(f"campaigns:{name}", args=[h.campaign(w).pk, w.school_a.pk])


def _submit_url(w):
    h.entry(w)
    return reverse("campaigns:submission_submit", args=[h.campaign(w).pk, w.school_a.pk])


def _review_url(w):
    h.submission(w)
    return reverse("campaigns:submission_review", args=[h.campaign(w).pk, w.school_a.pk])


def _cluster_url(name):
    return lambda w: reverse(f"campaigns:{name}", args=[h.cluster(w).pk])


def _sign_url(w):
    return reverse("campaigns:covenant_sign", args=[h.covenant(w).cluster_id])


MEETING = {"number": 1, "held_on": "2025-10-30", "place": "Trường TH Đinh Tiên Hoàng", "agenda": "Ký giao ước"}


def _api(name, *args):
    return lambda w: reverse(f"api:{name}", args=[a(w) for a in args])


def _sub_api(name):
    return lambda w: (h.submission(w) if name != "campaigns_submission_submit" else h.entry(w)) and reverse(
        f"api:{name}", args=[h.campaign(w).pk, w.school_a.pk])


def _manual_target(w):
    from ..models import CampaignTarget

    return CampaignTarget.objects.get_or_create(campaign=h.school_campaign(w), name="Số tiết thao giảng",
                                                defaults={"target_value": 10, "measure": "tiết"})[0]


def _milestone(w):
    import datetime as dt

    from ..models import Milestone

    return Milestone.objects.get_or_create(campaign=h.school_campaign(w), name="Sơ kết học kỳ I",
                                           defaults={"due_date": dt.date(2026, 1, 26)})[0]


def _camp_api(name, obj=None):
    return lambda w: reverse(f"api:{name}", args=[h.school_campaign(w).pk] + ([obj(w).pk] if obj else []))


# Options shared by several Cases, spread in with **: typed as Any, since a dict of mixed values is a
# dict[str, object] to mypy, which no Case field accepts.
ADJUST_API: dict[str, Any] = dict(json_body=True, wrong_role="council_a", anon_status=(401,))


def _report_data(w):
    return {"target": _manual_target(w).pk, "unit": w.school_a.pk, "value": "4", "reported_on": "2025-10-01"}


CASES = [
    Case("campaigns:campaign_adjust", "get",
         lambda w: reverse("campaigns:campaign_adjust", args=[h.school_campaign(w).pk]), wrong_role="council_a"),
    Case("campaigns:campaign_adjust", "post",
         lambda w: reverse("campaigns:campaign_adjust", args=[h.school_campaign(w).pk]),
         data=lambda w: {"op": "target_add", "tnew-name": "Tỷ lệ đăng ký LĐTT", "tnew-target_value": "80",
                         "tnew-measure": "%", "tnew-metric": "registered_ldtt"},
         allowed_status=(302,), wrong_role="council_a"),
    Case("campaigns:target_report", "post",
         lambda w: _manual_target(w) and reverse("campaigns:target_report", args=[h.school_campaign(w).pk]),
         data=_report_data, allowed_status=(302,), wrong_role="council_a"),
    Case("api:campaigns_covenant_set", "post", lambda w: reverse("api:campaigns_covenant_set", args=[h.cluster(w).pk]),
         json_body=True, data=lambda w: {"text": "Giao ước thi đua năm học 2025-2026"}, allowed="office_officer",
         wrong_role="council_a", anon_status=(401,)),
    Case("api:campaigns_cluster_detail", "get",
         lambda w: reverse("api:campaigns_cluster_detail", args=[h.cluster(w).pk]), wrong_role="public_a",
         anon_status=(401,)),
    Case("api:campaigns_targets", "post", _camp_api("campaigns_targets"),
         data=lambda w: {"name": "Số sáng kiến", "target_value": "2", "metric": "initiatives_recognised"},
         allowed_status=(201,), **ADJUST_API),
    Case("api:campaigns_target", "patch", _camp_api("campaigns_target", _manual_target),
         data=lambda w: {"name": "Số tiết thao giảng", "target_value": "12", "measure": "tiết"}, **ADJUST_API),
    Case("api:campaigns_target", "delete", _camp_api("campaigns_target", _manual_target), allowed_status=(204,),
         wrong_role="council_a", anon_status=(401,)),
    Case("api:campaigns_milestones", "post", _camp_api("campaigns_milestones"),
         data=lambda w: {"name": "Tổng kết", "due_date": "2026-05-15"}, allowed_status=(201,), **ADJUST_API),
    Case("api:campaigns_milestone", "patch", _camp_api("campaigns_milestone", _milestone),
         data=lambda w: {"name": "Sơ kết học kỳ I", "due_date": "2026-01-30"}, **ADJUST_API),
    Case("api:campaigns_milestone", "delete", _camp_api("campaigns_milestone", _milestone), allowed_status=(204,),
         wrong_role="council_a", anon_status=(401,)),
    Case("api:campaigns_deadlines", "patch", _camp_api("campaigns_deadlines"),
         data=lambda w: {"registration_deadline": "2025-10-27"}, **ADJUST_API),
    Case("api:campaigns_changes", "get", _camp_api("campaigns_changes"), wrong_role="public_a",
         anon_status=(401,)),
    Case("api:campaigns_progress", "get",
         lambda w: reverse("api:campaigns_progress", args=[h.school_campaign(w).pk]), wrong_role="public_a",
         anon_status=(401,)),
    Case("api:campaigns_target_report", "post",
         lambda w: reverse("api:campaigns_target_report", args=[h.school_campaign(w).pk, _manual_target(w).pk]),
         json_body=True, data=lambda w: {"unit_id": w.school_a.pk, "value": "4", "reported_on": "2025-10-01"},
         allowed_status=(201,), wrong_role="council_a", anon_status=(401,)),

    Case("campaigns:campaign_list", "get", lambda w: reverse("campaigns:campaign_list"), other_unit=None,
         wrong_role="public_a"),
    Case("campaigns:campaign_create", "get", lambda w: reverse("campaigns:campaign_create"), other_unit=None,
         wrong_role="council_a"),
    Case("campaigns:campaign_create", "post", lambda w: reverse("campaigns:campaign_create"), data=_campaign_form,
         allowed_status=(302,), other_unit=None, wrong_role="council_a", extra_refused=["staff_a"]),
    Case("campaigns:campaign_detail", "get", lambda w: reverse("campaigns:campaign_detail",
                                                               args=[h.school_campaign(w).pk]),
         wrong_role="public_a"),
    Case("campaigns:campaign_document", "get", _document, wrong_role="public_a"),
    Case("campaigns:register", "get", lambda w: reverse("campaigns:register", args=[h.school_campaign(w).pk]),
         allowed="staff_a"),
    Case("campaigns:register", "post", lambda w: reverse("campaigns:register", args=[h.school_campaign(w).pk]),
         data=lambda w: {"award_type": h.award().pk, "person": w.an.pk}, allowed="staff_a", allowed_status=(302,)),
    Case("campaigns:innovation_create", "get",
         lambda w: reverse("campaigns:innovation_create", args=[h.school_campaign(w).pk]), allowed="staff_a"),
    Case("campaigns:innovation_create", "post",
         lambda w: reverse("campaigns:innovation_create", args=[h.school_campaign(w).pk]),
         data=lambda w: {"person": w.an.pk, **h.INNOVATION}, allowed="staff_a", allowed_status=(302,)),
    Case("campaigns:group_create", "get",
         lambda w: reverse("campaigns:group_create", args=[h.school_campaign(w).pk]), wrong_role="council_a"),
    Case("campaigns:group_create", "post",
         lambda w: reverse("campaigns:group_create", args=[h.school_campaign(w).pk]),
         data=lambda w: {"unit": w.school_a.pk, "members": [w.an.pk, w.binh.pk], **h.GROUP},
         wrong_role="council_a", allowed_status=(302,)),
    Case("campaigns:innovation_detail", "get",
         lambda w: reverse("campaigns:innovation_detail", args=[h.innovation(w).pk]), wrong_role="public_a"),
    Case("campaigns:group_detail", "get", lambda w: reverse("campaigns:group_detail", args=[h.group(w).pk]),
         wrong_role="public_a"),
    Case("campaigns:submission_detail", "get", _sub_url("submission_detail"), wrong_role="public_a"),
    Case("campaigns:submission_cover", "get", _sub_url("submission_cover"), wrong_role="public_a"),
    Case("campaigns:submission_summary", "get", _sub_url("submission_summary"), wrong_role="public_a"),
    Case("campaigns:submission_download", "get", lambda w: h.entry(w) and reverse(
        "campaigns:submission_download", args=[h.campaign(w).pk, w.school_a.pk, "bang-tong-hop", "docx"]),
         wrong_role="public_a"),
    Case("campaigns:submission_submit", "post", _submit_url, data=lambda w: {}, allowed_status=(302,),
         wrong_role="council_a"),
    Case("campaigns:submission_review", "post", _review_url, data=lambda w: {"action": "accept"},
         allowed="office_officer", allowed_status=(302,), wrong_role="council_a", extra_refused=["officer_a"]),
    Case("campaigns:calendar", "get", lambda w: reverse("campaigns:calendar"), other_unit=None,
         wrong_role="public_a"),
    Case("campaigns:calendar_token_reset", "post", lambda w: reverse("campaigns:calendar_token_reset"),
         data=lambda w: {}, other_unit=None, wrong_role="public_a", allowed_status=(302,)),
    Case("campaigns:calendar_ics", "get", _ics, other_unit=None, wrong_role=None, anon_status=(200,),
         extra_refused=["officer_b"]),
    Case("campaigns:cluster_list", "get", lambda w: reverse("campaigns:cluster_list"), other_unit=None,
         wrong_role="public_a"),
    Case("campaigns:cluster_detail", "get", _cluster_url("cluster_detail"), wrong_role="public_a"),
    Case("campaigns:covenant_edit", "post", _cluster_url("covenant_edit"), data=lambda w: {"text": "Giao ước mới"},
         allowed="office_officer", allowed_status=(302,), wrong_role="council_a"),
    Case("campaigns:covenant_sign", "post", _sign_url, data=lambda w: {"unit": w.school_a.pk},
         allowed_status=(302,), wrong_role="council_a"),
    Case("campaigns:meeting_record", "get", _cluster_url("meeting_record"), allowed="office_officer",
         wrong_role="council_a"),
    Case("campaigns:meeting_record", "post", _cluster_url("meeting_record"), data=lambda w: MEETING,
         allowed="office_officer", allowed_status=(302,), wrong_role="council_a"),
    # API
    Case("api:campaigns_campaign_list", "get", lambda w: reverse("api:campaigns_campaign_list"), other_unit=None,
         wrong_role="public_a", anon_status=(401,)),
    Case("api:campaigns_campaign_list", "post", lambda w: reverse("api:campaigns_campaign_list"), json_body=True,
         data=lambda w: {"unit_id": w.school_a.pk, "name": "Phong trào Xanh – Sạch – Đẹp", "school_year": 2025},
         allowed_status=(201,), wrong_role="council_a", anon_status=(401,)),
    Case("api:campaigns_register", "post",
         lambda w: reverse("api:campaigns_register", args=[h.school_campaign(w).pk]), json_body=True,
         data=lambda w: {"award_type": h.award().code, "person_id": w.an.pk}, allowed="staff_a",
         allowed_status=(201,), anon_status=(401,)),
    Case("api:campaigns_submission_submit", "post", _sub_api("campaigns_submission_submit"), json_body=True,
         data=lambda w: {}, wrong_role="council_a", anon_status=(401,)),
    Case("api:campaigns_submission_accept", "post", _sub_api("campaigns_submission_accept"), json_body=True,
         data=lambda w: {}, allowed="office_officer", wrong_role="council_a", anon_status=(401,),
         extra_refused=["officer_a"]),
    Case("api:campaigns_submission_return", "post", _sub_api("campaigns_submission_return"), json_body=True,
         data=lambda w: {"reason": "Thiếu kế hoạch"}, allowed="office_officer", wrong_role="council_a",
         anon_status=(401,), extra_refused=["officer_a"]),
    Case("api:campaigns_covenant_sign", "post", lambda w: reverse("api:campaigns_covenant_sign",
                                                                  args=[h.covenant(w).cluster_id]),
         json_body=True, data=lambda w: {"unit_id": w.school_a.pk}, allowed_status=(201,), wrong_role="council_a",
         anon_status=(401,)),
    Case("api:campaigns_meeting_record", "post", lambda w: reverse("api:campaigns_meeting_record",
                                                                   args=[h.cluster(w).pk]),
         json_body=True, data=lambda w: MEETING, allowed="office_officer", wrong_role="council_a",
         anon_status=(401,)),
]
