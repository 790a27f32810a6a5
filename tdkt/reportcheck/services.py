"""The one write of this app: keeping a check (who checked which report about whom,
and what was found). The records are only read."""

from __future__ import annotations

import hashlib

from django.db import transaction

from tdkt.accounts.access import require, require_person
from tdkt.accounts.permissions import Perm
from tdkt.audit.services import audit_record

from .checker import check_report
from .generated import render_report
from .models import ReportCheck


def require_subject(user, *, person=None, unit=None) -> None:
    """A teacher may check her own report; officers and reviewers those of the people
    and units they may see. Raises PermissionRefused."""
    if person is not None:
        require_person(user, Perm.VIEW_RECORDS, person)
    else:
        require(user, Perm.VIEW_RECORDS, unit)


def _home_unit(person):
    post = person.employments.order_by("-start_date", "-id").first()
    return post.unit if post else None


def report_check_run(*, actor, data: bytes, filename: str, person=None, unit=None, school_year=None,
                     source: str = ReportCheck.Source.UPLOAD) -> ReportCheck:
    """Check ``data`` and keep the result. A refused file (DomainValidationError) or a
    refused subject (PermissionRefused) stores nothing."""
    require_subject(actor, person=person, unit=unit)
    report = check_report(data=data, filename=filename, person=person, unit=unit, school_year=school_year)
    with transaction.atomic():
        check = ReportCheck.objects.create(
            created_by=actor, form_kind=report.form_kind, person=person, unit=unit,
            school_year=report.school_year, source=source, filename=(filename or "bao-cao.docx")[:200],
            size=len(data), sha256=hashlib.sha256(data).hexdigest(), data=data,
            findings=[f.as_dict() for f in report.findings], error_count=len(report.errors),
            warning_count=len(report.warnings), form_citation=report.form_citation[:300],
            form_note=report.form_note[:300])
        audit_record(actor=actor, event_type="reportcheck.check", target=check,
                     unit=unit if unit is not None else _home_unit(person),
                     data={"filename": check.filename, "source": source, "sha256": check.sha256,
                           "errors": check.error_count, "warnings": check.warning_count})
    return check


def report_check_generated(*, actor, person=None, unit=None, school_year=None) -> ReportCheck:
    """Build the system's own report for the subject from the records, then check it."""
    require_subject(actor, person=person, unit=unit)
    data, filename = render_report(person=person, unit=unit, school_year=school_year)
    return report_check_run(actor=actor, data=data, filename=filename, person=person, unit=unit,
                            school_year=school_year, source=ReportCheck.Source.GENERATED)
