"""API at /api/awards: proposals, their checks and transitions; decisions, revocation, downloads."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from tdkt.accounts.access import can
from tdkt.accounts.permissions import Perm
from tdkt.core.exceptions import DomainValidationError, PermissionRefused

from . import documents, selectors, services
from .choices import ItemStatus
from .models import Decision, DecisionItem, Proposal, ProposalItem

router = Router()


class ActionIn(Schema):
    action: str
    version: int | None = None
    reason: str = ""


def _out(p: Proposal) -> dict:
    return {"id": p.pk, "title": p.title, "unit": p.unit.name, "to_unit": p.to_unit.name, "status": p.status,
            "status_label": p.get_status_display(), "version": p.version, "late": p.late,
            "specialist": str(p.specialist) if p.specialist_id else None}


def _get(request, pk) -> Proposal:
    p = get_object_or_404(Proposal.objects.select_related("unit", "to_unit", "round"), pk=pk)
    if not selectors.can_view_proposal(request.user, p):
        raise PermissionRefused(_("Bạn không có quyền với hồ sơ khen thưởng này."))
    return p


@router.get("/proposals", url_name="awards_proposal_list", summary="Đề nghị khen thưởng trong phạm vi")
def proposal_list(request):
    return [_out(p) for p in selectors.proposals_visible_to(request.user).order_by("-created_at")[:500]]


@router.get("/proposals/{pk}", url_name="awards_proposal_detail", summary="Một đề nghị: dòng, thiếu sót, kiểm tra")
def proposal_detail(request, pk: int):
    p = _get(request, pk)
    page = selectors.proposal_page(p, request.user)
    return {**_out(p),
            # what this caller may do now (the same guard the actions endpoint applies)
            "actions": [t.action for t in page["actions"]],
            "items": [{"id": i.pk, "subject": i.subject_name, "award_type": i.award_type.code, "status": i.status,
                       "summary": i.summary} for i in page["items"]],
            "missing_documents": page["missing"],
            "checks": [c.as_dict() for c in page["checks"]],
            "timeline": [{"action": e.action, "from": e.from_status, "to": e.to_status, "at": e.at.isoformat(),
                          "note": e.note} for e in page["events"]]}


@router.post("/proposals/{pk}/actions", url_name="awards_proposal_action", summary="Chuyển trạng thái đề nghị")
def proposal_action(request, pk: int, payload: ActionIn):
    p = _get(request, pk)
    p = services.proposal_transition(actor=request.user, proposal=p, action=payload.action,
                                     expected_version=payload.version, reason=payload.reason)
    return _out(p)


# --------------------------------------------------------------------------- decisions


class DecisionIn(Schema):
    proposal: int | None = None
    items: list[int] | None = None
    decision_date: dt.date
    signer_name: str
    signer_title: str
    title: str = ""
    legal_basis: str = ""
    number: int | None = None
    symbol: str = ""  # empty: the issuer's own (QĐ-UBND, QĐ-SGDĐT, QĐ-<school>…)
    # true once the officer has read the rule rows still marked «cần đối chiếu» (the 422 lists them)
    confirm_unverified: bool = False


class RevokeIn(Schema):
    reason: str
    revocation_decision: str
    revoked_on: dt.date


def _decision(request, pk) -> Decision:
    d = get_object_or_404(Decision.objects.select_related("issuer", "round"), pk=pk)
    if not selectors.can_view_decision(request.user, d):
        raise PermissionRefused(_("Bạn không có quyền với quyết định khen thưởng này."))
    return d


def _decision_out(d: Decision) -> dict:
    return {"id": d.pk, "number": d.number_label, "decision_date": d.decision_date.isoformat(),
            "issuer": d.issuer.name, "title": d.title, "total": int(d.total),
            "round": d.round.name if d.round else None}


def _line(request, i: DecisionItem) -> dict:
    unit = i.unit or (i.proposal_item.proposal.unit if i.proposal_item else None)
    return {"id": i.pk, "subject": i.subject_name, "unit": str(unit) if unit else "",
            "award_type": i.award_type.code, "award": str(i.award_type), "achievement": i.achievement,
            "coefficient": str(i.coefficient) if i.coefficient is not None else None, "amount": int(i.amount),
            "money_note": i.money_note,
            "verify_url": request.build_absolute_uri(reverse("awards:verify", args=[i.public_code])),
            "revoked_on": i.revoked_on.isoformat() if i.revoked_on else None,
            "revocation_decision": i.revocation_decision, "revocation_reason": i.revocation_reason,
            "amount_to_recover": int(i.amount_to_recover) if i.amount_to_recover is not None else None}


@router.get("/decisions", url_name="awards_decision_list", summary="Quyết định khen thưởng trong phạm vi")
def decision_list(request):
    qs = selectors.decisions_visible_to(request.user).select_related("issuer", "round")
    return [_decision_out(d) for d in qs.order_by("-decision_date", "-number")[:500]]


@router.get("/decisions/{int:pk}", url_name="awards_decision_detail",
            summary="Một quyết định: danh sách, tiền thưởng, tổng theo quỹ, số tiền bằng chữ")
def decision_detail(request, pk: int):
    d = _decision(request, pk)
    s = selectors.decision_summary(d)
    return {**_decision_out(d), "signer_name": d.signer_name, "signer_title": d.signer_title,
            "legal_basis": d.basis_lines, "base_salary": int(d.base_salary),
            "base_salary_citation": d.base_salary_citation, "total_text": s["total_text"],
            "total_words": s["total_words"], "funds": s["funds"], "to_recover": s["to_recover"],
            "items": [_line(request, i) for i in s["items"]]}


@router.post("/decisions/issue", url_name="awards_decision_issue", response={201: dict},
             summary="Ra quyết định khen thưởng từ các dòng đã được chấp nhận")
def decision_issue(request, payload: DecisionIn):
    if payload.items:
        items = list(ProposalItem.objects.filter(pk__in=payload.items).select_related("proposal", "proposal__to_unit"))
        missing = sorted(set(payload.items) - {i.pk for i in items})
        if missing:
            raise DomainValidationError(_("Không có dòng đề nghị số %(ids)s.") % {
                "ids": ", ".join(map(str, missing))}, field="items")
    elif payload.proposal:
        p = get_object_or_404(Proposal.objects.select_related("to_unit"), pk=payload.proposal)
        if not can(request.user, Perm.DECIDE_AWARDS, p.to_unit):
            raise PermissionRefused(_("Bạn không có quyền ra quyết định khen thưởng của «%(unit)s».") % {
                "unit": p.to_unit})
        items = list(p.items.filter(status=ItemStatus.ACCEPTED).select_related("proposal", "proposal__to_unit"))
    else:
        raise DomainValidationError(_("Chọn đề nghị hoặc các dòng đề nghị cần ra quyết định."), field="items")
    if not items:
        raise DomainValidationError(_("Đề nghị không có dòng nào đã được chấp nhận."), field="items")
    for it in items:  # do not tell outsiders what is in proposals they cannot see
        if not selectors.can_view_proposal(request.user, it.proposal):
            raise PermissionRefused(_("Bạn không có quyền với hồ sơ khen thưởng này."))
    proposal = Proposal.objects.get(pk=payload.proposal) if payload.proposal else items[0].proposal
    d = services.decision_issue(
        actor=request.user, issuer=items[0].proposal.to_unit, items=items, proposal=proposal,
        decision_date=payload.decision_date, signer_name=payload.signer_name, signer_title=payload.signer_title,
        title=payload.title, legal_basis=payload.legal_basis, number=payload.number, symbol=payload.symbol,
        confirm_unverified=payload.confirm_unverified)
    return Status(201, _decision_out(d))


@router.post("/decision-items/{pk}/revoke", url_name="awards_award_revoke",
             summary="Hủy bỏ khen thưởng một dòng của quyết định (nêu số tiền phải thu hồi)")
def award_revoke(request, pk: int, payload: RevokeIn):
    item = get_object_or_404(DecisionItem.objects.select_related("decision", "decision__issuer"), pk=pk)
    _decision(request, item.decision_id)
    done = services.award_revoke(actor=request.user, item=item, reason=payload.reason,
                                 revocation_decision=payload.revocation_decision, revoked_on=payload.revoked_on)
    return _line(request, done)


def _file(content: bytes, name: str, mime: str) -> HttpResponse:
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@router.get("/decisions/{int:pk}/docx", url_name="awards_decision_docx", summary="Tải quyết định (DOCX)")
def decision_docx(request, pk: int):
    d = _decision(request, pk)
    return _file(documents.decision_docx(d), f"quyet-dinh-{d.number}-{d.year}.docx",
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


@router.get("/decisions/{int:pk}/pdf", url_name="awards_decision_pdf", summary="Tải quyết định (PDF)")
def decision_pdf(request, pk: int):
    d = _decision(request, pk)
    return _file(documents.decision_pdf(d), f"quyet-dinh-{d.number}-{d.year}.pdf", "application/pdf")


@router.get("/decisions/{int:pk}/certificates", url_name="awards_certificates_pdf", response={200: None, 202: dict},
            summary="In giấy khen / bằng khen của quyết định (PDF, có mã QR xác minh)",
            description="Đến 100 giấy: trả tệp PDF ngay. Nhiều hơn: trả 202 và một việc tạo văn bản nền "
                        "(status_url để hỏi tiến độ, file_url để tải khi xong).")
def certificates_pdf(request, pk: int):
    from tdkt.documents.apis import job_out

    from . import jobs

    d = _decision(request, pk)
    items = jobs.live_items(d)
    count = items.count()
    pattern = jobs.verify_url_pattern(request)
    if count > jobs.INLINE_MAX_CERTIFICATES:
        job = jobs.certificates_job(actor=request.user, count=count, title=jobs.decision_title(d),
                                    params=jobs.decision_params(decision=d, url_pattern=pattern))
        return Status(202, job_out(request, job))
    pages = documents.certificate_pages(items, lambda i: jobs.verify_url(pattern, i))
    return _file(documents.certificates_pdf(pages), f"giay-khen-{d.number}-{d.year}.pdf", "application/pdf")


# The year's endpoints before a decision (rounds, proposals, lines, dossier, review) on this router.
from . import apis_year  # noqa: E402, F401
