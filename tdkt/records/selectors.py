"""Reads of the yearly records, always scoped by tdkt.accounts.access."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet

from tdkt.accounts.access import can_person, person_scope_q, unit_scope_q
from tdkt.accounts.permissions import Perm
from tdkt.org.models import SchoolYear, Unit
from tdkt.people.models import Employment, Person
from tdkt.people.selectors import employed_q

from .models import (
    Absence,
    AwardRecord,
    Discipline,
    DisciplineCase,
    Initiative,
    InitiativeAuthor,
    PersonRating,
    Registration,
    UnitRating,
)

# --------------------------------------------------------------------------- scope


def can_view_record(user, person: Person) -> bool:
    """Officers and reviewers over the person's units, and the person herself."""
    return can_person(user, Perm.VIEW_RECORDS, person)


def can_change_record(user, person: Person) -> bool:
    return can_person(user, Perm.CHANGE_RECORDS, person)


def people_changeable_by(user) -> QuerySet[Person]:
    """People whose records the user may write (employed, at any time, in a unit
    where the user holds CHANGE_RECORDS)."""
    return Person.objects.filter(person_scope_q(user, Perm.CHANGE_RECORDS))


def units_changeable_by(user) -> QuerySet[Unit]:
    return Unit.objects.filter(unit_scope_q(user, Perm.CHANGE_RECORDS))


def units_visible_to(user) -> QuerySet[Unit]:
    return Unit.objects.filter(unit_scope_q(user, Perm.VIEW_RECORDS))


# --------------------------------------------------------------------------- one person


def percent(value: Decimal) -> str:
    """"62,5%": Vietnamese decimal comma, no trailing zeros."""
    return format(Decimal(value).normalize(), "f").replace(".", ",") + "%"


@dataclass
class InitiativeLine:
    initiative: Initiative
    share: Decimal
    coauthors: list[InitiativeAuthor]

    @property
    def share_label(self) -> str:
        return percent(self.share)

    @property
    def coauthor_labels(self) -> list[str]:
        return [f"{a.person.full_name} ({percent(a.share)})" for a in self.coauthors]


@dataclass
class YearRecord:
    school_year: SchoolYear
    rating: PersonRating | None = None
    disciplines: list[Discipline] = field(default_factory=list)
    absences: list[Absence] = field(default_factory=list)
    initiatives: list[InitiativeLine] = field(default_factory=list)
    awards: list[AwardRecord] = field(default_factory=list)
    registrations: list[Registration] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.rating or self.disciplines or self.absences or self.initiatives or self.awards
                    or self.registrations)


@dataclass
class PersonRecord:
    person: Person
    years: list[YearRecord]  # newest first
    # Awards without a school year (ad hoc, by date) and dated records outside every known year.
    other_awards: list[AwardRecord]
    other_disciplines: list[Discipline]
    other_absences: list[Absence]
    ratings: list[PersonRating]
    disciplines: list[Discipline]
    absences: list[Absence]
    initiatives: list[InitiativeLine]
    awards: list[AwardRecord]
    registrations: list[Registration]
    # Cases of "đang xem xét xử lý kỷ luật", newest first (open ones are shown above the years).
    discipline_cases: list[DisciplineCase] = field(default_factory=list)

    @property
    def open_discipline_cases(self) -> list[DisciplineCase]:
        return [c for c in self.discipline_cases if c.is_open]


def _overlaps(start: dt.date, end: dt.date | None, year: SchoolYear) -> bool:
    return start <= year.end_date and (end is None or end >= year.start_date)


def person_record(person: Person) -> PersonRecord:
    """Everything on one person across the years, grouped by school year.

    A fixed number of queries whatever the history's length: one per kind of
    record (co-authors prefetched in one more) and one for the school years.
    Disciplines and absences are listed under every year their period touches."""
    ratings = list(PersonRating.objects.filter(person=person).select_related("school_year", "unit"))
    disciplines = list(Discipline.objects.filter(person=person).order_by("-decision_date", "-id"))
    cases = list(DisciplineCase.objects.filter(person=person).select_related("discipline")
                 .order_by("-opened_on", "-id"))
    absences = list(Absence.objects.filter(person=person).order_by("-start_date", "-id"))
    links = list(
        InitiativeAuthor.objects.filter(person=person)
        .select_related("initiative", "initiative__school_year", "initiative__unit")
        .prefetch_related(Prefetch("initiative__author_links",
                                   queryset=InitiativeAuthor.objects.select_related("person").order_by("-share", "id")))
        .order_by("-initiative__school_year__start_year", "initiative__title")
    )
    awards = list(
        AwardRecord.objects.filter(person=person).select_related("award_type", "school_year", "unit")
        .order_by("award_type__order", "decision_date", "id")
    )
    registrations = list(
        Registration.objects.filter(person=person).select_related("award_type", "school_year")
        .order_by("award_type__order", "award_type__name")
    )
    initiatives = [
        InitiativeLine(initiative=link.initiative, share=link.share,
                       coauthors=[a for a in link.initiative.author_links.all() if a.person_id != person.pk])
        for link in links
    ]

    # Years: those any row names, plus the known years a dated period touches.
    named: dict[int, SchoolYear] = {}
    for rating in ratings:
        named[rating.school_year_id] = rating.school_year
    for line in initiatives:
        named[line.initiative.school_year_id] = line.initiative.school_year
    for award in awards:
        if award.school_year is not None:  # selected with the row: no query
            named[award.school_year.pk] = award.school_year
    for reg in registrations:
        named[reg.school_year_id] = reg.school_year
    periods = [(d.effective_from, d.effective_to) for d in disciplines] + [(a.start_date, a.end_date) for a in absences]
    if periods:
        first = min(p[0] for p in periods)
        last = max((p[1] or dt.date.max) for p in periods)
        for year in SchoolYear.objects.filter(start_date__lte=last, end_date__gte=first):
            if any(_overlaps(s, e, year) for s, e in periods):
                named.setdefault(year.pk, year)
    years = {pk: YearRecord(school_year=y) for pk, y in named.items()}

    for rating in ratings:
        years[rating.school_year_id].rating = rating
    for line in initiatives:
        years[line.initiative.school_year_id].initiatives.append(line)
    other_awards: list[AwardRecord] = []
    for award in awards:
        (years[award.school_year_id].awards if award.school_year_id else other_awards).append(award)
    for reg in registrations:
        years[reg.school_year_id].registrations.append(reg)
    other_disciplines: list[Discipline] = []
    other_absences: list[Absence] = []
    for d in disciplines:
        hit = [y for y in years.values() if _overlaps(d.effective_from, d.effective_to, y.school_year)]
        for y in hit:
            y.disciplines.append(d)
        if not hit:
            other_disciplines.append(d)
    for a in absences:
        hit = [y for y in years.values() if _overlaps(a.start_date, a.end_date, y.school_year)]
        for y in hit:
            y.absences.append(a)
        if not hit:
            other_absences.append(a)

    ordered = sorted(years.values(), key=lambda y: -y.school_year.start_year)
    return PersonRecord(person=person, years=ordered, other_awards=other_awards, other_disciplines=other_disciplines,
                        other_absences=other_absences, ratings=ratings, disciplines=disciplines, absences=absences,
                        initiatives=initiatives, awards=awards, registrations=registrations,
                        discipline_cases=cases)


# --------------------------------------------------------------------------- a unit's year


@dataclass
class PersonYearRow:
    person: Person
    units: list[Unit]
    rating: PersonRating | None = None
    awards: list[AwardRecord] = field(default_factory=list)
    registrations: list[Registration] = field(default_factory=list)
    initiatives: list[InitiativeAuthor] = field(default_factory=list)
    disciplines: list[Discipline] = field(default_factory=list)
    absences: list[Absence] = field(default_factory=list)


@dataclass
class UnitYearRecords:
    unit: Unit
    school_year: SchoolYear
    unit_ratings: list[UnitRating]
    unit_awards: list[AwardRecord]
    unit_registrations: list[Registration]
    people: list[PersonYearRow]
    # Collectives of the subtree under consideration for discipline during the year (NĐ 152/2025 Điều 4 khoản 4).
    unit_discipline_cases: list[DisciplineCase] = field(default_factory=list)

    @property
    def open_unit_discipline_cases(self) -> list[DisciplineCase]:
        return [c for c in self.unit_discipline_cases if c.is_open]

    @property
    def rating_counts(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for row in self.people:
            counts[row.rating.rating if row.rating else ""] += 1
        return dict(counts)


def _employed_q(unit: Unit, school_year: SchoolYear) -> Q:
    """Worked in the unit's subtree at some time during the year (people.selectors owns the rule)."""
    return employed_q(unit, school_year.start_date, until=school_year.end_date)


def unit_people(unit: Unit, school_year: SchoolYear) -> QuerySet[Person]:
    """People who worked in the unit's subtree during the year, in list order
    (the page a view paginates before asking for their records)."""
    employed = Employment.objects.filter(_employed_q(unit, school_year)).values("person_id")
    return Person.objects.filter(pk__in=employed).order_by("sort_name", "id")


def unit_records(unit: Unit, school_year: SchoolYear, *, people=None) -> UnitYearRecords:
    """The records of a unit's subtree for one school year: the collectives'
    ratings, awards and registrations, and one row per person who worked there
    during the year (or only ``people``, one page of :func:`unit_people`).
    A fixed number of queries whatever the size."""
    window = (school_year.start_date, school_year.end_date)
    posts = Employment.objects.filter(_employed_q(unit, school_year))
    if people is not None:
        ids = [p.pk for p in people]
        posts = posts.filter(person_id__in=ids)
        in_year = Q(person_id__in=ids)
    else:
        # a subquery keeps the parameter count bounded on SQLite for big subtrees
        in_year = Q(person_id__in=Employment.objects.filter(_employed_q(unit, school_year)).values("person_id"))
    # By person id; the person_id of awards and registrations is nullable (a unit's own), but
    # in_year selects only people's rows.
    rows: dict[int | None, PersonYearRow] = {}
    for e in posts.select_related("person", "unit").order_by("person__sort_name", "person_id", "unit__path"):
        row = rows.setdefault(e.person_id, PersonYearRow(person=e.person, units=[]))
        if e.unit not in row.units:
            row.units.append(e.unit)
    for r in PersonRating.objects.filter(in_year, school_year=school_year):
        rows[r.person_id].rating = r
    for a in (AwardRecord.objects.filter(in_year, school_year=school_year).select_related("award_type")
              .order_by("award_type__order", "decision_date", "id")):
        rows[a.person_id].awards.append(a)
    for g in (Registration.objects.filter(in_year, school_year=school_year).select_related("award_type")
              .order_by("award_type__order", "id")):
        rows[g.person_id].registrations.append(g)
    for link in InitiativeAuthor.objects.filter(in_year, initiative__school_year=school_year).select_related("initiative"):
        rows[link.person_id].initiatives.append(link)
    for d in Discipline.objects.filter(in_year, effective_from__lte=window[1]).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=window[0])):
        rows[d.person_id].disciplines.append(d)
    for absence in Absence.objects.filter(in_year, start_date__lte=window[1], end_date__gte=window[0]):
        rows[absence.person_id].absences.append(absence)
    subtree = Q(unit__path__startswith=unit.path)
    return UnitYearRecords(
        unit=unit, school_year=school_year,
        unit_ratings=list(UnitRating.objects.filter(subtree, school_year=school_year).select_related("unit")
                          .order_by("unit__path")),
        unit_awards=list(AwardRecord.objects.filter(subtree, person__isnull=True, school_year=school_year)
                         .select_related("award_type", "unit").order_by("unit__path")),
        unit_registrations=list(Registration.objects.filter(subtree, person__isnull=True, school_year=school_year)
                                .select_related("award_type", "unit").order_by("unit__path")),
        people=list(rows.values()),
        unit_discipline_cases=list(
            DisciplineCase.objects.filter(subtree, opened_on__lte=school_year.end_date)
            .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=school_year.start_date))
            .select_related("unit").order_by("unit__path", "opened_on")),
    )


def people_with_records_visible_to(*, user) -> QuerySet[Person]:
    """People the user may read records of (their own, for staff)."""
    return Person.objects.filter(person_scope_q(user, Perm.VIEW_RECORDS))



def latest_rated_year(*, person: Person | None = None, unit: Unit | None = None) -> SchoolYear | None:
    """The most recent school year with a year-end rating (xếp loại) for the person or the
    unit: the year a question without a year most likely means, since the year in
    progress has no ratings until May."""
    rows: QuerySet[PersonRating] | QuerySet[UnitRating]
    if person is not None:
        rows = PersonRating.objects.filter(person=person)
    elif unit is not None:
        rows = UnitRating.objects.filter(unit=unit)
    else:
        return None
    row = rows.select_related("school_year").order_by("-school_year__start_year").first()
    return row.school_year if row else None
