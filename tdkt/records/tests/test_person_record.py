import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tdkt.records import selectors, services

D = dt.date


def _history(rec, start_years):
    """A year of everything for each start year."""
    for y in start_years:
        year = rec.years[y]
        services.person_rating_set(actor=None, person=rec.an, school_year=year, rating="htxs")
        services.award_record_add(actor=None, award_type=rec.awards["lao-dong-tien-tien"], person=rec.an,
                                  school_year=year, decision_number=f"{y}/QĐ-GDĐT", decision_date=D(y + 1, 6, 15))
        services.initiative_create(actor=None, title=f"Sáng kiến {y}", school_year=year,
                                   authors=[(rec.an, 70), (rec.w.binh, 30)])
        services.registration_add(actor=None, award_type=rec.awards["chien-si-thi-dua-co-so"], person=rec.an,
                                  school_year=year, registered_on=D(y, 9, 20))
        services.absence_add(actor=None, person=rec.an, kind="om_dau", start_date=D(y, 10, 1), end_date=D(y, 10, 20))
        services.discipline_add(actor=None, person=rec.an, form="khien_trach", decision_number=f"{y}/QĐ-KL",
                                decision_date=D(y, 11, 1), effective_to=D(y + 1, 10, 31))


def _queries(person) -> int:
    with CaptureQueriesContext(connection) as ctx:
        selectors.person_record(person)
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_history(rec, django_assert_max_num_queries):
    _history(rec, [2024])
    few = _queries(rec.an)
    _history(rec, [2021, 2022, 2023])
    assert _queries(rec.an) == few
    with django_assert_max_num_queries(9):  # one query per kind of record, the pending discipline cases included
        selectors.person_record(rec.an)


def test_record_grouped_by_school_year(rec):
    _history(rec, [2023, 2024])
    services.award_record_add(actor=None, award_type=rec.awards["bang-khen-tinh-bo"], person=rec.an,
                              decision_number="99/QĐ-UBND", decision_date=D(2025, 1, 5))
    record = selectors.person_record(rec.an)
    # the 2024 discipline runs to 31/10/2025, so it reaches into 2025-2026 too
    assert [y.school_year.start_year for y in record.years] == [2025, 2024, 2023]
    assert record.years[0].rating is None and [d.decision_number for d in record.years[0].disciplines] == ["2024/QĐ-KL"]
    y2024 = record.years[1]
    assert y2024.rating.rating == "htxs"
    assert [a.decision_number for a in y2024.awards] == ["2024/QĐ-GDĐT"]
    line = y2024.initiatives[0]
    assert line.share_label == "70%" and line.coauthor_labels == ["Trần Thị Bình (30%)"]
    assert [r.award_type.code for r in y2024.registrations] == ["chien-si-thi-dua-co-so"]
    # a discipline effective Nov 2023 – Oct 2024 shows in both years it touches
    assert [d.decision_number for d in y2024.disciplines] == ["2024/QĐ-KL", "2023/QĐ-KL"]
    assert [a.start_date for a in y2024.absences] == [D(2024, 10, 1)]
    assert [a.decision_number for a in record.other_awards] == ["99/QĐ-UBND"]


def test_empty_record(rec):
    record = selectors.person_record(rec.w.hoa)
    assert record.years == [] and record.other_awards == []


def test_unit_records_for_a_subtree(rec):
    _history(rec, [2024])
    services.person_rating_set(actor=None, person=rec.w.binh, school_year=rec.years[2024], rating="htt")
    services.person_rating_set(actor=None, person=rec.w.cuong, school_year=rec.years[2024], rating="ht")
    services.unit_rating_set(actor=None, unit=rec.w.school_a, school_year=rec.years[2024], rating="htxs")
    data = selectors.unit_records(rec.w.school_a, rec.years[2024])
    names = [row.person.full_name for row in data.people]
    assert set(names) == {"Nguyễn Văn An", "Trần Thị Bình"}  # Cường works in school B
    an = next(r for r in data.people if r.person == rec.an)
    assert an.rating.rating == "htxs" and len(an.awards) == 1 and len(an.initiatives) == 1
    assert an.units == [rec.w.group_a]
    assert [r.unit for r in data.unit_ratings] == [rec.w.school_a]
    assert data.rating_counts == {"htxs": 1, "htt": 1}
