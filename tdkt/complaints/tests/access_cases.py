"""Permission-walk cases of this app (collected by tdkt/accounts/tests/test_permission_map.py). The letter is
received by school A and handled by its TĐKT officer; it is made with the ORM (no audit row), so the walk's
"nothing changed" snapshot holds for the refused attempts."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from tdkt.core.testing import Case


def _letter(w, status="tiep_nhan"):
    from tdkt.complaints.models import Letter
    from tdkt.complaints.reference import load_time_limits

    if getattr(w, "_letter", None) is None:
        load_time_limits()
        w._letter = Letter.objects.create(
            unit=w.school_a, number="KN-2026-900", kind="khieu_nai", channel="truc_tiep",
            received_on=dt.date(2026, 9, 7), subject="Khiếu nại kết quả bình xét", content="Nội dung",
            sender_name="Người khiếu nại", created_by=w.users.officer_a)
        w._letter.handlers.add(w.users.officer_a)
    if status != "tiep_nhan" and w._letter.status != status:
        type(w._letter).objects.filter(pk=w._letter.pk).update(
            status=status, accepted_on=dt.date(2026, 9, 8),
            suspended_on=dt.date(2026, 9, 10) if status == "tam_dinh_chi" else None)
    return w._letter


def _resolved(w):
    """A second letter of school A, resolved (the decision exists only then)."""
    from tdkt.complaints.models import Letter

    _letter(w)
    if getattr(w, "_resolved", None) is None:
        w._resolved = Letter.objects.create(
            unit=w.school_a, number="KN-2026-901", kind="khieu_nai", channel="truc_tiep",
            received_on=dt.date(2026, 9, 7), accepted_on=dt.date(2026, 9, 8), status="da_giai_quyet", outcome="sai",
            resolved_on=dt.date(2026, 9, 30), resolution_number="3/QĐ-GQKN", resolution_summary="Không có cơ sở.",
            subject="Khiếu nại", content="Nội dung", sender_name="Người khiếu nại", created_by=w.users.officer_a)
    return w._resolved


def _url(name, status="tiep_nhan"):
    return lambda w: reverse(name, args=[_letter(w, status).pk])


def _new(w):
    return {"unit": w.school_a.pk, "kind": "khieu_nai", "instance": 1, "channel": "truc_tiep",
            "received_on": "2026-09-07", "subject": "Khiếu nại", "content": "Nội dung", "sender_name": "Lê Văn B"}


CASES = [
    Case("complaints:letter_list", "get", lambda w: reverse("complaints:letter_list"), other_unit=None,
         wrong_role="staff_a"),
    Case("complaints:letter_new", "get", lambda w: reverse("complaints:letter_new"), other_unit=None,
         wrong_role="council_a"),
    Case("complaints:letter_new", "post", lambda w: reverse("complaints:letter_new"), data=_new,
         allowed_status=(302,), wrong_role="council_a", other_unit=None),
    Case("complaints:letter_detail", "get", _url("complaints:letter_detail"), wrong_role="staff_a",
         extra_refused=["specialist_mn"]),
    Case("complaints:letter_assign", "post", _url("complaints:letter_assign"), wrong_role="council_a",
         data=lambda w: {"handlers": [w.users.officer_a.pk]}, allowed_status=(302,)),
    Case("complaints:letter_accept", "post", _url("complaints:letter_accept"), wrong_role="council_a",
         data=lambda w: {"accepted_on": "2026-09-08"}, allowed_status=(302,)),
    Case("complaints:letter_not_accept", "post", _url("complaints:letter_not_accept"), wrong_role="council_a",
         data=lambda w: {"day": "2026-09-08", "reason": "Không thuộc thẩm quyền"}, allowed_status=(302,)),
    Case("complaints:letter_extend", "post", _url("complaints:letter_extend", "thu_ly"), wrong_role="council_a",
         data=lambda w: {"day": "2026-09-10", "reason": "Phức tạp"}, allowed_status=(302,)),
    # Resolving needs the resolver or DECIDE_AWARDS: the school's head (who also handles letters).
    Case("complaints:letter_resolve", "post", _url("complaints:letter_resolve", "thu_ly"), allowed="head_a",
         wrong_role="council_a",
         data=lambda w: {"outcome": "sai", "resolution_number": "1/QĐ-GQKN", "resolved_on": "2026-09-20",
                         "summary": "Không có cơ sở"}, allowed_status=(302,)),
    Case("complaints:letter_suspend", "post", _url("complaints:letter_suspend", "thu_ly"), wrong_role="council_a",
         data=lambda w: {"day": "2026-09-10", "reason": "Chờ kết quả giám định"}, allowed_status=(302,)),
    Case("complaints:letter_resume", "post", _url("complaints:letter_resume", "tam_dinh_chi"), wrong_role="council_a",
         data=lambda w: {"day": "2026-09-20"}, allowed_status=(302,)),
    Case("complaints:letter_decision", "get", lambda w: reverse("complaints:letter_decision", args=[_resolved(w).pk]),
         wrong_role="staff_a"),
    Case("api:complaints_letter_list", "get", lambda w: "/api/complaints/letters", other_unit=None,
         wrong_role="staff_a", anon_status=(401,)),
    Case("api:complaints_letter_list", "post", lambda w: "/api/complaints/letters", json_body=True,
         data=lambda w: {**_new(w), "unit_id": w.school_a.pk}, wrong_role="council_a", anon_status=(401,),
         allowed_status=(201,)),
    Case("api:complaints_letter_detail", "get", lambda w: f"/api/complaints/letters/{_letter(w).pk}",
         wrong_role="staff_a", anon_status=(401,)),
    Case("api:complaints_letter_accept", "post", lambda w: f"/api/complaints/letters/{_letter(w).pk}/accept",
         json_body=True, data=lambda w: {"accepted_on": "2026-09-08"}, wrong_role="council_a", anon_status=(401,)),
    Case("api:complaints_letter_resolve", "post",
         lambda w: f"/api/complaints/letters/{_letter(w, 'thu_ly').pk}/resolve", json_body=True, allowed="head_a",
         data=lambda w: {"outcome": "sai", "resolution_number": "2/QĐ-GQKN", "resolved_on": "2026-09-20",
                         "summary": "Không có cơ sở"}, wrong_role="council_a", anon_status=(401,)),
]
