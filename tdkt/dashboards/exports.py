"""XLSX downloads of the dashboard tables and the histories (Vietnamese headers),
streamed through tdkt.documents.xlsx."""

from __future__ import annotations

from django.utils.text import slugify

from tdkt.core.vi import fold
from tdkt.documents.xlsx import XlsxColumn, xlsx_stream_response

from .selectors import Overview, PersonHistory, UnitHistory


def _pct(value):
    # The XLSX percent format expects a fraction: 62.5% is stored as 0.625.
    return None if value is None else value / 100


def _slug(text: str) -> str:
    return slugify(fold(text))[:60] or "bao-cao"


UNIT_TABLE = [
    XlsxColumn("STT", "int", 6), XlsxColumn("Đơn vị", "text", 40), XlsxColumn("Số CB-GV-NV", "int", 12),
    XlsxColumn("Đăng ký LĐTT", "int", 12), XlsxColumn("Tỷ lệ đăng ký LĐTT", "percent", 12),
    XlsxColumn("Đăng ký CSTĐCS", "int", 12), XlsxColumn("Tỷ lệ đăng ký CSTĐCS", "percent", 12),
    XlsxColumn("Tập thể đăng ký", "int", 12), XlsxColumn("Dòng đề nghị đã gửi", "int", 12),
    XlsxColumn("Đề nghị đã có quyết định", "int", 12), XlsxColumn("Tỷ lệ được khen trên đề nghị", "percent", 12),
    XlsxColumn("Dòng quyết định khen", "int", 12), XlsxColumn("Tiền thưởng (đồng)", "money", 16),
    XlsxColumn("Đạt LĐTT", "int", 10), XlsxColumn("Tỷ lệ đạt LĐTT", "percent", 12),
    XlsxColumn("Tỷ lệ HT tốt NV trở lên", "percent", 12), XlsxColumn("Nộp muộn / chưa nộp", "text", 50),
]

TITLE_TABLE = [
    XlsxColumn("STT", "int", 6), XlsxColumn("Danh hiệu / hình thức", "text", 40), XlsxColumn("Đối tượng", "text", 10),
    XlsxColumn("Đăng ký", "int", 10), XlsxColumn("Dòng đề nghị", "int", 10), XlsxColumn("Chờ thẩm định", "int", 10),
    XlsxColumn("Chấp nhận", "int", 10), XlsxColumn("Không chấp nhận", "int", 10),
    XlsxColumn("Đề nghị đã có quyết định", "int", 12), XlsxColumn("Dòng quyết định khen", "int", 12),
    XlsxColumn("Tiền thưởng (đồng)", "money", 16), XlsxColumn("Đạt (hồ sơ thành tích)", "int", 12),
]

LATE_TABLE = [
    XlsxColumn("STT", "int", 6), XlsxColumn("Đơn vị", "text", 40), XlsxColumn("Hồ sơ", "text", 50),
    XlsxColumn("Tình trạng", "text", 22), XlsxColumn("Hạn nộp", "date", 12), XlsxColumn("Ngày gửi", "datetime", 17),
]


def _unit_row(i, row):
    late = "; ".join(f"{x.kind_label}: {x.what}" for x in row.late)
    return (i, row.label, row.staff, row.reg_ldtt, _pct(row.rate_reg_ldtt), row.reg_cstdcs, _pct(row.rate_reg_cstdcs),
            row.reg_collective, row.proposed, row.proposed_decided, _pct(row.rate_decided), row.decided_total,
            row.money, row.attained_ldtt, _pct(row.rate_attained_ldtt), _pct(row.rate_rated_good), late)


def overview_xlsx(data: Overview, table: str = ""):
    """``table``: "" (per lower unit, with the total), "danh-hieu" (by title) or "muon" (late units)."""
    where = f"{data.unit.name} – năm học {data.school_year.label}"
    name = f"thong-ke-{_slug(data.unit.name)}-{data.school_year.label}"
    if table == "danh-hieu":
        rows = [(i, t.award_type.name, t.award_type.get_subject_display(), t.registered, t.proposed, t.pending,
                 t.accepted, t.rejected, t.proposed_decided, t.decided, t.money, t.attained)
                for i, t in enumerate(data.titles, start=1)]
        return xlsx_stream_response(f"{name}-danh-hieu.xlsx", TITLE_TABLE, rows,
                                    title=f"Thống kê theo danh hiệu – {where}")
    if table == "muon":
        rows = [(i, x.unit.name, x.what, x.kind_label, x.deadline, x.sent_at) for i, x in enumerate(data.late, 1)]
        return xlsx_stream_response(f"{name}-don-vi-muon.xlsx", LATE_TABLE, rows,
                                    title=f"Đơn vị nộp muộn, chưa nộp – {where}")
    rows = [_unit_row(i, r) for i, r in enumerate(data.rows, start=1)]
    rows.append(_unit_row(None, data.total))
    return xlsx_stream_response(f"{name}.xlsx", UNIT_TABLE, rows, title=f"Thống kê theo đơn vị – {where}")


PERSON_TABLE = [
    XlsxColumn("Năm học", "text", 11), XlsxColumn("Loại", "text", 20), XlsxColumn("Nội dung", "text", 50),
    XlsxColumn("Đơn vị", "text", 36), XlsxColumn("Số quyết định", "text", 16), XlsxColumn("Ngày", "date", 12),
    XlsxColumn("Cơ quan ban hành", "text", 30), XlsxColumn("Ghi chú", "text", 50),
]


def _revocation(a) -> str:
    if not a.revoked_on:
        return ""
    parts = [f"Đã hủy bỏ ngày {a.revoked_on:%d/%m/%Y}"]
    if a.revocation_decision:
        parts.append(f"theo {a.revocation_decision}")
    if a.revocation_reason:
        parts.append(f"lý do: {a.revocation_reason}")
    return ", ".join(parts) + "; không tính"


def person_rows(h: PersonHistory):
    for y in h.years:
        label = y.school_year.label
        for e in y.posts:
            end = f"{e.end_date:%d/%m/%Y}" if e.end_date else "nay"
            yield (label, "Công tác", f"{e.get_position_display()} ({e.start_date:%d/%m/%Y} – {end})", e.unit.name,
                   "", None, "", e.title_note)
        if y.rating:
            yield (label, "Xếp loại", y.rating.get_rating_display(), y.rating.unit.name if y.rating.unit else "", "",
                   None, "", y.rating.note)
        for a in y.awards:
            yield (label, "Danh hiệu, khen thưởng", a.award_type.name, a.unit.name if a.unit else "",
                   a.decision_number, a.decision_date, a.issuer, _revocation(a))
        for line in y.initiatives:
            i = line.initiative
            state = "được công nhận" if i.recognized else "chưa được công nhận"
            yield (label, i.get_kind_display(), f"{i.title} ({state}, {i.get_scope_display().lower()})",
                   i.unit.name if i.unit else "", i.decision_number, i.decision_date, i.recognizing_body,
                   f"Tỷ lệ đóng góp {line.share_label}")
        for d in y.disciplines:
            yield (label, "Kỷ luật", d.get_form_display(), "", d.decision_number, d.decision_date, d.issuer, d.reason)
    for a in h.undated_awards:
        yield ("", "Danh hiệu, khen thưởng", a.award_type.name, a.unit.name if a.unit else "", a.decision_number,
               a.decision_date, a.issuer, _revocation(a))


def person_xlsx(h: PersonHistory):
    return xlsx_stream_response(f"qua-trinh-{_slug(h.person.full_name)}.xlsx", PERSON_TABLE, person_rows(h),
                                title=f"Quá trình thi đua, khen thưởng – {h.person.full_name}")


UNIT_HISTORY_TABLE = [
    XlsxColumn("Năm học", "text", 11), XlsxColumn("Loại", "text", 28), XlsxColumn("Nội dung", "text", 50),
    XlsxColumn("Số lượng", "int", 10), XlsxColumn("Số quyết định", "text", 16), XlsxColumn("Ngày", "date", 12),
    XlsxColumn("Ghi chú", "text", 50),
]


def unit_rows(h: UnitHistory):
    for y in h.years:
        label = y.school_year.label
        yield (label, "Số CB-GV-NV", "", y.staff, "", None, "")
        if y.rating:
            yield (label, "Xếp loại tập thể", y.rating.get_rating_display(), None, "", None, y.rating.note)
        for a in y.awards:
            yield (label, "Danh hiệu, khen thưởng tập thể", a.award_type.name, None, a.decision_number,
                   a.decision_date, _revocation(a))
        for t, n in y.staff_titles:
            yield (label, "Cá nhân đạt", t.name, n, "", None, "")
    for a in h.undated_awards:
        yield ("", "Danh hiệu, khen thưởng tập thể", a.award_type.name, None, a.decision_number, a.decision_date,
               _revocation(a))


def unit_xlsx(h: UnitHistory):
    return xlsx_stream_response(f"qua-trinh-{_slug(h.unit.name)}.xlsx", UNIT_HISTORY_TABLE, unit_rows(h),
                                title=f"Quá trình thi đua, khen thưởng – {h.unit.name}")


LOOKUP_TABLE = [XlsxColumn("STT", "int", 6), XlsxColumn("Họ và tên", "text", 30), XlsxColumn("Ngày sinh", "date", 12),
                XlsxColumn("Giới tính", "text", 9), XlsxColumn("Đơn vị công tác hiện nay", "text", 50)]


def lookup_xlsx(people, query: str):
    """The people found, all pages, in list order (read in chunks: memory stays flat)."""
    rows = ((i, p.full_name, p.birth_date, p.get_gender_display(), "; ".join(e.unit.name for e in p.current_posts))
            for i, p in enumerate(people.iterator(chunk_size=2000), start=1))
    return xlsx_stream_response(f"tra-cuu-{_slug(query)}.xlsx", LOOKUP_TABLE, rows,
                                title=f"Kết quả tra cứu «{query}»")
