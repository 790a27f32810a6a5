"""Report-check API (mounted at /api/report-check): POST a DOCX and the subject, get
the findings back in Vietnamese. The same service as the page; the check is kept
(and audited) like one made on the page."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from tdkt.core.exceptions import DomainValidationError
from tdkt.org.models import SchoolYear, Unit
from tdkt.people.models import Person

from . import services
from .models import ReportCheck
from .reading import MAX_REPORT_BYTES

router = Router()


class FindingOut(Schema):
    code: str
    severity: str
    severity_label: str
    section: str
    location: str
    quote: str
    message: str
    fix: str
    rule: str


class CheckOut(Schema):
    id: int
    form_kind: str
    filename: str
    school_year: str | None
    error_count: int
    warning_count: int
    # The form the report was checked against (the rows in force on the report's date), and whether
    # that form is still unread ("cần đối chiếu", with what to read).
    form_citation: str
    form_unverified: bool
    form_note: str
    findings: list[FindingOut]


def _out(check: ReportCheck) -> dict:
    return {"id": check.pk, "form_kind": check.form_kind, "filename": check.filename,
            "school_year": check.school_year.label if check.school_year else None,
            "error_count": check.error_count, "warning_count": check.warning_count,
            "form_citation": check.form_citation, "form_unverified": "cần đối chiếu" in check.form_note,
            "form_note": check.form_note,
            "findings": [{k: f.get(k) or "" for k in FindingOut.model_fields} for f in check.findings]}


@router.post("/", response=CheckOut, url_name="reportcheck_check",
             summary="Kiểm tra một báo cáo thành tích (.docx) của một cá nhân hoặc một tập thể")
def check_report(request, file: File[UploadedFile], person: Form[int | None] = None, unit: Form[int | None] = None,
                 school_year: Form[int | None] = None):
    """``person`` (id) cho báo cáo cá nhân, hoặc ``unit`` (id) cho báo cáo tập thể; ``school_year`` là năm bắt
    đầu của năm học có số liệu (ví dụ 2024 cho năm học 2024-2025), để trống thì lấy năm học của ngày ký."""
    if (person is None) == (unit is None):
        raise DomainValidationError({"person": "Hãy gửi đúng một đối tượng: person (cá nhân) hoặc unit (tập thể)."})
    subject: dict[str, Person | Unit] = {"person": get_object_or_404(Person, pk=person)} if person is not None else {
        "unit": get_object_or_404(Unit, pk=unit)}
    services.require_subject(request.user, **subject)
    year = None
    if school_year is not None:
        year = SchoolYear.objects.filter(start_year=school_year).first()
        if year is None:
            raise DomainValidationError({"school_year": f"Chưa có năm học {school_year}-{school_year + 1} trong hệ "
                                                        "thống."})
    if (file.size or 0) > MAX_REPORT_BYTES:  # an upload always has a size; None is only in the stubs
        raise DomainValidationError({"file": f"Tệp quá lớn; dung lượng tối đa là {MAX_REPORT_BYTES // 1024 // 1024} "
                                             "MB."})
    done = services.report_check_run(actor=request.user, data=file.read(), filename=file.name or "",
                                     school_year=year, source=ReportCheck.Source.API, **subject)
    return _out(done)
