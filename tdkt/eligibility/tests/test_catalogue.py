"""The catalogue is data: loaded idempotently, every row cites its source, every rule
exists in the engine, uncertain readings say so, and Excel names resolve."""

from __future__ import annotations

from tdkt.eligibility.catalogue import (
    AWARD_TYPES,
    CRITERIA,
    NEW,
    OLD,
    P152,
    VERIFY,
    award_type_from_alias,
    load_catalogue,
)
from tdkt.eligibility.checks import RULES
from tdkt.eligibility.models import AwardType, Criterion


def test_load_is_idempotent(cat):
    counts = (AwardType.objects.count(), Criterion.objects.count())
    assert load_catalogue() == len(AWARD_TYPES) + len(CRITERIA)
    assert (AwardType.objects.count(), Criterion.objects.count()) == counts == (len(AWARD_TYPES), len(CRITERIA))


def test_a_changed_row_is_updated_in_place(cat):
    Criterion.objects.filter(code="xep-loai", award_type__code="lao-dong-tien-tien").update(params={"min": "ht"})
    load_catalogue()
    assert all(c.params == {"min": "htt"} for c in Criterion.objects.filter(
        code="xep-loai", award_type__code="lao-dong-tien-tien"))


def test_every_award_type_has_rows_in_every_period_and_every_rule_exists():
    for at in AWARD_TYPES:
        periods = {r.period for r in CRITERIA if r.award == at.code}
        assert periods == {OLD, NEW, P152}, at.code
    for row in CRITERIA:
        assert row.rule in RULES, row.rule
        assert row.document, row.code
    # Same codes from 2024 on, so a verdict can be compared across NĐ 98 and NĐ 152; before 2024 only where
    # the Law of 2022 changed the criterion (CSTĐCS: HTXS or an initiative; no 15% cap).
    changed = {"chien-si-thi-dua-co-so": ({"sang-kien", "ty-le-15"}, {"htxs-hoac-sang-kien"})}
    for at in AWARD_TYPES:
        old = {r.code for r in CRITERIA if r.award == at.code and r.period == OLD}
        new = {r.code for r in CRITERIA if r.award == at.code and r.period == NEW}
        p152 = {r.code for r in CRITERIA if r.award == at.code and r.period == P152}
        # NĐ 152 Điều 4 khoản 4 added "no award while a discipline case is pending" for people and collectives.
        assert new == p152 - {"dang-xem-xet-ky-luat"}, at.code
        gone, added = changed.get(at.code, (set(), set()))
        assert old - gone == new - added, at.code


def test_rows_without_a_confirmed_article_say_so():
    for row in CRITERIA:
        if not row.article:
            assert VERIFY in row.note or row.rule == "council_judgement", (row.award, row.code)


def test_thresholds_live_in_params_not_in_code():
    import inspect

    from tdkt.eligibility import checks

    source = inspect.getsource(checks)
    for literal in ("0.15", "0.7", "0.5", "min_months\": 10", "khien_trach\"", "canh_cao\""):
        assert literal not in source


def test_excel_names_resolve(cat):
    assert award_type_from_alias("LĐTT").code == "lao-dong-tien-tien"
    assert award_type_from_alias("lao dong tien tien").code == "lao-dong-tien-tien"
    assert award_type_from_alias("Chiến sĩ thi đua cơ sở").code == "chien-si-thi-dua-co-so"
    assert award_type_from_alias("Bằng khen UBND tỉnh").code == "bang-khen-tinh-bo"
    assert award_type_from_alias("Bằng khen của Bộ trưởng").code == "bang-khen-tinh-bo"
    assert award_type_from_alias("Giấy khen").code == "giay-khen"
    assert award_type_from_alias("Giấy khen", subject="tap_the").code == "giay-khen-tap-the"
    assert award_type_from_alias("không có") is None


def test_reload_removes_the_misread_2024_cstdcs_rows(db):
    """An earlier release required an initiative and a 15% cap for CSTĐCS from 2024; the Law of 2022 (Điều 23
    khoản 2) accepts an HTXS rating instead, and sets no cap. Reloading an old database drops those rows."""
    import datetime as dt

    load_catalogue()
    at = AwardType.objects.get(code="chien-si-thi-dua-co-so")
    for code, rule in (("sang-kien", "initiative_in_year"), ("ty-le-15", "quota_share")):
        Criterion.objects.create(award_type=at, code=code, rule=rule, description="cũ",
                                 effective_from=dt.date(2024, 1, 1), citation_document="Nghị định 98/2023/NĐ-CP")
    load_catalogue()
    codes = set(Criterion.objects.filter(award_type=at, effective_from__gte=dt.date(2024, 1, 1))
                .values_list("code", flat=True))
    assert codes == {"dang-ky", "dat-ldtt", "htxs-hoac-sang-kien", "dang-xem-xet-ky-luat"}


def test_award_type_row_fields_are_the_model_columns():
    """The catalogue row is the one declaration of an award type's data: load_catalogue writes it as is."""
    from dataclasses import fields

    from tdkt.eligibility.catalogue import AwardTypeRow

    columns = {f.name for f in AwardType._meta.get_fields() if getattr(f, "concrete", False)}
    assert {f.name for f in fields(AwardTypeRow)} <= columns
