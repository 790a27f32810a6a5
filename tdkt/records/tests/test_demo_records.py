"""Demo history (tdkt.records.demo): built twice in one module-scoped transaction
that is rolled back at the end, like tdkt/core/tests/test_demo.py."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections import Counter
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.db.models import F
from django.test import override_settings

from tdkt.audit.models import AuditEvent
from tdkt.core.demo import build_demo
from tdkt.org.models import Unit
from tdkt.people.models import Employment, Person
from tdkt.records import selectors
from tdkt.records.demo import build_demo_records
from tdkt.records.models import Absence, AwardRecord, Initiative, PersonRating, Registration, UnitRating

from .helpers import counts, make_award_types

TODAY = dt.date(2026, 10, 15)  # school year 2026-2027; past years 2021-2022 … 2025-2026
PAST = list(range(2021, 2026))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    fast_hasher = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast_hasher, transaction.atomic():
        build_demo(today=TODAY)
        make_award_types()
        out = io.StringIO()
        first = build_demo_records(today=TODAY, out=out)
        counts_first = counts()
        second = build_demo_records(today=TODAY, out=out)
        yield SimpleNamespace(first=first, second=second, counts_first=counts_first, counts_second=counts(),
                              an=Person.objects.get(user__username="giaovien.dth"))
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_built_once(demo):
    assert all(demo.first.values()), demo.first
    assert not any(demo.second.values()), demo.second
    assert demo.counts_second == demo.counts_first
    assert AuditEvent.objects.filter(event_type="demo.records_loaded").count() == 1


@pytest.mark.django_db
def test_an_needs_one_more_cstdcs_year(demo):
    record = selectors.person_record(demo.an)
    by_year = {y.school_year.start_year: y for y in record.years}
    for y in (2024, 2025):
        year = by_year[y]
        assert year.rating.rating == "htxs"
        assert {a.award_type.code for a in year.awards} == {"lao-dong-tien-tien", "chien-si-thi-dua-co-so"}
        assert len(year.initiatives) == 1 and year.initiatives[0].initiative.recognized
    for y in (2021, 2022, 2023):
        assert by_year[y].rating.rating == "htt"
        assert {a.award_type.code for a in by_year[y].awards} == {"lao-dong-tien-tien"}
    assert by_year[2025].initiatives[0].initiative.scope == "tinh_bo"
    assert {r.award_type.code for r in by_year[2026].registrations} >= {"lao-dong-tien-tien",
                                                                         "chien-si-thi-dua-co-so"}
    assert not record.disciplines and not record.absences


@pytest.mark.django_db
def test_ratings_plausible_and_complete(demo):
    shares = Counter(PersonRating.objects.values_list("rating", flat=True))
    total = sum(shares.values())
    assert 0.22 <= shares["htxs"] / total <= 0.38
    assert shares["htt"] > shares["htxs"] > shares["ht"] > shares["kht"] > 0
    assert shares["kht"] / total < 0.02
    # everyone who worked a full past year in the district has its rating
    phong = Unit.objects.get(code="PGDDT-Q1")
    for y in (2021, 2025):
        start, end = dt.date(y, 9, 1), dt.date(y + 1, 8, 31)
        worked = set(Employment.objects.filter(unit__path__startswith=phong.path, start_date__lte=start)
                     .exclude(end_date__lt=end).values_list("person_id", flat=True))
        rated = set(PersonRating.objects.filter(school_year__start_year=y).values_list("person_id", flat=True))
        assert worked <= rated
    assert UnitRating.objects.count() == 30 * 5


@pytest.mark.django_db
def test_awards_follow_the_rules(demo):
    ldtt = AwardRecord.objects.filter(award_type__code="lao-dong-tien-tien")
    assert all(re.fullmatch(r"\d+/QĐ-GDĐT", n) for n in ldtt.values_list("decision_number", flat=True).distinct())
    assert not ldtt.filter(person__ratings__school_year=F("school_year"),
                           person__ratings__rating__in=["ht", "kht"]).exists()
    # CSTĐCS: at most 15% of a school's LĐTT (Đinh Tiên Hoàng may add An), and only with an initiative
    cut = (Unit.objects.get(code="PGDDT-Q1").depth + 1) * Unit.steplen  # a school's path length
    for y in PAST:
        per_school = Counter(p[:cut] for p in ldtt.filter(school_year__start_year=y)
                             .values_list("unit__path", flat=True))
        cst = AwardRecord.objects.filter(award_type__code="chien-si-thi-dua-co-so", school_year__start_year=y)
        got = Counter(p[:cut] for p in cst.values_list("unit__path", flat=True))
        assert len(per_school) >= 25 and sum(got.values()) > 10
        for school, n in got.items():
            assert n <= max(1, math.floor(per_school[school] * 0.15)), (y, school)
        for a in cst.select_related("person"):
            assert Initiative.objects.filter(school_year=a.school_year, author_links__person=a.person).exists()
    assert 0 < AwardRecord.objects.filter(award_type__code="bang-khen-tinh-bo").count() <= 4 * 4
    assert AwardRecord.objects.filter(award_type__code="tap-the-lao-dong-tien-tien", person__isnull=True).count() == 150


@pytest.mark.django_db
def test_other_history(demo):
    assert Absence.objects.filter(kind="thai_san", person__gender="nu").count() > 20
    assert not Absence.objects.exclude(person__gender="nu").exists()
    assert Initiative.objects.filter(scope="tinh_bo").exists() and Initiative.objects.filter(scope="co_so").exists()
    assert Initiative.objects.filter(author_links__share=60).exists()  # some are shared 60/40
    # no registration, no title: every person's title of a past year was registered for
    titles = AwardRecord.objects.filter(person__isnull=False, award_type__kind="danh_hieu")
    registered = set(Registration.objects.filter(person__isnull=False)
                     .values_list("person_id", "award_type_id", "school_year_id"))
    assert set(titles.values_list("person_id", "award_type_id", "school_year_id")) <= registered
    assert Registration.objects.filter(unit__isnull=False, person__isnull=True).count() == 30 * 6
    regs = Registration.objects.filter(school_year__start_year=2026)
    assert regs.filter(award_type__code="lao-dong-tien-tien").count() > 1300
    assert all(r <= TODAY for r in regs.values_list("registered_on", flat=True))

