"""Who hears of a proposal's steps and of a decision (through ``tdkt.notifications``), called by the
services inside their transaction: a refused or rolled-back action notifies nobody."""

from __future__ import annotations

from django.urls import reverse

from tdkt.accounts.permissions import Perm
from tdkt.notifications.audience import Access, person_users, unit_users, units_users
from tdkt.notifications.choices import Kind
from tdkt.notifications.services import notify, notify_each

from .choices import ItemStatus


def proposal_transitioned(proposal, action: str, reason: str = "") -> None:
    url = reverse("awards:proposal_detail", args=[proposal.pk])
    seen = Access(perm=Perm.VIEW_PROPOSALS, unit=proposal.unit)
    occasion = f"{action}:v{proposal.version}"
    name = f"«{proposal.title}»" if proposal.title else f"đề nghị khen thưởng số {proposal.pk}"
    if action in ("submit", "resubmit"):
        again = " (gửi lại sau khi bổ sung)" if action == "resubmit" else ""
        notify(kind=Kind.PROPOSAL_SUBMITTED, target=proposal, access=seen, url=url, occasion=occasion,
               recipients=unit_users(proposal.to_unit, Perm.PREPARE_PROPOSALS), sender_unit=proposal.unit,
               title=f"{proposal.unit.name} gửi {name}{again}",
               body=f"Đợt: {proposal.round.name}. Hãy tiếp nhận hoặc trả lại hồ sơ.")
    elif action == "receive":
        notify(kind=Kind.PROPOSAL_RECEIVED, target=proposal, access=seen, url=url, occasion=occasion,
               recipients=unit_users(proposal.unit, Perm.PREPARE_PROPOSALS), sender_unit=proposal.to_unit,
               title=f"{proposal.to_unit.name} đã tiếp nhận {name}",
               body=f"Đợt: {proposal.round.name}.")
    elif action == "return":
        notify(kind=Kind.PROPOSAL_RETURNED, target=proposal, access=seen, url=url, occasion=occasion,
               recipients=unit_users(proposal.unit, Perm.PREPARE_PROPOSALS, Perm.APPROVE_PROPOSALS),
               sender_unit=proposal.to_unit, due_on=proposal.round.deadline,
               title=f"{proposal.to_unit.name} trả lại {name} để bổ sung",
               body=f"Lý do, nội dung cần bổ sung: {reason.strip()}")
    elif action == "finish_review":
        refused = [f"- {it.subject_name}, {it.award_type}: {it.review_note or 'không chấp nhận'}"
                   for it in proposal.items.filter(status=ItemStatus.REJECTED).select_related(
                       "person", "unit", "award_type").order_by("order", "pk")]
        accepted = proposal.items.filter(status=ItemStatus.ACCEPTED).count()
        body = f"{accepted} dòng được chấp nhận."
        if refused:
            body += f" {len(refused)} dòng không được chấp nhận:\n" + "\n".join(refused)
        notify(kind=Kind.PROPOSAL_REVIEWED, target=proposal, access=seen, url=url, occasion=occasion,
               recipients=unit_users(proposal.unit, Perm.PREPARE_PROPOSALS, Perm.APPROVE_PROPOSALS),
               sender_unit=proposal.to_unit, title=f"{proposal.to_unit.name} đã thẩm định xong {name}", body=body)


def decision_issued(decision, items) -> None:
    """To the people named (their own accounts) and the officers of the units named or proposing."""
    url = reverse("awards:decision_detail", args=[decision.pk])
    title = f"{decision.issuer.name} ban hành Quyết định số {decision.number_label}"
    body = decision.title
    people = [it.person for it in items if it.person_id]
    notify_each(kind=Kind.DECISION_ISSUED, target=decision, title=title, body=body, url=url,
                sender_unit=decision.issuer,
                recipients=[(user, Access(perm=Perm.VIEW_RECORDS, person=person)) for user, person in person_users(people)])
    units = {it.unit for it in items if it.unit_id} | {it.proposal.unit for it in items}
    officers = units_users(units, Perm.PREPARE_PROPOSALS)
    notify_each(kind=Kind.DECISION_ISSUED, target=decision, title=title, body=body, url=url,
                sender_unit=decision.issuer,
                recipients=[(user, Access(perm=Perm.VIEW_PROPOSALS, unit=unit))
                            for unit in sorted(units, key=lambda u: u.pk) for user in officers.get(unit.pk, [])])
