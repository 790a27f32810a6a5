"""Reads of people and employment, always scoped."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from tdkt.accounts.access import person_scope_q
from tdkt.accounts.permissions import Perm
from tdkt.core.vi import search_terms

from .calculations import months_worked
from .models import Employment, Person


def employed_q(unit, on_date: dt.date, *, until: dt.date | None = None, prefix: str = "") -> Q:
    """«Works at this unit» with the dates respected: Employment rows in ``unit``'s subtree
    that cover ``on_date`` — or, with ``until``, overlap the period ``on_date``..``until``.
    Someone who left before the day (or the period) does not count; someone not yet
    started does not either. ``prefix`` filters from a related model ("employments__").

    ``Employment.objects.filter(employed_q(school, day)).values("person_id")``"""
    end = until or on_date
    return (Q(**{f"{prefix}unit__path__startswith": unit.path, f"{prefix}start_date__lte": end})
            & (Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on_date})))


def person_list_visible_to(*, user, unit=None, query: str = "", current_only: bool = False,
                           on_day: dt.date | None = None) -> QuerySet[Person]:
    """People the user may see, optionally those working under ``unit`` (subtree).

    Search folds accents on both sides ("nguyen van an" finds "Nguyễn Văn An")
    using the stored folded name, so it is one indexed-column filter."""
    qs = Person.objects.filter(person_scope_q(user, Perm.VIEW_PERSON))
    if unit is not None:
        day = on_day or timezone.localdate()
        emp = Employment.objects.filter(person=OuterRef("pk"), unit__path__startswith=unit.path)
        if current_only:
            emp = emp.filter(Q(end_date__isnull=True) | Q(end_date__gte=day), start_date__lte=day)
        qs = qs.filter(Exists(emp))
    for term in search_terms(query):
        qs = qs.filter(search_name__contains=term)
    return qs.order_by("sort_name", "id")


def with_current_posts(qs: QuerySet[Person], day: dt.date | None = None) -> QuerySet[Person]:
    """Prefetch each person's current employments (one extra query per page)."""
    day = day or timezone.localdate()
    current = Employment.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day), start_date__lte=day
    ).select_related("unit", "unit__unit_type")
    return qs.prefetch_related(Prefetch("employments", queryset=current, to_attr="current_posts"))


def label_current_posts(people) -> None:
    """Give every current post's unit a readable label (see org.selectors.label_units)."""
    from tdkt.org.selectors import label_units

    label_units([e.unit for p in people for e in getattr(p, "current_posts", [])])


def person_get_visible(*, user, pk: int) -> Person | None:
    return Person.objects.filter(person_scope_q(user, Perm.VIEW_PERSON), pk=pk).first()


def employment_history(*, person: Person) -> QuerySet[Employment]:
    return person.employments.select_related("unit", "unit__unit_type").order_by("-start_date", "-id")


@dataclass(frozen=True)
class YearPresence:
    person: Person
    units: tuple
    months: Decimal


def staff_in_school_year(*, unit, school_year) -> list[YearPresence]:
    """Who worked under ``unit`` during ``school_year``, and for how many months.

    One query for all employments in the subtree overlapping the year; months
    are computed per person with overlapping posts counted once."""
    window = (school_year.start_date, school_year.end_date)
    rows = (
        Employment.objects.filter(unit__path__startswith=unit.path, start_date__lte=window[1])
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=window[0]))
        .select_related("person", "unit")
    )
    periods: dict[int, list] = defaultdict(list)
    units: dict[int, dict] = defaultdict(dict)
    people: dict[int, Person] = {}
    for e in rows:
        people[e.person_id] = e.person
        periods[e.person_id].append((e.start_date, e.end_date))
        units[e.person_id][e.unit_id] = e.unit
    result = [
        YearPresence(person=people[pid], units=tuple(units[pid].values()), months=months_worked(periods[pid], window))
        for pid in people
    ]
    return sorted(result, key=lambda r: (r.person.sort_name, r.person.pk))
