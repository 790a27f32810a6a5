"""The proposal workflow as a table: action → allowed states, target, who acts."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from tdkt.accounts.permissions import Perm

from .choices import ProposalStatus as S

SENDER, RECEIVER, REVIEWER = "sender", "receiver", "reviewer"


@dataclass(frozen=True)
class Transition:
    action: str
    label: str  # lazy: in the reader's language where shown
    sources: frozenset
    target: str
    side: str
    perms: tuple
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
