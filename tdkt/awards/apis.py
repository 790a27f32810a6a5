"""API at /api/awards: proposals, their checks and transitions."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from tdkt.core.exceptions import PermissionRefused

from . import selectors, services
from .models import Proposal

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
        raise PermissionRefused("Bạn không có quyền với hồ sơ khen thưởng này.")
    return p


@router.get("/proposals", url_name="awards_proposal_list", summary="Đề nghị khen thưởng trong phạm vi")
def proposal_list(request):
    return [_out(p) for p in selectors.proposals_visible_to(request.user).order_by("-created_at")[:500]]


@router.get("/proposals/{pk}", url_name="awards_proposal_detail", summary="Một đề nghị: dòng, thiếu sót, kiểm tra")
def proposal_detail(request, pk: int):
    p = _get(request, pk)
    page = selectors.proposal_page(p)
    return {**_out(p),
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
