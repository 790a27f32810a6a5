"""Danh mục danh hiệu, hình thức khen thưởng và tiêu chuẩn — the law as data.

Every number the engine uses (years, counts, shares, months, rating levels)
lives in ``params`` of a row below, with the text it comes from. Two periods:

* ``OLD``: Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2005, 2013) and
  Nghị định 91/2017/NĐ-CP (in force 01/10/2017), used for school years ending
  before 01/01/2024 (2022-2023 and earlier; 2016-2017 and earlier end before
  NĐ 91 took effect, so they get "chưa có quy định" rather than a guess).
* ``NEW``: Luật Thi đua, khen thưởng 2022 (06/2022/QH15), Nghị định
  98/2023/NĐ-CP and Thông tư 01/2024/TT-BNV, in force 01/01/2024 until 30/06/2025.
* ``P152``: the same Law with Nghị định 152/2025/NĐ-CP (in force 01/07/2025, its
  Điều 59 repeals NĐ 98/2023) and Thông tư 15/2025/TT-BNV. Where we have read
  nothing of NĐ 152 that changes a row, the row carries the NĐ 98 content with
  the NĐ 152 citation and says which article is still unread.

A school year is judged by the rows in force on its last day, so 2024-2025
is judged under NĐ 98 and 2025-2026 under NĐ 152 (/work/shared/LEGAL_SOURCES.md).

A row whose article we could not confirm says so in ``note`` with the words
"cần đối chiếu văn bản gốc"; the text wins over this file — change the row
(a new ``effective_from`` when the law changed, the same row when we misread
it) and cite what you read.

Findings that differ from or sharpen /work/shared/RULES.md (reported to the lead):

* Thông tư 01/2024/TT-BNV (điểm d khoản 5 Điều 1, as quoted by the Ministry
  of Home Affairs) lowered the "mới tuyển dụng" bar for LĐTT from 10 months
  (NĐ 91/2017) to 06 months, and counts long training time. The ``NEW`` row
  encodes 6 months.
* NĐ 91/2017 dropped the "nghỉ từ 40 ngày làm việc trở lên" bar of NĐ
  65/2014, so no long-absence day count is encoded for either period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import TypedDict

from tdkt.core.dated import sync_rows
from tdkt.core.vi import fold

from .choices import AwardKind, AwardLevel, SubjectKind

OLD = (dt.date(2017, 10, 1), dt.date(2023, 12, 31))
NEW = (dt.date(2024, 1, 1), dt.date(2025, 6, 30))
P152 = (dt.date(2025, 7, 1), None)
PERIODS = (OLD, NEW, P152)

LAW_2003 = "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2005, 2013)"
LAW_2022 = "Luật Thi đua, khen thưởng 2022 (số 06/2022/QH15)"
ND_91 = "Nghị định 91/2017/NĐ-CP"
ND_98 = "Nghị định 98/2023/NĐ-CP"
ND_152 = "Nghị định 152/2025/NĐ-CP"
TT_01 = "Thông tư 01/2024/TT-BNV"
TT_15 = "Thông tư 15/2025/TT-BNV"
SEED_003 = "Hướng dẫn 1382/HD-GDĐT (công tác thi đua, khen thưởng năm học 2023-2024)"

VERIFY = "cần đối chiếu văn bản gốc"

# Award type codes (stable identifiers used by params, imports and the API).
LDTT = "lao-dong-tien-tien"
CSTDCS = "chien-si-thi-dua-co-so"
CSTD_TINH = "chien-si-thi-dua-tinh-bo"
CSTD_TQ = "chien-si-thi-dua-toan-quoc"
GIAY_KHEN = "giay-khen"
BK_TINH = "bang-khen-tinh-bo"
BK_TTG = "bang-khen-thu-tuong"
HCLD3 = "huan-chuong-lao-dong-hang-ba"
TT_LDTT = "tap-the-lao-dong-tien-tien"
TT_LDXS = "tap-the-lao-dong-xuat-sac"
CO_TINH = "co-thi-dua-tinh-bo"
CO_CP = "co-thi-dua-chinh-phu"
GIAY_KHEN_TT = "giay-khen-tap-the"
BK_TINH_TT = "bang-khen-tinh-bo-tap-the"
BK_TTG_TT = "bang-khen-thu-tuong-tap-the"

# Anniversaries worth preparing a dossier for (năm tròn): every 10 years, and 25/75.
ANNIVERSARY_RULE = {"every": 10, "also": [25, 75], "horizon_years": 2}


@dataclass(frozen=True)
class AwardTypeRow:
    """One award type as the catalogue declares it. Its fields are the columns of ``models.AwardType``
    and ``load_catalogue`` writes them as they are; other apps refer to a type by its code (constants above)."""

    code: str
    name: str
    abbreviation: str
    kind: str
    subject: str
    level: str
    name_en: str
    aliases: tuple[str, ...]
    citation: str
    order: int


@dataclass(frozen=True)
class CriterionRow:
    award: str
    code: str
    rule: str
    description: str
    period: tuple[dt.date, dt.date | None]
    document: str
    article: str = ""
    clause: str = ""
    params: dict = field(default_factory=dict)
    blocking: bool = True
    order: int = 100
    note: str = ""
    # The same condition in plain English, for pages read in English (documents print ``description``).
    description_en: str = ""


IND, COL = SubjectKind.INDIVIDUAL, SubjectKind.COLLECTIVE
TITLE, FORM = AwardKind.TITLE, AwardKind.FORM

AWARD_TYPES: list[AwardTypeRow] = [
    AwardTypeRow(LDTT, "Lao động tiên tiến", "LĐTT", TITLE, IND, AwardLevel.CO_SO, "Advanced Worker",
                 ("LĐTT", "LDTT", "Lao động tiên tiến", "Danh hiệu Lao động tiên tiến"),
                 "Luật TĐKT 2022, Điều 24", 10),
    AwardTypeRow(CSTDCS, "Chiến sĩ thi đua cơ sở", "CSTĐCS", TITLE, IND, AwardLevel.CO_SO, "Grassroots Emulation Fighter",
                 ("CSTĐCS", "CSTDCS", "CSTĐ cơ sở", "Chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua cấp cơ sở"),
                 "Luật TĐKT 2022, Điều 23", 20),
    AwardTypeRow(CSTD_TINH, "Chiến sĩ thi đua cấp bộ, ngành, tỉnh", "CSTĐ cấp tỉnh", TITLE, IND, AwardLevel.TINH_BO,
                 "Ministerial/Provincial Emulation Fighter",
                 ("CSTĐ cấp tỉnh", "CSTĐ cấp bộ", "CSTĐ tỉnh", "Chiến sĩ thi đua cấp tỉnh", "Chiến sĩ thi đua cấp bộ",
                  "Chiến sĩ thi đua cấp bộ, ngành, tỉnh", "Chiến sĩ thi đua Bộ, ban, ngành, tỉnh",
                  "Chiến sĩ thi đua thành phố"),
                 "Luật TĐKT 2022, Điều 22", 30),
    AwardTypeRow(CSTD_TQ, "Chiến sĩ thi đua toàn quốc", "CSTĐTQ", TITLE, IND, AwardLevel.NHA_NUOC,
                 "National Emulation Fighter",
                 ("CSTĐTQ", "CSTDTQ", "CSTĐ toàn quốc", "Chiến sĩ thi đua toàn quốc"), "Luật TĐKT 2022, Điều 21", 40),
    AwardTypeRow(GIAY_KHEN, "Giấy khen", "GK", FORM, IND, AwardLevel.CO_SO, "Certificate of Merit (unit head)",
                 ("Giấy khen", "GK", "Giấy khen của Hiệu trưởng", "Giấy khen của Thủ trưởng đơn vị",
                  "Giấy khen của Chủ tịch UBND xã", "Giấy khen của Chủ tịch UBND phường",
                  "Giấy khen của Chủ tịch UBND huyện", "Giấy khen của Chủ tịch UBND quận",
                  "Giấy khen của Trưởng phòng Giáo dục và Đào tạo", "Giấy khen của Giám đốc Sở"),
                 "Luật TĐKT 2022; Nghị định 98/2023/NĐ-CP", 50),
    AwardTypeRow(BK_TINH, "Bằng khen cấp bộ, ngành, tỉnh", "BK cấp tỉnh", FORM, IND, AwardLevel.TINH_BO,
                 "Certificate of Merit (minister / provincial chairman)",
                 ("Bằng khen UBND tỉnh", "Bằng khen của UBND tỉnh", "Bằng khen của Chủ tịch UBND tỉnh",
                  "Bằng khen UBND thành phố", "Bằng khen của Chủ tịch UBND thành phố", "Bằng khen của Bộ trưởng",
                  "Bằng khen của Bộ trưởng Bộ Giáo dục và Đào tạo", "Bằng khen Bộ GD&ĐT", "Bằng khen cấp tỉnh",
                  "Bằng khen cấp bộ", "BK UBND tỉnh", "BK tỉnh", "BKUBND"),
                 "Luật TĐKT 2022; Nghị định 98/2023/NĐ-CP", 60),
    AwardTypeRow(BK_TTG, "Bằng khen của Thủ tướng Chính phủ", "BKTTg", FORM, IND, AwardLevel.NHA_NUOC,
                 "Prime Minister's Certificate of Merit",
                 ("Bằng khen Thủ tướng", "Bằng khen của Thủ tướng", "Bằng khen của Thủ tướng Chính phủ",
                  "Bằng khen TTg", "BKTTg", "BK Thủ tướng"),
                 "Luật TĐKT 2022", 70),
    AwardTypeRow(HCLD3, "Huân chương Lao động hạng Ba", "HCLĐ hạng Ba", FORM, IND, AwardLevel.NHA_NUOC,
                 "Labour Order, Third Class",
                 ("Huân chương Lao động hạng Ba", "Huân chương Lao động hạng III", "HCLĐ hạng Ba", "HCLĐ hạng III",
                  "HCLĐ3", "HCLĐ III"),
                 "Luật TĐKT 2022", 80),
    AwardTypeRow(TT_LDTT, "Tập thể lao động tiên tiến", "TTLĐTT", TITLE, COL, AwardLevel.CO_SO, "Advanced Collective",
                 ("TTLĐTT", "TTLDTT", "Tập thể lao động tiên tiến", "Tập thể LĐTT"), "Luật TĐKT 2022, Điều 28", 110),
    AwardTypeRow(TT_LDXS, "Tập thể lao động xuất sắc", "TTLĐXS", TITLE, COL, AwardLevel.TINH_BO, "Excellent Collective",
                 ("TTLĐXS", "TTLDXS", "Tập thể lao động xuất sắc", "Tập thể LĐXS"), "Luật TĐKT 2022, Điều 27", 120),
    AwardTypeRow(CO_TINH, "Cờ thi đua cấp bộ, ngành, tỉnh", "Cờ thi đua cấp tỉnh", TITLE, COL, AwardLevel.TINH_BO,
                 "Ministerial/Provincial Emulation Flag",
                 ("Cờ thi đua UBND tỉnh", "Cờ thi đua của UBND tỉnh", "Cờ thi đua cấp tỉnh", "Cờ thi đua cấp bộ",
                  "Cờ thi đua của Bộ", "Cờ thi đua của Bộ trưởng", "Cờ thi đua Bộ GD&ĐT", "Cờ thi đua thành phố"),
                 "Luật TĐKT 2022, Điều 26", 130),
    AwardTypeRow(CO_CP, "Cờ thi đua của Chính phủ", "Cờ thi đua CP", TITLE, COL, AwardLevel.NHA_NUOC,
                 "Government Emulation Flag",
                 ("Cờ thi đua của Chính phủ", "Cờ thi đua Chính phủ", "Cờ CP"), "Luật TĐKT 2022, Điều 25", 140),
    AwardTypeRow(GIAY_KHEN_TT, "Giấy khen (tập thể)", "GK tập thể", FORM, COL, AwardLevel.CO_SO,
                 "Certificate of Merit for a collective",
                 ("Giấy khen tập thể", "Giấy khen (tập thể)", "GK tập thể"),
                 "Luật TĐKT 2022; Nghị định 98/2023/NĐ-CP", 150),
    AwardTypeRow(BK_TINH_TT, "Bằng khen cấp bộ, ngành, tỉnh (tập thể)", "BK cấp tỉnh (tập thể)", FORM, COL,
                 AwardLevel.TINH_BO, "Certificate of Merit for a collective (minister / provincial chairman)",
                 ("Bằng khen UBND tỉnh (tập thể)", "Bằng khen tập thể cấp tỉnh", "Bằng khen tập thể cấp bộ",
                  "Bằng khen của Bộ trưởng (tập thể)", "Bằng khen của Chủ tịch UBND tỉnh (tập thể)"),
                 "Luật TĐKT 2022; Nghị định 98/2023/NĐ-CP", 160),
    AwardTypeRow(BK_TTG_TT, "Bằng khen của Thủ tướng Chính phủ (tập thể)", "BKTTg (tập thể)", FORM, COL,
                 AwardLevel.NHA_NUOC, "Prime Minister's Certificate of Merit for a collective",
                 ("Bằng khen Thủ tướng (tập thể)", "Bằng khen của Thủ tướng Chính phủ (tập thể)",
                  "Bằng khen tập thể của Thủ tướng"),
                 "Luật TĐKT 2022", 170),
]


# --------------------------------------------------------------------------- criteria

# Shared wording and parameters. Parameter names are the contract with
# tdkt.eligibility.checks (one function per ``rule``).
_REG = "Đăng ký thi đua đầu năm học (không đăng ký thì không xét danh hiệu)"
_REG_EN = "Registered for emulation at the start of the school year (without registration the title is not considered)"
_REG_NOTE = (f"Nguyên tắc 'không đăng ký thi đua thì không xét danh hiệu' theo {SEED_003}, mục II.2; "
             f"điều, khoản tương ứng trong Luật/Nghị định: {VERIFY}.")


class _CouncilOptions(TypedDict):
    blocking: bool
    order: int


_COUNCIL: _CouncilOptions = {"blocking": False, "order": 90}


def _reg(award: str, period=None) -> list[CriterionRow]:
    return [CriterionRow(award, "dang-ky", "registered", _REG, p, SEED_003, "mục II.2", note=_REG_NOTE, order=1,
                         description_en=_REG_EN)
            for p in ([period] if period else PERIODS)]


# What NĐ 152/2025 (or TT 15/2025/TT-BNV) says where NĐ 98/2023 (or TT 01/2024/TT-BNV) was cited, when we
# have not read the new article: the content carries over, the citation names the new text, the note says so.
_SUCCESSOR = {ND_98: ND_152, TT_01: TT_15}


def _carried(new: tuple[str, str, str, str]) -> tuple[str, str, str, str]:
    doc, art, clause, note = new
    successor = _SUCCESSOR.get(doc)
    if successor is None:
        return new
    was = ", ".join(x for x in (clause, art, doc) if x)
    kept = (f"Nội dung giữ như {was}; điều, khoản tương ứng trong {successor} chưa đọc — {VERIFY}. "
            f"Nguồn cần đọc: {successor}, toàn văn trên vbpl.vn hoặc Công báo.")
    return successor, "", "", f"{kept} {note}".strip()


def _both(award: str, code: str, rule: str, description: str, *, en: str, params=None, blocking=True, order=100,
          old: tuple[str, str, str, str] = ("", "", "", ""), new: tuple[str, str, str, str] = ("", "", "", ""),
          p152: tuple[str, str, str, str] | None = None, old_params=None, new_params=None) -> list[CriterionRow]:
    """The same condition in every period; ``en``: its English; ``old``/``new``/``p152`` = (document, article,
    clause, note). Without ``p152`` the row from 01/07/2025 carries ``new`` over (see ``_carried``)."""
    rows = []
    for period, (doc, art, clause, note), extra in ((OLD, old, old_params), (NEW, new, new_params),
                                                    (P152, p152 or _carried(new), new_params)):
        rows.append(CriterionRow(award, code, rule, description, period, doc, art, clause,
                                 params={**(params or {}), **(extra or {})}, blocking=blocking, order=order,
                                 note=note, description_en=en))
    return rows


def _from_2024(award: str, code: str, rule: str, description: str, *, en: str, params=None, blocking=True, order=100,
               new: tuple[str, str, str, str], p152: tuple[str, str, str, str] | None = None) -> list[CriterionRow]:
    """A condition the Law of 2022 introduced (no row before 2024)."""
    return [CriterionRow(award, code, rule, description, period, doc, art, clause, params=dict(params or {}),
                         blocking=blocking, order=order, note=note, description_en=en)
            for period, (doc, art, clause, note) in ((NEW, new), (P152, p152 or _carried(new)))]


_KINDS_ALL = ["sang_kien", "de_tai", "giai_phap"]
_INIT = {"kinds": _KINDS_ALL, "min_share": None}

CRITERIA: list[CriterionRow] = []

# NĐ 152/2025 Điều 4 khoản 4: no award while a discipline case is being considered; once disciplined,
# achievements count from the day the discipline period ends — so a year with a discipline in force fails.
_DISCIPLINE_152 = (ND_152, "Điều 4", "khoản 4",
                   "«…thành tích khen thưởng được tính từ thời điểm chấp hành xong thời gian thi hành kỷ luật»: năm "
                   "học có thời gian thi hành kỷ luật không được xét. Việc «chưa khen thưởng trong thời gian cơ quan "
                   "có thẩm quyền đang xem xét thi hành kỷ luật» là tiêu chí «dang-xem-xet-ky-luat».")

# The first half of the same clause: "Chưa khen thưởng … trong thời gian cơ quan có thẩm quyền đang xem xét thi
# hành kỷ luật" (LEGAL_SOURCES #68, quoted in [S1]). A case recorded in records.DisciplineCase that is being
# considered on the school year's last day (the day that picks these rows and ends the window the discipline
# criterion reads), or is still not closed, bars every individual award of the year.
_PENDING = "Không đang trong thời gian cơ quan có thẩm quyền xem xét thi hành kỷ luật"
_PENDING_EN = "Not under consideration for disciplinary action by the competent authority"
_PENDING_NOTE = ("«Chưa khen thưởng … trong thời gian cơ quan có thẩm quyền đang xem xét thi hành kỷ luật» (trích "
                 "Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4). Ngày xét là ngày cuối năm học; vụ việc chưa ghi kết "
                 "thúc cũng được coi là đang xem xét.")


# Whether the clause names collectives is in its elided words (LEGAL_SOURCES #68 quotes "Chưa khen thưởng … trong
# thời gian …"); earlier decrees wrote "cá nhân, tập thể". The collective rows apply it and say it is to be checked.
_PENDING_NOTE_COLLECTIVE = (_PENDING_NOTE + " Với tập thể: " + VERIFY + " (phần lược bỏ của Điều 4 khoản 4 có ghi "
                            "«tập thể» hay không).")


def _pending_discipline(award: str, *, collective: bool = False) -> CriterionRow:
    return CriterionRow(award, "dang-xem-xet-ky-luat", "no_pending_discipline_case", _PENDING, P152, ND_152,
                        "Điều 4", "khoản 4", order=31, note=_PENDING_NOTE_COLLECTIVE if collective else _PENDING_NOTE,
                        description_en=_PENDING_EN)


# ---- Lao động tiên tiến ------------------------------------------------------------
CRITERIA += _reg(LDTT)
CRITERIA += _both(
    LDTT, "xep-loai", "min_rating", "Xếp loại từ «Hoàn thành tốt nhiệm vụ» trở lên trong năm học",
    en="Rated «Well completed duties» or higher for the school year",
    params={"min": "htt"}, order=10,
    old=(LAW_2003, "Điều 24", "khoản 1 điểm a", ""),
    new=(LAW_2022, "Điều 24", "khoản 1 điểm a", ""),
)
_TIME_WORKED = ("Thời gian công tác trong năm học không dưới mức tối thiểu (không xét người mới tuyển dụng dưới "
                "mức này)")
_TIME_WORKED_EN = ("Worked at least the minimum time during the school year (newly recruited staff who worked less "
                   "are not considered)")
CRITERIA += [
    CriterionRow(
        LDTT, "thoi-gian-cong-tac", "min_months_worked",
        _TIME_WORKED,
        OLD, ND_91, "Điều 10", "",
        params={"min_months": 10, "counted": {"thai_san": "always", "om_dau": "always",
                                              "dao_tao_ngan": "if_good_result", "dao_tao": "if_good_result"}},
        order=20, description_en=_TIME_WORKED_EN,
        note=("Mức 10 tháng: NĐ 91/2017 (số điều theo trích dẫn thứ cấp — " + VERIFY + "). Thời gian nghỉ thai sản "
              "được tính; đi học ngắn hạn dưới 01 năm có kết quả khá trở lên được kết hợp với thời gian công tác; "
              "đi học từ 01 năm trở lên có kết quả khá trở lên: NĐ 91 xếp năm đó tương đương hoàn thành nhiệm vụ — "
              "hệ thống tính thời gian đó là thời gian công tác khi có kết quả khá. Nghỉ không lương và nghỉ khác "
              "không được tính (cách hiểu của hệ thống). NĐ 91/2017 đã bỏ quy định 'nghỉ từ 40 ngày làm việc trở "
              "lên' của NĐ 65/2014, nên không có giới hạn số ngày nghỉ."),
    ),
    CriterionRow(
        LDTT, "thoi-gian-cong-tac", "min_months_worked",
        _TIME_WORKED,
        NEW, TT_01, "Điều 1", "khoản 5 điểm d",
        params={"min_months": 6, "counted": {"thai_san": "always", "om_dau": "always",
                                             "dao_tao_ngan": "always", "dao_tao": "always"}},
        order=20, description_en=_TIME_WORKED_EN,
        note=("Mức 06 tháng theo điểm d khoản 5 Điều 1 Thông tư 01/2024/TT-BNV (theo trả lời của Bộ Nội vụ đăng "
              "trên báo Lao động; " + VERIFY + "). Thông tư tính thời gian đi học, bồi dưỡng ngắn hạn và dài hạn vào "
              "thời gian bình xét. Thời gian nghỉ thai sản: hệ thống tiếp tục tính như NĐ 91/2017 (" + VERIFY +
              "). Nghỉ không lương và nghỉ khác không được tính (cách hiểu của hệ thống)."),
    ),
    CriterionRow(
        LDTT, "thoi-gian-cong-tac", "min_months_worked",
        _TIME_WORKED,
        P152, TT_15, "", "",
        params={"min_months": 6, "counted": {"thai_san": "always", "om_dau": "always",
                                             "dao_tao_ngan": "always", "dao_tao": "always"}},
        order=20, description_en=_TIME_WORKED_EN,
        note=("Thời gian nghỉ thai sản được tính để xét tặng danh hiệu (Nghị định 152/2025/NĐ-CP, Điều 4 khoản 5). "
              "Mức 06 tháng với người mới tuyển dụng và việc tính thời gian đi học giữ như Thông tư 01/2024/TT-BNV; "
              "Thông tư 15/2025/TT-BNV (thay Thông tư 01/2024) chưa đọc — " + VERIFY + ". Nguồn cần đọc: Thông tư "
              "15/2025/TT-BNV, toàn văn trên vbpl.vn."),
    ),
]
CRITERIA += _both(
    LDTT, "ky-luat", "no_discipline_at_or_above",
    "Không bị kỷ luật từ hình thức khiển trách trở lên trong năm học",
    en="No disciplinary action of reprimand or heavier during the school year",
    params={"form": "khien_trach"}, order=30,
    old=(ND_91, "Điều 10", "", "Số điều theo trích dẫn thứ cấp — " + VERIFY + "."),
    new=(TT_01, "Điều 1", "khoản 5",
         "Hệ thống giữ quy định của NĐ 91/2017 (bị kỷ luật từ khiển trách trở lên thì không xét LĐTT); điều, khoản "
         "tương ứng trong văn bản mới: " + VERIFY + "."),
    p152=_DISCIPLINE_152,
)

# ---- Chiến sĩ thi đua cơ sở ----------------------------------------------------------
CRITERIA += _reg(CSTDCS)
CRITERIA += _both(
    CSTDCS, "dat-ldtt", "meets_title", "Đạt tiêu chuẩn danh hiệu «Lao động tiên tiến» trong năm học",
    en="Meets the standards of the «Advanced Worker» title for the school year",
    params={"title": LDTT, "except_rules": ["registered"]}, order=10,
    old=(LAW_2003, "Điều 23", "khoản 1", ""),
    new=(LAW_2022, "Điều 23", "khoản 1", ""),
)
# Law 2003 art. 23: LĐTT *and* an initiative. Law 2022 art. 23.2: "Hoàn thành xuất sắc nhiệm vụ hoặc có
# sáng kiến được cơ sở công nhận hoặc có đề tài … đã được nghiệm thu" — an HTXS rating alone is enough.
CRITERIA += [CriterionRow(
    CSTDCS, "sang-kien", "initiative_in_year",
    "Có sáng kiến (hoặc đề tài, giải pháp) được cơ sở công nhận trong năm học", OLD, LAW_2003, "Điều 23", "khoản 2",
    params={"min_scope": "co_so", "min_count": 1, **_INIT}, order=20,
    description_en="Has an initiative (or research project, solution) recognised at grassroots level during the "
                   "school year",
    note="Tác giả chung được tính (không yêu cầu tỷ lệ đóng góp tối thiểu); nếu địa phương quy định tỷ lệ tối "
         "thiểu, thêm dòng mới với min_share.")]
_HTXS_OR_INITIATIVE = {"options": [
    {"label": "Hoàn thành xuất sắc nhiệm vụ", "label_en": "Excellently completed duties",
     "all": [{"rule": "min_rating", "params": {"min": "htxs"}}]},
    {"label": "Có sáng kiến, đề tài, giải pháp được cơ sở công nhận",
     "label_en": "An initiative, research project or solution recognised at grassroots level",
     "all": [{"rule": "initiative_in_year", "params": {"min_scope": "co_so", "min_count": 1, **_INIT}}]},
]}
CRITERIA += _from_2024(
    CSTDCS, "htxs-hoac-sang-kien", "any_of",
    "Hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến (đề tài, giải pháp) được cơ sở công nhận trong năm học",
    en="Excellently completed duties, or has an initiative (research project, solution) recognised "
       "at grassroots level during the school year",
    params=_HTXS_OR_INITIATIVE, order=20,
    new=(LAW_2022, "Điều 23", "khoản 2", "Tác giả chung được tính (không yêu cầu tỷ lệ đóng góp tối thiểu)."),
)
_QUOTA_NOTE = ("'Không quá 15%' nghĩa là số CSTĐCS ≤ 15% × số LĐTT, nên số tối đa là phần nguyên của 15% × số LĐTT "
               "(làm tròn xuống; văn bản không quy định cách làm tròn). Tính theo từng trường (đơn vị gần nhất là cơ "
               "sở giáo dục); cán bộ cơ quan tính theo cơ quan. Số LĐTT là số người đủ điều kiện hoặc đã được công "
               "nhận LĐTT năm học đó. Là tiêu chí cảnh báo: Hội đồng lựa chọn người trong hạn mức. Từ 01/01/2024 "
               "Luật 2022 và Nghị định 98/2023 không khống chế tỷ lệ; nếu tỉnh quy định tỷ lệ riêng, thêm dòng "
               "của địa phương.")
# The 15% cap is NĐ 91's only (years judged before 01/01/2024).
CRITERIA += [CriterionRow(
    CSTDCS, "ty-le-15", "quota_share",
    "Số CSTĐCS của đơn vị không quá 15% số cá nhân đạt danh hiệu «Lao động tiên tiến»", OLD, ND_91, "Điều 9",
    "khoản 3", params={"of_title": LDTT, "max_share": "0.15", "rounding": "floor", "group": "school"},
    blocking=False, order=80, note=_QUOTA_NOTE,
    description_en="The unit's Grassroots Emulation Fighters are no more than 15% of its individuals awarded "
                   "«Advanced Worker»")]

# ---- Chiến sĩ thi đua cấp bộ, ngành, tỉnh ----------------------------------------------
CRITERIA += _reg(CSTD_TINH)
CRITERIA += _both(
    CSTD_TINH, "ba-lan-cstdcs", "consecutive_titles",
    "Có 03 lần liên tục đạt danh hiệu «Chiến sĩ thi đua cơ sở»",
    en="Awarded «Grassroots Emulation Fighter» 3 times in a row",
    params={"title": CSTDCS, "years": 3, "may_end_last_year": True, "current_year": "record_or_eligible",
            "exclude_thematic": False}, order=10,
    old=(LAW_2003, "Điều 22", "khoản 1", "Lần thứ ba có thể là năm học đang xét (đủ điều kiện CSTĐCS, chưa có quyết "
         "định) hoặc năm học liền trước."),
    new=(LAW_2022, "Điều 22", "khoản 1 điểm a", "Lần thứ ba có thể là năm học đang xét hoặc năm học liền trước."),
)
CRITERIA += _both(
    CSTD_TINH, "sang-kien-cap-tinh", "initiatives_in_window",
    "Có sáng kiến được áp dụng hiệu quả, có khả năng nhân rộng, phạm vi ảnh hưởng cấp bộ, ngành, tỉnh",
    en="Has an initiative applied effectively and fit to be spread, with influence at ministry, "
       "sector or province level",
    params={"min_scope": "tinh_bo", "min_count": 1, "window_years": 3, **_INIT}, order=20,
    old=(LAW_2003, "Điều 22", "khoản 2", "Hệ thống tìm trong 03 năm học gần nhất (thời gian đạt 03 lần CSTĐCS) — "
         + VERIFY + "."),
    new=(LAW_2022, "Điều 22", "khoản 1 điểm b", "Hệ thống tìm trong 03 năm học gần nhất — " + VERIFY + "."),
)
CRITERIA += _both(
    CSTD_TINH, "hoi-dong", "council_judgement",
    "Thành tích tiêu biểu xuất sắc, được Hội đồng TĐKT lựa chọn (bỏ phiếu kín)",
    en="Outstanding, exemplary achievements, chosen by the Emulation and Commendation Council "
       "(secret ballot)",
    **_COUNCIL,
    params={"what": "thành tích tiêu biểu xuất sắc trong số cá nhân đủ điều kiện",
            "what_en": "outstanding, exemplary achievements among the eligible individuals"},
    old=(LAW_2003, "Điều 22", "khoản 1", ""), new=(LAW_2022, "Điều 22", "khoản 1 điểm a", ""),
)

# ---- Chiến sĩ thi đua toàn quốc --------------------------------------------------------
CRITERIA += _reg(CSTD_TQ)
CRITERIA += _both(
    CSTD_TQ, "hai-lan-cstd-tinh", "titles_in_window",
    "Có 02 lần liên tục được tặng danh hiệu «Chiến sĩ thi đua cấp bộ, ngành, tỉnh»",
    en="Awarded «Ministerial/Provincial Emulation Fighter» 2 times in a row",
    params={"title": CSTD_TINH, "min_count": 2, "window_years": 6, "current_year": "record_or_eligible",
            "exclude_thematic": True}, order=10,
    old=(LAW_2003, "Điều 21", "", "Hai lần liên tục được hiểu là hai lần trong 06 năm học gần nhất (mỗi lần cách "
         "nhau 03 năm) — " + VERIFY + "."),
    new=(LAW_2022, "Điều 21", "khoản 1 điểm a", "Hai lần liên tục được hiểu là hai lần trong 06 năm học gần nhất — "
         + VERIFY + "."),
)
CRITERIA += _both(
    CSTD_TQ, "sang-kien-toan-quoc", "initiatives_in_window",
    "Có sáng kiến (đề tài, giải pháp) được áp dụng hiệu quả, có khả năng nhân rộng trong toàn quốc",
    en="Has an initiative (research project, solution) applied effectively and fit to be spread "
       "nationwide",
    params={"min_scope": "toan_quoc", "min_count": 1, "window_years": 6, **_INIT}, order=20,
    old=(LAW_2003, "Điều 21", "", "Khoảng thời gian 06 năm: " + VERIFY + "."),
    new=(LAW_2022, "Điều 21", "khoản 1 điểm b", "Khoảng thời gian 06 năm: " + VERIFY + "."),
)
CRITERIA += _both(
    CSTD_TQ, "hoi-dong", "council_judgement",
    "Thành tích tiêu biểu xuất sắc được lựa chọn (Hội đồng các cấp xét, bỏ phiếu kín)",
    en="Outstanding, exemplary achievements, selected by the councils at each level (secret ballot)",
    **_COUNCIL,
    params={"what": "thành tích tiêu biểu xuất sắc trong toàn quốc",
            "what_en": "outstanding, exemplary achievements nationwide"},
    old=(LAW_2003, "Điều 21", "", ""), new=(LAW_2022, "Điều 21", "khoản 1 điểm a", ""),
)

# ---- Giấy khen (cá nhân) ----------------------------------------------------------------
_GK_NOTE = ("Giấy khen có ba căn cứ (thành tích trong phong trào thi đua, thành tích đột xuất, hoàn thành tốt nhiệm "
            "vụ); hệ thống chỉ kiểm tra căn cứ 'hoàn thành tốt nhiệm vụ' của khen thưởng hằng năm. Điều, khoản: "
            + VERIFY + ".")
_GK_NOTE_2022 = ("Giấy khen có các căn cứ: hoàn thành tốt nhiệm vụ, nghĩa vụ công dân và đạt một trong: thành "
                 "tích trong phong trào thi đua, thành tích đột xuất, nhiều thành tích (Luật 2022, Điều 75 khoản 1, "
                 "theo bản trích của địa phương); hệ thống kiểm tra căn cứ 'hoàn thành tốt nhiệm vụ' của khen "
                 "thưởng hằng năm. Ngành giáo dục: Thông tư 29/2023/TT-BGDĐT, Điều 11.")

CRITERIA += _both(
    GIAY_KHEN, "xep-loai", "min_rating", "Hoàn thành tốt nhiệm vụ trở lên trong năm học (khen thưởng hằng năm)",
    en="Well completed duties or better during the school year (annual commendation)",
    params={"min": "htt"}, order=10, old=(ND_91, "", "", _GK_NOTE),
    new=(LAW_2022, "Điều 75", "khoản 1", _GK_NOTE_2022),
)
CRITERIA += _both(
    GIAY_KHEN, "ky-luat", "no_discipline_at_or_above", "Không bị kỷ luật từ hình thức khiển trách trở lên trong năm học",
    en="No disciplinary action of reprimand or heavier during the school year",
    params={"form": "khien_trach"}, order=20,
    old=(ND_91, "", "", "Suy ra từ yêu cầu 'gương mẫu chấp hành chủ trương, chính sách, pháp luật' — " + VERIFY + "."),
    new=(ND_98, "", "", "Suy ra từ yêu cầu 'gương mẫu chấp hành chủ trương, chính sách, pháp luật' — " + VERIFY + "."),
)

# ---- Bằng khen cấp bộ, ngành, tỉnh (cá nhân) ------------------------------------------------
_BK_NOTE = ("Căn cứ khen thưởng hằng năm (02 năm liên tục hoàn thành xuất sắc nhiệm vụ, trong thời gian đó có 02 sáng "
            "kiến được công nhận phạm vi cơ sở). Các căn cứ khác (thành tích xuất sắc trong phong trào, thành tích "
            "đột xuất) do Hội đồng xét. Các năm đã dùng để khen Bằng khen lần trước không tính lại (không khen nhiều "
            "lần cho một thành tích).")
CRITERIA += _both(
    BK_TINH, "hai-nam-htxs", "consecutive_ratings", "02 năm liên tục hoàn thành xuất sắc nhiệm vụ",
    en="Excellently completed duties 2 years in a row",
    params={"min": "htxs", "years": 2, "reset_by": [BK_TINH]}, order=10,
    old=(ND_91, "Điều 39", "khoản 1", _BK_NOTE + " Số điều và cách diễn đạt của NĐ 91 ('02 năm trở lên liên tục') — "
         + VERIFY + "."),
    new=(ND_98, "", "", _BK_NOTE + " Điều, khoản trong NĐ 98/2023: " + VERIFY + "."),
)
CRITERIA += _both(
    BK_TINH, "hai-sang-kien", "initiatives_in_window",
    "Trong thời gian đó có 02 sáng kiến được công nhận, áp dụng hiệu quả phạm vi cơ sở",
    en="In that time, 2 initiatives recognised and applied effectively at grassroots level",
    params={"min_scope": "co_so", "min_count": 2, "window_years": 2, "reset_by": [BK_TINH], **_INIT}, order=20,
    old=(ND_91, "Điều 39", "khoản 1", VERIFY + "."), new=(ND_98, "", "", VERIFY + "."),
)

# ---- Bằng khen của Thủ tướng Chính phủ (cá nhân) --------------------------------------------
CRITERIA += _both(
    BK_TTG, "sau-bang-khen-tinh", "prior_award_then_years",
    "Đã được tặng Bằng khen cấp bộ, ngành, tỉnh; 05 năm tiếp theo liên tục hoàn thành xuất sắc nhiệm vụ",
    en="Already awarded a ministerial/provincial Certificate of Merit, then excellently completed "
       "duties for the next 5 years in a row",
    params={"after": [BK_TINH], "years": 5, "min": "htxs", "reset_by": [BK_TTG], "exclude_thematic": True},
    order=10,
    old=(ND_91, "Điều 38", "", "Khen theo đợt, chuyên đề không tính làm điều kiện khen cấp Nhà nước. Số điều: "
         + VERIFY + "."),
    new=(LAW_2022, "Điều 71", "", "Khen theo đợt, chuyên đề không tính làm điều kiện khen cấp Nhà nước. Số điều: "
         + VERIFY + "."),
)
CRITERIA += _both(
    BK_TTG, "nam-sang-kien", "initiatives_in_window",
    "Trong 05 năm đó có 05 sáng kiến được công nhận, áp dụng hiệu quả phạm vi cơ sở",
    en="In those 5 years, 5 initiatives recognised and applied effectively at grassroots level",
    params={"min_scope": "co_so", "min_count": 5, "window_years": 5, "reset_by": [BK_TTG], **_INIT}, order=20,
    old=(ND_91, "Điều 38", "", VERIFY + "."), new=(LAW_2022, "Điều 71", "", VERIFY + "."),
)

# ---- Huân chương Lao động hạng Ba (cá nhân) --------------------------------------------------
CRITERIA += _both(
    HCLD3, "sau-bang-khen-ttg", "prior_award_then_years",
    "Đã được tặng Bằng khen của Thủ tướng Chính phủ; 05 năm tiếp theo liên tục hoàn thành xuất sắc nhiệm vụ",
    en="Already awarded the Prime Minister's Certificate of Merit, then excellently completed "
       "duties for the next 5 years in a row",
    params={"after": [BK_TTG], "years": 5, "min": "htxs", "reset_by": [HCLD3], "exclude_thematic": True}, order=10,
    old=(LAW_2003, "Điều 44", "", "Số điều (Luật sửa đổi 2013): " + VERIFY + "."),
    new=(LAW_2022, "Điều 45", "", "Số điều: " + VERIFY + "."),
)
CRITERIA += _both(
    HCLD3, "cstd-tinh-trong-thoi-gian", "titles_in_window",
    "Trong thời gian đó được tặng danh hiệu «Chiến sĩ thi đua cấp bộ, ngành, tỉnh»",
    en="In that time, awarded the «Ministerial/Provincial Emulation Fighter» title",
    params={"title": CSTD_TINH, "min_count": 1, "window_years": 5, "current_year": "record",
            "exclude_thematic": True}, order=20,
    old=(LAW_2003, "Điều 44", "", "Số lần CSTĐ cấp bộ/tỉnh (01 hay 02) và phương án thay thế bằng sáng kiến: "
         + VERIFY + "."),
    new=(LAW_2022, "Điều 45", "", "Số lần CSTĐ cấp bộ/tỉnh (01 hay 02) và phương án thay thế bằng sáng kiến: "
         + VERIFY + "."),
)

# ---- Tập thể lao động tiên tiến ----------------------------------------------------------------
CRITERIA += _reg(TT_LDTT)
_ART28 = "Số điều trong Luật 2022: " + VERIFY + "."
CRITERIA += _both(
    TT_LDTT, "xep-loai-tap-the", "unit_rating", "Tập thể hoàn thành tốt nhiệm vụ và kế hoạch được giao",
    en="The collective well completed its assigned duties and plan",
    params={"min": "htt"}, order=10,
    old=(LAW_2003, "Điều 28", "khoản 1 điểm a", ""), new=(LAW_2022, "Điều 28", "khoản 1 điểm a", _ART28),
)
CRITERIA += _both(
    TT_LDTT, "tren-50-ldtt", "member_share_with_title",
    "Có trên 50% cá nhân trong tập thể đạt danh hiệu «Lao động tiên tiến»",
    en="More than 50% of the collective's members awarded «Advanced Worker»",
    params={"title": LDTT, "min_share": "0.5", "strict": True}, order=20,
    old=(LAW_2003, "Điều 28", "khoản 1 điểm c", ""), new=(LAW_2022, "Điều 28", "khoản 1", _ART28),
)
CRITERIA += _both(
    TT_LDTT, "khong-ky-luat-canh-cao", "no_member_disciplined_at_or_above",
    "Không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên trong năm học",
    en="No member given disciplinary action of warning or heavier during the school year",
    params={"form": "canh_cao"}, order=30,
    old=(LAW_2003, "Điều 28", "khoản 1 điểm c", ""), new=(LAW_2022, "Điều 28", "khoản 1", _ART28),
)

# ---- Tập thể lao động xuất sắc -----------------------------------------------------------------
CRITERIA += _reg(TT_LDXS)
_ART27 = "Số điều trong Luật 2022: " + VERIFY + "."
CRITERIA += _both(
    TT_LDXS, "xep-loai-tap-the", "unit_rating", "Tập thể hoàn thành xuất sắc nhiệm vụ được giao",
    en="The collective excellently completed its assigned duties",
    params={"min": "htxs"}, order=10,
    old=(LAW_2003, "Điều 27", "khoản 1", ""), new=(LAW_2022, "Điều 27", "khoản 1", _ART27),
)
CRITERIA += _both(
    TT_LDXS, "tat-ca-hoan-thanh", "all_members_complete", "Có 100% cá nhân trong tập thể hoàn thành nhiệm vụ được giao",
    en="100% of the collective's members completed their assigned duties",
    params={"min": "ht"}, order=20,
    old=(LAW_2003, "Điều 27", "khoản 1", ""), new=(LAW_2022, "Điều 27", "khoản 1", _ART27),
)
CRITERIA += _both(
    TT_LDXS, "70-ldtt", "member_share_with_title",
    "Có ít nhất 70% cá nhân trong tập thể đạt danh hiệu «Lao động tiên tiến»",
    en="At least 70% of the collective's members awarded «Advanced Worker»",
    params={"title": LDTT, "min_share": "0.7", "strict": False}, order=30,
    old=(LAW_2003, "Điều 27", "khoản 1", ""), new=(LAW_2022, "Điều 27", "khoản 1", _ART27),
)
CRITERIA += _both(
    TT_LDXS, "co-cstdcs", "at_least_n_members_with_title",
    "Có cá nhân đạt danh hiệu «Chiến sĩ thi đua cơ sở»",
    en="At least one member awarded «Grassroots Emulation Fighter»",
    params={"title": CSTDCS, "min_count": 1}, order=40,
    old=(LAW_2003, "Điều 27", "khoản 1", ""), new=(LAW_2022, "Điều 27", "khoản 1", _ART27),
)
CRITERIA += _both(
    TT_LDXS, "khong-ky-luat-canh-cao", "no_member_disciplined_at_or_above",
    "Không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên trong năm học",
    en="No member given disciplinary action of warning or heavier during the school year",
    params={"form": "canh_cao"}, order=50,
    old=(LAW_2003, "Điều 27", "khoản 1", ""), new=(LAW_2022, "Điều 27", "khoản 1", _ART27),
)

# ---- Cờ thi đua cấp bộ, ngành, tỉnh -------------------------------------------------------------
CRITERIA += _reg(CO_TINH)
CRITERIA += _both(
    CO_TINH, "xep-loai-tap-the", "unit_rating",
    "Hoàn thành vượt mức các chỉ tiêu thi đua và nhiệm vụ được giao (xếp loại hoàn thành xuất sắc)",
    en="Exceeded its emulation targets and assigned duties (rated excellently completed)",
    params={"min": "htxs"}, order=10,
    old=(LAW_2003, "Điều 26", "", "Số điều: " + VERIFY + "."), new=(LAW_2022, "Điều 26", "", "Số điều: " + VERIFY + "."),
)
CRITERIA += _both(
    CO_TINH, "dat-ttldxs", "meets_title",
    "Là tập thể tiêu biểu trong số các tập thể đạt «Tập thể lao động xuất sắc» (kể cả đăng ký danh hiệu đó)",
    en="An exemplary collective among those meeting «Excellent Collective» (including having registered "
       "for that title)",
    params={"title": TT_LDXS, "except_rules": []}, order=20,
    old=(ND_91, "", "", "Điều kiện lựa chọn trong số tập thể đạt TTLĐXS: " + VERIFY + "."),
    new=(ND_98, "", "", "Điều kiện lựa chọn trong số tập thể đạt TTLĐXS: " + VERIFY + "."),
)
CRITERIA += _both(
    CO_TINH, "hoi-dong", "council_judgement",
    "Tập thể tiêu biểu xuất sắc, dẫn đầu cụm/khối thi đua; có nhân tố mới, mô hình mới để học tập",
    en="An outstanding, exemplary collective leading its emulation cluster/bloc, with new ideas and "
       "models for others to learn from",
    **_COUNCIL,
    params={"what": "kết quả suy tôn của cụm/khối thi đua và đánh giá của Hội đồng",
            "what_en": "the emulation cluster/bloc's vote of honour and the Council's assessment"},
    old=(LAW_2003, "Điều 26", "", ""), new=(LAW_2022, "Điều 26", "", ""),
)

# ---- Cờ thi đua của Chính phủ ------------------------------------------------------------------
CRITERIA += _reg(CO_CP)
CRITERIA += _both(
    CO_CP, "dat-co-tinh", "meets_title",
    "Được lựa chọn trong số tập thể đạt «Cờ thi đua cấp bộ, ngành, tỉnh» của năm học",
    en="Chosen from the collectives meeting «Ministerial/Provincial Emulation Flag» for the school year",
    params={"title": CO_TINH, "except_rules": []}, order=10,
    old=(LAW_2003, "Điều 25", "", "Điều kiện lựa chọn và tỷ lệ: " + VERIFY + "."),
    new=(LAW_2022, "Điều 25", "", "Điều kiện lựa chọn và tỷ lệ: " + VERIFY + "."),
)
CRITERIA += _both(
    CO_CP, "hoi-dong", "council_judgement",
    "Tập thể tiêu biểu xuất sắc nhất trong toàn quốc; có nhân tố mới, mô hình mới",
    en="Among the most outstanding, exemplary collectives nationwide, with new ideas and models",
    **_COUNCIL,
    params={"what": "đánh giá của Hội đồng Thi đua – Khen thưởng các cấp",
            "what_en": "the assessment of the Emulation and Commendation Councils at each level"},
    old=(LAW_2003, "Điều 25", "", ""), new=(LAW_2022, "Điều 25", "", ""),
)

# ---- Giấy khen, Bằng khen (tập thể) ------------------------------------------------------------
CRITERIA += _both(
    GIAY_KHEN_TT, "xep-loai-tap-the", "unit_rating", "Tập thể hoàn thành tốt nhiệm vụ trong năm học (khen hằng năm)",
    en="The collective well completed its duties during the school year (annual commendation)",
    params={"min": "htt"}, order=10, old=(ND_91, "", "", _GK_NOTE),
    new=(LAW_2022, "Điều 75", "khoản 1", _GK_NOTE_2022),
)
CRITERIA += _both(
    BK_TINH_TT, "hai-nam-htxs", "consecutive_ratings", "02 năm liên tục hoàn thành xuất sắc nhiệm vụ",
    en="Excellently completed duties 2 years in a row",
    params={"min": "htxs", "years": 2, "reset_by": [BK_TINH_TT]}, order=10,
    old=(ND_91, "Điều 39", "khoản 2", "Căn cứ khen thưởng hằng năm; " + VERIFY + "."),
    new=(ND_98, "", "", "Căn cứ khen thưởng hằng năm; " + VERIFY + "."),
)
CRITERIA += _both(
    BK_TTG_TT, "sau-bang-khen-tinh", "prior_award_then_years",
    "Đã được tặng Bằng khen cấp bộ, ngành, tỉnh; 05 năm tiếp theo liên tục hoàn thành xuất sắc nhiệm vụ",
    en="Already awarded a ministerial/provincial Certificate of Merit, then excellently completed "
       "duties for the next 5 years in a row",
    params={"after": [BK_TINH_TT], "years": 5, "min": "htxs", "reset_by": [BK_TTG_TT], "exclude_thematic": True},
    order=10,
    old=(ND_91, "Điều 38", "", "Tiêu chuẩn tập thể (số năm, điều kiện kèm theo như Cờ thi đua): " + VERIFY + "."),
    new=(LAW_2022, "Điều 71", "", "Tiêu chuẩn tập thể (số năm, điều kiện kèm theo như Cờ thi đua): " + VERIFY + "."),
)


# ---- No award while a discipline case is pending (NĐ 152/2025 Điều 4 khoản 4), every award of a person or a
# collective ("cá nhân, tập thể") --------
CRITERIA += [_pending_discipline(code) for code in (LDTT, CSTDCS, CSTD_TINH, CSTD_TQ, GIAY_KHEN, BK_TINH, BK_TTG,
                                                      HCLD3)]
CRITERIA += [_pending_discipline(code, collective=True)
             for code in (TT_LDTT, TT_LDXS, CO_TINH, CO_CP, GIAY_KHEN_TT, BK_TINH_TT, BK_TTG_TT)]


# Rows an earlier release wrote that the law does not have (a misreading, not a change of law): the
# loader removes them. CSTĐCS from 2024 needs no initiative when the rating is HTXS, and has no 15% cap.
RETIRED = [(CSTDCS, "sang-kien", NEW[0]), (CSTDCS, "ty-le-15", NEW[0])]


# --------------------------------------------------------------------------- loader


def load_catalogue() -> int:
    """Create or update the award types and criterion rows; returns the number of rows in
    the catalogue. Idempotent: award types are keyed by ``code``, criteria by (award type,
    code, effective_from); rows an administrator added by hand are left alone. A handful of
    queries whatever the size (tdkt.core.dated.sync_rows)."""
    from .models import AwardType, Criterion

    # One declaration of an award type's fields: the row's own (AwardTypeRow mirrors the model's columns).
    sync_rows(AwardType, ({**asdict(row), "aliases": list(row.aliases), "active": True} for row in AWARD_TYPES),
              key=["code"])
    types = {a.code: a for a in AwardType.objects.filter(code__in=[r.code for r in AWARD_TYPES])}
    sync_rows(Criterion, (
        {"award_type": types[row.award], "code": row.code, "effective_from": row.period[0],
         "rule": row.rule, "params": row.params, "description": row.description,
         "description_en": row.description_en, "effective_to": row.period[1],
         "citation_document": row.document, "citation_article": row.article, "citation_clause": row.clause,
         "blocking": row.blocking, "order": row.order, "note": row.note} for row in CRITERIA),
        key=["award_type", "code", "effective_from"],
        retired=[{"award_type": types[award], "code": code, "effective_from": start}
                 for award, code, start in RETIRED if award in types])
    return len(AWARD_TYPES) + len(CRITERIA)


def award_type_from_alias(text: str, subject: str | None = None):
    """The AwardType a spreadsheet cell names ("LĐTT", "Bằng khen UBND tỉnh"...), or None.

    Matching ignores accents and case. Some names serve both individuals and
    collectives ("Giấy khen"); pass ``subject`` (ca_nhan / tap_the) to choose.
    """
    from .models import AwardType

    wanted = fold(text)
    if not wanted:
        return None
    matches = []
    for at in AwardType.objects.filter(active=True):
        names = {fold(n) for n in (at.code, at.name, at.abbreviation, *(at.aliases or [])) if n}
        if at.subject == SubjectKind.COLLECTIVE:
            # "Giấy khen" on a sheet of collectives means the collective form.
            names |= {" ".join(n.replace("(tap the)", "").split()) for n in names}
        if wanted in names:
            matches.append(at)
    if subject:
        matches = [m for m in matches if m.subject == subject] or matches
    if len(matches) > 1:
        # Prefer the individual form when the cell does not say "tập thể".
        individual = [m for m in matches if m.subject == SubjectKind.INDIVIDUAL]
        matches = individual or matches
    return matches[0] if matches else None
