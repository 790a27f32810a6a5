"""Everything the engine reads, loaded set-wise into plain objects.

One call loads a whole scope (a subtree, or the units of one quota group) for
one school year in a fixed number of queries — the count does not grow with
the number of people — so the checks never touch the database. The rows
loaded are driven by :class:`Needs`, computed from the criteria in force: how
many years of ratings, which award records.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from operator import attrgetter

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Q

from tdkt.core.vi import full_name, school_year_label
from tdkt.org.choices import UnitCategory
from tdkt.org.models import SchoolYear, Unit
from tdkt.people.calculations import merge_periods
from tdkt.people.models import Employment, Person
from tdkt.records.choices import DISCIPLINE_SEVERITY, SCOPE_RANK
from tdkt.records.models import (
    Absence,
    AwardRecord,
    Discipline,
    DisciplineCase,
    InitiativeAuthor,
    PersonRating,
    Registration,
    UnitRating,
)

STEP = Unit.steplen
# The shared default of the per-person fact lists: a list replaces it on the first row (see _build).
_EMPTY: tuple[()] = ()


@dataclass(frozen=True, slots=True)
class YearInfo:
    id: int
    start_year: int
    start_date: dt.date
    end_date: dt.date

    @property
    def label(self) -> str:
        return school_year_label(self.start_year)


@dataclass(slots=True)
class AwardFact:
    code: str
    year: int | None
    decision_number: str
    decision_date: dt.date | None
    thematic: bool
    record_id: int

    def as_evidence(self) -> dict:
        return {"award": self.code, "year": school_year_label(self.year) if self.year else None,
                "decision_number": self.decision_number,
                "decision_date": self.decision_date.isoformat() if self.decision_date else None,
                "record_id": self.record_id, "thematic": self.thematic}


@dataclass(slots=True)
class InitiativeFact:
    id: int
    title: str
    year: int
    scope_rank: int
    kind: str
    share: Decimal
    decision_number: str

    def as_evidence(self) -> dict:
        return {"initiative_id": self.id, "title": self.title, "year": school_year_label(self.year),
                "decision_number": self.decision_number, "share": str(self.share)}


@dataclass(slots=True)
class DisciplineFact:
    form: str
    severity: int
    decision_number: str
    decision_date: dt.date
    start: dt.date
    end: dt.date | None


@dataclass(slots=True)
class DisciplineCaseFact:
    id: int
    opened_on: dt.date
    closed_on: dt.date | None
    reference: str


@dataclass(frozen=True, slots=True)
class LocalQuotaFact:
    """A local cap in force on the year's last day (eligibility.LocalQuotaRule)."""

    id: int
    issuer_path: str
    issuer: str
    award: str
    of_award: str
    max_share: Decimal
    rounding: str
    citation: str
    note: str
    effective_from: dt.date


@dataclass(slots=True)
class AbsenceFact:
    kind: str
    start: dt.date
    end: dt.date
    good: bool | None


@dataclass(slots=True)
class PersonFacts:
    id: int
    parts: tuple[str, str, str]  # (họ, tên đệm, tên): the display name is built only when shown
    sort_name: str
    # (unit_id, start, end) overlapping the year
    employments: list[tuple[int, dt.date, dt.date | None]] = field(default_factory=list)
    periods: tuple[tuple[dt.date, dt.date], ...] = _EMPTY  # merged employment intervals clipped to the year
    ratings: dict[int, str] = field(default_factory=dict)  # start_year -> rating code
    disciplines: list[DisciplineFact] | tuple[()] = _EMPTY
    discipline_cases: list[DisciplineCaseFact] | tuple[()] = _EMPTY  # pending on the year's last day, or not closed
    absences: list[AbsenceFact] | tuple[()] = _EMPTY
    initiatives: list[InitiativeFact] | tuple[()] = _EMPTY
    awards: dict[str, list[AwardFact]] | None = None  # code -> [AwardFact]
    registrations: frozenset[str] = frozenset()
    main_unit_id: int | None = None
    group_id: int | None = None
    init_max_rank: int = 0  # widest scope and latest year among initiatives: a quick "none here"
    init_last_year: int = 0
    _name: str | None = None

    kind = "person"

    @property
    def name(self) -> str:
        if self._name is None:
            self._name = full_name(*self.parts)
        return self._name


@dataclass(slots=True)
class UnitFacts:
    id: int
    name: str
    path: str
    category: str
    founded_on: dt.date | None
    ratings: dict[int, str] = field(default_factory=dict)
    awards: dict[str, list[AwardFact]] | None = None
    registrations: set[str] | frozenset[str] = frozenset()

    kind = "unit"
    # A collective's pending discipline cases (NĐ 152/2025 Điều 4 khoản 4: «cá nhân, tập thể»), as for people.
    discipline_cases: list[DisciplineCaseFact] | tuple[()] = _EMPTY
    # Person-only facts, empty for collectives, so any check can read them.
    initiatives: tuple[()] = ()
    disciplines: tuple[()] = ()
    absences: tuple[()] = ()
    init_max_rank = 0
    init_last_year = 0

    @property
    def sort_name(self) -> str:
        return self.path


@dataclass(frozen=True)
class Needs:
    """What the criteria in force read: years of history and which award records."""

    rating_years: int = 1
    initiative_years: int = 1
    award_codes_all: frozenset = frozenset()  # every year
    award_codes_current: frozenset = frozenset()  # only the year being judged


@dataclass
class Scope:
    """Which units' staff to load. ``unit_q`` is a Q over Unit; ``report_root`` limits
    which subjects are returned (the rest is loaded only to judge quotas and members)."""

    unit_q: Q
    ancestor_paths: frozenset = frozenset()
    extra_person_ids: frozenset = frozenset()
    report_root: str | None = None  # path prefix of reported units/people; None = all loaded
    load_root: str | None = None  # path prefix loaded, when the scope is a subtree
    report_person_ids: frozenset | None = None
    report_unit_ids: frozenset | None = None


@dataclass
class Facts:
    year: YearInfo
    years: dict[int, YearInfo]
    persons: list[PersonFacts]
    units: list[UnitFacts]  # units in scope (candidates for collective titles)
    unit_by_id: dict[int, UnitFacts]
    report_person_ids: set[int]
    report_unit_ids: set[int]
    members: dict[int, list[PersonFacts]] = field(default_factory=dict)
    group_members: dict[int, list[PersonFacts]] = field(default_factory=dict)
    local_quotas: list[LocalQuotaFact] = field(default_factory=list)

    @property
    def person_by_id(self) -> dict[int, PersonFacts]:
        return {p.id: p for p in self.persons}


# --------------------------------------------------------------------------- years


def year_info(sy: SchoolYear) -> YearInfo:
    return YearInfo(sy.pk, sy.start_year, sy.start_date, sy.end_date)


def all_years() -> dict[int, YearInfo]:
    return {y.start_year: y for y in (YearInfo(*row) for row in
                                      SchoolYear.objects.values_list("id", "start_year", "start_date", "end_date"))}


def year_of_date(years: dict[int, YearInfo], day: dt.date | None) -> int | None:
    """Start year of the school year containing ``day`` (recorded dates first, then Sep–Aug)."""
    if day is None:
        return None
    for y in years.values():
        if y.start_date <= day <= y.end_date:
            return y.start_year
    return day.year if day.month >= 9 else day.year - 1


# --------------------------------------------------------------------------- tree helpers


def owner_of(unit: UnitFacts, units_by_path: dict[str, UnitFacts]) -> UnitFacts | None:
    """The collective a unit's staff belong to: the nearest ancestor-or-self that is not a
    subunit (a tổ belongs to its school; a school, an office, a Sở to themselves)."""
    path = unit.path
    while path:
        u = units_by_path.get(path)
        if u is not None and u.category != UnitCategory.SUBUNIT:
            return u
        path = path[:-STEP]
    return None


def group_of(unit: UnitFacts, units_by_path: dict[str, UnitFacts]) -> UnitFacts | None:
    """The unit whose CSTĐCS quota a post counts toward: the nearest ancestor-or-self
    school; outside schools, the office the post belongs to."""
    path = unit.path
    while path:
        u = units_by_path.get(path)
        if u is not None and u.category == UnitCategory.SCHOOL:
            return u
        path = path[:-STEP]
    return owner_of(unit, units_by_path)


def _ancestor_paths(path: str) -> set[str]:
    return {path[:i] for i in range(STEP, len(path), STEP)}


def _unit_rows(q: Q) -> list[tuple]:
    return list(Unit.objects.filter(q).values_list("id", "path", "name", "unit_type__category", "founded_on"))


def scope_for_subtree(root: Unit) -> Scope:
    """A subtree; when ``root`` lies inside a school, the whole school is loaded so the
    school's quota is judged on all its staff, but only ``root``'s part is reported."""
    ancestors = _unit_rows(Q(path__in=_ancestor_paths(root.path)))
    school = None
    for _id, path, _name, category, _f in sorted(ancestors, key=lambda r: -len(r[1])):
        if category == UnitCategory.SCHOOL:
            school = path
            break
    load_root = school or root.path
    return Scope(unit_q=Q(path__startswith=load_root), ancestor_paths=frozenset(_ancestor_paths(load_root)),
                 report_root=root.path, load_root=load_root)


def scope_for_many(*, year: YearInfo, people=(), units=()) -> Scope:
    """One scope for any set of people and units, in three queries whatever their number.

    A person is loaded with their whole quota group (their school, or the office they
    work for) and a unit with its members' units, so each verdict is exactly the one a
    bulk run over the whole subtree gives (the CSTĐCS quota counts the whole school)."""
    person_ids = sorted({p.pk for p in people})
    unit_list = list(units)
    main_paths: list[str] = []
    if person_ids:
        posts: dict[int, list] = defaultdict(list)
        for pid, uid, start, end, path in Employment.objects.filter(
                _overlap_q(year, "start_date", "end_date"), person_id__in=person_ids).values_list(
                "person_id", "unit_id", "start_date", "end_date", "unit__path"):
            posts[pid].append((uid, start, end, path))
        for plist in posts.values():
            main = _main_post([p[:3] for p in plist], year)
            main_paths.append(next(p[3] for p in plist if p[0] == main))
    seeds = set(main_paths) | {u.path for u in unit_list}
    rows = _unit_rows(Q(path__in=set().union(*(_ancestor_paths(p) | {p} for p in seeds)))) if seeds else []
    by_path = {r[1]: UnitFacts(r[0], r[2], r[1], r[3], r[4]) for r in rows}

    roots: set[str] = set()  # subtrees loaded whole: schools, and tổ outside any school
    offices: set[str] = set()  # collectives loaded with their own units only (not nested schools)

    def school_of(path: str) -> str | None:
        while path:
            u = by_path.get(path)
            if u is not None and u.category == UnitCategory.SCHOOL:
                return path
            path = path[:-STEP]
        return None

    for path in main_paths:
        school = school_of(path)
        if school:
            roots.add(school)
        else:
            owner = owner_of(by_path[path], by_path)
            if owner is not None:
                offices.add(owner.path)
    for u in unit_list:
        unit = by_path[u.path]
        school = school_of(u.path)
        if school:
            roots.add(school)
        elif unit.category == UnitCategory.SUBUNIT:
            roots.add(u.path)
        else:
            offices.add(u.path)

    unit_q = Q(pk__in=[])
    for root in roots:
        unit_q |= Q(path__startswith=root)
    if offices:
        office_q = Q()
        for path in offices:
            office_q |= Q(path__startswith=path)
        under = {r[1]: UnitFacts(r[0], r[2], r[1], r[3], r[4]) for r in _unit_rows(office_q)}
        under.update(by_path)
        owned = [u.id for u in under.values() if (o := owner_of(u, under)) is not None and o.path in offices]
        unit_q |= Q(pk__in=owned)
    ancestors = set().union(*(_ancestor_paths(p) for p in roots | offices)) if roots or offices else set()
    return Scope(unit_q=unit_q, ancestor_paths=frozenset(ancestors), extra_person_ids=frozenset(person_ids),
                 report_person_ids=frozenset(person_ids), report_unit_ids=frozenset(u.pk for u in unit_list))


def _main_post(posts: list[tuple[int, dt.date, dt.date | None]], year: YearInfo) -> int:
    """The post that decides a person's quota group: the one held on the year's last day,
    else the one that ended last; ties go to the later start."""
    def key(p):
        end = p[2] or dt.date.max
        return (end >= year.end_date, min(end, year.end_date), p[1], p[0])
    return max(posts, key=key)[0]


def _overlap_q(year: YearInfo, start: str, end: str, prefix: str = "") -> Q:
    return Q(**{f"{prefix}{start}__lte": year.end_date}) & (
        Q(**{f"{prefix}{end}__isnull": True}) | Q(**{f"{prefix}{end}__gte": year.start_date}))


# --------------------------------------------------------------------------- loading


def fact_querysets(*, year: YearInfo, scope: Scope, needs: Needs, rules_on: dt.date | None = None) -> dict:
    """The queries :func:`load_facts` runs, by name (the benchmark times the same SQL raw).

    Each is a ``values_list`` queryset; people are selected by one sub-query (staff
    employed in the scope during the year), so the SQL does not grow with their number.
    """
    y = year.start_year
    scope_unit_qs = Unit.objects.filter(scope.unit_q).values("pk")
    staff = Employment.objects.filter(_overlap_q(year, "start_date", "end_date"), unit__in=scope_unit_qs).values(
        "person_id")
    extra = sorted(scope.extra_person_ids)
    pq = Q(person_id__in=staff) | Q(person_id__in=extra) if extra else Q(person_id__in=staff)
    first = y - max(needs.rating_years, 1) + 1
    first_init = y - max(needs.initiative_years, 1) + 1
    award_q = _award_q(needs, year)
    uq = Q(unit_id__in=scope_unit_qs)
    unit_cols = ("id", "path", "name", "unit_type__category", "founded_on")
    award_cols = ("award_type__code", "school_year__start_year", "decision_date", "decision_number", "thematic", "id")
    qs = {
        "years": SchoolYear.objects.values_list("id", "start_year", "start_date", "end_date"),
        "scope_units": Unit.objects.filter(scope.unit_q).values_list(*unit_cols),
        "ancestor_units": Unit.objects.filter(path__in=sorted(scope.ancestor_paths)).values_list(*unit_cols),
        "persons": Person.objects.filter(Q(pk__in=staff) | Q(pk__in=extra) if extra else Q(pk__in=staff))
        .values_list("id", "family_name", "middle_name", "given_name", "sort_name"),
        "employments": Employment.objects.filter(pq, _overlap_q(year, "start_date", "end_date"))
        .values_list("person_id", "unit_id", "start_date", "end_date"),
        "ratings": PersonRating.objects.filter(pq, school_year__start_year__gte=first,
                                               school_year__start_year__lte=y)
        .values_list("person_id", "school_year__start_year", "rating"),
        "disciplines": Discipline.objects.filter(
            pq, Q(effective_from__lte=year.end_date) & (
                Q(effective_to__isnull=True, effective_from__gte=year.start_date) |
                Q(effective_to__gte=year.start_date)))
        .values_list("person_id", "form", "decision_number", "decision_date", "effective_from", "effective_to"),
        # People's and collectives' cases in one query (a collective's case has no person).
        "discipline_cases": DisciplineCase.objects.filter(
            pq | uq, Q(closed_on__isnull=True) | Q(opened_on__lte=year.end_date, closed_on__gt=year.end_date))
        .values_list("person_id", "unit_id", "id", "opened_on", "closed_on", "reference"),
        "absences": Absence.objects.filter(pq, start_date__lte=year.end_date, end_date__gte=year.start_date)
        .values_list("person_id", "kind", "start_date", "end_date", "training_result_good"),
        "initiatives": InitiativeAuthor.objects.filter(
            pq, initiative__recognized=True, initiative__school_year__start_year__gte=first_init,
            initiative__school_year__start_year__lte=y)
        .values_list("person_id", "initiative_id", "initiative__title", "initiative__school_year__start_year",
                     "initiative__scope", "initiative__kind", "share", "initiative__decision_number"),
        "registrations": Registration.objects.filter(pq, school_year_id=year.id)
        .values_list("person_id", "award_type__code"),
        "unit_ratings": UnitRating.objects.filter(uq, school_year__start_year__gte=first,
                                                  school_year__start_year__lte=y)
        .values_list("unit_id", "school_year__start_year", "rating"),
        "unit_registrations": Registration.objects.filter(uq, person__isnull=True, school_year_id=year.id)
        .values_list("unit_id", "award_type__code"),
    }
    # Local caps (a handful of rows per province): every issuer's row in force on the day the criteria are
    # read (the year's last day, or the impact report's day); the check picks, for each school, the nearest
    # issuer above it.
    from .models import LocalQuotaRule

    qs["local_quotas"] = LocalQuotaRule.objects.in_force(rules_on or year.end_date).values_list(
        "id", "issuer__path", "issuer__name", "award_type__code", "of_award_type__code", "max_share", "rounding",
        "citation", "note", "effective_from")
    if award_q is not None:
        qs["awards"] = AwardRecord.objects.filter(pq, award_q, revoked_on__isnull=True).values_list(
            "person_id", *award_cols)
        qs["unit_awards"] = AwardRecord.objects.filter(uq, award_q, person__isnull=True,
                                                       revoked_on__isnull=True).values_list("unit_id", *award_cols)
    if not scope.ancestor_paths:
        del qs["ancestor_units"]
    return qs


def load_facts(*, school_year: SchoolYear | YearInfo, scope: Scope, needs: Needs,
               rules_on: dt.date | None = None) -> Facts:
    """Load one scope for one school year: a constant number of queries. ``rules_on`` is the day whose
    local caps apply (default: the year's last day, like the criteria)."""
    years = all_years()
    year = school_year if isinstance(school_year, YearInfo) else years.get(school_year.start_year) or year_info(
        school_year)
    queries = fact_querysets(year=year, scope=scope, needs=needs, rules_on=rules_on)
    queries.pop("years")  # already read above (all_years)
    return _build(_Reader(queries), year, years, scope)


def _build(reader: _Reader, year: YearInfo, years: dict[int, YearInfo], scope: Scope) -> Facts:
    # Categorical values ("htxs", award codes...) arrive as a new string per row; one
    # shared copy each keeps a province-sized load small.
    interned: dict[str, str] = {}
    intern = interned.setdefault

    scope_rows = reader("scope_units")
    unit_rows = scope_rows + (reader("ancestor_units") if "ancestor_units" in reader else [])

    persons: dict[int, PersonFacts] = {}
    for pid, fam, mid, given, sort in reader("persons"):
        persons[pid] = PersonFacts(pid, (fam, mid, given), sort)

    posts = reader("employments")
    units_by_id: dict[int, UnitFacts] = {r[0]: UnitFacts(r[0], r[2], r[1], r[3], r[4]) for r in unit_rows}
    missing_units = {p[1] for p in posts} - units_by_id.keys()
    if missing_units:
        # Concurrent posts outside the scope: load those units and their ancestors to place people.
        rows = _unit_rows(Q(pk__in=missing_units))
        paths = set().union(*(_ancestor_paths(r[1]) for r in rows)) if rows else set()
        rows += _unit_rows(Q(path__in=paths))
        units_by_id.update({r[0]: UnitFacts(r[0], r[2], r[1], r[3], r[4]) for r in rows})
    units_by_path = {u.path: u for u in units_by_id.values()}

    window = (year.start_date, year.end_date)
    for pid, uid, start, end in posts:
        persons[pid].employments.append((uid, start, end))
    groups: dict[int, int | None] = {}  # unit id -> quota group id, computed once per unit
    for p in persons.values():
        emps = p.employments
        if not emps:
            continue
        if len(emps) == 1:
            main, s, e = emps[0]
            p.periods = ((max(s, window[0]), min(e or window[1], window[1])),)
        else:
            p.periods = tuple(merge_periods((max(s, window[0]), min(e or window[1], window[1])) for _u, s, e in emps))
            main = _main_post(emps, year)
        p.main_unit_id = main
        if main in groups:
            p.group_id = groups[main]
        else:
            unit = units_by_id.get(main)
            group = group_of(unit, units_by_path) if unit is not None else None
            p.group_id = groups[main] = group.id if group is not None else None

    for pid, sy, rating in reader("ratings"):
        persons[pid].ratings[sy] = intern(rating, rating)

    for pid, form, number, date, start, end in reader("disciplines"):
        p = persons[pid]
        if not p.disciplines:
            p.disciplines = []
        p.disciplines.append(DisciplineFact(intern(form, form), DISCIPLINE_SEVERITY.get(form, 0), number, date, start,
                                            end))

    for pid, uid, cid, opened, closed, ref in reader("discipline_cases"):
        subject: PersonFacts | UnitFacts = persons[pid] if pid is not None else units_by_id[uid]
        if not subject.discipline_cases:
            subject.discipline_cases = []
        subject.discipline_cases.append(DisciplineCaseFact(cid, opened, closed, ref))

    for pid, kind, start, end, good in reader("absences"):
        p = persons[pid]
        if not p.absences:
            p.absences = []
        p.absences.append(AbsenceFact(intern(kind, kind), start, end, good))

    for pid, iid, title, sy, scope_code, kind, share, number in reader("initiatives"):
        p = persons[pid]
        if not p.initiatives:
            p.initiatives = []
        if share.__class__ is not Decimal:  # SQLite returns the column as int or float
            share = Decimal(str(share))
        p.initiatives.append(InitiativeFact(iid, title, sy, SCOPE_RANK.get(scope_code, 0), intern(kind, kind), share,
                                            number))

    awards = reader("awards") if "awards" in reader else ()
    for pid, code, sy, date, number, thematic, rid in awards:
        _add_award(persons[pid], AwardFact(intern(code, code), sy or year_of_date(years, date), number, date,
                                           thematic, rid))

    registrations: dict[int, set[str]] = defaultdict(set)
    for pid, code in reader("registrations"):
        registrations[pid].add(intern(code, code))

    # Most people share the same set of registrations: keep one copy of each set.
    pool: dict[frozenset[str], frozenset[str]] = {}
    for pid, codes in registrations.items():
        frozen = frozenset(codes)
        persons[pid].registrations = pool.setdefault(frozen, frozen)
    for p in persons.values():
        if p.initiatives:
            if len(p.initiatives) > 1:
                p.initiatives.sort(key=lambda i: (i.year, i.id))
            p.init_max_rank = max(i.scope_rank for i in p.initiatives)
            p.init_last_year = p.initiatives[-1].year

    for uid, sy, rating in reader("unit_ratings"):
        units_by_id[uid].ratings[sy] = rating
    unit_awards = reader("unit_awards") if "unit_awards" in reader else ()
    for uid, code, sy, date, number, thematic, rid in unit_awards:
        _add_award(units_by_id[uid], AwardFact(code, sy or year_of_date(years, date), number, date, thematic, rid))
    unit_registrations: dict[int, set[str]] = defaultdict(set)
    for uid, code in reader("unit_registrations"):
        unit_registrations[uid].add(code)
    for uid, codes in unit_registrations.items():
        units_by_id[uid].registrations = codes

    person_list = sorted(persons.values(), key=attrgetter("sort_name", "id"))
    scope_units = sorted((units_by_id[r[0]] for r in scope_rows), key=lambda u: u.path)
    facts = Facts(year=year, years=years, persons=person_list, units=scope_units, unit_by_id=units_by_id,
                  report_person_ids=set(), report_unit_ids=set())
    facts.local_quotas = [
        LocalQuotaFact(rid, path, name, code, of_code, share if share.__class__ is Decimal else Decimal(str(share)),
                       rounding, citation, note, start)
        for rid, path, name, code, of_code, share, rounding, citation, note, start in reader("local_quotas")]
    _index_members(facts, units_by_path)
    _report_sets(facts, scope, units_by_path)
    return facts


def _stream(qs):
    """Rows of one query in one ``fetchall`` — the same SQL the ORM would run, without
    its 100-row ``fetchmany`` loop (a third of the load time at 100,000 people).

    Values come back as the driver gives them: dates and booleans are typed on both
    databases (Django registers SQLite converters); decimals are normalised by the caller."""
    try:
        sql, params = qs.query.sql_with_params()
    except EmptyResultSet:  # e.g. a person with no post that year: nothing to read
        return []
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class _Reader:
    """Hands out each query's rows by name when the loader asks, so only one query's raw
    rows are alive at a time."""

    def __init__(self, queries: dict):
        self.queries = queries

    def __contains__(self, name: str) -> bool:
        return name in self.queries

    def __call__(self, name: str) -> list:
        return _stream(self.queries.pop(name))


def _award_q(needs: Needs, year: YearInfo) -> Q | None:
    q = None
    if needs.award_codes_all:
        q = Q(award_type__code__in=sorted(needs.award_codes_all))
    current = needs.award_codes_current - needs.award_codes_all
    if current:
        this_year = Q(school_year_id=year.id) | Q(school_year__isnull=True, decision_date__gte=year.start_date,
                                                    decision_date__lte=year.end_date)
        cq = Q(award_type__code__in=sorted(current)) & this_year
        q = cq if q is None else q | cq
    return q


def _add_award(subject, fact: AwardFact) -> None:
    if subject.awards is None:
        subject.awards = defaultdict(list)
    subject.awards[fact.code].append(fact)


def _index_members(facts: Facts, units_by_path: dict[str, UnitFacts]) -> None:
    """Members of each collective: a school's or office's own staff (nested schools and
    offices are collectives of their own), a tổ's staff; and each quota group's people."""
    chains: dict[int, tuple] = {}  # unit id -> the collectives a post there makes one a member of

    def chain(uid: int) -> tuple:
        unit = facts.unit_by_id.get(uid)
        out = []
        path = unit.path if unit is not None else ""
        while path:
            u = units_by_path.get(path)
            if u is not None:
                out.append(u.id)
                if u.category != UnitCategory.SUBUNIT:
                    break  # the owning collective reached: higher units are other collectives
            path = path[:-STEP]
        return tuple(out)

    members: dict[int, list[PersonFacts]] = defaultdict(list)
    groups: dict[int, list[PersonFacts]] = defaultdict(list)
    for p in facts.persons:
        emps = p.employments
        if len(emps) == 1:
            uid = emps[0][0]
            ids = chains.get(uid)
            if ids is None:
                ids = chains[uid] = chain(uid)
        else:
            seen: dict[int, None] = {}
            for uid, _s, _e in emps:
                ids = chains.get(uid)
                if ids is None:
                    ids = chains[uid] = chain(uid)
                seen.update(dict.fromkeys(ids))
            ids = tuple(seen)
        for mid in ids:
            members[mid].append(p)
        if p.group_id is not None:
            groups[p.group_id].append(p)
    facts.members = members
    facts.group_members = groups


def _report_sets(facts: Facts, scope: Scope, units_by_path: dict[str, UnitFacts]) -> None:
    if scope.report_person_ids is not None:
        facts.report_person_ids = set(scope.report_person_ids)
    elif scope.report_root is None or scope.report_root == scope.load_root:
        facts.report_person_ids = {p.id for p in facts.persons}
    else:
        root = scope.report_root
        facts.report_person_ids = {
            p.id for p in facts.persons
            if any((u := facts.unit_by_id.get(uid)) is not None and u.path.startswith(root) for uid, _s, _e in
                   p.employments)
        }
    if scope.report_unit_ids is not None:
        facts.report_unit_ids = set(scope.report_unit_ids)
    elif scope.report_root is None or scope.report_root == scope.load_root:
        facts.report_unit_ids = {u.id for u in facts.units}
    else:
        facts.report_unit_ids = {u.id for u in facts.units if u.path.startswith(scope.report_root)}
