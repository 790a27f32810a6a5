"""Certificates printed in the background (a document job, see tdkt/documents/jobs.py).

A batch of 2,000 certificates takes a minute and more to lay out: past
INLINE_MAX_CERTIFICATES the page queues a job and shows its progress instead of
holding the request. The job keeps primary keys, not objects, and looks
everything up again when it runs — an award revoked while the job waited is not
printed, and a user who lost the unit meanwhile gets a refusal, not the file.
"""

from __future__ import annotations

import uuid

from django.urls import reverse
from django.utils.translation import gettext_lazy

from tdkt.accounts.access import can
from tdkt.accounts.permissions import Perm
from tdkt.documents.jobs import JobKind, JobRefused, register

from . import documents, selectors

KIND = "awards.certificates"
# Up to this many certificates (~4 s of layout) the PDF is made in the request.
INLINE_MAX_CERTIFICATES = 100
_CODE_SLOT = str(uuid.UUID(int=0))
# The two steps the progress bar shows, each counted in certificates.
PREPARING = "Đang tạo mã QR xác minh"
LAYING_OUT = "Đang dàn trang giấy khen"


def verify_url_pattern(request) -> str:
    """The absolute address of the verify page with a slot for the code: the worker has no
    request to build it from, and the site may be served under a path prefix."""
    return request.build_absolute_uri(reverse("awards:verify", args=[_CODE_SLOT]))


def verify_url(pattern: str, item) -> str:
    return pattern.replace(_CODE_SLOT, str(item.public_code))


def batch_params(*, unit, round_=None, school_year=None, url_pattern: str) -> dict:
    return {"unit": unit.pk, "round": round_.pk if round_ else None,
            "school_year": school_year.pk if school_year else None, "verify_url": url_pattern}


def decision_params(*, decision, url_pattern: str) -> dict:
    return {"decision": decision.pk, "verify_url": url_pattern}


def live_items(decision):
    """A decision's awards still in force, as its certificates print them."""
    return decision.items.select_related("person", "unit", "award_type", "decision", "decision__issuer").filter(
        revoked_on__isnull=True)


def decision_title(decision) -> str:
    return f"Giấy khen, bằng khen theo Quyết định số {decision.number_label}"


def certificates_job(*, actor, params: dict, title: str, count: int):
    """Queue the certificates' PDF (asked from a page or the API) as a document job."""
    from tdkt.documents.jobs import job_create

    return job_create(actor=actor, kind=KIND, params=params, total=count, title=f"{title} ({count} trang)")


def items_for(params: dict, user):
    """The live awards a job prints, checked again against what the user may see now."""
    from tdkt.org.models import SchoolYear, Unit

    from .models import Decision, Round

    if params.get("decision"):
        decision = Decision.objects.select_related("issuer").filter(pk=params["decision"]).first()
        if decision is None or not selectors.can_view_decision(user, decision):
            raise JobRefused("Quyết định không còn tồn tại hoặc bạn không còn quyền xem quyết định này.")
        return live_items(decision).order_by("order", "id")
    # no "unit" in params: filter(pk=None) finds no row, and the refusal below says so
    unit = Unit.objects.filter(pk=params.get("unit")).first()  # type: ignore[misc]
    if unit is None or not can(user, Perm.VIEW_PROPOSALS, unit):
        raise JobRefused("Đơn vị không còn tồn tại hoặc bạn không còn quyền xem khen thưởng của đơn vị này.")
    round_ = Round.objects.filter(pk=params["round"]).first() if params.get("round") else None
    year = SchoolYear.objects.filter(pk=params["school_year"]).first() if params.get("school_year") else None
    return selectors.certificate_items(unit, round_=round_, school_year=year)


def make_certificates(job, progress) -> tuple[bytes, str]:
    params = job.params
    items = list(items_for(params, job.user))
    if not items:
        raise JobRefused("Không còn khen thưởng nào (còn hiệu lực) để in với lựa chọn này: có thể các khen thưởng "
                         "đã bị hủy bỏ sau khi bạn yêu cầu.")
    total = len(items)
    progress(0, total, phase=PREPARING)
    pages = documents.certificate_pages(items, lambda i: verify_url(params["verify_url"], i),
                                        progress=lambda done: progress(done, total))
    progress(0, total, phase=LAYING_OUT)
    pdf = documents.certificates_pdf(pages, progress=progress)
    if params.get("decision"):
        d = items[0].decision
        return pdf, f"giay-khen-{d.number}-{d.year}.pdf"
    return pdf, f"giay-khen-{params['unit']}.pdf"


CERTIFICATES = register(JobKind(code=KIND, title=gettext_lazy("In giấy khen, bằng khen"), make=make_certificates,
                                content_type="application/pdf"))
