"""Demo history (tdkt.site.demo_records): built twice in one module-scoped transaction
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
from tdkt.org.models import Unit
from tdkt.people.models import Employment, Person
from tdkt.records import selectors
from tdkt.records.models import Absence, AwardRecord, Initiative, PersonRating, Registration, UnitRating
from tdkt.records.tests.helpers import counts, make_award_types
from tdkt.site.demo import build_demo
from tdkt.site.demo_records import build_demo_records

TODAY = dt.date(2026, 10, 15)  # school year 2026-2027; past years 2022-2023 … 2025-2026
PAST = list(range(2022, 2026))


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
        assert len(year.initiatives) == 1 and year.initiatives[0].initiative.recognized
        assert {r.award_type.code for r in year.registrations} >= {"lao-dong-tien-tien", "chien-si-thi-dua-co-so"}
    assert {a.award_type.code for a in by_year[2024].awards} == {"lao-dong-tien-tien", "chien-si-thi-dua-co-so"}
    assert {a.issuer for a in by_year[2024].awards} == {"Phòng Giáo dục và Đào tạo Quận 1", "Ủy ban nhân dân Quận 1"}
    # His 2025-2026 titles come from the ward chairman's decision (tdkt.site.demo_year), not from here.
    assert not by_year[2025].awards
    for y in (2022, 2023):
        assert by_year[y].rating.rating == "htt"
        assert {a.award_type.code for a in by_year[y].awards} == {"lao-dong-tien-tien"}
    assert by_year[2025].initiatives[0].initiative.scope == "tinh_bo"
    # He registers himself this year, from his own login.
    assert 2026 not in by_year or not by_year[2026].registrations
    assert not record.disciplines and not record.absences


@pytest.mark.django_db
def test_ratings_plausible_and_complete(demo):
    shares = Counter(PersonRating.objects.values_list("rating", flat=True))
    total = sum(shares.values())
    assert 0.22 <= shares["htxs"] / total <= 0.38
    assert shares["htt"] > shares["htxs"] > shares["ht"] > shares["kht"] > 0
    assert shares["kht"] / total < 0.02
    # everyone who worked a full past year in the district has its rating
    ward = Unit.objects.get(code="UBND-P-SAIGON")
    for y in (2022, 2025):
        start, end = dt.date(y, 9, 1), dt.date(y + 1, 8, 31)
        worked = set(Employment.objects.filter(unit__path__startswith=ward.path, start_date__lte=start)
                     .exclude(end_date__lt=end).values_list("person_id", flat=True))
        rated = set(PersonRating.objects.filter(school_year__start_year=y).values_list("person_id", flat=True))
        assert worked <= rated
    assert UnitRating.objects.count() == 9 * 4  # eight schools of the ward and the Sở's THPT


@pytest.mark.django_db
def test_awards_follow_the_rules(demo):
    ldtt = AwardRecord.objects.filter(award_type__code="lao-dong-tien-tien")
    # Each decision as issued: the Phòng GD&ĐT Quận 1 before 01/07/2025, the ward's chairman after, the Sở for THPT.
    numbers = {(y, n) for y, n in ldtt.values_list("school_year__start_year", "decision_number")}
    assert all(re.fullmatch(r"\d+/QĐ-(GDĐT|SGDĐT)", n) for y, n in numbers if y < 2025)
    assert all(re.fullmatch(r"\d+/QĐ-(UBND|SGDĐT)", n) for y, n in numbers if y >= 2025)
    assert set(ldtt.filter(school_year__start_year=2025).values_list("issuer", flat=True)) == {
        "Ủy ban nhân dân phường Sài Gòn", "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh"}
    assert not ldtt.filter(person__ratings__school_year=F("school_year"),
                           person__ratings__rating__in=["ht", "kht"]).exists()
    # CSTĐCS: at most 15% of a school's LĐTT (Đinh Tiên Hoàng may add An), and only with an initiative
    schools = list(Unit.objects.filter(unit_type__category="school").values_list("path", flat=True))

    def school_path(award):
        return next((p for p in schools if award.unit.path.startswith(p)), award.unit.path)

    for y in PAST:
        per_school = Counter(school_path(a) for a in ldtt.filter(school_year__start_year=y).select_related("unit"))
        cst = AwardRecord.objects.filter(award_type__code="chien-si-thi-dua-co-so", school_year__start_year=y)
        got = Counter(school_path(a) for a in cst.select_related("unit"))
        assert len(per_school) >= 7 and sum(got.values()) > 3
        for school, n in got.items():
            assert n <= max(1, math.floor(per_school[school] * 0.15)), (y, school)
        for a in cst.select_related("person"):
            assert Initiative.objects.filter(school_year=a.school_year, author_links__person=a.person).exists()
    assert AwardRecord.objects.filter(award_type__code="bang-khen-tinh-bo").count() <= 4 * 3
    assert AwardRecord.objects.filter(award_type__code="tap-the-lao-dong-tien-tien", person__isnull=True).count() == 36


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
    assert Registration.objects.filter(unit__isnull=False, person__isnull=True).count() == 9 * 5
    regs = Registration.objects.filter(school_year__start_year=2026)
    assert regs.filter(award_type__code="lao-dong-tien-tien").count() > 400
    assert all(r <= TODAY for r in regs.values_list("registered_on", flat=True))

