"""Reads of the dashboards (thống kê) and the look-up (tra cứu), always scoped by
tdkt.accounts.access.

Dashboard figures are grouped in the database: every fact (a registration, a rating,
a proposal line, a decision line, a title received) is attributed to exactly one
direct child unit ("branch") of the unit shown, by the first ``path`` segment below
it, so a row's figures add up to the total and the number of queries does not grow
with the number of units or people. A person is counted at the unit of their latest
post in the subtree during the school year, so someone who moved between two schools
in the year is counted once (their facts are read per person and mapped to that
branch in Python: one pass, no correlated subquery per row).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.accounts.access import active_memberships, can, person_scope_q, unit_scope_q
from tdkt.accounts.permissions import Perm, roles_with
from tdkt.awards.choices import ItemStatus, ProposalStatus, RoundKind
from tdkt.awards.models import DecisionItem, Proposal, ProposalItem, Round
from tdkt.campaigns.choices import SubmissionStatus
from tdkt.campaigns.models import Campaign, RegistrationSubmission
from tdkt.core.vi import fold, search_terms
from tdkt.eligibility.catalogue import CSTDCS, LDTT
from tdkt.eligibility.models import AwardType
from tdkt.org.models import SchoolYear, Unit
from tdkt.org.selectors import label_units
from tdkt.people.models import Employment, Person
from tdkt.records.choices import TaskRating
from tdkt.records.models import AwardRecord, PersonRating, Registration, UnitRating

from . import calculations
from .calculations import rate

PERM = Perm.VIEW_RECORDS
STEP = Unit.steplen
NOT_SENT = (ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN)
UNIT_CHOICES_LIMIT = 500
LOOKUP_UNITS_LIMIT = 50

# --------------------------------------------------------------------------- scope and defaults


def units_visible_to(user) -> QuerySet[Unit]:
    return Unit.objects.filter(unit_scope_q(user, PERM))


def default_unit(user) -> Unit | None:
    """The user's top unit: the highest unit of a membership that may read records."""
    if getattr(user, "is_superuser", False):
        return Unit.objects.filter(depth=1).order_by("path").first()
    allowed = roles_with(PERM)
    units = [m.unit for m in active_memberships(user) if m.role in allowed]
    return min(units, key=lambda u: (u.depth, u.path), default=None)


def unit_choices(user, around: Unit | None) -> list[Unit]:
    """Units for the selector: the visible ones down to two levels below the user's top
    unit (a province has thousands of groups; deeper units open from the table's links)."""
    top = default_unit(user)
    depth = (top.depth if top else 1) + 2
    units = list(units_visible_to(user).filter(depth__lte=depth).select_related("unit_type")
                 .order_by("path")[:UNIT_CHOICES_LIMIT])
    if around is not None and around not in units:
        units.append(around)
        units.sort(key=lambda u: u.path)
    top_depth = min((u.depth for u in units), default=1)
    for u in units:
        u.indent = "— " * (u.depth - top_depth)
    return units


def unit_get_visible(user, pk) -> Unit | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return units_visible_to(user).select_related("unit_type").filter(pk=pk).first()


# --------------------------------------------------------------------------- dashboard


@dataclass
class LateLine:
    unit: Unit
    what: str  # the campaign or round
    kind: str  # "muon" (sent after the deadline) or "chua_nop" (deadline passed, nothing sent)
    deadline: dt.date | None
    sent_at: dt.datetime | None = None

    @property
    def kind_label(self) -> str:
        return _("Nộp muộn") if self.kind == "muon" else _("Chưa nộp (đã quá hạn)")


@dataclass
class Row:
    """The figures of one branch (a direct child unit, the unit itself, or the total)."""

    label: str
    unit: Unit | None = None
    path: str = ""
    staff: int = 0
    reg_person: Counter = field(default_factory=Counter)  # award_type_id → people registered
    reg_unit: Counter = field(default_factory=Counter)  # award_type_id → collectives registered
    items: Counter = field(default_factory=Counter)  # (award_type_id, status) → proposal lines
    items_decided: Counter = field(default_factory=Counter)  # award_type_id → lines with a decision
    decided: Counter = field(default_factory=Counter)  # award_type_id → decision lines (not revoked)
    money: Decimal = Decimal(0)
    money_by_type: Counter = field(default_factory=Counter)  # award_type_id → money of decision lines
    attained: Counter = field(default_factory=Counter)  # award_type_id → titles received (not revoked)
    ratings: Counter = field(default_factory=Counter)  # TaskRating → people
    late: list[LateLine] = field(default_factory=list)
    # derived, set by finish()
    reg_ldtt: int = 0
    reg_cstdcs: int = 0
    reg_collective: int = 0
    proposed: int = 0
    proposed_decided: int = 0
    decided_total: int = 0
    attained_ldtt: int = 0
    rated_good: int = 0

    def add(self, other: Row) -> None:
        self.staff += other.staff
        for name in ("reg_person", "reg_unit", "items", "items_decided", "decided", "money_by_type", "attained",
                     "ratings"):
            getattr(self, name).update(getattr(other, name))
        self.money += other.money
        self.late.extend(other.late)

    def finish(self, ldtt: int | None, cstdcs: int | None) -> None:
        self.reg_ldtt = self.reg_person.get(ldtt, 0)
        self.reg_cstdcs = self.reg_person.get(cstdcs, 0)
        self.reg_collective = sum(self.reg_unit.values())
        self.proposed = sum(self.items.values())
        self.proposed_decided = sum(self.items_decided.values())
        self.decided_total = sum(self.decided.values())
        self.attained_ldtt = self.attained.get(ldtt, 0)
        self.rated_good = self.ratings.get(TaskRating.EXCELLENT, 0) + self.ratings.get(TaskRating.GOOD, 0)

    @property
    def rate_reg_ldtt(self):
        return rate(self.reg_ldtt, self.staff)

    @property
    def rate_reg_cstdcs(self):
        return rate(self.reg_cstdcs, self.staff)

    @property
    def rate_attained_ldtt(self):
        return rate(self.attained_ldtt, self.staff)

    @property
    def rate_rated_good(self):
        return rate(self.rated_good, self.staff)

    @property
    def rate_decided(self):
        return rate(self.proposed_decided, self.proposed)

    @property
    def is_late(self) -> bool:
        return bool(self.late)


@dataclass
class TitleLine:
    award_type: AwardType
    registered: int = 0
    proposed: int = 0
    pending: int = 0
    accepted: int = 0
    rejected: int = 0
    proposed_decided: int = 0
    decided: int = 0
    money: Decimal = Decimal(0)
    attained: int = 0


@dataclass
class Overview:
    unit: Unit
    school_year: SchoolYear
    today: dt.date
    rows: list[Row]  # one per direct child unit (and the unit itself when it has its own figures)
    total: Row
    titles: list[TitleLine]
    late: list[LateLine]
    ldtt: AwardType | None
    cstdcs: AwardType | None
    # (campaign, [TargetProgress]) for the year's campaigns reaching the unit that set targets;
    # the campaigns app computes each target's progress (tdkt.campaigns.selectors).
    target_progress: list = field(default_factory=list)


# Definitions shown next to each figure (and in the API): what is counted, from where
# (lazy: in the reader's language where shown).
DEFINITIONS = {
    "staff": gettext_lazy(
        "Số cán bộ, giáo viên, nhân viên có quá trình công tác tại đơn vị (và các đơn vị trực thuộc) "
        "trong năm học; người chuyển đơn vị trong năm được tính một lần, ở đơn vị công tác sau cùng."),
    "reg_ldtt": gettext_lazy(
        "Tỷ lệ đăng ký Lao động tiên tiến = số cá nhân đăng ký danh hiệu Lao động tiên tiến của năm học "
        "/ số cán bộ, giáo viên, nhân viên."),
    "reg_cstdcs": gettext_lazy(
        "Tỷ lệ đăng ký Chiến sĩ thi đua cơ sở = số cá nhân đăng ký danh hiệu Chiến sĩ thi đua cơ sở / số "
        "cán bộ, giáo viên, nhân viên."),
    "reg_collective": gettext_lazy(
        "Số tập thể (đơn vị, tổ) đã đăng ký danh hiệu thi đua tập thể của năm học."),
    "attained_ldtt": gettext_lazy(
        "Tỷ lệ đạt Lao động tiên tiến = số cá nhân được công nhận Lao động tiên tiến của năm học (theo "
        "hồ sơ thành tích, không tính danh hiệu đã bị hủy bỏ) / số cán bộ, giáo viên, nhân viên."),
    "rated_good": gettext_lazy(
        "Tỷ lệ hoàn thành tốt nhiệm vụ trở lên = số cá nhân được xếp loại «Hoàn thành xuất sắc» hoặc "
        "«Hoàn thành tốt» nhiệm vụ / số cán bộ, giáo viên, nhân viên."),
    "proposed": gettext_lazy(
        "Số dòng đề nghị khen thưởng (cá nhân, tập thể) do đơn vị lập trong các đợt của năm học, đã gửi "
        "đi; không tính hồ sơ đang soạn, hồ sơ và dòng đã rút, dòng cấp trên tổng hợp lại."),
    "rate_decided": gettext_lazy(
        "Tỷ lệ được khen trên đề nghị = số dòng đề nghị đã có quyết định khen thưởng (kể cả khi cấp trên "
        "tổng hợp trình tiếp và ra quyết định) / số dòng đề nghị đã gửi."),
    "decided": gettext_lazy(
        "Số dòng quyết định khen thưởng của năm học (đợt khen thuộc năm học) cho cá nhân, tập thể của "
        "đơn vị; không tính dòng đã bị hủy bỏ. Tiền thưởng là tổng số tiền ghi trên các dòng đó."),
    "late": gettext_lazy(
        "Đơn vị nộp muộn: hồ sơ đăng ký thi đua hoặc hồ sơ đề nghị khen thưởng gửi sau hạn. Đơn vị chưa "
        "nộp: đã quá hạn nộp hồ sơ đăng ký của phong trào, hoặc hạn nộp của đợt tổng kết năm học, mà "
        "chưa gửi."),
}


def _overlap(year: SchoolYear, prefix: str = "") -> Q:
    return Q(**{f"{prefix}start_date__lte": year.end_date}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": year.start_date}))


def _branch(expr: str, unit: Unit):
    return Substr(expr, 1, len(unit.path) + STEP)


def _year_decisions_q(year: SchoolYear) -> Q:
    return Q(decision__round__school_year=year) | Q(
        decision__round__isnull=True, decision__decision_date__gte=year.start_date,
        decision__decision_date__lte=year.end_date)


def overview(*, user, unit: Unit, school_year: SchoolYear, today: dt.date | None = None) -> Overview:
    """The dashboard of ``unit`` (and its subtree, within the user's scope) for one school year."""
    today = today or timezone.localdate()
    year = school_year
    emp_scope = unit_scope_q(user, PERM, prefix="unit__")
    subtree = Q(unit__path__startswith=unit.path) & unit_scope_q(user, PERM, prefix="unit__")
    rows: dict[str, Row] = defaultdict(lambda: Row(label=""))

    # Each person's branch: that of their latest post of the year (ascending order, last wins).
    # One pass over the year's posts; the facts below are read per person and summed here,
    # which on PostgreSQL is ~5x faster than a correlated subquery per fact row (README).
    width = len(unit.path) + STEP
    posts = Employment.objects.filter(emp_scope, _overlap(year), unit__path__startswith=unit.path)
    homes: dict[int, str] = {}
    for pid, path in posts.order_by("start_date", "id").values_list("person_id", "unit__path"):
        homes[pid] = path[:width]
    for branch in homes.values():
        rows[branch].staff += 1
    staff_ids = posts.values("person_id")
    # A post written between two of these queries must not break the page: such a
    # person's facts wait for the next load (rows["?"] is dropped below).
    home = lambda pid: homes.get(pid, "?")  # noqa: E731

    for pid, type_id in (Registration.objects.filter(school_year=year, person_id__in=staff_ids)
                         .values_list("person_id", "award_type_id")):
        rows[home(pid)].reg_person[type_id] += 1
    for r in (Registration.objects.filter(subtree, school_year=year, person__isnull=True)
              .annotate(branch=_branch("unit__path", unit)).values("branch", "award_type_id")
              .annotate(n=Count("id")).order_by()):
        rows[r["branch"]].reg_unit[r["award_type_id"]] += r["n"]

    for pid, rating in (PersonRating.objects.filter(school_year=year, person_id__in=staff_ids)
                        .values_list("person_id", "rating")):
        rows[home(pid)].ratings[rating] += 1

    # Proposal lines the subtree's units wrote; a line counts as decided when it, or the
    # line a higher level compiled from it (up to two levels up), has a decision not revoked.
    decided_line = DecisionItem.objects.filter(revoked_on__isnull=True).filter(
        Q(proposal_item=OuterRef("pk")) | Q(proposal_item__source_item=OuterRef("pk"))
        | Q(proposal_item__source_item__source_item=OuterRef("pk")))
    for r in (ProposalItem.objects.filter(source_item__isnull=True, proposal__round__school_year=year,
                                          proposal__unit__path__startswith=unit.path)
              .filter(unit_scope_q(user, PERM, prefix="proposal__unit__"))
              .exclude(proposal__status__in=NOT_SENT).exclude(status=ItemStatus.WITHDRAWN)
              .annotate(has_decision=Exists(decided_line), branch=_branch("proposal__unit__path", unit))
              .values("branch", "award_type_id", "status")
              .annotate(n=Count("id"), d=Count("id", filter=Q(has_decision=True))).order_by()):
        row = rows[r["branch"]]
        row.items[(r["award_type_id"], r["status"])] += r["n"]
        row.items_decided[r["award_type_id"]] += r["d"]

    decisions = DecisionItem.objects.filter(_year_decisions_q(year), revoked_on__isnull=True)
    for r in (decisions.filter(person_id__in=staff_ids).values("person_id", "award_type_id")
              .annotate(n=Count("id"), money=Sum("amount")).order_by()):
        _decided(rows[home(r["person_id"])], r)
    for r in (decisions.filter(subtree, person__isnull=True).annotate(branch=_branch("unit__path", unit))
              .values("branch", "award_type_id").annotate(n=Count("id"), money=Sum("amount")).order_by()):
        _decided(rows[r["branch"]], r)

    received = AwardRecord.objects.filter(school_year=year, revoked_on__isnull=True)
    for r in (received.filter(person_id__in=staff_ids).values("person_id", "award_type_id")
              .annotate(n=Count("id")).order_by()):
        rows[home(r["person_id"])].attained[r["award_type_id"]] += r["n"]
    for r in (received.filter(subtree, person__isnull=True).annotate(branch=_branch("unit__path", unit))
              .values("branch", "award_type_id").annotate(n=Count("id")).order_by()):
        rows[r["branch"]].attained[r["award_type_id"]] += r["n"]

    late = late_units(user=user, unit=unit, school_year=year, today=today)
    for line in late:
        rows[line.unit.path[: len(unit.path) + STEP]].late.append(line)

    # One row per direct child in scope (even without figures), plus the unit itself when
    # people or collectives are attached to it directly (a school's principal, say).
    children = list(Unit.objects.filter(unit_scope_q(user, PERM), path__startswith=unit.path, depth=unit.depth + 1)
                    .select_related("unit_type").order_by("path"))
    out: list[Row] = []
    if unit.path in rows:
        own = rows.pop(unit.path)
        own.label, own.unit, own.path = _("Trực tiếp tại %(unit)s") % {"unit": unit.name}, unit, unit.path
        out.append(own)
    for child in children:
        row = rows.pop(child.path) if child.path in rows else Row(label="")
        row.label, row.unit, row.path = child.name, child, child.path
        if child.active_to and child.active_to < today:
            row.label = _("%(unit)s (đã giải thể / sáp nhập)") % {"unit": row.label}
        out.append(row)
    total = Row(label=_("Tổng cộng"), unit=unit, path=unit.path)
    for row in out:
        total.add(row)
    # Facts of branches no longer in scope of the listing (none expected) still count in the total.
    rows.pop("?", None)
    for row in rows.values():
        total.add(row)

    types = {t.pk: t for t in AwardType.objects.all()}
    by_code = {t.code: t for t in types.values()}
    ldtt, cstdcs = by_code.get(LDTT), by_code.get(CSTDCS)
    for row in [*out, total]:
        row.finish(ldtt.pk if ldtt else None, cstdcs.pk if cstdcs else None)
    return Overview(unit=unit, school_year=year, today=today, rows=out, total=total,
                    titles=_titles(total, types), late=late, ldtt=ldtt, cstdcs=cstdcs)


def _decided(row: Row, r: dict) -> None:
    row.decided[r["award_type_id"]] += r["n"]
    row.money += r["money"] or 0
    row.money_by_type[r["award_type_id"]] += r["money"] or 0


def _titles(total: Row, types: dict[int, AwardType]) -> list[TitleLine]:
    lines: dict[int, TitleLine] = {}

    def line(pk: int) -> TitleLine:
        if pk not in lines:
            lines[pk] = TitleLine(award_type=types[pk])
        return lines[pk]

    for pk, n in (total.reg_person + total.reg_unit).items():
        line(pk).registered += n
    for (pk, status), n in total.items.items():
        t = line(pk)
        t.proposed += n
        if status == ItemStatus.PENDING:
            t.pending += n
        elif status == ItemStatus.REJECTED:
            t.rejected += n
        elif status in (ItemStatus.ACCEPTED, ItemStatus.DECIDED):
            t.accepted += n
    for pk, n in total.items_decided.items():
        if n:
            line(pk).proposed_decided += n
    for pk, n in total.decided.items():
        line(pk).decided += n
        line(pk).money += total.money_by_type.get(pk, 0)
    for pk, n in total.attained.items():
        line(pk).attained += n
    return sorted(lines.values(), key=lambda t: (t.award_type.subject, t.award_type.order, t.award_type.name))


def _ancestor_paths(unit: Unit) -> list[str]:
    return [unit.path[:i] for i in range(STEP, len(unit.path) + 1, STEP)]


def late_units(*, user, unit: Unit, school_year: SchoolYear, today: dt.date) -> list[LateLine]:
    """Units of the subtree (in scope) that sent late, or have sent nothing although the
    deadline has passed: registration files of campaigns launched by the unit or a unit
    above it (expected from each direct child of the launching unit, as the campaigns app
    lists them), and proposals of year-end rounds opened the same way."""
    scope = unit_scope_q(user, PERM)
    lines: list[LateLine] = []
    for s in (RegistrationSubmission.objects.filter(campaign__school_year=school_year, late=True,
                                                    unit__path__startswith=unit.path)
              .filter(unit_scope_q(user, PERM, prefix="unit__")).select_related("unit", "campaign")):
        lines.append(LateLine(unit=s.unit, what=_("Hồ sơ đăng ký thi đua – %(name)s") % {"name": s.campaign.name},
                              kind="muon",
                              deadline=s.campaign.submission_deadline, sent_at=s.submitted_at))
    for p in (Proposal.objects.filter(round__school_year=school_year, late=True, unit__path__startswith=unit.path)
              .filter(unit_scope_q(user, PERM, prefix="unit__")).exclude(status=ProposalStatus.WITHDRAWN)
              .select_related("unit", "round")):
        lines.append(LateLine(unit=p.unit, what=_("Đề nghị khen thưởng – %(name)s") % {"name": p.round.name},
                              kind="muon",
                              deadline=p.round.deadline, sent_at=p.submitted_at))

    above = _ancestor_paths(unit)
    campaigns = list(Campaign.objects.filter(school_year=school_year, submission_deadline__lt=today,
                                             unit__path__in=above).select_related("unit"))
    rounds = list(Round.objects.filter(school_year=school_year, kind=RoundKind.ANNUAL, deadline__lt=today,
                                       unit__path__in=above).select_related("unit"))
    launchers = {c.unit for c in campaigns} | {r.unit for r in rounds}
    expected: dict[int, list[Unit]] = defaultdict(list)  # launcher id → its children in scope
    if launchers:
        q = Q(pk__in=[])
        for launcher in launchers:
            q |= Q(path__startswith=launcher.path, depth=launcher.depth + 1)
        for child in (Unit.objects.filter(q, scope, path__startswith=unit.path)
                      .filter(Q(active_to__isnull=True) | Q(active_to__gte=today)).order_by("path")):
            parent = next(x for x in launchers if child.path.startswith(x.path) and child.depth == x.depth + 1)
            expected[parent.pk].append(child)
    if campaigns:
        sent = set(RegistrationSubmission.objects.filter(campaign__in=campaigns)
                   .exclude(status=SubmissionStatus.DRAFT).values_list("campaign_id", "unit_id"))
        for c in campaigns:
            for child in expected[c.unit_id]:
                if (c.pk, child.pk) not in sent:
                    lines.append(LateLine(unit=child, what=_("Hồ sơ đăng ký thi đua – %(name)s") % {"name": c.name},
                                          kind="chua_nop",
                                          deadline=c.submission_deadline))
    if rounds:
        sent = set(Proposal.objects.filter(round__in=rounds).exclude(status__in=NOT_SENT)
                   .values_list("round_id", "unit_id"))
        for r in rounds:
            for child in expected[r.unit_id]:
                if (r.pk, child.pk) not in sent:
                    lines.append(LateLine(unit=child, what=_("Đề nghị khen thưởng – %(name)s") % {"name": r.name},
                                          kind="chua_nop",
                                          deadline=r.deadline))
    return sorted(lines, key=lambda x: (x.unit.path, x.kind, x.what))


# --------------------------------------------------------------------------- look-up


def match_rank_expr(field_name: str, terms: list[str]) -> tuple[Concat, Case]:
    """The database's version of calculations.match_rank for a stored folded column, as
    (padded column, rank). The padded column must be aliased as ``_padded``: padding with spaces
    makes " an " a whole word and " an" the start of one, on SQLite and PostgreSQL alike."""
    padded = Concat(Value(" "), F(field_name), Value(" "))
    whole = Q()
    start = Q()
    for t in terms:
        whole &= Q(_padded__contains=f" {t} ")
        start &= Q(_padded__contains=f" {t}")
    return padded, Case(
        When(Q(**{field_name: " ".join(terms)}), then=Value(calculations.MATCH_EXACT)),
        When(whole, then=Value(calculations.MATCH_WORDS)),
        When(start, then=Value(calculations.MATCH_PREFIX)),
        default=Value(calculations.MATCH_PARTIAL), output_field=IntegerField(),
    )


def lookup_people(*, user, query: str) -> QuerySet[Person]:
    """People whose records the user may read, matching every word of the query with
    accents and case ignored. The best matches come first (the whole name, then every word
    whole, then words that begin so, then words found inside other words: "nguyen van an" puts
    Nguyễn Văn An before Nguyễn Văn Anh and Nguyễn Văn Bảo), each group in Vietnamese name
    order; each person carries ``match_rank`` and ``match_reason``. Staff find only themselves."""
    terms = search_terms(query)
    if not terms:
        return Person.objects.none()
    qs = Person.objects.filter(person_scope_q(user, PERM))
    for term in terms:
        qs = qs.filter(search_name__contains=term)
    padded, rank = match_rank_expr("search_name", terms)
    return qs.alias(_padded=padded).annotate(match_rank=rank).order_by("match_rank", "sort_name", "id")


def lookup_units(*, user, query: str) -> list[Unit]:
    """Units in the user's scope whose label (a team reads "Tổ Văn phòng – Trường THCS Kết Đoàn")
    or code holds every word of the query, best matches first as for people, then in tree order;
    each carries ``display_label``, ``match_rank`` and ``match_reason``. Folded in Python: unit
    names are few per scope and have no stored folded column."""
    terms = search_terms(query)
    if not terms:
        return []
    units = list(units_visible_to(user).select_related("unit_type").order_by("path"))
    label_units(units)
    found = []
    for u in units:
        rank, via_parent = calculations.match_rank(search_terms(u.name), terms), False
        if rank is None and all(t in fold(u.code) for t in terms):
            rank = calculations.MATCH_EXACT if fold(u.code) == " ".join(terms) else calculations.MATCH_PARTIAL
        if rank is None and u.display_label != u.name:
            rank, via_parent = calculations.match_rank(search_terms(u.display_label), terms), True
            if rank == calculations.MATCH_PARTIAL:  # "an" inside "Văn phòng" and "Khiêm": noise, not a find
                rank = None
        if rank is not None:
            u.match_rank, u.match_via_parent = rank, via_parent
            u.match_reason = calculations.MATCH_REASONS[rank] if not via_parent else _(
                "%(reason)s (tính cả tên đơn vị cấp trên)") % {"reason": calculations.MATCH_REASONS[rank]}
            found.append(u)
    # A team found only through its school's name comes after the school itself; tree order
    # within a group (the sort is stable).
    found.sort(key=lambda u: (u.match_via_parent, u.match_rank))
    return found[:LOOKUP_UNITS_LIMIT]


def with_match_reasons(people) -> None:
    """Attach the readable reason to each person of a page (the rank comes from the query)."""
    for p in people:
        rank: int | None = getattr(p, "match_rank", None)
        p.match_reason = calculations.MATCH_REASONS.get(rank, "") if rank is not None else ""


@dataclass
class HistoryYear:
    school_year: SchoolYear
    posts: list[Employment] = field(default_factory=list)
    rating: PersonRating | None = None
    awards: list[AwardRecord] = field(default_factory=list)
    registrations: list = field(default_factory=list)
    initiatives: list = field(default_factory=list)
    disciplines: list = field(default_factory=list)


@dataclass
class PersonHistory:
    person: Person
    employments: list[Employment]
    years: list[HistoryYear]  # newest first
    undated_awards: list[AwardRecord]
    totals: list[tuple[AwardType, int]]  # titles and awards received, revoked ones not counted
    revoked: int


def person_history(person: Person) -> PersonHistory:
    """A person's whole history across years and units: posts, yearly ratings, titles
    and awards (revoked ones kept, marked, not counted), initiatives, disciplines.
    Built on the records app's person_record (a fixed number of queries) plus posts."""
    from tdkt.records.selectors import person_record

    record = person_record(person)
    employments = list(person.employments.select_related("unit", "unit__unit_type").order_by("start_date", "id"))
    years: dict[int, HistoryYear] = {}
    for y in record.years:
        years[y.school_year.pk] = HistoryYear(
            school_year=y.school_year, rating=y.rating, awards=y.awards, registrations=y.registrations,
            initiatives=y.initiatives, disciplines=y.disciplines)
    if employments:
        first = min(e.start_date for e in employments)
        last = max((e.end_date or dt.date.max) for e in employments)
        for sy in SchoolYear.objects.filter(start_date__lte=last, end_date__gte=first):
            posts = [e for e in employments
                     if e.start_date <= sy.end_date and (e.end_date is None or e.end_date >= sy.start_date)]
            if posts:
                years.setdefault(sy.pk, HistoryYear(school_year=sy)).posts = posts
    # "Tổ 1" alone is ambiguous across schools: label groups with their school (two queries).
    shown = ([e.unit for e in employments] + [a.unit for a in record.awards if a.unit is not None]
             + [y.rating.unit for y in record.years if y.rating and y.rating.unit is not None])
    fresh = list(Unit.objects.filter(pk__in={u.pk for u in shown}).select_related("unit_type"))
    label_units(fresh)
    labels = {u.pk: u.display_label for u in fresh}
    for u in shown:
        u.display_label = labels.get(u.pk, u.name)
    counts: Counter = Counter()
    types: dict[int, AwardType] = {}
    revoked = 0
    for a in record.awards:
        if a.revoked_on:
            revoked += 1
            continue
        counts[a.award_type_id] += 1
        types[a.award_type_id] = a.award_type
    totals = sorted(((types[pk], n) for pk, n in counts.items()), key=lambda x: (x[0].order, x[0].name))
    return PersonHistory(person=person, employments=employments,
                         years=sorted(years.values(), key=lambda y: -y.school_year.start_year),
                         undated_awards=record.other_awards, totals=totals, revoked=revoked)


@dataclass
class UnitHistoryYear:
    school_year: SchoolYear
    rating: UnitRating | None = None
    awards: list[AwardRecord] = field(default_factory=list)
    staff: int = 0
    staff_titles: list[tuple[AwardType, int]] = field(default_factory=list)


@dataclass
class UnitHistory:
    unit: Unit
    predecessors: list[Unit]
    successors: list[Unit]  # the chain of successors, nearest first
    years: list[UnitHistoryYear]  # newest first
    undated_awards: list[AwardRecord]


def unit_history(unit: Unit) -> UnitHistory:
    """A unit's collective titles and awards per school year, and per year how many of its
    staff (its subtree) received each title or award, revoked ones not counted."""
    ratings = list(UnitRating.objects.filter(unit=unit).select_related("school_year"))
    awards = list(AwardRecord.objects.filter(unit=unit, person__isnull=True)
                  .select_related("award_type", "school_year").order_by("award_type__order", "decision_date", "id"))
    # A person's title counts for the unit when it names a unit of the subtree, or names
    # none and the person worked in the subtree during that school year.
    worked = Employment.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("school_year__start_date")),
        person_id=OuterRef("person_id"), unit__path__startswith=unit.path,
        start_date__lte=OuterRef("school_year__end_date"))
    staff_titles = list(
        AwardRecord.objects.annotate(worked=Exists(worked))
        .filter(person__isnull=False, school_year__isnull=False, revoked_on__isnull=True)
        .filter(Q(unit__path__startswith=unit.path) | Q(unit__isnull=True, worked=True))
        .values("school_year_id", "award_type_id").annotate(n=Count("id")).order_by())
    year_ids = ({r.school_year_id for r in ratings} | {a.school_year_id for a in awards if a.school_year_id}
                | {r["school_year_id"] for r in staff_titles})
    staff_count = (Employment.objects.filter(unit__path__startswith=unit.path,
                                             start_date__lte=OuterRef("end_date"))
                   .filter(Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("start_date")))
                   .order_by().annotate(one=Value(1, IntegerField())).values("one")
                   .annotate(c=Count("person_id", distinct=True)).values("c"))
    school_years = {sy.pk: sy for sy in SchoolYear.objects.filter(pk__in=year_ids).annotate(
        staff=Subquery(staff_count, output_field=IntegerField()))}
    years = {pk: UnitHistoryYear(school_year=sy, staff=sy.staff or 0) for pk, sy in school_years.items()}
    for r in ratings:
        years[r.school_year_id].rating = r
    undated: list[AwardRecord] = []
    for a in awards:
        (years[a.school_year_id].awards if a.school_year_id else undated).append(a)
    types = {t.pk: t for t in AwardType.objects.filter(pk__in={r["award_type_id"] for r in staff_titles})}
    for title in staff_titles:
        years[title["school_year_id"]].staff_titles.append((types[title["award_type_id"]], title["n"]))
    for y in years.values():
        y.staff_titles.sort(key=lambda x: (x[0].order, x[0].name))
    successors, seen, nxt = [], {unit.pk}, unit.successor
    while nxt is not None and nxt.pk not in seen:
        successors.append(nxt)
        seen.add(nxt.pk)
        nxt = nxt.successor
    return UnitHistory(unit=unit, predecessors=list(unit.predecessors.order_by("path")), successors=successors,
                       years=sorted(years.values(), key=lambda y: -y.school_year.start_year), undated_awards=undated)


def can_view_unit_history(user, unit: Unit) -> bool:
    return can(user, PERM, unit)



def campaign_targets(*, unit: Unit, school_year: SchoolYear) -> list:
    """Progress of the unit (its subtree) against the targets of every campaign of the year that
    reaches it: the campaigns of the unit and of the units above it."""
    from tdkt.campaigns.selectors import campaigns_reaching, target_progress

    campaigns = campaigns_reaching(unit).filter(school_year=school_year, targets__isnull=False).distinct()
    return [(c, target_progress(campaign=c, unit=unit)) for c in campaigns.order_by("unit__path", "id")]
