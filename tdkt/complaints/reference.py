"""The time limits of Luật Khiếu nại 2011 and Luật Tố cáo 2018 (as amended), and the calendar of days off, as
dated rows with their citations (../shared/STANDARDS_NOTES.md §1–2 has what was read and how sure it is).

``load_time_limits()`` is idempotent (keyed by kind, step, instance, area, complexity and effective date) and runs
from ``tdkt load_reference``. A plain "ngày" of the Laws is counted as calendar days — the Laws use "ngày làm việc"
where they mean working days (Luật Tố cáo Điều 24 beside Điều 30) — a reading still to confirm, said in ``note``.
"""

from __future__ import annotations

import datetime as dt

from tdkt.core.dated import sync_rows

from .choices import CalendarKind, DayUnit, LetterKind, Step
from .models import CalendarDay, TimeLimitRule

D = dt.date
KN_FROM = D(2012, 7, 1)  # Luật Khiếu nại 02/2011/QH13 in force 01/07/2012
TC_FROM = D(2019, 1, 1)  # Luật Tố cáo 25/2018/QH14 in force 01/01/2019
AMENDED_FROM = D(2026, 7, 1)  # Luật 136/2025/QH15 and NĐ 155/2026/NĐ-CP, NĐ 156/2026/NĐ-CP in force 01/07/2026
LUAT_KN = "Luật Khiếu nại số 02/2011/QH13"
LUAT_TC = "Luật Tố cáo số 25/2018/QH14"
ND155 = "Nghị định 155/2026/NĐ-CP (sửa đổi Nghị định 124/2020/NĐ-CP)"
CALENDAR_NOTE = ("«ngày» của Luật được tính là ngày theo lịch (Luật dùng «ngày làm việc» khi muốn nói ngày làm việc); "
                 "cần đối chiếu ý kiến pháp lý. Ngày cuối rơi vào ngày nghỉ thì kết thúc vào ngày làm việc tiếp theo "
                 "(Bộ luật Dân sự 2015, Điều 148 khoản 5).")
RECEIPT, ACCEPTANCE = "ngày nhận đơn", "ngày thụ lý"


def _kn(step, instance, days, unit, art, clause, *, remote=False, complex=False, start=KN_FROM, end=None,
        doc=LUAT_KN, starts=ACCEPTANCE, note=""):
    return dict(kind=LetterKind.COMPLAINT, step=step, instance=instance, remote=remote, complex=complex, days=days,
                unit=unit, starts_from=starts, effective_from=start, effective_to=end, citation_document=doc,
                citation_article=art, citation_clause=clause, note=note)


def _tc(step, days, unit, art, clause, *, complex=False, remote=False, start=TC_FROM, starts=ACCEPTANCE, note=""):
    return dict(kind=LetterKind.DENUNCIATION, step=step, instance=1, remote=remote, complex=complex, days=days,
                unit=unit, starts_from=starts, effective_from=start, effective_to=None, citation_document=LUAT_TC,
                citation_article=art, citation_clause=clause, note=note)


CAL, WORK = DayUnit.CALENDAR, DayUnit.WORKING
_ACCEPT_NOTE = ("Luật ghi «10 ngày»; hướng dẫn (Thông tư 07/2013/TT-TTCP Điều 5 khoản 1, sửa đổi bởi Thông tư "
                "02/2016/TT-TTCP) tính 10 ngày làm việc; cần đối chiếu văn bản hướng dẫn thay thế.")

TIME_LIMITS = [
    # Thời hiệu: 90 days from receiving or learning of the decision (the time lost to illness etc. is not counted).
    _kn(Step.STATUTE, 1, 90, CAL, "Điều 9", "", starts="ngày nhận được hoặc biết được quyết định, hành vi",
        note=CALENDAR_NOTE),
    # Thụ lý: 10 working days (guidance) until 30/06/2026; 07 working days from 01/07/2026 (NĐ 155/2026 Điều 10).
    *(_kn(Step.ACCEPTANCE, i, 10, WORK, art, "khoản 1", starts=RECEIPT, end=AMENDED_FROM - dt.timedelta(days=1),
          note=_ACCEPT_NOTE) for i, art in ((1, "Điều 27"), (2, "Điều 36"))),
    # NĐ 155/2026 Điều 10 rewrites NĐ 124/2020 Điều 16 khoản 1 (the article fields hold 50 characters).
    *(_kn(Step.ACCEPTANCE, i, 7, WORK, "Điều 10", "", start=AMENDED_FROM,
          doc=ND155 + ", sửa Điều 16 khoản 1 Nghị định 124/2020/NĐ-CP", starts=RECEIPT) for i in (1, 2)),
    # Giải quyết lần đầu (Điều 28): 30 / 45 complex; remote areas 45 / 60.
    _kn(Step.RESOLUTION, 1, 30, CAL, "Điều 28", "", note=CALENDAR_NOTE),
    _kn(Step.RESOLUTION, 1, 45, CAL, "Điều 28", "", complex=True, note=CALENDAR_NOTE),
    _kn(Step.RESOLUTION, 1, 45, CAL, "Điều 28", "đoạn 2", remote=True, note=CALENDAR_NOTE),
    _kn(Step.RESOLUTION, 1, 60, CAL, "Điều 28", "đoạn 2", remote=True, complex=True, note=CALENDAR_NOTE),
    # Giải quyết lần hai (Điều 37): 45 / 60 complex; remote areas 60 / 70.
    _kn(Step.RESOLUTION, 2, 45, CAL, "Điều 37", "", note=CALENDAR_NOTE),
    _kn(Step.RESOLUTION, 2, 60, CAL, "Điều 37", "", complex=True, note=CALENDAR_NOTE),
    _kn(Step.RESOLUTION, 2, 60, CAL, "Điều 37", "đoạn 2", remote=True, note=CALENDAR_NOTE),
    _kn(Step.RESOLUTION, 2, 70, CAL, "Điều 37", "đoạn 2", remote=True, complex=True, note=CALENDAR_NOTE),
    # Tố cáo: xử lý ban đầu 07 working days (10 when checks span several places), resolution 30 days, extensions.
    _tc(Step.ACCEPTANCE, 7, WORK, "Điều 24", "khoản 1", starts=RECEIPT),
    _tc(Step.ACCEPTANCE, 10, WORK, "Điều 24", "khoản 1", complex=True, starts=RECEIPT,
        note="Trường hợp phải kiểm tra, xác minh tại nhiều địa điểm."),
    _tc(Step.RESOLUTION, 30, CAL, "Điều 30", "khoản 1", note=CALENDAR_NOTE),
    # One extension of up to 30 days for a complex case; two for an especially complex one (khoản 2, 3).
    _tc(Step.EXTENSION, 30, CAL, "Điều 30", "khoản 2", note="Vụ việc phức tạp: gia hạn một lần; đặc biệt phức tạp: "
        "gia hạn hai lần (khoản 3), mỗi lần không quá 30 ngày. Quyết định gia hạn thông báo cho người tố cáo, người bị "
        "tố cáo."),
]

_BLLD = "Bộ luật Lao động số 45/2019/QH14, Điều 112 khoản 1"
_FIXED = [((1, 1), "Tết Dương lịch"), ((4, 30), "Ngày Chiến thắng"), ((5, 1), "Ngày Quốc tế lao động"),
          ((9, 2), "Quốc khánh")]
_VPCP_2026 = "Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ"
_TET_2026 = "Thông báo lịch nghỉ Tết Âm lịch Bính Ngọ 2026 (Thủ tướng Chính phủ quyết định theo Điều 112 khoản 3)"

CALENDAR = [
    # The solar holidays the Code fixes, for the years TĐKT runs in.
    *(dict(day=D(y, m, d), kind=CalendarKind.DAY_OFF, name=name, citation=_BLLD, note="")
      for y in (2025, 2026, 2027) for (m, d), name in _FIXED),
    # 2026 as announced (the Prime Minister fixes Tết and the second day of 2/9 each year).
    dict(day=D(2026, 1, 2), kind=CalendarKind.DAY_OFF, name="Nghỉ hoán đổi Tết Dương lịch", citation=_VPCP_2026,
         note="Đổi với thứ Bảy 10/01/2026."),
    dict(day=D(2026, 1, 10), kind=CalendarKind.WORKING, name="Làm bù cho ngày 02/01/2026", citation=_VPCP_2026,
         note=""),
    *(dict(day=D(2026, 2, d), kind=CalendarKind.DAY_OFF, name="Tết Âm lịch Bính Ngọ", citation=_TET_2026,
           note="Nghỉ từ thứ Bảy 14/02 đến hết Chủ nhật 22/02/2026; cần đối chiếu văn bản gốc.")
      for d in range(14, 23)),
]


def load_time_limits() -> int:
    """Create or refresh the time-limit rows and the calendar's announced days. Safe to run many times; days an
    administrator added are kept."""
    n = sync_rows(TimeLimitRule, TIME_LIMITS, key=["kind", "step", "instance", "remote", "complex", "effective_from"])
    n += sync_rows(CalendarDay, CALENDAR, key=["day"])
    return n


# "Căn cứ" lines of a decision resolving a complaint, by the day of the decision (first day, last day or None).
RESOLUTION_BASES = [
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", D(2025, 7, 1), None),
    ("Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011;", KN_FROM, None),
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo số 136/2025/QH15;",
     AMENDED_FROM, None),
    ("Căn cứ Nghị định số 124/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính phủ quy định chi tiết một số điều và "
     "biện pháp thi hành Luật Khiếu nại;", D(2020, 12, 10), None),
    ("Căn cứ Nghị định số 155/2026/NĐ-CP của Chính phủ sửa đổi, bổ sung Nghị định số 124/2020/NĐ-CP;", AMENDED_FROM,
     None),
]


def resolution_bases(day: dt.date) -> list[str]:
    return [text for text, start, end in RESOLUTION_BASES if start <= day and (end is None or day <= end)]
