"""Records of Nguyễn Văn An and of Trường Tiểu học Đinh Tiên Hoàng for the checker's tests."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest


@pytest.fixture
def rc(world):
    from tdkt.eligibility.catalogue import load_catalogue
    from tdkt.eligibility.models import AwardType
    from tdkt.org.services import school_year_get_or_create
    from tdkt.records.models import AwardRecord, Initiative, InitiativeAuthor, PersonRating
    from tdkt.reportcheck.reference import load_report_forms

    load_catalogue()
    load_report_forms()
    years = {y: school_year_get_or_create(actor=None, start_year=y) for y in (2021, 2022, 2023, 2024)}
    years[2025] = world.year
    at = {a.code: a for a in AwardType.objects.all()}
    an = world.an
    school = "Trường Tiểu học Đinh Tiên Hoàng"

    def award(code, year, number, date, issuer, person=an, unit=None, **kw):
        return AwardRecord.objects.create(award_type=at[code], person=person, unit=unit, school_year=years[year],
                                          decision_number=number, decision_date=date, issuer=issuer, **kw)

    award("chien-si-thi-dua-co-so", 2022, "245/QĐ-UBND", dt.date(2023, 8, 15), "Ủy ban nhân dân Quận Thử")
    award("lao-dong-tien-tien", 2022, "130/QĐ-THĐTH", dt.date(2023, 5, 25), school)
    award("lao-dong-tien-tien", 2023, "120/QĐ-THĐTH", dt.date(2024, 5, 20), school)
    award("giay-khen", 2021, "312/QĐ-UBND", dt.date(2022, 8, 20), "Ủy ban nhân dân Quận Thử")
    award("lao-dong-tien-tien", 2021, "99/QĐ-THĐTH", dt.date(2022, 5, 25), school,
          revoked_on=dt.date(2023, 1, 10), revocation_decision="05/QĐ-THĐTH", revocation_reason="Kê khai sai")
    award("lao-dong-tien-tien", 2024, "140/QĐ-THĐTH", dt.date(2025, 5, 22), school)
    award("tap-the-lao-dong-tien-tien", 2023, "300/QĐ-UBND", dt.date(2024, 8, 25), "Ủy ban nhân dân Quận Thử",
          person=None, unit=world.school_a)
    for year, rating in ((2022, "htxs"), (2023, "htt")):
        PersonRating.objects.create(person=an, school_year=years[year], rating=rating)

    def initiative(title, year, *, recognized=True, scope="co_so", kind="sang_kien", number="12/QĐ-THĐTH"):
        i = Initiative.objects.create(title=title, school_year=years[year], unit=world.school_a, kind=kind,
                                      recognized=recognized, scope=scope, decision_number=number if recognized else "",
                                      decision_date=dt.date(year + 1, 6, 5) if recognized else None)
        InitiativeAuthor.objects.create(initiative=i, person=an, share=100)
        return i

    initiative("Ứng dụng học liệu số trong dạy học Tiếng Việt", 2023)
    initiative("Thư viện xanh trong lớp học", 2023, recognized=False)
    initiative("Dạy học STEM qua dự án", 2023, kind="de_tai")
    return SimpleNamespace(w=world, years=years, at=at)
