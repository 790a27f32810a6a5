"""Builders for eligibility tests: records are written straight through the records
models (the records services belong to another app), one call per fact."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tdkt.eligibility.models import AwardType
from tdkt.org.models import SchoolYear, Unit
from tdkt.org.services import school_year_get_or_create
from tdkt.people.models import Employment, Person
from tdkt.records.models import (
    Absence,
    AwardRecord,
    Discipline,
    Initiative,
    InitiativeAuthor,
    PersonRating,
    Registration,
    UnitRating,
)

LDTT = "lao-dong-tien-tien"
CSTDCS = "chien-si-thi-dua-co-so"
CSTD_TINH = "chien-si-thi-dua-tinh-bo"
CSTD_TQ = "chien-si-thi-dua-toan-quoc"
GIAY_KHEN = "giay-khen"
BK_TINH = "bang-khen-tinh-bo"
BK_TTG = "bang-khen-thu-tuong"
HCLD3 = "huan-chuong-lao-dong-hang-ba"
TT_LDTT = "tap-the-lao-dong-tien-tien"
TT_LDXS = "tap-the-lao-dong-xuat-sac"
CO_TINH = "co-thi-dua-tinh-bo"
CO_CP = "co-thi-dua-chinh-phu"
GIAY_KHEN_TT = "giay-khen-tap-the"
BK_TINH_TT = "bang-khen-tinh-bo-tap-the"
BK_TTG_TT = "bang-khen-thu-tuong-tap-the"

_counter = {"n": 0}


def sy(start_year: int) -> SchoolYear:
    return school_year_get_or_create(actor=None, start_year=start_year)


def person(unit: Unit, given: str = "Test", *, start=dt.date(2010, 9, 1), end=None, family="Nguyễn",
           middle="Văn") -> Person:
    p = Person(family_name=family, middle_name=middle, given_name=given)
    p.save()
    Employment.objects.create(person=p, unit=unit, start_date=start, end_date=end)
    return p


def rate(subject, year: int, rating: str) -> None:
    if isinstance(subject, Unit):
        UnitRating.objects.update_or_create(unit=subject, school_year=sy(year), defaults={"rating": rating})
    else:
        PersonRating.objects.update_or_create(person=subject, school_year=sy(year), defaults={"rating": rating})


def rates(subject, by_year: dict[int, str]) -> None:
    for year, rating in by_year.items():
        rate(subject, year, rating)


def register(subject, code: str, year: int) -> Registration:
    at = AwardType.objects.get(code=code)
    who = {"unit": subject, "person": None} if isinstance(subject, Unit) else {"person": subject}
    return Registration.objects.get_or_create(award_type=at, school_year=sy(year), **who,
                                              defaults={"registered_on": dt.date(year, 9, 20)})[0]


def award(subject, code: str, year: int | None, *, thematic=False, revoked=False, number=None,
          decision_date=None) -> AwardRecord:
    _counter["n"] += 1
    at = AwardType.objects.get(code=code)
    kwargs = {"unit": subject} if isinstance(subject, Unit) else {"person": subject}
    if revoked and year is None:
        raise ValueError("a revoked record needs its year: it is revoked on 1 December after it")
    return AwardRecord.objects.create(
        award_type=at, school_year=sy(year) if year is not None else None,
        decision_number=number or f"{_counter['n']}/QĐ-UBND", decision_date=decision_date or (
            dt.date(year + 1, 6, 15) if year is not None else None),
        thematic=thematic, revoked_on=dt.date(year + 1, 12, 1) if revoked and year is not None else None, **kwargs)


def initiative(authors, year: int, *, scope="co_so", kind="sang_kien", recognized=True, share=100,
               title=None) -> Initiative:
    _counter["n"] += 1
    authors = authors if isinstance(authors, list | tuple) else [authors]
    init = Initiative.objects.create(kind=kind, title=title or f"Sáng kiến số {_counter['n']}", school_year=sy(year),
                                     recognized=recognized, scope=scope, decision_number=f"{_counter['n']}/QĐ-TH",
                                     decision_date=dt.date(year + 1, 5, 20))
    for a in authors:
        InitiativeAuthor.objects.create(initiative=init, person=a, share=Decimal(share))
    return init


def discipline(p: Person, form: str, start: dt.date, end: dt.date | None = None) -> Discipline:
    _counter["n"] += 1
    return Discipline.objects.create(person=p, form=form, decision_number=f"{_counter['n']}/QĐ-KL",
                                     decision_date=start, effective_from=start, effective_to=end)


def absence(p: Person, kind: str, start: dt.date, end: dt.date, good: bool | None = None) -> Absence:
    return Absence.objects.create(person=p, kind=kind, start_date=start, end_date=end, training_result_good=good)


def ldtt_ready(p: Person, year: int, rating: str = "htt") -> None:
    """Registered for LĐTT and rated: everything LĐTT needs besides time and discipline."""
    register(p, LDTT, year)
    rate(p, year, rating)


def line(result, code: str) -> dict:
    """The verdict line of the criterion ``code``."""
    return next(item for item in result.lines if item["code"] == code)
