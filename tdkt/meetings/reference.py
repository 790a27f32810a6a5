"""Voting and quorum rules as dated data with their citations.

``load_voting_rules()`` is idempotent (keyed by code and effective date) and is
meant to run from ``tdkt load_reference``. Every figure here is our best reading;
rows marked "cần đối chiếu" in ``note`` must be checked against the published
text, and when the text says otherwise the row is corrected here (a law that
changes adds a row with a new ``effective_from``; the old one gets ``effective_to``).
"""

from __future__ import annotations

import datetime as dt

from tdkt.core.dated import sync_rows
from tdkt.core.vi import fold

from .choices import AwardGroup, BallotPolicy, Base, TiePolicy
from .models import QuorumRule, VotingRule

D = dt.date
ND91_FROM = D(2017, 10, 1)  # Nghị định 91/2017/NĐ-CP: ký 31/7/2017, hiệu lực 01/10/2017
ND91_TO = D(2023, 12, 31)
ND98_FROM = D(2024, 1, 1)  # Luật TĐKT 2022 and Nghị định 98/2023/NĐ-CP in force 01/01/2024
ND98_TO = D(2025, 6, 30)
ND152_FROM = D(2025, 7, 1)  # Nghị định 152/2025/NĐ-CP in force 01/07/2025 (Điều 59), repeals NĐ 98/2023
SINCE_ALWAYS = D(2000, 1, 1)
VERIFY = "cần đối chiếu"

QUORUM_RULES = [
    dict(
        code="hop-le-2-3", council_kind="", name="Cuộc họp hợp lệ khi có ít nhất 2/3 tổng số thành viên tham dự",
        share_numerator=2, share_denominator=3, effective_from=SINCE_ALWAYS,
        citation_document="Hướng dẫn 1382/HD-GDĐT ngày 12/10/2023 (mục II.5); Luật Thi đua, khen thưởng",
        note="Làm tròn lên: 12 thành viên cần 8, 9 cần 6. Thành viên vắng (có lý do chính đáng) được lấy ý kiến "
             "sau cuộc họp. Ngày hiệu lực 01/01/2000 là danh nghĩa (áp dụng cho mọi năm có dữ liệu). Hội đồng "
             "Thi đua – Khen thưởng Trung ương họp khi có ít nhất 2/3 tổng số ủy viên (Nghị định 98/2023/NĐ-CP, "
             "Điều 47 khoản 4 điểm b); với hội đồng của trường, tỷ lệ do quy chế của hội đồng quy định — "
             f"{VERIFY} quy chế hoạt động của Hội đồng từng đơn vị.",
    ),
]

_TOTAL = dict(secret_ballot_required=True, threshold_strict=False, base=Base.TOTAL, absentee_opinions_count=True)
_NOT_SELF = ("Phiếu trắng, phiếu không hợp lệ không tính là đồng ý. Thành viên là người được xét không bỏ phiếu "
             f"cho mình và không tính vào cơ sở (cách đọc của chúng tôi, {VERIFY}).")
_Q98 = ("«…Hội đồng phải tiến hành bỏ phiếu… tỷ lệ phiếu đồng ý từ 90% [80%] trở lên tính trên tổng số thành viên "
        "của Hội đồng (nếu thành viên Hội đồng vắng mặt thì lấy ý kiến bằng văn bản)» — theo trích dẫn thứ cấp "
        "của khoản 7 Điều 30.")
_N152 = (f"{VERIFY}: điều, khoản của Nghị định 152/2025/NĐ-CP quy định tỷ lệ phiếu chưa được đọc; hệ thống tạm giữ "
         "tỷ lệ của Nghị định 98/2023/NĐ-CP (khoản 7 Điều 30). Nguồn cần đọc: Nghị định 152/2025/NĐ-CP, toàn văn "
         "trên vbpl.vn hoặc Công báo. Người chốt kết quả phải xác nhận đã đối chiếu.")


def _group(code, group, name, periods):
    """One rule family over its periods: (from, to, document, article, clause, note)."""
    return [dict(code=code, award_group=group, effective_from=start, effective_to=end,
                 name=name % {"pct": f"{num * 10}%"}, threshold_numerator=num, threshold_denominator=10,
                 citation_document=doc, citation_article=art, citation_clause=clause, note=note, **_TOTAL)
            for start, end, num, doc, art, clause, note in periods]


VOTING_RULES = [
    # Chiến sĩ thi đua cấp bộ, tỉnh và toàn quốc: 90% of the whole council in every period.
    *_group("cstd-cap-cao", AwardGroup.CSTD_CAP_CAO,
            "Chiến sĩ thi đua cấp bộ, tỉnh, toàn quốc: bỏ phiếu kín, từ %(pct)s tổng số thành viên", [
                (ND91_FROM, ND91_TO, 9, "Nghị định 91/2017/NĐ-CP", "Điều 45", "Khoản 8",
                 "«...phải họp và bỏ phiếu kín; tập thể, cá nhân được đề nghị khen thưởng phải có tỷ lệ phiếu đồng "
                 "ý từ 90% trở lên tính trên tổng số thành viên của Hội đồng (nếu thành viên Hội đồng vắng mặt thì "
                 "lấy ý kiến bằng văn bản)» — theo trích dẫn của Ban Thi đua – Khen thưởng Trung ương."),
                (ND98_FROM, ND98_TO, 9, "Nghị định 98/2023/NĐ-CP", "Điều 30", "Khoản 7", _Q98),
                (ND152_FROM, None, 9, "Nghị định 152/2025/NĐ-CP", "", "", _N152),
            ]),
    # Chiến sĩ thi đua cơ sở: 80% from 2024 (NĐ 98 Điều 30 khoản 7).
    *_group("cstd-co-so", AwardGroup.CSTD_CO_SO,
            "Chiến sĩ thi đua cơ sở: bỏ phiếu kín, từ %(pct)s tổng số thành viên", [
                (ND91_FROM, ND91_TO, 7, "Nghị định 91/2017/NĐ-CP; Thông tư 21/2020/TT-BGDĐT", "", "",
                 f"{VERIFY}: khoản 8 Điều 45 Nghị định 91/2017 chỉ quy định tỷ lệ 90% cho Chiến sĩ thi đua cấp bộ, "
                 "tỉnh trở lên; chưa tìm được tỷ lệ cho Chiến sĩ thi đua cơ sở trước 2024 — hệ thống dùng 70% tổng "
                 "số thành viên. Sửa dòng này theo quy chế của đơn vị / Thông tư 21/2020/TT-BGDĐT."),
                (ND98_FROM, ND98_TO, 8, "Nghị định 98/2023/NĐ-CP", "Điều 30", "Khoản 7", _Q98 + " " + _NOT_SELF),
                (ND152_FROM, None, 8, "Nghị định 152/2025/NĐ-CP", "", "", _N152 + " " + _NOT_SELF),
            ]),
    # Cờ thi đua cấp bộ, tỉnh and Cờ thi đua của Chính phủ: a vote is required from 2024, 80%.
    *_group("co-thi-dua", AwardGroup.CO_THI_DUA,
            "Cờ thi đua cấp bộ, tỉnh và Cờ thi đua của Chính phủ: bỏ phiếu, từ %(pct)s tổng số thành viên", [
                (ND98_FROM, ND98_TO, 8, "Nghị định 98/2023/NĐ-CP", "Điều 30", "Khoản 7",
                 _Q98 + " Văn bản trích dẫn nói «bỏ phiếu» (không ghi «kín»); hệ thống dùng phiếu kín như các danh "
                 "hiệu thi đua khác."),
                (ND152_FROM, None, 8, "Nghị định 152/2025/NĐ-CP", "", "", _N152),
            ]),
    dict(
        code="co-thi-dua", award_group=AwardGroup.CO_THI_DUA, effective_from=ND91_FROM, effective_to=ND91_TO,
        name="Cờ thi đua (trước 2024): quá bán số thành viên có mặt",
        secret_ballot_required=False, threshold_numerator=1, threshold_denominator=2, threshold_strict=True,
        base=Base.PRESENT, absentee_opinions_count=False, tie_policy=TiePolicy.CHAIR_DECIDES,
        citation_document="Nghị định 91/2017/NĐ-CP; Quy chế hoạt động của Hội đồng Thi đua – Khen thưởng",
        note=f"{VERIFY}: khoản 8 Điều 45 Nghị định 91/2017 chỉ bắt buộc bỏ phiếu kín với Chiến sĩ thi đua cấp bộ, "
             "tỉnh trở lên và Anh hùng; chưa tìm được quy định riêng cho Cờ thi đua trước 2024, hệ thống áp dụng "
             "quá bán như các nội dung khác.",
    ),
    # -------- state honorary titles of teachers
    dict(
        code="nha-giao", award_group=AwardGroup.NHA_GIAO, effective_from=D(2015, 5, 1),
        name="Nhà giáo Nhân dân, Nhà giáo Ưu tú: bỏ phiếu kín, từ 90% tổng số thành viên",
        threshold_numerator=9, threshold_denominator=10, **_TOTAL,
        citation_document="Nghị định 27/2015/NĐ-CP (xét tặng Nhà giáo Nhân dân, Nhà giáo Ưu tú)",
        note=f"{VERIFY}: bắt buộc bỏ phiếu kín là chắc chắn; tỷ lệ 90% tổng số thành viên và việc tính ý kiến "
             "thành viên vắng mặt là cách đọc của chúng tôi, kể cả văn bản sửa đổi, thay thế sau 2015.",
    ),
    # -------- everything else: simple majority of those present
    dict(
        code="qua-ban", award_group=AwardGroup.OTHER, effective_from=SINCE_ALWAYS,
        name="Danh hiệu, hình thức khác: quá bán số thành viên có mặt",
        secret_ballot_required=False, threshold_numerator=1, threshold_denominator=2, threshold_strict=True,
        base=Base.PRESENT, absentee_opinions_count=False, tie_policy=TiePolicy.CHAIR_DECIDES,
        citation_document="Quy chế hoạt động của Hội đồng Thi đua – Khen thưởng (theo nguyên tắc tập trung dân chủ)",
        note=f"{VERIFY} quy chế của từng Hội đồng: «quá bán» = trên 50% số thành viên có mặt; khi số đồng ý và "
             "không đồng ý bằng nhau thì theo ý kiến Chủ tịch (chỉ khi biểu quyết công khai, biết ý kiến Chủ tịch). "
             "Ý kiến bằng văn bản của thành viên vắng mặt được ghi nhận nhưng không tính. Ngày hiệu lực danh nghĩa.",
    ),
]
# Rows an earlier release dated from NĐ 91's signing month (15/09/2017) instead of 01/10/2017.
_MISDATED = [("cstd-cap-cao", D(2017, 9, 15)), ("cstd-co-so", D(2017, 9, 15))]


def load_voting_rules() -> int:
    """Create or refresh the quorum and voting rules. Safe to run many times."""
    for code, day in _MISDATED:
        if not VotingRule.objects.filter(code=code, effective_from=ND91_FROM).exists():
            VotingRule.objects.filter(code=code, effective_from=day).update(effective_from=ND91_FROM)
    n = sync_rows(QuorumRule, QUORUM_RULES, key=["code", "effective_from"])
    unsaid = {"effective_to": None, "blank_policy": BallotPolicy.NOT_FOR, "invalid_policy": BallotPolicy.NOT_FOR,
              "tie_policy": TiePolicy.FAILS, "recused_excluded_from_base": True, "citation_article": "",
              "citation_clause": ""}
    n += sync_rows(VotingRule, ({**unsaid, **row} for row in VOTING_RULES), key=["code", "effective_from"])
    return n


# --------------------------------------------------------------------------- lookup


def award_group_of(award_type) -> str:
    """Which rule group an award type falls in, read from its code, abbreviation and name.

    The catalogue (tdkt.eligibility) is data too, so the group is recognised by
    what the title *is* ("Chiến sĩ thi đua ... cơ sở", "Nhà giáo Ưu tú") rather than
    by a fixed code; a VotingRule row naming the award type overrides this."""
    if award_type is None:
        return AwardGroup.OTHER
    words = " ".join(fold(x) for x in (award_type.code, award_type.abbreviation, award_type.name) if x)
    compact = words.replace(" ", "").replace("-", "").replace("_", "")
    if "nha giao nhan dan" in words or "nha giao uu tu" in words or "ngnd" in compact or "ngut" in compact:
        return AwardGroup.NHA_GIAO
    if award_type.subject == "tap_the" and "co thi dua" in words:
        return AwardGroup.CO_THI_DUA
    if "chien si thi dua" in words or "cstd" in compact:
        if award_type.subject == "tap_the":
            return AwardGroup.OTHER
        if award_type.level == "co_so" or "co so" in words or "cstdcs" in compact:
            return AwardGroup.CSTD_CO_SO
        return AwardGroup.CSTD_CAP_CAO
    return AwardGroup.OTHER


def voting_rule_for(award_type, day: dt.date) -> VotingRule | None:
    """The rule in force on ``day`` for this award type (a row for the award type itself wins)."""
    in_force = VotingRule.objects.filter(VotingRule.in_force_q(day))
    if award_type is not None:
        own = in_force.filter(award_type=award_type).order_by("-effective_from").first()
        if own is not None:
            return own
    return (in_force.filter(award_type__isnull=True, award_group=award_group_of(award_type))
            .order_by("-effective_from").first())


def quorum_rule_for(council_kind: str, day: dt.date) -> QuorumRule | None:
    in_force = QuorumRule.objects.filter(QuorumRule.in_force_q(day))
    return (in_force.filter(council_kind=council_kind).order_by("-effective_from").first()
            or in_force.filter(council_kind="").order_by("-effective_from").first())


__all__ = ["award_group_of", "load_voting_rules", "quorum_rule_for", "voting_rule_for"]
