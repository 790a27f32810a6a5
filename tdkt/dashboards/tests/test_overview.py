"""Dashboard figures on the known dataset of conftest.stats: exact counts and rates."""

from decimal import Decimal

import pytest

from tdkt.dashboards import selectors

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def _overview(user, unit, year):
    return selectors.overview(user=user, unit=unit, school_year=year, today=TODAY)


def test_office_figures_per_school_and_total(stats):
    w = stats.w
    data = _overview(w.users.office_officer, w.phong, w.year)
    rows = {r.unit.code: r for r in data.rows}
    assert list(rows) == ["TH-A", "TH-B", "MN-C"]
    a, b, c, total = rows["TH-A"], rows["TH-B"], rows["MN-C"], data.total
    # Staff of the year: An (in a group of A) and Bình at A; Cường and Dung at B; Hoa at C.
    # Vũ Văn Cũ left school B before the year and is not counted, nor is his registration.
    assert (a.staff, b.staff, c.staff, total.staff) == (2, 2, 1, 5)
    assert (a.reg_ldtt, b.reg_ldtt, c.reg_ldtt, total.reg_ldtt) == (2, 1, 0, 3)
    assert total.rate_reg_ldtt == Decimal("60.0")
    assert (a.rate_reg_ldtt, b.rate_reg_ldtt, c.rate_reg_ldtt) == (Decimal(100), Decimal(50), Decimal(0))
    assert (total.reg_cstdcs, total.rate_reg_cstdcs) == (1, Decimal("20.0"))
    assert (a.reg_collective, total.reg_collective) == (2, 2)
    # Proposal lines of A: 3 sent (the withdrawn line is not counted), 1 decided; B's draft not counted.
    assert (a.proposed, a.proposed_decided, b.proposed, total.proposed) == (3, 1, 0, 3)
    assert total.rate_decided == Decimal("33.3")
    assert (total.decided_total, total.money) == (1, Decimal(710000))
    # LĐTT received: An and Bình; Cường's was revoked and does not count.
    assert (a.attained_ldtt, b.attained_ldtt, total.attained_ldtt) == (2, 0, 2)
    assert total.rate_attained_ldtt == Decimal("40.0")
    # HTXS + HTT: An, Bình, Dung.
    assert (total.rated_good, total.rate_rated_good) == (3, Decimal("60.0"))
    assert c.rate_decided is None


def test_titles_table(stats):
    w = stats.w
    data = _overview(w.users.office_officer, w.phong, w.year)
    titles = {t.award_type.code: t for t in data.titles}
    gk = titles["giay-khen"]
    assert (gk.proposed, gk.pending, gk.accepted, gk.proposed_decided, gk.decided, gk.money) == (
        2, 1, 1, 1, 1, Decimal(710000))
    assert titles["giay-khen-tap-the"].rejected == 1
    ldtt = titles["lao-dong-tien-tien"]
    assert (ldtt.registered, ldtt.attained, ldtt.proposed) == (3, 2, 0)
    assert titles["tap-the-lao-dong-tien-tien"].registered == 1
    assert titles["tap-the-lao-dong-tien-tien"].attained == 1


def test_late_units_listed(stats):
    w = stats.w
    data = _overview(w.users.office_officer, w.phong, w.year)
    lines = {(x.unit.code, x.kind, x.what.split(" – ")[0]) for x in data.late}
    assert lines == {
        ("TH-A", "muon", "Hồ sơ đăng ký thi đua"), ("TH-A", "muon", "Đề nghị khen thưởng"),
        ("TH-B", "chua_nop", "Hồ sơ đăng ký thi đua"), ("TH-B", "chua_nop", "Đề nghị khen thưởng"),
        ("MN-C", "chua_nop", "Hồ sơ đăng ký thi đua"), ("MN-C", "chua_nop", "Đề nghị khen thưởng"),
    }
    rows = {r.unit.code: r for r in data.rows}
    assert all(r.is_late for r in rows.values())


def test_nothing_late_before_the_deadlines(stats):
    import datetime as dt

    w = stats.w
    data = selectors.overview(user=w.users.office_officer, unit=w.phong, school_year=w.year,
                              today=dt.date(2025, 10, 1))
    # Only the lateness already recorded on what was sent remains.
    assert {(x.unit.code, x.kind) for x in data.late} == {("TH-A", "muon")}


def test_school_dashboard_splits_by_group_and_direct_staff(stats):
    w = stats.w
    data = _overview(w.users.officer_a, w.school_a, w.year)
    labels = [r.label for r in data.rows]
    assert labels == [f"Trực tiếp tại {w.school_a.name}", "Tổ 1"]
    direct, group = data.rows
    assert (direct.staff, group.staff, data.total.staff) == (1, 1, 2)
    assert (group.reg_cstdcs, group.reg_collective, direct.reg_collective) == (1, 1, 1)
    # The school's own campaign submission and proposal were late: listed against the school itself.
    assert {x.kind for x in data.late} == {"muon"}


def test_officer_of_school_a_does_not_reach_school_b(stats):
    w = stats.w
    assert selectors.unit_get_visible(w.users.officer_a, w.school_b.pk) is None
    data = _overview(w.users.officer_a, w.school_a, w.year)
    assert data.total.staff == 2
    assert all(x.unit.code.startswith("TH-A") for x in data.late)


def test_specialist_sees_only_their_school_level(stats):
    w = stats.w
    data = _overview(w.users.specialist_mn, w.phong, w.year)
    assert [r.unit.code for r in data.rows] == ["MN-C"]
    assert (data.total.staff, data.total.reg_ldtt, data.total.proposed, data.total.money) == (1, 0, 0, 0)
    assert {x.unit.code for x in data.late} == {"MN-C"}


def test_default_unit_is_the_users_top_unit(stats):
    w = stats.w
    assert selectors.default_unit(w.users.office_officer) == w.phong
    assert selectors.default_unit(w.users.officer_a) == w.school_a
    assert selectors.default_unit(w.users.staff_a) is None
