"""Checks run at submit, each with its reason; ``blocking`` ones stop the submission."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, cast

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.eligibility.choices import AwardKind, Outcome
from tdkt.eligibility.engine import EligibilityError, evaluate_many
from tdkt.records.models import Registration

from .choices import DocKind, GrantAction, ItemStatus, LatePolicy, RoundKind

if TYPE_CHECKING:
    from tdkt.eligibility.models import AwardType
    from tdkt.org.models import Unit
    from tdkt.people.models import Person

    from .models import DecisionItem, ProposalItem

UNAVAILABLE = "chưa xét được"


@dataclass(frozen=True)
class Check:
    """One check's verdict; ``message`` is in the reader's language (a proposal stores its
    checks in Vietnamese: services._stored_checks)."""

    code: str
    ok: bool
    blocking: bool
    message: str
    item_id: int | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def _live_items(proposal, items=None):
    """The lines not withdrawn; ``items`` are the proposal's lines already loaded (with award type,
    person and unit), so a page that shows them does not load them again."""
    if items is None:
        items = proposal.items.select_related("award_type", "person", "unit")
    return [i for i in items if i.status != ItemStatus.WITHDRAWN]


# --------------------------------------------------------------------------- data-driven checks


def authority_levels(unit_type, action: str | None = None, day: dt.date | None = None) -> set[str]:
    """The award levels a unit type decides (GRANT) or receives and forwards (PROPOSE) on ``day``:
    who decides changed on 01/07/2025, so the rows are dated (a district office has none after)."""
    from .models import GrantAuthority

    qs = GrantAuthority.objects.in_force(day or timezone.localdate()).filter(unit_type=unit_type)
    if action:
        qs = qs.filter(action=action)
    return set(qs.values_list("award_level", flat=True))


def can_grant(unit, award_type, day: dt.date | None = None) -> bool:
    return award_type.level in authority_levels(unit.unit_type, GrantAction.GRANT, day)


def missing_documents(proposal, *, items=None) -> list[str]:
    """What the dossier lacks, in words, from the RequiredDocument rows of its items in force on the last
    day of the round's school year (the day its nominees are judged by)."""
    from .models import RequiredDocument

    items = _live_items(proposal, items)
    files = list(proposal.files.values_list("doc_kind", "item_id"))
    kinds = {k for k, _ in files}
    per_item = {(k, i) for k, i in files if i}
    labels = dict(DocKind.choices)
    needed = defaultdict(list)
    day = proposal.round.school_year.end_date
    for req in RequiredDocument.objects.in_force(day).filter(award_type__in={i.award_type_id for i in items}):
        needed[req.award_type_id].append(req)
    out: list[str] = []
    for kind in sorted({r.doc_kind for rs in needed.values() for r in rs if not r.per_nominee}):
        if kind not in kinds:
            out.append(_("Thiếu %(document)s.") % {"document": labels[kind]})
    for item in items:
        for req in needed[item.award_type_id]:
            if req.per_nominee and (req.doc_kind, item.pk) not in per_item:
                out.append(_("Thiếu %(document)s của %(subject)s (%(award)s).") % {
                    "document": labels[req.doc_kind], "subject": item.subject_name, "award": item.award_type})
    return out


def _passed_pairs(proposal) -> set[tuple[str, int]]:
    """(subject key, award type id) passed by a council of the proposing unit this year."""
    from tdkt.meetings.models import Meeting
    from tdkt.meetings.selectors import passed_candidates
    pairs: set[tuple[str, int]] = set()
    meetings = Meeting.objects.filter(council__unit=proposal.unit, school_year=proposal.round.school_year)
    for meeting in meetings:
        for c in passed_candidates(meeting):
            # PassedCandidate (meetings.selectors) types its fields as ``object``; they are the
            # question's or line's person, unit and award type.
            person, unit = cast("Person | None", c.person), cast("Unit", c.unit)
            key = f"p{person.pk}" if person is not None else f"u{unit.pk}"
            pairs.add((key, cast("AwardType", c.award_type).pk))
    return pairs


def _verdicts(items, school_year) -> dict[int, tuple[str | None, str]]:
    """(outcome, reasons) of each line, by line id, every line judged from one load of facts
    (tdkt.eligibility.engine.evaluate_many), so the queries do not grow with the number of lines.
    A line the engine refuses to judge (an award type no longer in use, a collective award for a
    person) comes back as (None, the engine's reason) and the others keep their verdicts; any other
    failure of the engine is a bug and is not hidden."""
    if not items:
        return {}
    pairs = [(item.person if item.person_id else item.unit, item.award_type) for item in items]
    try:
        results = evaluate_many(pairs, school_year)
    except EligibilityError:
        # evaluate_many stops at the first pair it cannot judge: find which, one line at a time (only then).
        out: dict[int, tuple[str | None, str]] = {}
        for item, pair in zip(items, pairs, strict=True):
            try:
                result = evaluate_many([pair], school_year)[0]
            except EligibilityError as exc:
                out[item.pk] = (None, str(exc))
            else:
                out[item.pk] = (str(result.outcome), _reasons(result))
        return out
    return {item.pk: (str(r.outcome), _reasons(r)) for item, r in zip(items, results, strict=True)}


def _reasons(result) -> str:
    """What kept a line short of eligible: each criterion it fails (or lacks data for), with the legal
    text that criterion applies, so the officer sees the rule and not only the verdict."""
    if result.outcome == Outcome.ELIGIBLE:
        return ""
    wanted = {Outcome.NOT_ELIGIBLE: False, Outcome.MISSING_INFO: None}.get(result.outcome, "any")
    parts = []
    for line in result.lines:
        if not line.get("blocking", True) or (wanted != "any" and line.get("passed") is not wanted):
            continue
        detail = str(line.get("detail") or "").strip().rstrip(".")
        citation = str(line.get("citation") or "").strip()
        parts.append(f"{detail} — {citation}" if citation else detail)
    return "; ".join(p for p in parts if p) or str(result.summary or "")


def _registered(items, school_year) -> set[tuple[str, int]]:
    """(subject key, award type id) of the lines' subjects registered this year, in one query."""
    if not items:
        return set()
    people = {i.person_id for i in items if i.person_id}
    units = {i.unit_id for i in items if not i.person_id}
    rows = (Registration.objects.filter(school_year=school_year, award_type_id__in={i.award_type_id for i in items})
            .filter(Q(person_id__in=people) | Q(person__isnull=True, unit_id__in=units))
            .values_list("person_id", "unit_id", "award_type_id"))
    return {(f"p{person}" if person else f"u{unit}", award_type) for person, unit, award_type in rows}


# --------------------------------------------------------------------------- the list


def submit_checks(proposal, *, today=None, items=None, missing: list[str] | None = None) -> list[Check]:
    """Every check, in a number of queries that does not grow with the proposal's lines. A page that
    already loaded the lines (``items``) and the missing documents (``missing``) passes them in."""
    today = today or timezone.localdate()
    all_items = items
    items = _live_items(proposal, items)
    out: list[Check] = []
    if not items:
        out.append(Check("items", False, True, _("Đề nghị chưa có cá nhân, tập thể nào.")))
    # receiving level: an ancestor of the proposing unit
    if not proposal.unit.path.startswith(proposal.to_unit.path) or proposal.unit_id == proposal.to_unit_id:
        out.append(Check("receiver", False, True,
                         _("«%(to_unit)s» không phải là cấp trên của «%(unit)s».") % {
                             "to_unit": proposal.to_unit, "unit": proposal.unit}))
    # deadline
    if today > proposal.round.deadline:
        refuse = proposal.round.late_policy == LatePolicy.REFUSE
        deadline = f"{proposal.round.deadline:%d/%m/%Y}"
        out.append(Check("deadline", False, refuse,
                         _("Quá hạn nộp (%(deadline)s); đợt này không nhận hồ sơ nộp muộn.") % {"deadline": deadline}
                         if refuse else
                         _("Quá hạn nộp (%(deadline)s); hồ sơ được đánh dấu nộp muộn.") % {"deadline": deadline}))
    # authority of the receiving level
    levels = authority_levels(proposal.to_unit.unit_type, day=today)
    for item in items:
        if item.award_type.level not in levels:
            out.append(Check("authority", False, True,
                             _("%(subject)s: «%(to_unit)s» không có thẩm quyền khen hoặc trình khen "
                               "«%(award)s» (%(level)s).") % {
                                 "subject": item.subject_name, "to_unit": proposal.to_unit, "award": item.award_type,
                                 "level": item.award_type.get_level_display()}, item.pk))
    # Law on TĐKT 2022 art. 5: one achievement, one form of award; the same form may be given again for
    # another achievement. A title (danh hiệu) is once per subject and year. A title and a form for the
    # same achievement may go together.
    titles: dict[tuple[str, int | str], ProposalItem] = {}
    forms: dict[tuple[str, int | str], ProposalItem] = {}
    for item in items:
        slot: tuple[str, int | str]
        if item.award_type.kind == AwardKind.TITLE:
            slot, seen = (item.subject_key, item.award_type_id), titles
        else:
            slot, seen = (item.subject_key, achievement_of(item)), forms
        other = seen.get(slot)
        if other is None:
            seen[slot] = item
        elif seen is titles:
            out.append(Check("one_achievement", False, True,
                             _("%(subject)s: danh hiệu «%(award)s» được đề nghị hai lần trong một năm học.") % {
                                 "subject": item.subject_name, "award": item.award_type}, item.pk))
        else:
            out.append(Check("one_achievement", False, True,
                             _("%(subject)s: một thành tích chỉ đề nghị một hình thức khen thưởng "
                               "(«%(first)s» và «%(second)s» cho cùng thành tích «%(achievement)s»).") % {
                                 "subject": item.subject_name, "first": other.award_type,
                                 "second": item.award_type, "achievement": _short(other.summary)}, item.pk))
    # ... and across proposals: a form already decided for the achievement (not revoked) is not given again
    for item, decided in decided_forms(proposal, items).items():
        out.append(Check("one_achievement", False, True, already_rewarded_message(item, decided), item.pk))
    # registration (titles only)
    year = proposal.round.school_year
    title_items = [i for i in items if i.award_type.kind == AwardKind.TITLE and not i.source_item_id]
    registered = _registered(title_items, year)
    for item in title_items:
        if (item.subject_key, item.award_type_id) not in registered:
            out.append(Check("registration", False, True,
                             _("%(subject)s chưa đăng ký danh hiệu «%(award)s» năm học %(year)s.") % {
                                 "subject": item.subject_name, "award": item.award_type, "year": year},
                             item.pk))
    # council vote
    pairs = _passed_pairs(proposal)
    ad_hoc = proposal.round.kind in (RoundKind.AD_HOC, RoundKind.GOOD_DEEDS)
    for item in items:
        if item.source_item_id:
            continue
        if (item.subject_key, item.award_type_id) not in pairs:
            out.append(Check("council", False, not ad_hoc,
                             _("%(subject)s: chưa có kết quả Hội đồng thi đua thông qua «%(award)s».") % {
                                 "subject": item.subject_name, "award": item.award_type}, item.pk))
    # eligibility
    verdicts = _verdicts(items, year)
    for item in items:
        verdict = verdicts.get(item.pk, (None, ""))
        if verdict[0] is None:
            out.append(Check("eligibility", False, False,
                             _("%(subject)s – %(award)s: điều kiện chưa xét được%(why)s.") % {
                                 "subject": item.subject_name, "award": item.award_type, "why": _why(verdict)},
                             item.pk))
        elif verdict[0] == Outcome.NOT_ELIGIBLE and ad_hoc and item.justification.strip():
            # An ad hoc award (đột xuất, Người tốt việc tốt) rewards one deed, not a year's record: the
            # standing criteria may not be met, so the item goes up with its written justification.
            out.append(Check("eligibility", False, False,
                             _("%(subject)s: chưa đủ điều kiện «%(award)s»%(why)s; "
                               "đề nghị kèm giải trình: «%(justification)s».") % {
                                 "subject": item.subject_name, "award": item.award_type, "why": _why(verdict),
                                 "justification": item.justification.strip()[:300]}, item.pk))
        elif verdict[0] == Outcome.NOT_ELIGIBLE:
            hint = " " + _("Đợt khen đột xuất: nhập giải trình cho dòng này để được gửi.") if ad_hoc else ""
            out.append(Check("eligibility", False, True,
                             _("%(subject)s: không đủ điều kiện «%(award)s»%(why)s.") % {
                                 "subject": item.subject_name, "award": item.award_type, "why": _why(verdict)}
                             + hint, item.pk))
        elif verdict[0] != Outcome.ELIGIBLE:
            label = dict(Outcome.choices).get(verdict[0], verdict[0])
            out.append(Check("eligibility", False, False,
                             f"{item.subject_name} – {item.award_type}: {label}{_why(verdict)}.", item.pk))
    # dossier
    for message in missing if missing is not None else missing_documents(proposal, items=all_items):
        out.append(Check("documents", False, True, message))
    return out


def achievement_of(item) -> str:
    """Which achievement a line rewards: the achievement record it points to; for an old line without
    one, its achievement code when the officer gave one (the same achievement under several lines), else
    its summary — the text that describes the achievement — compared without case, spacing or a closing
    full stop."""
    if item.achievement_id:
        return f"id:{item.achievement_id}"
    if item.achievement_key.strip():
        return "key:" + item.achievement_key.strip().lower()
    return "text:" + " ".join(item.summary.lower().split()).rstrip(" .;")


def decided_forms(proposal, items) -> dict:
    """The lines (forms pointing to an achievement) whose achievement already has a form of award in a
    decision, not revoked: {line: that decision line}, in one query. The line's own decision, and that of
    the line it was compiled from or into, do not count."""
    from .models import DecisionItem

    forms = [i for i in items if i.award_type.kind != AwardKind.TITLE and i.achievement_id]
    if not forms:
        return {}
    own = {i.pk for i in forms} | {i.source_item_id for i in forms if i.source_item_id}
    rows = (DecisionItem.objects.filter(proposal_item__achievement__in={i.achievement_id for i in forms},
                                        revoked_on__isnull=True)
            .exclude(award_type__kind=AwardKind.TITLE)
            .exclude(proposal_item__in=own).exclude(proposal_item__source_item__in=own)
            .select_related("decision", "award_type", "proposal_item")
            .order_by("decision__decision_date", "id"))
    first: dict[int, DecisionItem] = {}
    for row in rows:
        # The filter above keeps only rows whose proposal line points to an achievement.
        line = cast("ProposalItem", row.proposal_item)
        first.setdefault(cast(int, line.achievement_id), row)
    return {i: first[i.achievement_id] for i in forms if i.achievement_id in first}


def already_rewarded_message(item, decided) -> str:
    return _("%(subject)s: thành tích «%(achievement)s» đã được khen «%(award)s» theo Quyết định số "
             "%(decision)s ngày %(date)s; một thành tích chỉ khen một hình thức.") % {
        "subject": item.subject_name, "achievement": _short(item.summary), "award": decided.award_type,
        "decision": decided.decision.number_label, "date": f"{decided.decision.decision_date:%d/%m/%Y}"}


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split()).rstrip(" .;")
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _why(verdict) -> str:
    return f" ({verdict[1].rstrip('.')})" if verdict[1] else ""


def blocking(checks: list[Check]) -> list[Check]:
    return [c for c in checks if c.blocking and not c.ok]
