"""What needs a user's attention on the home page: each role's to-do list.

Each app contributes a provider; providers are plain functions listed here so
the flow stays explicit (no signals, no registry magic). The home page is the
site layer (tdkt/site, with the demo), so the providers read through the
owning apps' selectors, imported inside each provider. Every provider runs a
fixed number of queries, whatever the number of items it finds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from tdkt.org.models import SchoolYear


@dataclass(frozen=True)
class AttentionItem:
    title: str
    detail: str
    url: str
    level: str = "info"  # info | warning | danger
    due: dt.date | None = None  # by when
    kind: str = ""  # what sort of work, for tests and styling: ballot, review, returned, ...


def _units_closing_soon(user) -> list[AttentionItem]:
    """Units in the user's reach that close within 60 days (a merger is coming)."""
    from tdkt.org.selectors import unit_list_visible_to

    today = timezone.localdate()
    soon = today + dt.timedelta(days=60)
    items = []
    for unit in unit_list_visible_to(user=user).filter(active_to__gte=today, active_to__lte=soon)[:20]:
        items.append(AttentionItem(
            title=_("%(unit)s sắp ngừng hoạt động") % {"unit": unit.name},
            detail=_("Đến ngày %(date)s; kiểm tra đơn vị kế thừa và chuyển hồ sơ.") % {
                "date": f"{unit.active_to:%d/%m/%Y}"},
            url=reverse("org:unit_detail", args=[unit.pk]), level="warning",
        ))
    return items


def _profile_without_account(user) -> list[AttentionItem]:
    if getattr(user, "is_superuser", False):
        return []
    from tdkt.accounts.access import active_memberships
    from tdkt.accounts.choices import Role

    if any(m.role == Role.STAFF for m in active_memberships(user)) and not hasattr(user, "person"):
        return [AttentionItem(title=_("Tài khoản chưa gắn với hồ sơ cá nhân"),
                              detail=_("Liên hệ cán bộ phụ trách TĐKT của đơn vị để gắn hồ sơ."),
                              url=reverse("core:home"), level="danger")]
    return []


def _ballots_waiting(user) -> list[AttentionItem]:
    """A council member's secret ballot, open at a meeting they sit in, not cast yet."""
    from tdkt.meetings.selectors import ballots_waiting_for

    return [AttentionItem(
        title=_("Bỏ phiếu kín: %(question)s") % {"question": q.title},
        detail=_("%(council)s đang họp (%(meeting)s); phiếu của bạn chưa được bỏ.") % {
            "council": q.meeting.council.name, "meeting": q.meeting.title},
        url=reverse("meetings:ballot_cast", args=[q.pk]), level="danger", due=q.meeting.day, kind="ballot",
    ) for q in ballots_waiting_for(user=user)]


def _registrations_open(user) -> list[AttentionItem]:
    """A teacher's (or any staff member's) open registration round she has not registered in."""
    from tdkt.campaigns.selectors import registrations_open_for

    # cast, for mypy: these campaigns are of the current school year (the selector filters on its dates)
    return [AttentionItem(
        title=_("Đăng ký thi đua: %(campaign)s") % {"campaign": c.name},
        detail=_("Bạn chưa đăng ký danh hiệu thi đua năm học %(year)s; hạn đăng ký %(date)s.") % {
            "year": cast("SchoolYear", c.school_year).label, "date": f"{c.registration_deadline:%d/%m/%Y}"},
        url=reverse("campaigns:register", args=[c.pk]), level="warning", due=c.registration_deadline,
        kind="register",
    ) for c in registrations_open_for(user=user)]


def _proposal_work(user) -> list[AttentionItem]:
    """Proposals waiting for this user's step of the workflow (tdkt.awards.workflow): the school's
    officer resends a returned one, the receiving office's officer receives, the routed specialist
    reviews, the receiving level's head decides. Scoped by the same permissions the services check;
    one query per kind of step."""
    if getattr(user, "is_superuser", False):
        return []  # the administrator sees every proposal on its list, not a to-do of everyone's work
    from django.db.models import Q

    from tdkt.accounts.access import has_perm_anywhere, unit_scope_q
    from tdkt.accounts.permissions import Perm
    from tdkt.awards.choices import ProposalStatus as S
    from tdkt.awards.selectors import proposals_visible_to

    def visible():
        return proposals_visible_to(user).order_by("round__deadline", "pk")

    items: list[AttentionItem] = []
    if has_perm_anywhere(user, Perm.PREPARE_PROPOSALS):
        prepare_to = unit_scope_q(user, Perm.PREPARE_PROPOSALS, prefix="to_unit__")
        # Returned to the proposing side: a unit the user prepares for, not the level it was sent to.
        for p in visible().filter(unit_scope_q(user, Perm.PREPARE_PROPOSALS, prefix="unit__"),
                                  status=S.RETURNED).exclude(prepare_to):
            items.append(AttentionItem(
                title=_("Đề nghị bị trả lại: %(title)s") % {"title": p.title},
                detail=_("%(unit)s trả lại. Lý do: %(reason)s Bổ sung rồi gửi lại trước %(date)s.") % {
                    "unit": p.to_unit.name, "reason": p.return_reason or "—", "date": f"{p.round.deadline:%d/%m/%Y}"},
                url=reverse("awards:proposal_detail", args=[p.pk]), level="danger", due=p.round.deadline,
                kind="returned"))
        for p in visible().filter(prepare_to, status__in=[S.SUBMITTED, S.RESUBMITTED]):
            items.append(AttentionItem(
                title=_("Hồ sơ chờ tiếp nhận: %(title)s") % {"title": p.title},
                detail=_("%(unit)s đã gửi; tiếp nhận hoặc trả lại để bổ sung.") % {"unit": p.unit.name},
                url=reverse("awards:proposal_detail", args=[p.pk]), level="warning", due=p.round.deadline,
                kind="receive"))
    if has_perm_anywhere(user, Perm.REVIEW_PROPOSALS):
        for p in visible().filter(unit_scope_q(user, Perm.REVIEW_PROPOSALS, prefix="unit__"),
                                  Q(specialist=user) | Q(specialist__isnull=True),
                                  status__in=[S.RECEIVED, S.UNDER_REVIEW]):
            items.append(AttentionItem(
                title=_("Hồ sơ chờ thẩm định: %(title)s") % {"title": p.title},
                detail=_("Của %(unit)s; %(state)s.") % {"unit": p.unit.name, "state": p.get_status_display()},
                url=reverse("awards:proposal_detail", args=[p.pk]), level="warning", due=p.round.deadline,
                kind="review"))
    if has_perm_anywhere(user, Perm.DECIDE_AWARDS):
        for p in visible().filter(unit_scope_q(user, Perm.DECIDE_AWARDS, prefix="to_unit__"), status=S.REVIEWED):
            items.append(AttentionItem(
                title=_("Chờ quyết định khen thưởng: %(title)s") % {"title": p.title},
                detail=_("Của %(unit)s; đã thẩm định xong, chờ ra quyết định.") % {"unit": p.unit.name},
                url=reverse("awards:decision_create", args=[p.pk]), level="warning", due=p.round.deadline,
                kind="decide"))
    return items


def _letters_due(user) -> list[AttentionItem]:
    """Complaints and denunciations the user handles or resolves whose time limit has passed or is near."""
    from tdkt.complaints.selectors import attention_for

    today = timezone.localdate()
    return [AttentionItem(
        title=_("%(kind)s số %(number)s: %(due)s %(date)s") % {
            "kind": letter.get_kind_display(), "number": letter.number, "due": due.label.lower(),
            "date": f"{due.day:%d/%m/%Y}"},
        detail=(_("Đã quá hạn %(n)s ngày (%(citation)s).") if due.overdue(today) else
                _("Còn %(n)s ngày (%(citation)s).")) % {"n": abs(due.days_left(today)), "citation": due.citation},
        url=reverse("complaints:letter_detail", args=[letter.pk]),
        level="danger" if due.overdue(today) else "warning", due=due.day, kind="letter",
    ) for letter, due in attention_for(user, today)]


def _deadlines_near(user) -> list[AttentionItem]:
    """The deadline reminders still in force for this user (tdkt.notifications: the unit has not sent
    what is due), overdue first: the same items as the bell's reminders."""
    from tdkt.notifications.scheduler import local_today
    from tdkt.notifications.selectors import open_reminders

    today = local_today()
    items = []
    for n in open_reminders(user, today=today):
        assert n.due_on is not None  # open_reminders keeps only dated ones
        left = (n.due_on - today).days
        when = (_("Còn %(n)s ngày.") % {"n": left} if left > 0 else _("Hạn là hôm nay.") if left == 0
                else _("Đã quá hạn %(n)s ngày.") % {"n": -left})
        items.append(AttentionItem(
            title=_("Nhắc hạn: %(name)s") % {"name": n.title.split(": ", 1)[-1]}, detail=f"{n.body} {when}",
            url=n.url, level="danger" if left < 0 else "warning", due=n.due_on, kind="deadline"))
    return items


PROVIDERS = [_ballots_waiting, _deadlines_near, _proposal_work, _letters_due, _registrations_open, _units_closing_soon,
             _profile_without_account]


def attention_items(*, user) -> list[AttentionItem]:
    items: list[AttentionItem] = []
    for provider in PROVIDERS:
        items.extend(provider(user))
    return items
