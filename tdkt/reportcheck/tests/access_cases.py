"""Permission-walk cases of this app (collected by tdkt/accounts/tests/test_permission_map.py).

The check the result pages show is made with the ORM on first use (no audit row, so
the walk's "nothing changed" snapshot is not disturbed)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.core.testing import Case


def fx(w):
    if getattr(w, "_reportcheck", None) is None:
        from tdkt.reportcheck.models import ReportCheck
        from tdkt.reportcheck.tests.docs import minimal_individual

        w._reportcheck = ReportCheck.objects.create(
            created_by=w.users.officer_a, form_kind="ca_nhan", person=w.an, filename="bao-cao.docx",
            data=minimal_individual(), sha256="0" * 64,
            findings=[{"code": "thieu-muc", "severity": "loi", "severity_label": "Lỗi", "location": "Cả báo cáo",
                       "quote": "", "message": "Thiếu mục.", "fix": "Thêm mục.", "rule": "", "section": "",
                       "block": None}])
    return w._reportcheck


def _upload(w):
    from tdkt.reportcheck.tests.docs import minimal_individual

    return {"person": w.an.pk, "file": SimpleUploadedFile("bao-cao.docx", minimal_individual())}


R = lambda name: (lambda w: reverse(name, args=[fx(w).pk]))  # noqa: E731

CASES = [
    Case("reportcheck:check", "get", lambda w: reverse("reportcheck:check"), other_unit=None, wrong_role="public_a"),
    Case("reportcheck:check", "post", lambda w: reverse("reportcheck:check"), data=_upload, allowed_status=(302,),
         wrong_role="public_a", extra_refused=["specialist_mn"]),
    Case("reportcheck:generated", "post", lambda w: reverse("reportcheck:generated"), allowed_status=(302,),
         data=lambda w: {"person": w.an.pk}, wrong_role="public_a", extra_refused=["specialist_mn"]),
    Case("reportcheck:result", "get", R("reportcheck:result"), wrong_role="public_a",
         extra_refused=["specialist_mn"]),
    Case("reportcheck:annotated", "get", R("reportcheck:annotated"), wrong_role="public_a",
         extra_refused=["specialist_mn"]),
    # API
    Case("api:reportcheck_check", "post", lambda w: reverse("api:reportcheck_check"), data=_upload,
         wrong_role="public_a", anon_status=(401,), extra_refused=["specialist_mn"]),
]
