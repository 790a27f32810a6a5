"""The proposal workflow as a table: action → allowed states, target, who acts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.permissions import Perm
from tdkt.core.actors import is_system
from tdkt.core.exceptions import PermissionRefused

from .choices import ProposalStatus as S

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

SENDER, RECEIVER, REVIEWER = "sender", "receiver", "reviewer"


@dataclass(frozen=True)
class Transition:
    action: str
    label: str | StrPromise  # lazy: in the reader's language where shown
    sources: frozenset[str]
    target: str
    side: str
    perms: tuple[Perm, ...]
    needs_reason: bool = False
    internal: bool = False  # reached only through a service (decision, compile)


_T = [
    Transition("submit", _("Gửi đề nghị"), frozenset({S.DRAFT}), S.SUBMITTED, SENDER, (Perm.PREPARE_PROPOSALS,)),
    Transition("resubmit", _("Gửi lại sau khi bổ sung"), frozenset({S.RETURNED}), S.RESUBMITTED, SENDER,
               (Perm.PREPARE_PROPOSALS,)),
    Transition("withdraw", _("Rút đề nghị"), frozenset({S.SUBMITTED, S.RESUBMITTED, S.RETURNED}), S.WITHDRAWN,
               SENDER, (Perm.PREPARE_PROPOSALS, Perm.APPROVE_PROPOSALS), needs_reason=True),
    Transition("receive", _("Tiếp nhận hồ sơ"), frozenset({S.SUBMITTED, S.RESUBMITTED}), S.RECEIVED, RECEIVER,
               (Perm.PREPARE_PROPOSALS, Perm.APPROVE_PROPOSALS)),
    Transition("return", _("Trả lại để bổ sung"), frozenset({S.SUBMITTED, S.RESUBMITTED, S.RECEIVED,
                                                          S.UNDER_REVIEW}),
               S.RETURNED, RECEIVER, (Perm.PREPARE_PROPOSALS, Perm.REVIEW_PROPOSALS, Perm.APPROVE_PROPOSALS),
               needs_reason=True),
    Transition("start_review", _("Bắt đầu thẩm định"), frozenset({S.RECEIVED}), S.UNDER_REVIEW, REVIEWER,
               (Perm.REVIEW_PROPOSALS,)),
    Transition("finish_review", _("Kết thúc thẩm định"), frozenset({S.UNDER_REVIEW}), S.REVIEWED, REVIEWER,
               (Perm.REVIEW_PROPOSALS,)),
    Transition("decide", _("Ban hành quyết định"), frozenset({S.REVIEWED}), S.DECIDED, RECEIVER,
               (Perm.DECIDE_AWARDS,), internal=True),
    Transition("forward", _("Tổng hợp trình cấp trên"), frozenset({S.REVIEWED}), S.FORWARDED, RECEIVER,
               (Perm.PREPARE_PROPOSALS,), internal=True),
]
TRANSITIONS: dict[str, Transition] = {t.action: t for t in _T}

EDITABLE = frozenset({S.DRAFT, S.RETURNED})
REVIEWABLE = frozenset({S.UNDER_REVIEW})


def allowed_from(status: str) -> list[Transition]:
    return [t for t in _T if status in t.sources and not t.internal]


# --------------------------------------------------------------------------- who may act
#
# One owner for "may this actor do this to this proposal": the services call ``authorize`` before any
# write, the pages and the API ask ``permitted`` which buttons to show. A button is never offered to
# someone the service would refuse.

EDIT = "edit"  # add or withdraw lines, upload dossier files (the proposing side, while editable)
REVIEW_ITEM = "review_item"  # accept or reject a line (the routed specialist, under review)
DECIDE = "decide"  # issue a decision on the accepted lines (the receiving level's head)
COMPILE = "compile"  # compile accepted lines into the receiving level's own proposal upward
_EXTRA = {EDIT: (SENDER, (Perm.PREPARE_PROPOSALS,)),
          REVIEW_ITEM: (REVIEWER, (Perm.REVIEW_PROPOSALS,)),
          DECIDE: ("receiving_office", (Perm.DECIDE_AWARDS,)),
          COMPILE: ("receiving_office", (Perm.PREPARE_PROPOSALS,))}


def _refuse(unit):
    raise PermissionRefused(gettext_now("Bạn không có quyền thực hiện thao tác này với đơn vị «%(unit)s».") % {
        "unit": unit})


def _reach(actor, perms, unit, *, below=None) -> bool:
    """Does one of the actor's memberships with one of ``perms`` reach ``unit``? With ``below``, only
    memberships held under that unit count: the proposing school acts as sender, not the office above
    it whose reach also covers the school."""
    from tdkt.accounts.access import active_memberships, can, membership_unit_q
    from tdkt.accounts.permissions import roles_with
    from tdkt.org.models import Unit

    if below is None:
        return any(can(actor, p, unit) for p in perms)
    if actor.is_superuser:
        return True
    roles = set().union(*(roles_with(p) for p in perms))
    for m in active_memberships(actor):
        if m.role in roles and not below.path.startswith(m.unit.path) and Unit.objects.filter(
                membership_unit_q(m), pk=unit.pk).exists():
            return True
    return False


def check_side(actor, proposal, side: str, perms) -> None:
    """Refuse (PermissionRefused) unless ``actor`` acts on ``side`` of ``proposal`` with one of ``perms``.
    The system (``tdkt.core.actors``: the demo builder, imports, or ``actor=None``) acts on every side."""
    if is_system(actor):
        return
    if side == SENDER:
        if not _reach(actor, perms, proposal.unit, below=proposal.to_unit):
            _refuse(proposal.unit)
    elif side == "receiving_office":
        if not _reach(actor, perms, proposal.to_unit):
            _refuse(proposal.to_unit)
    elif side == RECEIVER:
        office = tuple(p for p in perms if p != Perm.REVIEW_PROPOSALS)
        if _reach(actor, office, proposal.to_unit):
            return
        if Perm.REVIEW_PROPOSALS in perms:  # a specialist returns only the dossiers routed to them
            check_side(actor, proposal, REVIEWER, (Perm.REVIEW_PROPOSALS,))
            return
        _refuse(proposal.to_unit)
    else:  # reviewer: the specialist whose levels reach the proposing unit
        if not _reach(actor, perms, proposal.unit):
            _refuse(proposal.unit)
        if not actor.is_superuser and proposal.specialist_id not in (None, actor.pk):
            raise PermissionRefused(gettext_now("Hồ sơ này do chuyên viên «%(specialist)s» thẩm định.") % {
                "specialist": proposal.specialist})


def authorize(actor, proposal, action: str) -> None:
    """The permission half of an action (a transition or one of EDIT, REVIEW_ITEM, DECIDE, COMPILE)."""
    t = TRANSITIONS.get(action)
    side, perms = (t.side, t.perms) if t is not None else _EXTRA[action]
    check_side(actor, proposal, side, perms)


def may(actor, proposal, action: str) -> bool:
    try:
        authorize(actor, proposal, action)
    except PermissionRefused:
        return False
    return True


def permitted(actor, proposal) -> dict:
    """What the page offers ``actor`` on ``proposal`` now: the transitions (status allows it and the
    actor may) and which of EDIT, REVIEW_ITEM, DECIDE, COMPILE apply."""
    from .choices import ProposalStatus

    status = proposal.status
    return {
        "transitions": [t for t in allowed_from(status) if may(actor, proposal, t.action)],
        EDIT: status in EDITABLE and may(actor, proposal, EDIT),
        REVIEW_ITEM: status in REVIEWABLE and may(actor, proposal, REVIEW_ITEM),
        DECIDE: status == ProposalStatus.REVIEWED and may(actor, proposal, DECIDE),
        COMPILE: status == ProposalStatus.REVIEWED and proposal.to_unit.depth > 1
        and may(actor, proposal, COMPILE),
    }
