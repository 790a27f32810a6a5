"""XLSX downloads of the dashboard tables and the histories (headers and words in the reader's
language, as the pages), streamed through tdkt.core.xlsx."""

from __future__ import annotations

import dataclasses

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from tdkt.core.i18n import translated_columns
from tdkt.core.vi import fold
from tdkt.core.xlsx import XlsxColumn, xlsx_stream_response

from .selectors import Overview, PersonHistory, UnitHistory


def _pct(value):
    # The XLSX percent format expects a fraction: 62.5% is stored as 0.625.
    return None if value is None else value / 100


def _slug(text: str) -> str:
    return slugify(fold(text))[:60] or "bao-cao"


# Titles marked here, translated per export (tdkt.core.i18n.translated_columns).
UNIT_TABLE = [
    XlsxColumn(gettext_noop("STT"), "int", 6), XlsxColumn(gettext_noop("Đơn vị"), "text", 40),
    XlsxColumn(gettext_noop("Số CB-GV-NV"), "int", 12), XlsxColumn(gettext_noop("Đăng ký LĐTT"), "int", 12),
    XlsxColumn(gettext_noop("Tỷ lệ đăng ký LĐTT"), "percent", 12),
    XlsxColumn(gettext_noop("Đăng ký CSTĐCS"), "int", 12),
    XlsxColumn(gettext_noop("Tỷ lệ đăng ký CSTĐCS"), "percent", 12),
    XlsxColumn(gettext_noop("Tập thể đăng ký"), "int", 12),
    XlsxColumn(gettext_noop("Dòng đề nghị đã gửi"), "int", 12),
    XlsxColumn(gettext_noop("Đề nghị đã có quyết định"), "int", 12),
    XlsxColumn(gettext_noop("Tỷ lệ được khen trên đề nghị"), "percent", 12),
    XlsxColumn(gettext_noop("Dòng quyết định khen"), "int", 12),
    XlsxColumn(gettext_noop("Tiền thưởng (đồng)"), "money", 16),
    XlsxColumn(gettext_noop("Đạt LĐTT"), "int", 10), XlsxColumn(gettext_noop("Tỷ lệ đạt LĐTT"), "percent", 12),
    XlsxColumn(gettext_noop("Tỷ lệ HT tốt NV trở lên"), "percent", 12),
    XlsxColumn(gettext_noop("Nộp muộn / chưa nộp"), "text", 50)
]

TITLE_TABLE = [
    XlsxColumn(gettext_noop("STT"), "int", 6), XlsxColumn(gettext_noop("Danh hiệu / hình thức"), "text", 40),
    XlsxColumn(gettext_noop("Đối tượng"), "text", 10), XlsxColumn(gettext_noop("Đăng ký"), "int", 10),
    XlsxColumn(gettext_noop("Dòng đề nghị"), "int", 10), XlsxColumn(gettext_noop("Chờ thẩm định"), "int", 10),
    XlsxColumn(gettext_noop("Chấp nhận"), "int", 10), XlsxColumn(gettext_noop("Không chấp nhận"), "int", 10),
    XlsxColumn(gettext_noop("Đề nghị đã có quyết định"), "int", 12),
    XlsxColumn(gettext_noop("Dòng quyết định khen"), "int", 12),
    XlsxColumn(gettext_noop("Tiền thưởng (đồng)"), "money", 16),
    XlsxColumn(gettext_noop("Đạt (hồ sơ thành tích)"), "int", 12)
]

LATE_TABLE = [
    XlsxColumn(gettext_noop("STT"), "int", 6), XlsxColumn(gettext_noop("Đơn vị"), "text", 40),
    XlsxColumn(gettext_noop("Hồ sơ"), "text", 50), XlsxColumn(gettext_noop("Tình trạng"), "text", 22),
    XlsxColumn(gettext_noop("Hạn nộp"), "date", 12), XlsxColumn(gettext_noop("Ngày gửi"), "datetime", 17)
]


def _unit_row(i, row):
    late = "; ".join(f"{x.kind_label}: {x.what}" for x in row.late)
    return (i, row.label, row.staff, row.reg_ldtt, _pct(row.rate_reg_ldtt), row.reg_cstdcs, _pct(row.rate_reg_cstdcs),
            row.reg_collective, row.proposed, row.proposed_decided, _pct(row.rate_decided), row.decided_total,
            row.money, row.attained_ldtt, _pct(row.rate_attained_ldtt), _pct(row.rate_rated_good), late)


def overview_xlsx(data: Overview, table: str = ""):
    """``table``: "" (per lower unit, with the total), "danh-hieu" (by title) or "muon" (late units)."""
    where = _("%(unit)s – năm học %(year)s") % {"unit": data.unit.name, "year": data.school_year.label}
    name = f"thong-ke-{_slug(data.unit.name)}-{data.school_year.label}"
    if table == "danh-hieu":
        rows: list[tuple] = [(i, t.award_type.name, t.award_type.get_subject_display(), t.registered, t.proposed, t.pending,
                 t.accepted, t.rejected, t.proposed_decided, t.decided, t.money, t.attained)
                for i, t in enumerate(data.titles, start=1)]
        return xlsx_stream_response(f"{name}-danh-hieu.xlsx", translated_columns(TITLE_TABLE), rows,
                                    title=_("Thống kê theo danh hiệu – %(where)s") % {"where": where})
    if table == "muon":
        rows = [(i, x.unit.name, x.what, x.kind_label, x.deadline, x.sent_at) for i, x in enumerate(data.late, 1)]
        return xlsx_stream_response(f"{name}-don-vi-muon.xlsx", translated_columns(LATE_TABLE), rows,
                                    title=_("Đơn vị nộp muộn, chưa nộp – %(where)s") % {"where": where})
    rows = [_unit_row(i, r) for i, r in enumerate(data.rows, start=1)]
    rows.append(_unit_row(None, data.total))
    return xlsx_stream_response(f"{name}.xlsx", translated_columns(UNIT_TABLE), rows,
                                title=_("Thống kê theo đơn vị – %(where)s") % {"where": where})


# What one line of a history records (pgettext: "Nội dung" names other things elsewhere).
CONTENT = "Nội dung"


def _history_columns(table):
    content = pgettext("history line", "Nội dung")
    return translated_columns([dataclasses.replace(c, title=content) if c.title == CONTENT else c for c in table])


PERSON_TABLE = [
    XlsxColumn(gettext_noop("Năm học"), "text", 11), XlsxColumn(gettext_noop("Loại"), "text", 20),
    XlsxColumn(CONTENT, "text", 50), XlsxColumn(gettext_noop("Đơn vị"), "text", 36),
    XlsxColumn(gettext_noop("Số quyết định"), "text", 16), XlsxColumn(gettext_noop("Ngày"), "date", 12),
    XlsxColumn(gettext_noop("Cơ quan ban hành"), "text", 30), XlsxColumn(gettext_noop("Ghi chú"), "text", 50)
]


def _revocation(a) -> str:
    if not a.revoked_on:
        return ""
    parts = [_("Đã hủy bỏ ngày %(date)s") % {"date": f"{a.revoked_on:%d/%m/%Y}"}]
    if a.revocation_decision:
        parts.append(_("theo %(decision)s") % {"decision": a.revocation_decision})
    if a.revocation_reason:
        parts.append(_("lý do: %(reason)s") % {"reason": a.revocation_reason})
    return _("%(revocation)s; không tính") % {"revocation": ", ".join(parts)}


def person_rows(h: PersonHistory):
    post, rating, award, discipline = _("Công tác"), _("Xếp loại"), _("Danh hiệu, khen thưởng"), _("Kỷ luật")
    for y in h.years:
        label = y.school_year.label
        for e in y.posts:
            end = f"{e.end_date:%d/%m/%Y}" if e.end_date else _("nay")
            yield (label, post, f"{e.get_position_display()} ({e.start_date:%d/%m/%Y} – {end})", e.unit.name,
                   "", None, "", e.title_note)
        if y.rating:
            yield (label, rating, y.rating.get_rating_display(), y.rating.unit.name if y.rating.unit else "", "",
                   None, "", y.rating.note)
        for a in y.awards:
            yield (label, award, a.award_type.name, a.unit.name if a.unit else "",
                   a.decision_number, a.decision_date, a.issuer, _revocation(a))
        for line in y.initiatives:
            i = line.initiative
            state = _("được công nhận") if i.recognized else _("chưa được công nhận")
            yield (label, i.get_kind_display(), f"{i.title} ({state}, {i.get_scope_display().lower()})",
                   i.unit.name if i.unit else "", i.decision_number, i.decision_date, i.recognizing_body,
                   _("Tỷ lệ đóng góp %(share)s") % {"share": line.share_label})
        for d in y.disciplines:
            yield (label, discipline, d.get_form_display(), "", d.decision_number, d.decision_date, d.issuer,
                   d.reason)
    for a in h.undated_awards:
        yield ("", award, a.award_type.name, a.unit.name if a.unit else "", a.decision_number,
               a.decision_date, a.issuer, _revocation(a))


def person_xlsx(h: PersonHistory):
    return xlsx_stream_response(f"qua-trinh-{_slug(h.person.full_name)}.xlsx", _history_columns(PERSON_TABLE),
                                person_rows(h),
                                title=_("Quá trình thi đua, khen thưởng – %(name)s") % {"name": h.person.full_name})


UNIT_HISTORY_TABLE = [
    XlsxColumn(gettext_noop("Năm học"), "text", 11), XlsxColumn(gettext_noop("Loại"), "text", 28),
    XlsxColumn(CONTENT, "text", 50), XlsxColumn(gettext_noop("Số lượng"), "int", 10),
    XlsxColumn(gettext_noop("Số quyết định"), "text", 16), XlsxColumn(gettext_noop("Ngày"), "date", 12),
    XlsxColumn(gettext_noop("Ghi chú"), "text", 50)
]


def unit_rows(h: UnitHistory):
    staff, rating, award, attained = (_("Số CB-GV-NV"), _("Xếp loại tập thể"), _("Danh hiệu, khen thưởng tập thể"),
                                      _("Cá nhân đạt"))
    for y in h.years:
        label = y.school_year.label
        yield (label, staff, "", y.staff, "", None, "")
        if y.rating:
            yield (label, rating, y.rating.get_rating_display(), None, "", None, y.rating.note)
        for a in y.awards:
            yield (label, award, a.award_type.name, None, a.decision_number, a.decision_date, _revocation(a))
        for t, n in y.staff_titles:
            yield (label, attained, t.name, n, "", None, "")
    for a in h.undated_awards:
        yield ("", award, a.award_type.name, None, a.decision_number, a.decision_date, _revocation(a))


def unit_xlsx(h: UnitHistory):
    return xlsx_stream_response(f"qua-trinh-{_slug(h.unit.name)}.xlsx", _history_columns(UNIT_HISTORY_TABLE),
                                unit_rows(h),
                                title=_("Quá trình thi đua, khen thưởng – %(name)s") % {"name": h.unit.name})


LOOKUP_TABLE = [
    XlsxColumn(gettext_noop("STT"), "int", 6), XlsxColumn(gettext_noop("Họ và tên"), "text", 30),
    XlsxColumn(gettext_noop("Ngày sinh"), "date", 12), XlsxColumn(gettext_noop("Giới tính"), "text", 9),
    XlsxColumn(gettext_noop("Đơn vị công tác hiện nay"), "text", 50)
]


def lookup_xlsx(people, query: str):
    """The people found, all pages, in list order (read in chunks: memory stays flat)."""
    rows = ((i, p.full_name, p.birth_date, p.get_gender_display(), "; ".join(e.unit.name for e in p.current_posts))
            for i, p in enumerate(people.iterator(chunk_size=2000), start=1))
    return xlsx_stream_response(f"tra-cuu-{_slug(query)}.xlsx", translated_columns(LOOKUP_TABLE), rows,
                                title=_("Kết quả tra cứu «%(query)s»") % {"query": query})
