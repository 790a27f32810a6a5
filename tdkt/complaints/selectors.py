"""Reads of complaints and denunciations, scoped by the reader's units; the sender's identity through
``can_see_identity`` / ``sender_shown`` only (Luật Tố cáo 2018 Điều 47 khoản 2, Điều 56)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.access import unit_scope_q
from tdkt.accounts.permissions import Perm
from tdkt.core.vi import fold

from .choices import LetterKind, Status, Step
from .deadlines import Calendar, add_period
from .models import CalendarDay, Letter, TimeLimitRule

SOON_DAYS = 5  # "sắp đến hạn": within five days


def letters_visible_to(user) -> QuerySet[Letter]:
    return Letter.objects.filter(unit_scope_q(user, Perm.VIEW_COMPLAINTS, prefix="unit__")).select_related("unit")


def can_see_identity(user, letter: Letter) -> bool:
    """Who the sender is: for a protected letter only its handlers and its resolver (not the unit's other
    officers, not an administrator who does not handle it); otherwise anyone who may see the letter."""
    if not letter.identity_protected:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    # through handlers.all(): a prefetched page asks nothing more per letter
    return letter.resolver_id == user.pk or any(h.pk == user.pk for h in letter.handlers.all())


def sender_shown(user, letter: Letter) -> str:
    if can_see_identity(user, letter):
        return letter.sender_name
    return _("(Được giữ bí mật theo Luật Tố cáo)")


def search(qs: QuerySet[Letter], text: str) -> QuerySet[Letter]:
    """Accent-insensitive search over number, summary and content; a sender's name is searched only where it is
    not secret, so a search never tells who denounced whom. A unit's letters are few: folded in Python."""
    words = fold(text or "").split()
    if not words:
        return qs
    ids = [pk for pk, number, subject, content, protected, sender
           in qs.values_list("pk", "number", "subject", "content", "identity_protected", "sender_name")
           if all(w in fold(" ".join([number, subject, content] + ([] if protected else [sender]))) for w in words)]
    return qs.filter(pk__in=ids)


def calendar(start: dt.date, end: dt.date) -> Calendar:
    rows = CalendarDay.objects.filter(day__gte=start, day__lte=end).values_list("day", "kind")
    return Calendar(dict(rows))


@dataclass(frozen=True)
class Law:
    """Every time-limit row and the calendar's exceptions, read once (two small tables) for any number of
    letters: a page of the register runs the same queries for one letter or fifty."""

    rules: tuple[TimeLimitRule, ...]
    calendar: Calendar

    @classmethod
    def load(cls) -> Law:
        return cls(tuple(TimeLimitRule.objects.all()), Calendar(dict(CalendarDay.objects.values_list("day", "kind"))))


def rule_for(letter: Letter, step: str, day: dt.date, *, law: Law | None = None) -> TimeLimitRule | None:
    """The row in force on ``day`` for the letter's kind, instance and area — a complex case's or a remote area's
    row when the letter is one and such a row exists, else the general row."""
    law = law or Law.load()
    instance = letter.instance if letter.kind == LetterKind.COMPLAINT else 1
    best: tuple[tuple[bool, bool, dt.date], TimeLimitRule] | None = None
    for r in law.rules:
        if r.kind != letter.kind or r.step != step or not r.is_in_force(day):
            continue
        if step != Step.EXTENSION and r.instance != instance:
            continue
        if (r.complex and not letter.complex) or (r.remote and not letter.remote):
            continue
        score = (r.remote == letter.remote, r.complex == letter.complex, r.effective_from)
        if best is None or score > best[0]:
            best = (score, r)
    return best[1] if best else None


@dataclass(frozen=True)
class Due:
    step: str
    label: str
    day: dt.date
    rule: TimeLimitRule
    done: bool

    @property
    def citation(self) -> str:
        return self.rule.citation

    def days_left(self, today: dt.date) -> int:
        return (self.day - today).days

    def overdue(self, today: dt.date) -> bool:
        return not self.done and today > self.day

    def soon(self, today: dt.date) -> bool:
        return not self.done and 0 <= (self.day - today).days <= SOON_DAYS


def deadlines(letter: Letter, *, law: Law | None = None) -> list[Due]:
    """Each time limit of the letter, computed from its dates by the rows in force when each period began."""
    if letter.kind == LetterKind.PETITION:
        return []
    law = law or Law.load()
    cal = law.calendar
    out: list[Due] = []
    acc = rule_for(letter, Step.ACCEPTANCE, letter.received_on, law=law)
    if acc is not None:
        out.append(Due(Step.ACCEPTANCE, _("Hạn thụ lý") if letter.kind == LetterKind.COMPLAINT
                       else _("Hạn xử lý ban đầu"), add_period(letter.received_on, acc.days, acc.unit, cal), acc,
                       letter.status != Status.RECEIVED))
    if letter.accepted_on:
        res = rule_for(letter, Step.RESOLUTION, letter.accepted_on, law=law)
        if res is not None:
            day = add_period(letter.accepted_on, res.days, res.unit, cal)
            ext = rule_for(letter, Step.EXTENSION, letter.accepted_on, law=law) if letter.extensions else None
            if ext is not None:
                for _i in range(letter.extensions):
                    day = add_period(day, ext.days, ext.unit, cal)
            paused = letter.paused_days
            if letter.status == Status.SUSPENDED and letter.suspended_on:
                paused += max((timezone.localdate() - letter.suspended_on).days, 0)
            if paused:
                # The clock stops while suspended and goes on from the decision to resume (NĐ 155/2026).
                day = cal.next_working(day + dt.timedelta(days=paused))
            out.append(Due(Step.RESOLUTION, _("Hạn giải quyết"), day, ext or res,
                           letter.status in (Status.RESOLVED, Status.NOT_ACCEPTED)))
    return out


def statute_end(letter: Letter) -> tuple[dt.date, TimeLimitRule] | None:
    """The last day to file a complaint (thời hiệu), from the day the sender learnt of the decision."""
    if letter.kind != LetterKind.COMPLAINT or not letter.decision_known_on:
        return None
    law = Law.load()
    rule = rule_for(letter, Step.STATUTE, letter.decision_known_on, law=law)
    if rule is None:
        return None
    return add_period(letter.decision_known_on, rule.days, rule.unit, law.calendar), rule


def attention_for(user, today: dt.date | None = None) -> list[tuple[Letter, Due]]:
    """Letters the user handles or resolves with a time limit overdue or within SOON_DAYS, overdue first."""
    today = today or timezone.localdate()
    open_letters = (Letter.objects.filter(Q(handlers=user) | Q(resolver=user))
                    .exclude(status__in=[Status.RESOLVED, Status.NOT_ACCEPTED]).distinct().select_related("unit"))
    out = []
    law = Law.load()
    for letter in open_letters:
        for due in deadlines(letter, law=law):
            if due.overdue(today) or due.soon(today):
                out.append((letter, due))
    return sorted(out, key=lambda x: (not x[1].overdue(today), x[1].day))
