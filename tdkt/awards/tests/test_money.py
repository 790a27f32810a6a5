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
    from tdkt.eligibility.catalogue import load_catalogue

    load_catalogue()
    load_money_rules()
    assert rule_on(BaseSalary, dt.date(2024, 6, 30)).amount == D("1800000")
    assert rule_on(BaseSalary, dt.date(2024, 7, 1)).amount == D("2340000")
    assert rule_on(BaseSalary, dt.date(2020, 1, 1)).amount == D("1490000")
    assert rule_on(BaseSalary, dt.date(2026, 6, 30)).amount == D("2340000")
    later = rule_on(BaseSalary, dt.date(2026, 7, 1))
    # the decree itself, not a press report, and no review note left on a row that was read
    assert later.amount == D("2530000") and later.citation == "Nghị định 161/2026/NĐ-CP, Điều 3 khoản 2"
    assert later.note == ""


@pytest.mark.django_db
@pytest.mark.parametrize("code,subject,day,expected,cites", [
    # Bằng khen cấp bộ, tỉnh: 1,0 / 2,0 until 30/06/2025; 1,5 / 3,0 from 01/07/2025 (NĐ 152 Điều 54 khoản 1)
    ("bang-khen-tinh-bo", "ca_nhan", dt.date(2025, 6, 30), "1.0", "98/2023"),
    ("bang-khen-tinh-bo", "ca_nhan", dt.date(2025, 7, 1), "1.5", "152/2025"),
    ("bang-khen-tinh-bo-tap-the", "tap_the", dt.date(2025, 6, 30), "2.0", "98/2023"),
    ("bang-khen-tinh-bo-tap-the", "tap_the", dt.date(2025, 7, 1), "3.0", "152/2025"),
    # Bằng khen Thủ tướng: 3,5 / 7,0 (not 1,5 / 3,0) in every period
    ("bang-khen-thu-tuong", "ca_nhan", dt.date(2020, 5, 1), "3.5", "91/2017"),
    ("bang-khen-thu-tuong", "ca_nhan", dt.date(2025, 7, 1), "3.5", "152/2025"),
    ("bang-khen-thu-tuong", "tap_the", dt.date(2025, 7, 1), "7.0", "152/2025"),
    # titles: NĐ 98 Điều 54 until 30/06/2025, NĐ 152 Điều 50 from 01/07/2025
    ("chien-si-thi-dua-co-so", "ca_nhan", dt.date(2025, 6, 30), "1.0", "98/2023"),
    ("chien-si-thi-dua-co-so", "ca_nhan", dt.date(2025, 7, 1), "1.0", "152/2025/NĐ-CP, Điều 50"),
    ("huan-chuong-lao-dong-hang-ba", "ca_nhan", dt.date(2026, 1, 1), "4.5", "152/2025/NĐ-CP, Điều 51"),
])
def test_coefficient_by_decision_date(code, subject, day, expected, cites):
    from tdkt.awards.reference import load_money_rules
    from tdkt.awards.services import coefficient_on
    from tdkt.eligibility.catalogue import load_catalogue
    from tdkt.eligibility.models import AwardType

    load_catalogue()
    load_money_rules()
    row = coefficient_on(AwardType.objects.get(code=code), subject, day)
    assert row.coefficient == D(expected) and cites in row.citation


@pytest.mark.django_db
def test_nd91_money_rows_start_on_its_entry_into_force():
    """NĐ 91/2017 was signed on 31/07/2017 and took effect on 01/10/2017."""
    from tdkt.awards.models import BonusCoefficient, BonusRounding
    from tdkt.awards.reference import load_money_rules
    from tdkt.awards.services import coefficient_on, rule_on
    from tdkt.eligibility.catalogue import load_catalogue
    from tdkt.eligibility.models import AwardType

    load_catalogue()
    load_money_rules()
    ldtt = AwardType.objects.get(code="lao-dong-tien-tien")
    assert coefficient_on(ldtt, "ca_nhan", dt.date(2017, 9, 30)) is None
    assert coefficient_on(ldtt, "ca_nhan", dt.date(2017, 10, 1)).coefficient == D("0.3")
    assert not BonusCoefficient.objects.filter(effective_from=dt.date(2017, 7, 31)).exists()
    assert rule_on(BonusRounding, dt.date(2025, 7, 1)).citation == "Nghị định 152/2025/NĐ-CP, Điều 49 khoản 2"


@pytest.mark.django_db
def test_load_money_rules_idempotent():
    from tdkt.awards.models import BaseSalary, BonusCoefficient, GrantAuthority, RequiredDocument
    from tdkt.awards.reference import load_money_rules
    from tdkt.eligibility.catalogue import load_catalogue

    load_catalogue()
    load_money_rules()
    counts = [m.objects.count() for m in (BaseSalary, BonusCoefficient, GrantAuthority, RequiredDocument)]
    load_money_rules()
    assert counts == [m.objects.count() for m in (BaseSalary, BonusCoefficient, GrantAuthority, RequiredDocument)]
    assert {c.coefficient for c in BonusCoefficient.objects.filter(award_type__code="tap-the-lao-dong-tien-tien")} \
        == {D("0.8")}


@pytest.mark.django_db
def test_money_rules_refer_to_the_catalogue_and_never_create_award_types():
    """The eligibility catalogue owns the award types; without it the money rules say what to run."""
    from tdkt.awards.reference import AWARD_CODES, CatalogueNotLoaded, load_money_rules
    from tdkt.eligibility.catalogue import AWARD_TYPES, load_catalogue
    from tdkt.eligibility.models import AwardType

    with pytest.raises(CatalogueNotLoaded, match="lao-dong-tien-tien.*load_reference"):
        load_money_rules()
    assert not AwardType.objects.exists()
    assert set(AWARD_CODES) <= {row.code for row in AWARD_TYPES}
    load_catalogue()
    before = list(AwardType.objects.order_by("code").values())
    load_money_rules()
    assert list(AwardType.objects.order_by("code").values()) == before
