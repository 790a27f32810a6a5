"""Counting periods (Bộ luật Dân sự 2015 Điều 147–148) and choosing the row in force: the boundary of 01/07/2026
(thụ lý 10 → 07 working days, NĐ 155/2026), complex cases, remote areas, second instance, Tết 2026."""

from __future__ import annotations

import datetime as dt

from tdkt.complaints import selectors
from tdkt.complaints.choices import CalendarKind, DayUnit
from tdkt.complaints.deadlines import Calendar, add_period, working_days_between
from tdkt.complaints.models import Letter

D = dt.date
TET_2026 = Calendar({D(2026, 2, d): CalendarKind.DAY_OFF for d in range(14, 23)}
                    | {D(2026, 1, 2): CalendarKind.DAY_OFF, D(2026, 1, 10): CalendarKind.WORKING})


def test_first_day_not_counted_and_last_day_rolls_to_a_working_day():
    # 30 days from Mon 01/06/2026 end on Wed 01/07/2026
    assert add_period(D(2026, 6, 1), 30, DayUnit.CALENDAR, TET_2026) == D(2026, 7, 1)
    # 30 days from Thu 15/01/2026 would end on Sat 14/02 (Tết): the period ends on Mon 23/02
    assert add_period(D(2026, 1, 15), 30, DayUnit.CALENDAR, TET_2026) == D(2026, 2, 23)


def test_working_days_skip_weekends_holidays_and_count_a_swapped_saturday():
    # 7 working days from Wed 11/02/2026: Thu 12, Fri 13, (Tết 14–22), Mon 23 … Wed 25, Thu 26, Fri 27
    assert add_period(D(2026, 2, 11), 7, DayUnit.WORKING, TET_2026) == D(2026, 2, 27)
    # From Wed 31/12/2025: Thu 01/01 and Fri 02/01 off, then Mon 05 … Fri 09 are five working days, and the
    # Saturday 10/01 worked in exchange is the sixth.
    cal = Calendar({**TET_2026.exceptions, D(2026, 1, 1): CalendarKind.DAY_OFF})
    assert add_period(D(2025, 12, 31), 5, DayUnit.WORKING, cal) == D(2026, 1, 9)
    assert add_period(D(2025, 12, 31), 6, DayUnit.WORKING, cal) == D(2026, 1, 10)  # the swapped Saturday
    assert working_days_between(D(2026, 2, 13), D(2026, 2, 23), TET_2026) == 1


def _letter(kn, **kw) -> Letter:
    base = dict(unit=kn.w.phong, number="KN-x", kind="khieu_nai", channel="truc_tiep", received_on=D(2026, 6, 30),
                subject="s", content="c", sender_name="Nguyễn Văn Khiếu", created_by=kn.officer)
    return Letter(**{**base, **kw})


def test_acceptance_switches_from_10_to_7_working_days_on_01_07_2026(kn):
    before = selectors.deadlines(_letter(kn, received_on=D(2026, 6, 30)))[0]
    after = selectors.deadlines(_letter(kn, received_on=D(2026, 7, 1)))[0]
    assert (before.rule.days, before.rule.unit, before.day) == (10, DayUnit.WORKING, D(2026, 7, 14))
    assert "Điều 27" in before.citation and "Luật Khiếu nại số 02/2011/QH13" in before.citation
    assert (after.rule.days, after.day) == (7, D(2026, 7, 10))
    assert "Nghị định 155/2026/NĐ-CP" in after.citation


def test_resolution_periods_by_instance_complexity_and_area(kn):
    accepted = D(2026, 9, 1)  # a Tuesday (02/09 is a holiday: counted, it is not the last day)
    days = {}
    for instance in (1, 2):
        for remote in (False, True):
            for complex_ in (False, True):
                letter = _letter(kn, received_on=D(2026, 8, 25), accepted_on=accepted, status="thu_ly",
                                 instance=instance, remote=remote, complex=complex_)
                due = selectors.deadlines(letter)[1]
                days[(instance, remote, complex_)] = due.rule.days
                assert due.day == add_period(accepted, due.rule.days, due.rule.unit, selectors.calendar(
                    accepted, accepted + dt.timedelta(days=100)))
    assert days == {(1, False, False): 30, (1, False, True): 45, (1, True, False): 45, (1, True, True): 60,
                    (2, False, False): 45, (2, False, True): 60, (2, True, False): 60, (2, True, True): 70}


def test_denunciation_thirty_days_plus_extensions(kn):
    letter = _letter(kn, kind="to_cao", received_on=D(2026, 8, 3), accepted_on=D(2026, 8, 10), status="thu_ly")
    acc, res = selectors.deadlines(letter)
    assert (acc.rule.days, acc.rule.unit, acc.day) == (7, DayUnit.WORKING, D(2026, 8, 12))
    assert res.day == D(2026, 9, 9) and "Điều 30" in res.citation and "Luật Tố cáo số 25/2018/QH14" in res.citation
    letter.extensions = 2
    assert selectors.deadlines(letter)[1].day == D(2026, 11, 9)  # +30 → 09/10, +30 → 08/11 (Sunday) → Mon 09/11


def test_the_statute_of_ninety_days(kn):
    letter = _letter(kn, decision_known_on=D(2026, 6, 20), received_on=D(2026, 9, 25))
    end, rule = selectors.statute_end(letter)
    assert end == D(2026, 9, 18) and "Điều 9" in rule.citation
