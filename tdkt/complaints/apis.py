"""Complaints API (mounted at /api/complaints): the same services and the same masking as the pages — a protected
sender's name, address, phone, e-mail and ID number come back only to the letter's handlers and resolver."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from tdkt.accounts.access import require
from tdkt.accounts.permissions import Perm
from tdkt.awards.models import DecisionItem
from tdkt.core.exceptions import DomainValidationError
from tdkt.org.models import Unit

from . import selectors, services
from .models import Letter

router = Router()


class DueOut(Schema):
    step: str
    label: str
    day: dt.date
    citation: str
    days_left: int
    overdue: bool
    done: bool


class LetterOut(Schema):
    id: int
    number: str
    unit_id: int
    kind: str
    kind_label: str
    instance: int
    channel: str
    received_on: dt.date
    subject: str
    status: str
    status_label: str
    identity_protected: bool
    sender_name: str  # "(Được giữ bí mật …)" to whoever does not handle a protected letter
    sender_address: str
    sender_phone: str
    sender_email: str
    sender_id_number: str
    about_item_id: int | None
    accepted_on: dt.date | None
    outcome: str
    resolution_number: str
    resolved_on: dt.date | None
    revoked_item_id: int | None
    deadlines: list[DueOut]


class LetterIn(Schema):
    unit_id: int
    kind: str
    channel: str
    received_on: dt.date
    subject: str
    content: str
    sender_name: str
    sender_address: str = ""
    sender_phone: str = ""
    sender_email: str = ""
    sender_id_number: str = ""
    instance: int = 1
    decision_known_on: dt.date | None = None
    about_item_id: int | None = None
    remote: bool = False
    complex: bool = False
    identity_protected: bool = False


class AcceptIn(Schema):
    accepted_on: dt.date


class ResolveIn(Schema):
    outcome: str
    resolution_number: str
    resolved_on: dt.date
    summary: str
    revoke_award: bool = False


def _out(user, letter: Letter, law: selectors.Law | None = None) -> dict:
    today = timezone.localdate()
    shown = selectors.can_see_identity(user, letter)
    hidden = selectors.sender_shown(user, letter)
    return {
        "id": letter.pk, "number": letter.number, "unit_id": letter.unit_id, "kind": letter.kind,
        "kind_label": letter.get_kind_display(), "instance": letter.instance, "channel": letter.channel,
        "received_on": letter.received_on, "subject": letter.subject, "status": letter.status,
        "status_label": letter.get_status_display(), "identity_protected": letter.identity_protected,
        "sender_name": letter.sender_name if shown else hidden,
        **{f: getattr(letter, f) if shown else "" for f in ("sender_address", "sender_phone", "sender_email",
                                                            "sender_id_number")},
        "about_item_id": letter.about_item_id, "accepted_on": letter.accepted_on, "outcome": letter.outcome,
        "resolution_number": letter.resolution_number, "resolved_on": letter.resolved_on,
        "revoked_item_id": letter.revoked_item_id,
        "deadlines": [{"step": d.step, "label": d.label, "day": d.day, "citation": d.citation,
                       "days_left": d.days_left(today), "overdue": d.overdue(today), "done": d.done}
                      for d in selectors.deadlines(letter, law=law)],
    }


def _letter(request, letter_id: int) -> Letter:
    letter = get_object_or_404(Letter.objects.select_related("unit", "about_item"), pk=letter_id)
    require(request.user, Perm.VIEW_COMPLAINTS, letter.unit)
    return letter


@router.get("/letters", response=list[LetterOut], url_name="complaints_letter_list",
            summary="Sổ đơn khiếu nại, tố cáo về thi đua, khen thưởng (người gửi được giữ bí mật khi luật yêu cầu)")
def letter_list(request, q: str = ""):
    qs = selectors.search(selectors.letters_visible_to(request.user), q).prefetch_related("handlers")[:500]
    law = selectors.Law.load()
    return [_out(request.user, x, law) for x in qs]


@router.post("/letters", response={201: LetterOut}, url_name="complaints_letter_list",
             summary="Tiếp nhận đơn khiếu nại, tố cáo")
def letter_receive(request, payload: LetterIn):
    unit = Unit.objects.filter(pk=payload.unit_id).first()
    if unit is None:
        raise DomainValidationError({"unit_id": _("Không có đơn vị mã %(id)s.") % {"id": payload.unit_id}})
    item = None
    if payload.about_item_id is not None:
        item = DecisionItem.objects.select_related("decision").filter(pk=payload.about_item_id).first()
        if item is None:
            raise DomainValidationError({"about_item_id": _("Không có khen thưởng mã %(id)s.") % {
                "id": payload.about_item_id}})
    data = payload.dict(exclude={"unit_id", "about_item_id"})
    letter = services.letter_receive(actor=request.user, unit=unit, about_item=item, **data)
    return Status(201, _out(request.user, letter))


@router.get("/letters/{letter_id}", response=LetterOut, url_name="complaints_letter_detail",
            summary="Một đơn: thời hạn theo luật (kèm căn cứ), trạng thái, kết quả")
def letter_detail(request, letter_id: int):
    return _out(request.user, _letter(request, letter_id))


@router.post("/letters/{letter_id}/accept", response=LetterOut, url_name="complaints_letter_accept",
             summary="Thụ lý đơn")
def letter_accept(request, letter_id: int, payload: AcceptIn):
    letter = services.letter_accept(actor=request.user, letter=_letter(request, letter_id),
                                    accepted_on=payload.accepted_on)
    return _out(request.user, letter)


@router.post("/letters/{letter_id}/resolve", response=LetterOut, url_name="complaints_letter_resolve",
             summary="Ghi kết quả giải quyết (và hủy bỏ khen thưởng khi kết luận đúng)")
def letter_resolve(request, letter_id: int, payload: ResolveIn):
    letter = services.letter_resolve(actor=request.user, letter=_letter(request, letter_id), **payload.dict())
    return _out(request.user, letter)
