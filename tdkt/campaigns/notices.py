"""Who hears of a registration dossier's return or acceptance (through ``tdkt.notifications``): the
submitting unit's officers and each teacher whose registration is in it, called by
``submission_transition`` inside its transaction."""

from __future__ import annotations

from django.urls import reverse

from tdkt.accounts.permissions import Perm
from tdkt.notifications.audience import Access, person_users, unit_users
from tdkt.notifications.choices import Kind
from tdkt.notifications.services import notify_each

from .models import RegistrationEntry


def submission_transitioned(sub, action: str, reason: str, occasion: str) -> None:
    if action not in ("return", "accept"):
        return
    campaign = sub.campaign
    if action == "return":
        kind, title = Kind.SUBMISSION_RETURNED, f"{campaign.unit.name} trả lại hồ sơ đăng ký thi đua của {sub.unit.name}"
        body = f"Phong trào: {campaign.name}. Lý do trả lại: {reason}"
    else:
        kind, title = Kind.SUBMISSION_ACCEPTED, f"{campaign.unit.name} đã tiếp nhận hồ sơ đăng ký thi đua của {sub.unit.name}"
        body = f"Phong trào: {campaign.name}."
    officers = [(u, Access(perm=Perm.VIEW_CAMPAIGNS, unit=sub.unit)) for u in unit_users(sub.unit, Perm.MANAGE_CAMPAIGNS)]
    people = [e.registration.person for e in RegistrationEntry.objects.filter(
        campaign=campaign, unit=sub.unit, registration__person__isnull=False).select_related("registration__person")
        if e.registration.person is not None]
    teachers = [(u, Access(perm=Perm.VIEW_RECORDS, person=p)) for u, p in person_users(people)]
    notify_each(kind=kind, target=sub, recipients=officers + teachers, title=title, body=body,
                url=reverse("campaigns:submission_detail", args=[campaign.pk, sub.unit.pk]), occasion=occasion,
                sender_unit=campaign.unit, due_on=campaign.submission_deadline if action == "return" else None)
