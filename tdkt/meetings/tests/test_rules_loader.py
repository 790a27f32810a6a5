"""Voting rules are data with citations, loaded idempotently."""

import datetime as dt

from tdkt.eligibility.models import AwardType
from tdkt.meetings.choices import AwardGroup
from tdkt.meetings.models import QuorumRule, VotingRule
from tdkt.meetings.reference import award_group_of, load_voting_rules, quorum_rule_for


def test_load_is_idempotent(db):
    n = load_voting_rules()
    counts = (QuorumRule.objects.count(), VotingRule.objects.count())
    assert load_voting_rules() == n
    assert (QuorumRule.objects.count(), VotingRule.objects.count()) == counts == (1, n - 1)


def test_every_rule_cites_its_source_and_flags_what_to_verify(db):
    load_voting_rules()
    for rule in VotingRule.objects.all():
        assert rule.citation_document
        # NĐ 152's pass-mark article is still unread: its rows say so, so the screen can warn
        if "Nghị định 152/2025" in rule.citation_document:
            assert rule.note.startswith("cần đối chiếu") and "vbpl.vn" in rule.note
    assert quorum_rule_for("tdkt", dt.date(2024, 5, 20)).share_numerator == 2


def test_periods_do_not_overlap_within_a_group(db):
    load_voting_rules()
    for group in AwardGroup.values:
        rows = list(VotingRule.objects.filter(award_group=group, award_type__isnull=True).order_by("effective_from"))
        for a, b in zip(rows, rows[1:], strict=False):
            assert a.effective_to is not None and a.effective_to < b.effective_from


def _at(**kw):
    return AwardType(code=kw.get("code", "x"), name=kw["name"], abbreviation=kw.get("abbr", ""),
                     kind="danh_hieu", subject=kw.get("subject", "ca_nhan"), level=kw.get("level", "co_so"))


def test_award_groups_read_from_the_catalogue():
    assert award_group_of(_at(name="Chiến sĩ thi đua cơ sở")) == AwardGroup.CSTD_CO_SO
    assert award_group_of(_at(code="cstd-tinh", name="Chiến sĩ thi đua cấp tỉnh", level="tinh_bo")) == AwardGroup.CSTD_CAP_CAO
    assert award_group_of(_at(name="Chiến sĩ thi đua toàn quốc", level="nha_nuoc")) == AwardGroup.CSTD_CAP_CAO
    assert award_group_of(_at(name="Nhà giáo Nhân dân", level="nha_nuoc")) == AwardGroup.NHA_GIAO
    assert award_group_of(_at(name="Lao động tiên tiến", abbr="LĐTT")) == AwardGroup.OTHER
    assert award_group_of(None) == AwardGroup.OTHER


def test_a_rule_for_one_award_type_wins(db):
    from tdkt.meetings.reference import voting_rule_for

    load_voting_rules()
    gk = AwardType.objects.create(code="gk", name="Giấy khen", kind="hinh_thuc", subject="ca_nhan", level="co_so")
    own = VotingRule.objects.create(code="gk-rieng", name="Giấy khen: 2/3 có mặt", award_group=AwardGroup.OTHER,
                                    award_type=gk, threshold_numerator=2, threshold_denominator=3, base="co_mat",
                                    effective_from=dt.date(2024, 1, 1), citation_document="Quy chế của đơn vị")
    assert voting_rule_for(gk, dt.date(2024, 6, 1)) == own
    assert voting_rule_for(gk, dt.date(2023, 6, 1)).code == "qua-ban"


def test_both_flags_need_a_vote_of_eighty_percent_from_2024(db):
    """NĐ 98/2023 Điều 30 khoản 7: Cờ thi đua cấp bộ, tỉnh and Cờ thi đua của Chính phủ must be voted on,
    80% of the whole council; before 2024 they fell under the simple-majority rule."""
    from fractions import Fraction

    from tdkt.meetings.reference import voting_rule_for

    load_voting_rules()
    for n, name in enumerate(("Cờ thi đua cấp bộ, ngành, tỉnh", "Cờ thi đua của Chính phủ")):
        flag = _at(code=f"co-{n}", name=name, subject="tap_the", level="tinh_bo")
        flag.save()
        assert award_group_of(flag) == AwardGroup.CO_THI_DUA
        rule = voting_rule_for(flag, dt.date(2025, 5, 20))
        assert rule.threshold == Fraction(8, 10) and rule.base == "tong_so" and rule.secret_ballot_required
        assert rule.citation == "Khoản 7, Điều 30, Nghị định 98/2023/NĐ-CP"
        before = voting_rule_for(flag, dt.date(2023, 5, 20))
        assert before.threshold == Fraction(1, 2) and not before.secret_ballot_required
        assert voting_rule_for(flag, dt.date(2026, 5, 20)).citation_document == "Nghị định 152/2025/NĐ-CP"
