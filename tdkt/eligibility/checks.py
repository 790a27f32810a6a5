"""Criterion checks: one pure function per ``Criterion.rule``.

Each check takes one criterion and a *list* of subjects (people or units, as
loaded by :mod:`tdkt.eligibility.facts`) and returns one :class:`Line` per
subject, in order. Working column-wise lets a bulk run judge a province with
one pass per criterion; a single subject is just a list of one.

Every number comes from ``criterion.params``; the functions hold no legal
thresholds. Lines that come out the same (most people: "đã đăng ký", "không
bị kỷ luật") are built once and shared, which keeps a 100,000-person run small.

``passed`` is True (đạt), False (không đạt) or None (thiếu thông tin: the
record that would decide it is missing, and ``detail`` names it).
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Callable
from decimal import ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tdkt.core.vi import fold, format_date_short, school_year_label
from tdkt.people.calculations import merge_periods, months_in_interval
from tdkt.records.choices import (
    DISCIPLINE_SEVERITY,
    RATING_RANK,
    SCOPE_RANK,
    AbsenceKind,
    DisciplineForm,
    Scope,
    TaskRating,
)

from .choices import Outcome

if TYPE_CHECKING:
    from .facts import InitiativeFact

ELIGIBLE, NOT_ELIGIBLE, MISSING, NO_RULE = (Outcome.ELIGIBLE.value, Outcome.NOT_ELIGIBLE.value,
                                            Outcome.MISSING_INFO.value, Outcome.NO_RULE.value)

UNVERIFIED_MARK = fold("cần đối chiếu")

# Rules judged after the award's own outcomes are known (a quota counts the eligible).
POST_RULES = frozenset({"quota_share"})


class CriterionSpec:
    """A Criterion row frozen into a plain object: what a verdict line cites."""

    __slots__ = ("id", "code", "award_code", "rule", "params", "description", "description_en", "effective_from",
                 "effective_to", "document", "article", "clause", "blocking", "order", "note", "_header")

    def __init__(self, *, id, code, award_code, rule, params, description, effective_from, effective_to=None,
                 document="", article="", clause="", blocking=True, order=100, note="", description_en=""):
        self.id, self.code, self.award_code, self.rule = id, code, award_code, rule
        self.params, self.description, self.description_en = params or {}, description, description_en
        self.effective_from, self.effective_to = effective_from, effective_to
        self.document, self.article, self.clause = document, article, clause
        self.blocking, self.order, self.note = blocking, order, note
        self._header = None

    @classmethod
    def from_model(cls, c, award_code: str) -> CriterionSpec:
        return cls(id=c.pk, code=c.code, award_code=award_code, rule=c.rule, params=c.params,
                   description=c.description, effective_from=c.effective_from, effective_to=c.effective_to,
                   document=c.citation_document, article=c.citation_article, clause=c.citation_clause,
                   blocking=c.blocking, order=c.order, note=c.note, description_en=c.description_en)

    @property
    def text(self) -> str:
        """The condition in the reader's language (English kept as data); ``description`` stays the
        Vietnamese that official documents print."""
        return self.description_en if self.description_en and get_language() == "en" else self.description

    @property
    def citation(self) -> str:
        return ", ".join(p for p in (self.clause, self.article, self.document) if p)

    def header(self) -> dict:
        if self._header is None:
            self._header = {
                "criterion_id": self.id, "code": self.code, "rule": self.rule, "description": self.description,
                # Pages show this one to a reader of English (resolved when shown: the header is shared).
                "description_en": self.description_en,
                "citation": self.citation,
                "effective_from": self.effective_from.isoformat() if self.effective_from else None,
                "blocking": self.blocking,
                # A row nobody has checked against the published text says so on screen, with what to read;
                # official papers never print it.
                "unverified": UNVERIFIED_MARK in fold(self.note),
                "verify_note": self.note if UNVERIFIED_MARK in fold(self.note) else "",
            }
        return self._header


class Line:
    """One criterion judged for one subject.

    ``detail`` is a sentence, or ``(function, *args)`` producing it: lines that differ
    per person (their initiatives, their decisions) are worded only when shown, so a
    bulk run pays for the judging, not for sentences nobody reads."""

    __slots__ = ("crit", "passed", "_detail", "evidence", "need", "years_needed", "_dict")
    _dict: dict | None  # as_dict(), built on first use

    def __init__(self, crit: CriterionSpec, passed: bool | None, detail, evidence: tuple = (), need: str = "",
                 years_needed: int = 0):
        self.crit, self.passed, self._detail, self.evidence = crit, passed, detail, evidence
        self.need, self.years_needed, self._dict = need, years_needed, None

    @property
    def detail(self) -> str:
        d = self._detail
        if d.__class__ is not str:
            d = self._detail = d[0](*d[1:])
        return d

    def as_dict(self) -> dict:
        if self._dict is None:
            # Evidence may hold loaded facts (award records, initiatives), turned into dicts only when shown.
            evidence = [e if isinstance(e, dict) else e.as_evidence() for e in self.evidence]
            self._dict = {**self.crit.header(), "passed": self.passed, "detail": self.detail,
                          "evidence": evidence, "need": self.need}
        return self._dict

    def __repr__(self) -> str:
        return f"<Line {self.crit.award_code}/{self.crit.code} {self.passed}: {self.detail}>"


def combine(lines) -> bool | None:
    """All-of: False beats None beats True."""
    result: bool | None = True
    for line in lines:
        if line.passed is False:
            return False
        if line.passed is None:
            result = None
    return result


RULES: dict[str, Callable] = {}


def rule(*names: str):
    def register(fn):
        for name in names:
            RULES[name] = fn
        return fn
    return register


# --------------------------------------------------------------------------- wording helpers


def _param_text(params: dict, key: str, default: str = "") -> str:
    """A wording kept in a criterion's params (an option's ``label``, a council's ``what``) in the
    reader's language: ``<key>_en`` for a reader of English when the row has it, else the Vietnamese."""
    if get_language() == "en" and params.get(f"{key}_en"):
        return params[f"{key}_en"]
    return params.get(key, default)


def rating_label(code: str) -> str:
    try:
        return str(TaskRating(code).label)
    except ValueError:
        return str(code)


def form_label(code: str) -> str:
    try:
        return str(DisciplineForm(code).label)
    except ValueError:
        return str(code)


def scope_label(code: str) -> str:
    try:
        return Scope(code).label.lower()
    except ValueError:
        return str(code)


def absence_label(code: str) -> str:
    try:
        label = str(AbsenceKind(code).label)
    except ValueError:
        label = str(code)
    return label[:1].lower() + label[1:]


def fmt_num(value: Decimal | int | float, places: int = 2) -> str:
    """Vietnamese number: decimal comma, no trailing zeros ("8,5", "12")."""
    q = Decimal(value).quantize(Decimal(1).scaleb(-places))
    text = f"{q:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def fmt_pct(share: Decimal) -> str:
    return fmt_num(share * 100, 1) + "%"


@functools.cache
def ylabel(year: int) -> str:
    return school_year_label(year)


@functools.cache
def years_span(first: int, last: int) -> str:
    return ylabel(first) if first == last else f"{ylabel(first)} – {ylabel(last)}"


def _names(people, limit: int = 8) -> str:
    names = [p.name for p in people[:limit]]
    more = len(people) - limit
    return ", ".join(names) + (_(" và %(n)s người khác") % {"n": more} if more > 0 else "")


def _award_ref(ev) -> str:
    """"2024-2025 (QĐ số 12/QĐ-UBND)" for an award record, or the year judged eligible now."""
    if isinstance(ev, dict):
        return _("%(year)s (đủ điều kiện năm nay, chưa có quyết định)") % {"year": ev["year"]}
    year = ylabel(ev.year) if ev.year else "?"
    return _("%(year)s (QĐ số %(number)s)") % {"year": year, "number": ev.decision_number} if ev.decision_number else year


# --------------------------------------------------------------------------- simple rules


@rule("registered")
def registered(crit, subjects, ctx):
    code = crit.award_code
    name = ctx.award_name(code)
    label = ctx.year.label
    args = {"name": name, "year": label}
    yes = Line(crit, True, _("Đã đăng ký thi đua «%(name)s» năm học %(year)s.") % args)
    no = Line(crit, False, _("Chưa đăng ký thi đua «%(name)s» năm học %(year)s; không đăng ký thì không được xem xét "
                             "công nhận danh hiệu.") % args,
              need=_("cần đăng ký thi đua «%(name)s» ngay từ đầu năm học") % args)
    return [yes if code in s.registrations else no for s in subjects]


@rule("min_rating", "unit_rating")
def min_rating(crit, subjects, ctx):
    minimum = crit.params["min"]
    need = RATING_RANK[minimum]
    y, label = ctx.year.start_year, ctx.year.label
    unit = ctx.subject_kind == "unit"
    cache: dict = {}

    def make(r):
        if r is None:
            if unit:
                return Line(crit, None, _("Chưa có xếp loại mức độ hoàn thành nhiệm vụ của tập thể năm học %(year)s.")
                            % {"year": label}, need=_("cần nhập xếp loại của tập thể năm học %(year)s") % {"year": label})
            return Line(crit, None, _("Chưa có xếp loại mức độ hoàn thành nhiệm vụ năm học %(year)s.") % {"year": label},
                        need=_("cần nhập xếp loại năm học %(year)s") % {"year": label})
        ok = RATING_RANK.get(r, -1) >= need
        args = {"year": label, "rating": rating_label(r), "minimum": rating_label(minimum)}
        text = (_("Xếp loại của tập thể năm học %(year)s: %(rating)s (yêu cầu: từ «%(minimum)s» trở lên).") if unit
                else _("Xếp loại năm học %(year)s: %(rating)s (yêu cầu: từ «%(minimum)s» trở lên)."))
        return Line(crit, ok, text % args, ({"year": label, "rating": r},),
                    need="" if ok else _("cần xếp loại từ «%(minimum)s» trở lên") % args)

    out = []
    for s in subjects:
        r = s.ratings.get(y)
        line = cache.get(r)
        if line is None:
            line = cache[r] = make(r)
        out.append(line)
    return out


@rule("council_judgement")
def council_judgement(crit, subjects, ctx):
    what = _param_text(crit.params, "what") or crit.text
    line = Line(crit, None, _("Do Hội đồng Thi đua – Khen thưởng xem xét (%(what)s); hệ thống không tự kết luận tiêu "
                              "chuẩn này.") % {"what": what})
    return [line] * len(subjects)


# --------------------------------------------------------------------------- time worked


def _subtract(periods, cuts):
    """Closed date intervals ``periods`` minus the (merged) intervals ``cuts``."""
    if not cuts:
        return list(periods)
    cuts = merge_periods(cuts)
    out = []
    one = dt.timedelta(days=1)
    for start, end in periods:
        cursor = start
        for cs, ce in cuts:
            if ce < cursor or cs > end:
                continue
            if cs > cursor:
                out.append((cursor, cs - one))
            cursor = max(cursor, ce + one)
            if cursor > end:
                break
        if cursor <= end:
            out.append((cursor, end))
    return out


_months_in = functools.lru_cache(maxsize=65536)(months_in_interval)


def _months(periods) -> Decimal:
    return sum((_months_in(s, e) for s, e in periods), Decimal(0))


@rule("min_months_worked")
def min_months_worked(crit, subjects, ctx):
    """Months of the school year covered by employment, counting the leave the law counts
    (maternity, training per params) and not counting other leave."""
    minimum = Decimal(str(crit.params["min_months"]))
    counted = crit.params.get("counted", {})
    window = (ctx.year.start_date, ctx.year.end_date)
    label = ctx.year.label
    full = _months([window])
    full_line = Line(crit, full >= minimum, _("Thời gian công tác trong năm học %(year)s: %(months)s tháng "
                                              "(tối thiểu %(minimum)s tháng).") % {
        "year": label, "months": fmt_num(full), "minimum": fmt_num(minimum)})
    out = []
    for s in subjects:
        periods = s.periods
        if not s.absences and len(periods) == 1 and periods[0] == window:
            out.append(full_line)
            continue
        out.append(_months_line(crit, s, minimum, counted, window, label))
    return out


def _months_line(crit, s, minimum, counted, window, label) -> Line:
    periods = list(s.periods)
    if not periods:
        return Line(crit, False, _("Không có quá trình công tác trong năm học %(year)s (0 tháng; tối thiểu "
                                   "%(minimum)s tháng).") % {"year": label, "minimum": fmt_num(minimum)},
                    need=_("cần cập nhật quá trình công tác"), years_needed=1)
    cut, unknown, notes = [], [], []
    for a in s.absences:
        span = (max(a.start, window[0]), min(a.end, window[1]))
        if span[0] > span[1]:
            continue
        mode = counted.get(a.kind)
        if mode == "always" or (mode == "if_good_result" and a.good):
            notes.append(_("đã tính %(months)s tháng %(leave)s") % {"months": fmt_num(_months([span])),
                                                                    "leave": absence_label(a.kind)})
        elif mode == "if_good_result" and a.good is None:
            unknown.append((a, span))
        else:
            cut.append(span)
            notes.append(_("không tính %(months)s tháng %(leave)s") % {"months": fmt_num(_months([span])),
                                                                       "leave": absence_label(a.kind)})
    base_periods = _subtract(periods, cut)
    base = _months(base_periods)
    low = _months(_subtract(base_periods, [sp for _a, sp in unknown])) if unknown else base
    start_note = (_("; bắt đầu công tác ngày %(date)s") % {"date": format_date_short(periods[0][0])}
                  if periods[0][0] > window[0] else "")
    note = (f"; {', '.join(notes)}" if notes else "") + start_note
    evidence = ({"months": str(low if low < minimum <= base else base)},)
    args = {"year": label, "months": fmt_num(base), "low": fmt_num(low), "minimum": fmt_num(minimum), "note": note}
    if low >= minimum:
        return Line(crit, True, _("Thời gian công tác trong năm học %(year)s: %(months)s tháng (tối thiểu "
                                  "%(minimum)s tháng%(note)s).") % args, evidence)
    if base >= minimum:
        a = unknown[0][0]
        args.update(leave=absence_label(a.kind), start=format_date_short(a.start), end=format_date_short(a.end))
        return Line(crit, None, _("Chưa có kết quả học tập của đợt %(leave)s từ %(start)s đến %(end)s: nếu đạt loại "
                                  "khá trở lên thì có %(months)s tháng, nếu không chỉ có %(low)s tháng (tối thiểu "
                                  "%(minimum)s tháng).") % args,
                    evidence, need=_("cần nhập kết quả học tập (loại khá trở lên hay không) của đợt đào tạo"))
    return Line(crit, False, _("Thời gian công tác trong năm học %(year)s: %(months)s tháng, dưới mức tối thiểu "
                               "%(minimum)s tháng%(note)s.") % args, evidence,
                need=_("cần đủ %(minimum)s tháng công tác trong năm học") % args, years_needed=1)


# --------------------------------------------------------------------------- discipline


def _discipline_text(d) -> str:
    args = {"form": form_label(d.form), "number": d.decision_number, "date": format_date_short(d.decision_date),
            "start": format_date_short(d.start), "end": format_date_short(d.end) if d.end else ""}
    if d.end:
        return _("bị kỷ luật «%(form)s» theo Quyết định số %(number)s ngày %(date)s (hiệu lực từ %(start)s "
                 "đến %(end)s)") % args
    return _("bị kỷ luật «%(form)s» theo Quyết định số %(number)s ngày %(date)s (hiệu lực từ %(start)s)") % args


def _discipline_evidence(d, person=None) -> dict:
    ev = {"form": d.form, "decision_number": d.decision_number, "decision_date": d.decision_date.isoformat()}
    if person is not None:
        ev["person_id"], ev["name"] = person.id, person.name
    return ev


@rule("no_discipline_at_or_above")
def no_discipline_at_or_above(crit, subjects, ctx):
    form = crit.params["form"]
    threshold = DISCIPLINE_SEVERITY[form]
    label = ctx.year.label
    ok = Line(crit, True, _("Không bị kỷ luật từ hình thức «%(form)s» trở lên trong năm học %(year)s.") % {
        "form": form_label(form), "year": label})
    out = []
    for s in subjects:
        bad = [d for d in s.disciplines if d.severity >= threshold] if s.disciplines else None
        if not bad:
            out.append(ok)
            continue
        text = "; ".join(_discipline_text(d) for d in bad)
        out.append(Line(crit, False, _("Trong năm học %(year)s %(text)s.") % {"year": label, "text": text},
                        tuple(_discipline_evidence(d) for d in bad),
                        need=_("không xét được trong năm có kỷ luật"), years_needed=1))
    return out


def _case_text(c) -> str:
    args = {"start": format_date_short(c.opened_on), "ref": c.reference}
    if c.closed_on:
        args["end"] = format_date_short(c.closed_on)
        if c.reference:
            return _("đang bị xem xét xử lý kỷ luật từ %(start)s (%(ref)s), kết thúc %(end)s") % args
        return _("đang bị xem xét xử lý kỷ luật từ %(start)s, kết thúc %(end)s") % args
    if c.reference:
        return _("đang bị xem xét xử lý kỷ luật từ %(start)s (%(ref)s), chưa kết thúc") % args
    return _("đang bị xem xét xử lý kỷ luật từ %(start)s, chưa kết thúc") % args


@rule("no_pending_discipline_case")
def no_pending_discipline_case(crit, subjects, ctx):
    """No award while the competent authority is considering a discipline (NĐ 152/2025 Điều 4 khoản 4): a case
    pending on the school year's last day, or not closed at all, makes the subject not eligible."""
    day = ctx.year.end_date
    ok = Line(crit, True, _("Không có vụ việc đang xem xét xử lý kỷ luật vào ngày %(day)s.") % {
        "day": format_date_short(day)})
    out = []
    for s in subjects:
        cases = [c for c in s.discipline_cases if c.closed_on is None or c.opened_on <= day < c.closed_on] \
            if s.discipline_cases else None
        if not cases:
            out.append(ok)
            continue
        text = "; ".join(_case_text(c) for c in cases)
        out.append(Line(crit, False, _("Chưa khen thưởng: %(text)s.") % {"text": text},
                        tuple({"case_id": c.id, "opened_on": c.opened_on.isoformat(),
                               "closed_on": c.closed_on.isoformat() if c.closed_on else None,
                               "reference": c.reference} for c in cases),
                        need=_("chờ kết thúc việc xem xét xử lý kỷ luật"), years_needed=1))
    return out


@rule("no_member_disciplined_at_or_above")
def no_member_disciplined_at_or_above(crit, subjects, ctx):
    form = crit.params["form"]
    threshold = DISCIPLINE_SEVERITY[form]
    label = ctx.year.label
    ok = Line(crit, True, _("Không có thành viên bị kỷ luật từ hình thức «%(form)s» trở lên trong năm học "
                            "%(year)s.") % {"form": form_label(form), "year": label})
    out = []
    for u in subjects:
        hits = [(m, d) for m in ctx.members(u.id) for d in m.disciplines if d.severity >= threshold]
        if not hits:
            out.append(ok)
            continue
        text = "; ".join(f"{m.name} {_discipline_text(d)}" for m, d in hits)
        out.append(Line(crit, False, _("Có thành viên bị kỷ luật từ «%(form)s» trở lên: %(text)s.") % {
                            "form": form_label(form), "text": text},
                        tuple(_discipline_evidence(d, m) for m, d in hits),
                        need=_("không xét được trong năm có thành viên bị kỷ luật từ cảnh cáo trở lên"), years_needed=1))
    return out


# --------------------------------------------------------------------------- initiatives


def _initiative_filter(params):
    """(min scope rank, kinds or None, min share or None) from a criterion's params."""
    kinds = params.get("kinds")
    min_share = params.get("min_share")
    return (SCOPE_RANK[params.get("min_scope", "co_so")], frozenset(kinds) if kinds else None,
            Decimal(str(min_share)) if min_share is not None else None)


def _matching_initiatives(s, flt, first: int, last: int) -> list[InitiativeFact]:
    """The subject's recognised initiatives in [first, last] passing the filter (the
    loader keeps them sorted by year; an author is linked to an initiative once)."""
    min_rank, kinds, min_share = flt
    return [i for i in s.initiatives
            if first <= i.year <= last and i.scope_rank >= min_rank and (kinds is None or i.kind in kinds)
            and (min_share is None or i.share >= min_share)]


def _initiative_titles(items) -> str:
    return "; ".join(f"«{i.title}» ({ylabel(i.year)}" + (_(", QĐ số %(number)s)") % {"number": i.decision_number}
                                                          if i.decision_number else ")") for i in items)


def _initiative_rule(crit, subjects, ctx, window_years: int):
    p = crit.params
    need_count = int(p.get("min_count", 1))
    y = ctx.year.start_year
    scope_text = scope_label(p.get("min_scope", "co_so"))
    resets = ctx.latest_award_years(p.get("reset_by") or ())
    award_name = ctx.award_name(crit.award_code)
    flt = _initiative_filter(p)
    min_rank = flt[0]
    spans: dict = {}
    none_cache: dict = {}
    needs = {n: _("cần thêm %(n)s sáng kiến được công nhận phạm vi %(scope)s") % {"n": need_count - n, "scope": scope_text}
             for n in range(need_count)}
    base_first = y - window_years + 1
    common = None  # the line of everyone with no initiative in the window and no earlier award
    out = []
    for s in subjects:
        reset_year = resets.get(s.id)
        # Most people have no initiative of the scope or years asked: skip the scan.
        if reset_year is None and (not s.initiatives or s.init_max_rank < min_rank
                                   or s.init_last_year < base_first):
            if common is None:
                common = _initiative_rule_none(crit, none_cache, spans, (base_first, None), scope_text, need_count,
                                               _window_text(ctx, window_years, base_first, y, None, award_name))
            out.append(common)
            continue
        first = base_first
        if reset_year is not None and reset_year < first:
            reset_year = None
        if reset_year is not None:
            first = reset_year + 1
        items: list[InitiativeFact] | tuple[()]
        if s.initiatives and s.init_max_rank >= min_rank and s.init_last_year >= first:
            items = _matching_initiatives(s, flt, first, y)
        else:
            items = ()
        key = (first, reset_year)
        span = spans.get(key)
        if span is None:
            span = spans[key] = _window_text(ctx, window_years, first, y, reset_year, award_name)
        n = len(items)
        if n == 0:
            out.append(_initiative_rule_none(crit, none_cache, spans, key, scope_text, need_count, span))
            continue
        ok = n >= need_count
        out.append(Line(crit, ok, (_initiative_detail, n, scope_text, span, need_count, items), tuple(items),
                        need="" if ok else needs[n]))
    return out


def _initiative_rule_none(crit, cache, spans, key, scope_text, need_count, span) -> Line:
    line = cache.get(key)
    if line is None:
        spans.setdefault(key, span)
        args = {"scope": scope_text, "span": span, "n": need_count}
        line = cache[key] = Line(crit, False, _("Chưa có sáng kiến, đề tài, giải pháp được công nhận phạm vi từ "
                                                "%(scope)s trở lên %(span)s (yêu cầu %(n)s).") % args,
                                 need=_("cần %(n)s sáng kiến được công nhận phạm vi %(scope)s") % args)
    return line


def _initiative_detail(n, scope_text, span, need_count, items) -> str:
    return _("Có %(n)s sáng kiến, đề tài, giải pháp phạm vi từ %(scope)s trở lên %(span)s (yêu cầu %(need)s): "
             "%(titles)s.") % {"n": n, "scope": scope_text, "span": span, "need": need_count,
                               "titles": _initiative_titles(items)}


def _window_text(ctx, window_years, first, last, reset_year, award_name) -> str:
    if window_years == 1:
        span = _("trong năm học %(year)s") % {"year": ctx.year.label}
    elif first <= last:
        span = _("trong các năm học %(years)s") % {"years": years_span(first, last)}
    else:
        span = _("sau lần khen gần nhất")
    if reset_year is not None:
        span += _(" (các năm đến %(year)s đã dùng để khen «%(name)s», không tính lại)") % {
            "year": ylabel(reset_year), "name": award_name}
    return span


@rule("initiative_in_year")
def initiative_in_year(crit, subjects, ctx):
    return _initiative_rule(crit, subjects, ctx, 1)


@rule("initiatives_in_window")
def initiatives_in_window(crit, subjects, ctx):
    return _initiative_rule(crit, subjects, ctx, int(crit.params.get("window_years", 1)))


# --------------------------------------------------------------------------- titles over years


def _run(held: dict, end: int) -> int:
    n = 0
    while end - n in held:
        n += 1
    return n


@rule("consecutive_titles")
def consecutive_titles(crit, subjects, ctx):
    p = crit.params
    title, n_years = p["title"], int(p["years"])
    may_end_last = bool(p.get("may_end_last_year"))
    name = ctx.award_name(title)
    held_map = ctx.held(title, exclude_thematic=bool(p.get("exclude_thematic")),
                        current=p.get("current_year", "record"))
    y = ctx.year.start_year
    nothing = Line(crit, False, _("Chưa có năm nào đạt «%(name)s» gần đây (cần %(n)s năm liên tục).") % {
                       "name": name, "n": n_years},
                   need=_("cần %(n)s năm «%(name)s» liên tục") % {"name": name, "n": n_years}, years_needed=n_years - 1)
    out = []
    for s in subjects:
        held = held_map.get(s.id)
        if not held:
            out.append(nothing)
            continue
        run_now = _run(held, y)
        run_last = _run(held, y - 1)
        ends = [(run_now, y)] + ([(run_last, y - 1)] if may_end_last else [])
        hit = next(((r, e) for r, e in ends if r >= n_years), None)
        if hit is not None:
            _r, end = hit
            used = [held[v] for v in range(end - n_years + 1, end + 1)]
            out.append(Line(crit, True, _("Có %(n)s năm liên tục đạt «%(name)s»: %(years)s.") % {
                                "n": n_years, "name": name, "years": ", ".join(_award_ref(ev) for ev in used)},
                            tuple(used)))
            continue
        recent = sorted(v for v in held if v >= y - 2 * n_years)
        listed = ", ".join(_award_ref(held[v]) for v in recent) or _("không có")
        if run_now:
            k = n_years - run_now
            need, years_needed = _("cần thêm %(k)s năm «%(name)s» liên tục") % {"k": k, "name": name}, k
        else:
            k = n_years - run_last
            need = _("cần thêm %(k)s năm «%(name)s» liên tục (kể cả năm học %(year)s)") % {
                "k": k, "name": name, "year": ctx.year.label}
            years_needed = k - 1
        gap = _(" — không liên tục") if len(recent) > max(run_now, run_last) else ""
        out.append(Line(crit, False, _("Chưa đủ %(n)s năm liên tục đạt «%(name)s»: các năm đạt gần đây %(years)s"
                                       "%(gap)s.") % {"n": n_years, "name": name, "years": listed, "gap": gap},
                        tuple(held[v] for v in recent), need=need, years_needed=years_needed))
    return out


@rule("titles_in_window")
def titles_in_window(crit, subjects, ctx):
    p = crit.params
    title, need_count, window = p["title"], int(p.get("min_count", 1)), int(p["window_years"])
    name = ctx.award_name(title)
    held_map = ctx.held(title, exclude_thematic=bool(p.get("exclude_thematic")),
                        current=p.get("current_year", "record"))
    y = ctx.year.start_year
    first = y - window + 1
    span = years_span(first, y)
    args = {"name": name, "years": span, "n": need_count}
    nothing = Line(crit, False, _("Chưa được tặng «%(name)s» trong các năm học %(years)s (yêu cầu %(n)s lần; không "
                                  "tính khen theo đợt, chuyên đề nếu là điều kiện khen cấp Nhà nước).") % args,
                   need=_("cần %(n)s lần «%(name)s»") % args, years_needed=need_count)
    out = []
    for s in subjects:
        held = held_map.get(s.id)
        years = sorted(v for v in held if first <= v <= y) if held else []
        if not years:
            out.append(nothing)
            continue
        ok = len(years) >= need_count
        out.append(Line(crit, ok, _("Được tặng «%(name)s» %(count)s lần trong các năm học %(years)s (yêu cầu "
                                    "%(n)s): %(list)s.") % {**args, "count": len(years),
                                                           "list": ", ".join(_award_ref(held[v]) for v in years)},
                        tuple(held[v] for v in years),
                        need="" if ok else _("cần thêm %(k)s lần «%(name)s»") % {"k": need_count - len(years),
                                                                                "name": name},
                        years_needed=0 if ok else need_count - len(years)))
    return out


# --------------------------------------------------------------------------- ratings over years


def _ratings_window(s, y: int, n_years: int, need_rank: int, reset_year: int | None):
    """Walk back from ``y`` over ``n_years``: (known good run, missing years, stop) where stop
    is ("low", year, rating) or ("reset", year) or None."""
    missing: list[int]
    stop: tuple[str, int] | tuple[str, int, str] | None
    run, missing, stop = 0, [], None
    for v in range(y, y - n_years, -1):
        if reset_year is not None and v <= reset_year:
            stop = ("reset", reset_year)
            break
        r = s.ratings.get(v)
        if r is None:
            missing.append(v)
            continue
        if RATING_RANK.get(r, -1) < need_rank:
            stop = ("low", v, r)
            break
        if not missing:
            run += 1
    return run, missing, stop


def _ratings_line(crit, s, ctx, n_years, minimum, reset_year, prefix: str = "", prefix_ev: tuple = ()):
    y = ctx.year.start_year
    need_rank = RATING_RANK[minimum]
    run, missing, stop = _ratings_window(s, y, n_years, need_rank, reset_year)
    wanted = rating_label(minimum)
    span = years_span(y - n_years + 1, y)
    evidence = prefix_ev + tuple({"year": ylabel(v), "rating": s.ratings.get(v)} for v in range(y - n_years + 1, y + 1))
    args = {"n": n_years, "span": span, "wanted": wanted, "run": run, "year": ctx.year.label}
    if stop is None and not missing:
        return Line(crit, True, prefix + _("%(n)s năm liên tục %(span)s đều «%(wanted)s».") % args, evidence)
    if stop is None:
        years = ", ".join(ylabel(v) for v in sorted(missing))
        return Line(crit, None, prefix + _("Chưa có xếp loại năm học %(years)s để xét %(n)s năm liên tục "
                                           "«%(wanted)s».") % {**args, "years": years},
                    evidence, need=_("cần nhập xếp loại năm học %(years)s") % {"years": years})
    k = n_years - run
    need = _("cần thêm %(k)s năm liên tục «%(wanted)s»") % {"k": k, "wanted": wanted}
    if stop[0] == "reset":
        name = ctx.award_name(crit.award_code)
        return Line(crit, False, prefix + _("Đã được khen «%(name)s» năm học %(stop)s: các năm đó không tính lại; "
                                            "sau đó có %(run)s năm liên tục «%(wanted)s» (cần %(n)s).") % {
                        **args, "name": name, "stop": ylabel(stop[1])}, evidence, need=need, years_needed=k)
    return Line(crit, False, prefix + _("Năm học %(stop)s xếp loại «%(rating)s»: chưa đủ %(n)s năm liên tục "
                                        "«%(wanted)s» (hiện có %(run)s năm liên tục đến %(year)s).") % {
                    **args, "stop": ylabel(stop[1]), "rating": rating_label(stop[2])},
                evidence, need=need, years_needed=k)


@rule("consecutive_ratings")
def consecutive_ratings(crit, subjects, ctx):
    p = crit.params
    n_years, minimum = int(p["years"]), p["min"]
    resets = ctx.latest_award_years(p.get("reset_by") or ())
    y = ctx.year.start_year
    cache: dict = {}
    out = []
    for s in subjects:
        reset_year = resets.get(s.id)
        if reset_year is not None and reset_year < y - n_years + 1:
            reset_year = None
        key = (tuple(s.ratings.get(v) for v in range(y - n_years + 1, y + 1)), reset_year)
        line = cache.get(key)
        if line is None:
            line = cache[key] = _ratings_line(crit, s, ctx, n_years, minimum, reset_year)
        out.append(line)
    return out


@rule("prior_award_then_years")
def prior_award_then_years(crit, subjects, ctx):
    """Đã được tặng X, rồi N năm tiếp theo liên tục đạt mức xếp loại: the N years ending
    this year must all come after some X (and after any earlier award of this same form)."""
    p = crit.params
    after, n_years, minimum = list(p["after"]), int(p["years"]), p["min"]
    resets = ctx.latest_award_years(p.get("reset_by") or ())
    exclude_thematic = bool(p.get("exclude_thematic"))
    y = ctx.year.start_year
    after_name = _(" hoặc ").join(f"«{ctx.award_name(c)}»" for c in after)
    thematic_note = _(" (không tính khen theo đợt, chuyên đề và khen đã bị hủy)") if exclude_thematic else ""
    none_line = Line(crit, False, _("Chưa được tặng %(names)s%(note)s.") % {"names": after_name, "note": thematic_note},
                     need=_("cần được tặng %(names)s, sau đó %(n)s năm liên tục «%(wanted)s»") % {
                         "names": after_name, "n": n_years, "wanted": rating_label(minimum)},
                     years_needed=n_years)
    out = []
    for s in subjects:
        if not s.awards:
            out.append(none_line)
            continue
        priors = [a for c in after for a in s.awards.get(c, ())
                  if a.year is not None and a.year <= y and not (exclude_thematic and a.thematic)]
        if not priors:
            out.append(none_line)
            continue
        usable = [a for a in priors if a.year <= y - n_years]
        if not usable:
            latest = max(priors, key=lambda a: a.year)
            k = latest.year + n_years - y
            ev = latest
            out.append(Line(crit, False, _("Được tặng «%(name)s» năm học %(year)s; chưa đủ %(n)s năm tiếp theo "
                                           "(còn %(k)s năm).") % {"name": ctx.award_name(latest.code),
                                                                   "year": ylabel(latest.year), "n": n_years, "k": k},
                            (ev,), need=_("cần thêm %(k)s năm liên tục «%(wanted)s»") % {
                                "k": k, "wanted": rating_label(minimum)}, years_needed=k))
            continue
        prior = max(usable, key=lambda a: a.year)
        reset_year = resets.get(s.id)
        if reset_year is not None and reset_year < y - n_years + 1:
            reset_year = None
        ev = prior
        prefix = _("Đã được tặng «%(name)s» năm học %(year)s") % {
            "name": ctx.award_name(prior.code), "year": ylabel(prior.year)} + (
            _(" (QĐ số %(number)s)") % {"number": prior.decision_number} if prior.decision_number else "") + "; "
        out.append(_ratings_line(crit, s, ctx, n_years, minimum, reset_year, prefix, (ev,)))
    return out


# --------------------------------------------------------------------------- meets another title


@rule("meets_title")
def meets_title(crit, subjects, ctx):
    """Đạt tiêu chuẩn danh hiệu X: a decision for X this year, or X's own criteria in force
    (minus ``except_rules``, e.g. X's registration) judged now."""
    p = crit.params
    title = p["title"]
    skip = set(p.get("except_rules") or ())
    name = ctx.award_name(title)
    label = ctx.year.label
    y = ctx.year.start_year
    results = ctx.results(title)
    records = ctx.held(title, exclude_thematic=False, current="record")
    cache: dict = {}
    no_rule = Line(crit, None, _("Chưa có tiêu chuẩn «%(name)s» áp dụng cho năm học %(year)s.") % {
        "name": name, "year": label})
    keep = [j for j, c in enumerate(results.crits) if c.blocking and c.rule not in skip]
    pick = operator.itemgetter(*keep) if len(keep) > 1 else (lambda lines: (lines[keep[0]],)) if keep else (
        lambda lines: ())
    if results.subjects is subjects:  # the usual case: same people, same order
        rows = zip(subjects, results.rows, results.outcomes, strict=True)
    else:
        rows = ((s, results.lines_of(s.id), results.outcome_of(s.id)) for s in subjects)
    out = []
    for s, lines, outcome in rows:
        if records and s.id in records and y in records[s.id]:
            rec = records[s.id][y]
            out.append(Line(crit, True, _("Đã được công nhận «%(name)s» năm học %(year)s.") % {
                "name": name, "year": _award_ref(rec)}, (rec,)))
            continue
        if lines is None or outcome == NO_RULE:
            out.append(no_rule)
            continue
        sub = pick(lines)
        line = cache.get(sub)  # lines are shared objects: equal tuples mean the same judgement
        if line is None:
            line = cache[sub] = _meets_line(crit, name, label, sub)
        out.append(line)
    return out


def _meets_line(crit, name, label, sub) -> Line:
    passed = combine(sub)
    evidence = tuple({"code": line.crit.code, "passed": line.passed, "detail": line.detail} for line in sub)
    if passed:
        return Line(crit, True, _("Đạt các tiêu chuẩn danh hiệu «%(name)s» năm học %(year)s.") % {
            "name": name, "year": label}, evidence)
    bad = [line for line in sub if line.passed is (False if passed is False else None)]
    text = " ".join(line.detail for line in bad)
    needs = "; ".join(line.need for line in bad if line.need)
    years = max((line.years_needed for line in bad), default=0)
    if passed is False:
        return Line(crit, False, _("Chưa đạt tiêu chuẩn «%(name)s»: %(text)s") % {"name": name, "text": text},
                    evidence, need=needs, years_needed=years)
    return Line(crit, None, _("Chưa đủ thông tin để xét tiêu chuẩn «%(name)s»: %(text)s") % {"name": name, "text": text},
                evidence, need=needs)


# --------------------------------------------------------------------------- collectives


def _need_more(yes: int, total: int, ok) -> int:
    n = 0
    while n <= total and not ok(Decimal(yes + n) / total):
        n += 1
    return n


@rule("member_share_with_title")
def member_share_with_title(crit, subjects, ctx):
    p = crit.params
    title, min_share, strict = p["title"], Decimal(str(p["min_share"])), bool(p.get("strict"))
    name = ctx.award_name(title)
    held = ctx.held(title, exclude_thematic=False, current="record_or_eligible")
    outcomes = ctx.outcomes(title)
    y = ctx.year.start_year
    word = _("trên") if strict else _("ít nhất")

    def ok(share):
        return share > min_share if strict else share >= min_share

    out = []
    for u in subjects:
        members = ctx.members(u.id)
        total = len(members)
        if not total:
            out.append(Line(crit, None, _("Chưa xác định được thành viên của tập thể trong năm học %(year)s "
                                          "(chưa có quá trình công tác).") % {"year": ctx.year.label},
                            need=_("cần cập nhật quá trình công tác của thành viên")))
            continue
        yes = [m for m in members if y in held.get(m.id, ())]
        unknown = [m for m in members if m.id not in held or y not in held[m.id]]
        unknown = [m for m in unknown if outcomes.get(m.id) == MISSING]
        share = Decimal(len(yes)) / total
        text = _("%(yes)s/%(total)s thành viên (%(share)s) đạt hoặc đủ điều kiện «%(name)s» (yêu cầu: %(word)s "
                 "%(minimum)s).") % {"yes": len(yes), "total": total, "share": fmt_pct(share), "name": name,
                                      "word": word, "minimum": fmt_pct(min_share)}
        evidence = ({"members": total, "with_title": len(yes), "missing_info": len(unknown),
                     "person_ids": [m.id for m in yes]},)
        if ok(share):
            out.append(Line(crit, True, text, evidence))
        elif ok(Decimal(len(yes) + len(unknown)) / total):
            args = {"n": len(unknown), "name": name, "names": _names(unknown)}
            out.append(Line(crit, None, text + _(" Còn %(n)s thành viên thiếu thông tin để xét «%(name)s»: "
                                                 "%(names)s.") % args, evidence,
                            need=_("cần bổ sung thông tin xét «%(name)s» của %(n)s thành viên") % args))
        else:
            more = _need_more(len(yes), total, ok)
            out.append(Line(crit, False, text, evidence,
                            need=_("cần thêm %(n)s thành viên đạt «%(name)s»") % {"n": more, "name": name}))
    return out


@rule("at_least_n_members_with_title")
def at_least_n_members_with_title(crit, subjects, ctx):
    p = crit.params
    title, need_count = p["title"], int(p.get("min_count", 1))
    name = ctx.award_name(title)
    held = ctx.held(title, exclude_thematic=False, current="record_or_eligible")
    outcomes = ctx.outcomes(title)
    y = ctx.year.start_year
    out = []
    for u in subjects:
        members = ctx.members(u.id)
        yes = [m for m in members if y in held.get(m.id, ())]
        unknown = [m for m in members if (m.id not in held or y not in held[m.id]) and outcomes.get(m.id) == MISSING]
        evidence = ({"person_ids": [m.id for m in yes]},)
        if len(yes) >= need_count:
            out.append(Line(crit, True, _("Có %(n)s thành viên đạt hoặc đủ điều kiện «%(name)s»: %(names)s.") % {
                "n": len(yes), "name": name, "names": _names(yes)}, evidence))
        elif len(yes) + len(unknown) >= need_count:
            out.append(Line(crit, None, _("Chưa có thành viên đạt «%(name)s»; %(n)s thành viên thiếu thông tin để "
                                          "xét: %(names)s.") % {"n": len(unknown), "name": name,
                                                                "names": _names(unknown)}, evidence,
                            need=_("cần bổ sung thông tin xét «%(name)s»") % {"name": name}))
        else:
            out.append(Line(crit, False, _("Có %(n)s thành viên đạt hoặc đủ điều kiện «%(name)s» (yêu cầu ít nhất "
                                           "%(need)s).") % {"n": len(yes), "name": name, "need": need_count}, evidence,
                            need=_("cần ít nhất %(need)s thành viên đạt «%(name)s»") % {"need": need_count,
                                                                                      "name": name}))
    return out


@rule("all_members_complete")
def all_members_complete(crit, subjects, ctx):
    minimum = crit.params["min"]
    need_rank = RATING_RANK[minimum]
    y, label = ctx.year.start_year, ctx.year.label
    out = []
    for u in subjects:
        members = ctx.members(u.id)
        total = len(members)
        if not total:
            out.append(Line(crit, None, _("Chưa xác định được thành viên của tập thể trong năm học %(year)s.") % {
                "year": label}, need=_("cần cập nhật quá trình công tác của thành viên")))
            continue
        below = [m for m in members if (r := m.ratings.get(y)) is not None and RATING_RANK.get(r, -1) < need_rank]
        missing = [m for m in members if m.ratings.get(y) is None]
        if below:
            out.append(Line(crit, False, _("%(n)s/%(total)s thành viên chưa đạt «%(wanted)s» năm học %(year)s: "
                                           "%(names)s.") % {"n": len(below), "total": total, "year": label,
                                                            "wanted": rating_label(minimum), "names": _names(below)},
                            tuple({"person_id": m.id, "name": m.name, "rating": m.ratings.get(y)} for m in below),
                            need=_("cần 100%% thành viên «%(wanted)s» trở lên") % {"wanted": rating_label(minimum)},
                            years_needed=1))
        elif missing:
            args = {"n": len(missing), "total": total, "year": label, "names": _names(missing)}
            out.append(Line(crit, None, _("Chưa có xếp loại năm học %(year)s của %(n)s/%(total)s thành viên: "
                                          "%(names)s.") % args,
                            tuple({"person_id": m.id, "name": m.name} for m in missing),
                            need=_("cần nhập xếp loại năm học %(year)s của %(n)s thành viên") % args))
        else:
            out.append(Line(crit, True, _("100%% thành viên (%(total)s/%(total)s) đạt «%(wanted)s» trở lên năm "
                                          "học %(year)s.") % {"total": total, "wanted": rating_label(minimum),
                                                               "year": label}, ({"members": total},)))
    return out


# --------------------------------------------------------------------------- quota (after outcomes)


def _local_rule_for(rules: list[dict], path: str) -> dict | None:
    """The local cap of the nearest issuer at or above the unit at ``path`` (the deepest issuer wins)."""
    best = None
    for r in rules:
        if path.startswith(r["path"]) and (best is None or len(r["path"]) > len(best["path"])):
            best = r
    return best


@rule("quota_share")
def quota_share(crit, subjects, ctx):
    """Số CSTĐCS ≤ max_share × số LĐTT of the same quota group (school or office), the cap
    rounded as ``params['rounding']`` says. A warning: shown, never decides the verdict.

    With ``params['local_rules']`` (the issuers' own caps, eligibility.LocalQuotaRule, added by the engine
    where no national cap is in force) each group takes the cap of its nearest issuer, cited to that
    issuer's decision; a group no issuer covers has no cap."""
    p = crit.params
    local = p.get("local_rules")
    of_title = p["of_title"]
    of_name, own_name = ctx.award_name(of_title), ctx.award_name(crit.award_code)
    held_of = ctx.held(of_title, exclude_thematic=False, current="record_or_eligible")
    own = ctx.pre_outcomes
    y = ctx.year.start_year
    cache: dict = {}
    unknown = Line(crit, None, _("Không xác định được trường / cơ quan để tính tỷ lệ (chưa có quá trình công tác)."))
    out = []
    for s in subjects:
        gid = s.group_id
        if gid is None:
            out.append(unknown)
            continue
        line = cache.get(gid)
        if line is None:
            unit = ctx.unit_name(gid)
            source = None
            if local is not None:
                group_unit = ctx.facts.unit_by_id.get(gid)
                source = _local_rule_for(local, group_unit.path) if group_unit is not None else None
                if source is None:
                    line = cache[gid] = Line(crit, True, _("%(unit)s: không có quy định tỷ lệ «%(own_name)s» của "
                                                           "địa phương.") % {"unit": unit, "own_name": own_name})
                    out.append(line)
                    continue
            max_share = Decimal(str((source or p)["max_share"]))
            rounding = (source or p).get("rounding", "floor")
            group = ctx.group_members(gid)
            n_of = sum(1 for m in group if y in held_of.get(m.id, ()))
            n_own = sum(1 for m in group if own.get(m.id) == ELIGIBLE)
            exact = max_share * n_of
            cap = int(exact.to_integral_value(rounding=ROUND_FLOOR)) if rounding == "floor" else int(round(exact))
            ok = n_own <= cap
            how = _("làm tròn xuống") if rounding == "floor" else _("làm tròn")
            text = _("%(unit)s: %(n_of)s người đạt hoặc đủ điều kiện «%(of_name)s» → tối đa %(cap)s «%(own_name)s» "
                     "(%(share)s × %(n_of)s = %(exact)s, %(how)s); hiện có %(n_own)s người đủ "
                     "điều kiện «%(own_name)s»") % {
                "unit": unit, "n_of": n_of, "of_name": of_name, "cap": cap, "own_name": own_name,
                "share": fmt_pct(max_share), "exact": fmt_num(exact), "how": how, "n_own": n_own}
            if source is not None:
                text += _(" (quy định của %(issuer)s: %(citation)s)") % {"issuer": source["issuer"],
                                                                          "citation": source["citation"]}
            text += "." if ok else _(", vượt %(n)s — Hội đồng bình xét, lựa chọn trong hạn mức.") % {"n": n_own - cap}
            ev = {"unit_id": gid, "of_title_count": n_of, "cap": cap, "eligible": n_own, "max_share": str(max_share)}
            if source is not None:
                ev.update(local_rule_id=source["id"], issuer=source["issuer"], citation=source["citation"])
            line = cache[gid] = Line(crit, ok, text, (ev,))
        out.append(line)
    return out


# --------------------------------------------------------------------------- alternatives


def sub_specs(crit) -> list[list[CriterionSpec]]:
    """The options of an ``any_of`` criterion as specs of their own: each part judged by its rule with its
    params, cited and worded as the criterion it belongs to. ``params = {"options": [{"label": ...,
    "all": [{"rule": ..., "params": {...}}, ...]}, ...]}``."""
    out = []
    for option in crit.params.get("options", ()):
        out.append([CriterionSpec(id=crit.id, code=crit.code, award_code=crit.award_code, rule=part["rule"],
                                  params=part.get("params") or {}, description=crit.description,
                                  description_en=crit.description_en,
                                  effective_from=crit.effective_from, effective_to=crit.effective_to,
                                  document=crit.document, article=crit.article, clause=crit.clause,
                                  blocking=crit.blocking, order=crit.order, note=crit.note)
                    for part in option.get("all", ())])
    return out


def _any_detail(passed, results) -> str:
    def words(label, lines):
        return "«{}»: {}".format(label, " ".join(line.detail for line in lines))

    if passed:
        label, lines = next((label, lines) for label, lines, ok in results if ok)
        return _("Đạt theo phương án %(option)s") % {"option": words(label, lines)}
    prefix = (_("Không đạt phương án nào") if passed is False else _("Chưa đủ thông tin để kết luận"))
    return "{} — {}".format(prefix, "; ".join(words(label, lines) for label, lines, _ok in results))


@rule("any_of")
def any_of(crit, subjects, ctx):
    """Một trong các phương án: passes when every part of one option passes (e.g. Luật TĐKT 2022 Điều 23
    khoản 2 — «hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến»). False only when every option fails."""
    options = crit.params.get("options", ())
    parts = [[RULES[spec.rule](spec, subjects, ctx) for spec in specs] for specs in sub_specs(crit)]
    cache: dict = {}
    out = []
    for i in range(len(subjects)):
        chosen = [[lines[i] for lines in option_parts] for option_parts in parts]
        key = tuple(id(line) for lines in chosen for line in lines)
        line = cache.get(key)
        if line is None:
            results = [(_param_text(opt, "label"), lines, combine(lines))
                       for opt, lines in zip(options, chosen, strict=True)]
            oks = [ok for _label, _lines, ok in results]
            passed = True if True in oks else (None if None in oks else False)
            if passed:
                evidence = next(tuple(e for ln in lines for e in ln.evidence) for _l, lines, ok in results if ok)
                need = ""
            else:
                evidence = tuple(e for _l, lines, _ok in results for ln in lines for e in ln.evidence)
                need = _(" hoặc ").join(
                    "; ".join(ln.need for ln in lines if ln.passed is not True and ln.need) or label
                    for label, lines, ok in results if ok is not True)
            line = cache[key] = Line(crit, passed, (_any_detail, passed, results), evidence, need=need)
        out.append(line)
    return out
