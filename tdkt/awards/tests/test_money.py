import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.awards import calculations as calc


def test_rulebook_example():
    assert calc.bonus_amount(D("0.8"), D("1390000")) == D("1120000")


def test_exact_multiple_stays():
    assert calc.bonus_amount(D("1.0"), D("2340000")) == D("2340000")
    assert calc.bonus_amount(D("0.3"), D("2340000")) == D("710000")  # 702,000 → 710,000


def test_floats_refused():
    with pytest.raises(TypeError):
        calc.bonus_amount(0.8, D("1390000"))


@given(coef=st.decimals(min_value=0, max_value=20, places=2),
       salary=st.integers(min_value=0, max_value=10_000_000).map(D))
def test_round_up_properties(coef, salary):
    exact = coef * salary
    amount = calc.bonus_amount(coef, salary)
    assert amount >= exact
    assert amount % D("10000") == 0
    assert amount - exact < D("10000")


def test_same_achievement_highest_title_and_form_both():
    lines = [
        calc.BonusLine("ldtt", ("p1", "nh"), "danh_hieu", D("0.3")),
        calc.BonusLine("cstd", ("p1", "nh"), "danh_hieu", D("1.0")),
        calc.BonusLine("gk", ("p1", "nh"), "hinh_thuc", D("0.3")),
        calc.BonusLine("other", ("p2", "nh"), "danh_hieu", D("0.3")),
    ]
    res = {r.key: r for r in calc.compute_bonuses(lines, D("2340000"))}
    assert res["ldtt"].amount == 0 and not res["ldtt"].paid
    assert res["cstd"].amount == D("2340000")
    assert res["gk"].amount == D("710000")
    assert res["other"].amount == D("710000")
    total, per_fund = calc.totals(res.values(), lines)
    assert total == D("3760000") and per_fund == {"": D("3760000")}
    assert calc.words(D("2050000")) == "Hai triệu không trăm năm mươi nghìn đồng"


@pytest.mark.django_db
def test_base_salary_by_decision_date():
    from tdkt.awards.models import BaseSalary
    from tdkt.awards.reference import load_money_rules
    from tdkt.awards.services import rule_on

    load_money_rules()
    assert rule_on(BaseSalary, dt.date(2024, 6, 30)).amount == D("1800000")
    assert rule_on(BaseSalary, dt.date(2024, 7, 1)).amount == D("2340000")
    assert rule_on(BaseSalary, dt.date(2020, 1, 1)).amount == D("1490000")
    later = rule_on(BaseSalary, dt.date(2026, 7, 1))
    assert later.amount == D("2530000") and "cần đối chiếu" in later.note


@pytest.mark.django_db
def test_load_money_rules_idempotent():
    from tdkt.awards.models import BaseSalary, BonusCoefficient, GrantAuthority, RequiredDocument
    from tdkt.awards.reference import load_money_rules

    load_money_rules()
    counts = [m.objects.count() for m in (BaseSalary, BonusCoefficient, GrantAuthority, RequiredDocument)]
    load_money_rules()
    assert counts == [m.objects.count() for m in (BaseSalary, BonusCoefficient, GrantAuthority, RequiredDocument)]
    assert BonusCoefficient.objects.get(award_type__code="tap-the-lao-dong-tien-tien").coefficient == D("0.8")
