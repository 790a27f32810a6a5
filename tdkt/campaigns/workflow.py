"""The registration submission's workflow as a transition table."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from tdkt.accounts.permissions import Perm

from .choices import SubmissionStatus as S

# (action, from status) -> to status
TRANSITIONS: dict[tuple[str, str], str] = {
    ("submit", S.DRAFT): S.SUBMITTED,
    ("submit", S.RETURNED): S.RESUBMITTED,
    ("return", S.SUBMITTED): S.RETURNED,
    ("return", S.RESUBMITTED): S.RETURNED,
    ("accept", S.SUBMITTED): S.ACCEPTED,
    ("accept", S.RESUBMITTED): S.ACCEPTED,
}

# In the reader's language (lazy); used in refusals such as "cannot «return» a dossier ...".
ACTION_LABELS = {"create": pgettext_lazy("submission action", "Lập hồ sơ"),
                 "submit": pgettext_lazy("submission action", "Nộp"),
                 "return": pgettext_lazy("submission action", "Trả lại"),
                 "accept": pgettext_lazy("submission action", "Tiếp nhận")}

# Which permission, on which unit ("own" = the submitting unit, "above" = the launching unit).
ACTION_PERMS = {"submit": (Perm.MANAGE_CAMPAIGNS, "own"), "return": (Perm.REVIEW_SUBMISSIONS, "above"),
                "accept": (Perm.REVIEW_SUBMISSIONS, "above")}


def next_status(action: str, current: str) -> str | None:
    return TRANSITIONS.get((action, current))


def allowed_actions(current: str) -> list[str]:
    return [a for (a, s) in TRANSITIONS if s == current]
