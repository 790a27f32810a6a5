"""The eligibility engine: judge people and units against the criteria in force.

* :func:`evaluate` — one subject, one award type, one school year.
* :func:`evaluate_person` — one person, every individual title and form.
* :func:`evaluate_subtree` — everyone (and every unit) under a unit, from facts
  loaded once (:mod:`tdkt.eligibility.facts`); no per-person query.
* :func:`quota_panel` — the CSTĐCS ≤ 15% of LĐTT panel per school / office.

A school year is judged by the criterion rows in force on its **end date**
(the day its results are assessed). An award type with no row in force that
day gets ``chua_co_quy_dinh`` — the engine never borrows another period's rule.
Single-subject calls load the subject's whole quota group (its school or
office) so their lines are exactly those of a bulk run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tdkt.core.vi import format_date_short
from tdkt.org.models import SchoolYear, Unit
from tdkt.people.models import Person

from . import facts as F
from .checks import (
    ELIGIBLE,
    MISSING,
    NO_RULE,
    NOT_ELIGIBLE,
    POST_RULES,
    RULES,
    CriterionSpec,
    Line,
)
from .choices import Outcome, SubjectKind
from .models import AwardType, Criterion


def outcome_label(outcome: str) -> str:
    """The outcome's label in the active language, as plain text (API schemas and XLSX cells
    refuse lazy translations)."""
    return str(Outcome(outcome).label) if outcome in Outcome.values else str(outcome)


# Params naming another award type, and whether the check reads it for every past
# year or only the year being judged (drives what the facts loader reads).
_ALL_YEARS_KEYS = ("after", "reset_by")
_TITLE_ALL_YEARS_RULES = frozenset({"consecutive_titles", "titles_in_window"})
_RATING_YEARS_RULES = frozenset({"consecutive_ratings", "prior_award_then_years"})


@contextlib.contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while facts and verdicts are built.

    A bulk run creates around a million small objects with no reference cycles; the
    collector's repeated full passes over them found nothing to free and took about
    40% of a 100,000-person run (measured: 15.5 s → 9.0 s). It runs again afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class EligibilityError(ValueError):
    """Bad input for the engine (message in Vietnamese)."""


@dataclass(frozen=True)
class AwardInfo:
    id: int
    code: str
    name: str
    abbreviation: str
    kind: str
    subject: str
    level: str
    order: int
    name_en: str = ""

    @property
    def label(self) -> str:
        """The name shown on pages: the English name kept as data when the user reads English
        (official documents keep ``name``)."""
        if self.name_en and get_language() == "en":
            return self.name_en
        return self.name

    @property
    def subject_kind(self) -> str:
        return "person" if self.subject == SubjectKind.INDIVIDUAL else "unit"


class Catalogue:
    """Award types and the criterion rows in force on one day (two queries)."""

    def __init__(self, day: dt.date, award_types: dict[str, AwardInfo], criteria: dict[str, list[CriterionSpec]]):
        self.day, self.award_types, self.criteria = day, award_types, criteria

    @classmethod
    def in_force(cls, day: dt.date) -> Catalogue:
        types = {a.code: AwardInfo(a.pk, a.code, a.name, a.abbreviation, a.kind, a.subject, a.level, a.order,
                                    a.name_en)
                 for a in AwardType.objects.filter(active=True)}
        by_id = {a.id: a.code for a in types.values()}
        rows = Criterion.objects.in_force(day).filter(award_type_id__in=list(by_id)).order_by("award_type_id", "order", "code", "-effective_from")
        criteria: dict[str, list[CriterionSpec]] = {}
        seen = set()
        for c in rows:
            # Two overlapping versions of one criterion: the newest wins.
            if (c.award_type_id, c.code) in seen:
                continue
            seen.add((c.award_type_id, c.code))
            code = by_id[c.award_type_id]
            criteria.setdefault(code, []).append(CriterionSpec.from_model(c, code))
        return cls(day, types, criteria)

    def ordered_codes(self, subject: str | None = None) -> list[str]:
        types = [a for a in self.award_types.values() if subject is None or a.subject == subject]
        return [a.code for a in sorted(types, key=lambda a: (a.order, a.code))]

    def needs(self) -> F.Needs:
        rating_years, initiative_years = 1, 1
        all_codes: set[str] = set()
        current_codes: set[str] = set()
        for specs in self.criteria.values():
            for c in specs:
                p = c.params
                if c.rule in _RATING_YEARS_RULES:
                    rating_years = max(rating_years, int(p.get("years", 1)))
                if c.rule == "initiatives_in_window":
                    initiative_years = max(initiative_years, int(p.get("window_years", 1)))
                for key in _ALL_YEARS_KEYS:
                    all_codes.update(p.get(key) or ())
                if "title" in p:
                    (all_codes if c.rule in _TITLE_ALL_YEARS_RULES else current_codes).add(p["title"])
                if "of_title" in p:
                    current_codes.add(p["of_title"])
        return F.Needs(rating_years=rating_years, initiative_years=initiative_years,
                       award_codes_all=frozenset(all_codes), award_codes_current=frozenset(current_codes))


class Result:
    """A verdict: one subject, one award type, one school year, with its lines."""

    __slots__ = ("subject", "award", "outcome", "line_objs", "year_label", "_shared")

    def __init__(self, subject, award: AwardInfo, outcome: str, line_objs: tuple, year_label: str,
                 shared: dict | None = None):
        self.subject, self.award, self.outcome = subject, award, outcome
        self.line_objs, self.year_label, self._shared = line_objs, year_label, shared

    def _rendered(self) -> tuple[list[dict], str]:
        # Thousands of people share the very same lines: word them once per combination.
        shared = self._shared
        done = shared.get(self.line_objs) if shared is not None else None
        if done is None:
            lines = [line.as_dict() for line in self.line_objs]
            done = (lines, summarize(self.outcome, lines))
            if shared is not None:
                shared[self.line_objs] = done
        return done

    @property
    def shares_lines(self) -> bool:
        """Whether ``lines`` is a list shared with other verdicts and kept by the engine."""
        return self._shared is not None

    @property
    def subject_kind(self) -> str:
        return self.subject.kind

    @property
    def subject_id(self) -> int:
        return self.subject.id

    @property
    def subject_name(self) -> str:
        return self.subject.name

    @property
    def award_code(self) -> str:
        return self.award.code

    @property
    def award_name(self) -> str:
        return self.award.label

    @property
    def lines(self) -> list[dict]:
        return self._rendered()[0]

    @property
    def outcome_label(self) -> str:
        return outcome_label(self.outcome)

    @property
    def summary(self) -> str:
        return self._rendered()[1]

    def as_dict(self) -> dict:
        lines, summary = self._rendered()
        subject = self.subject
        return {
            "subject": {"kind": subject.kind, "id": subject.id, "name": subject.name},
            "award_type": self.award.code, "award_name": self.award.label, "year": self.year_label,
            "outcome": self.outcome, "outcome_label": self.outcome_label,
            "summary": summary, "lines": lines,
        }

    def __repr__(self) -> str:
        return f"<Result {self.subject_kind}:{self.subject_id} {self.award_code} {self.outcome}>"


def summarize(outcome: str, lines: list[dict]) -> str:
    """One sentence in the user's language: what decided the verdict (also used for stored verdicts)."""
    blocking = [line for line in lines if line.get("blocking", True)]
    if outcome == ELIGIBLE:
        return _("Đủ điều kiện theo các tiêu chuẩn hệ thống kiểm tra được.")
    if outcome == NOT_ELIGIBLE:
        return _("Không đủ điều kiện: %(details)s") % {
            "details": " ".join(line["detail"] for line in blocking if line["passed"] is False)}
    if outcome == MISSING:
        return _("Thiếu thông tin: %(details)s") % {
            "details": " ".join(line["detail"] for line in blocking if line["passed"] is None)}
    return " ".join(line["detail"] for line in lines) or outcome_label(outcome)


class AwardResults:
    """The verdicts of one award type for every loaded subject, kept as columns (the
    subjects list, their outcomes, their line tuples) so a province-sized run does not
    build a dict of objects per award; :class:`Result` objects are made when asked for."""

    __slots__ = ("info", "subjects", "index", "outcomes", "rows", "crits", "label", "shared")

    def __init__(self, info, subjects, index, outcomes, rows, crits, label):
        self.info, self.subjects, self.index, self.outcomes = info, subjects, index, outcomes
        self.rows, self.crits, self.label = rows, crits, label
        self.shared: dict = {}  # line tuple -> (line dicts, summary), filled as verdicts are shown

    def __len__(self) -> int:
        return len(self.subjects)

    def __contains__(self, sid) -> bool:
        return sid in self.index

    def __getitem__(self, sid) -> Result:
        j = self.index[sid]
        return Result(self.subjects[j], self.info, self.outcomes[j], self.rows[j], self.label, self.shared)

    def get(self, sid) -> Result | None:
        j = self.index.get(sid)
        return None if j is None else Result(self.subjects[j], self.info, self.outcomes[j], self.rows[j], self.label,
                                             self.shared)

    def outcome_of(self, sid) -> str | None:
        j = self.index.get(sid)
        return None if j is None else self.outcomes[j]

    def lines_of(self, sid) -> tuple | None:
        j = self.index.get(sid)
        return None if j is None else self.rows[j]

    def results(self, wanted=None):
        info, label, shared = self.info, self.label, self.shared
        return [Result(s, info, o, r, label, shared)
                for s, o, r in zip(self.subjects, self.outcomes, self.rows, strict=True)
                if wanted is None or s.id in wanted]


class _AwardCtx:
    """What a check may ask while judging one award type (see tdkt.eligibility.checks)."""

    __slots__ = ("engine", "subject_kind", "pre_outcomes", "year", "facts")
    pre_outcomes: dict[int, str]  # subject id -> outcome before the post rules (quotas) run

    def __init__(self, engine: Engine, subject_kind: str):
        self.engine, self.subject_kind, self.pre_outcomes = engine, subject_kind, {}
        self.year, self.facts = engine.facts.year, engine.facts

    def award_name(self, code):
        return self.engine.award_name(code)

    def held(self, code, *, exclude_thematic=False, current="record"):
        return self.engine.held(code, exclude_thematic=exclude_thematic, current=current)

    def results(self, code):
        return self.engine.results(code)

    def latest_award_years(self, codes):
        return self.engine.latest_award_years(tuple(codes))

    def outcomes(self, code):
        return self.engine.outcomes(code)

    def members(self, unit_id):
        return self.engine.facts.members.get(unit_id, ())

    def group_members(self, unit_id):
        return self.engine.facts.group_members.get(unit_id, ())

    def unit_name(self, unit_id):
        u = self.engine.facts.unit_by_id.get(unit_id)
        return u.name if u is not None else _("Đơn vị #%(id)s") % {"id": unit_id}


class Engine:
    """Judges every loaded subject for an award type once, memoised; award types that
    depend on others (CSTĐCS on LĐTT, collectives on members) pull them in."""

    def __init__(self, facts: F.Facts, catalogue: Catalogue):
        self.facts, self.catalogue = facts, catalogue
        self._results: dict[str, AwardResults] = {}
        self._outcomes: dict[str, dict[int, str]] = {}
        self._held: dict[tuple, dict] = {}
        self._running: set[str] = set()
        self._index = {"person": {p.id: j for j, p in enumerate(facts.persons)},
                       "unit": {u.id: j for j, u in enumerate(facts.units)}}

    def award_name(self, code: str) -> str:
        info = self.catalogue.award_types.get(code)
        return info.label if info is not None else code

    def subjects_for(self, code: str):
        info = self.catalogue.award_types[code]
        return self.facts.persons if info.subject == SubjectKind.INDIVIDUAL else self.facts.units

    def results(self, code: str) -> AwardResults:
        done = self._results.get(code)
        if done is not None:
            return done
        if code not in self.catalogue.award_types:
            raise EligibilityError(_("Không có danh hiệu / hình thức khen thưởng mã «%(code)s».") % {"code": code})
        if code in self._running:
            raise EligibilityError(_("Tiêu chuẩn của «%(name)s» tham chiếu vòng tròn đến chính nó.") % {
                "name": self.award_name(code)})
        self._running.add(code)
        try:
            with gc_paused():
                done = self._evaluate(code)
        finally:
            self._running.discard(code)
        self._results[code] = done
        return done

    def outcomes(self, code: str) -> dict[int, str]:
        done = self._outcomes.get(code)
        if done is None:
            res = self.results(code)
            done = self._outcomes[code] = {s.id: o for s, o in zip(res.subjects, res.outcomes, strict=True)}
        return done

    def held(self, code: str, *, exclude_thematic: bool = False, current: str = "record") -> dict[int, dict]:
        """subject id → {start year: evidence} for the award ``code``: non-revoked records
        (revoked ones are never loaded), without thematic ones when asked, plus this year's
        verdict when ``current == "record_or_eligible"``."""
        key = (code, exclude_thematic, current)
        done = self._held.get(key)
        if done is not None:
            return done
        name = self.award_name(code)
        # a year's evidence: the award record, or this year's verdict (record_or_eligible)
        out: dict[int, dict[int, F.AwardFact | dict[str, str]]] = {}
        if code in self.catalogue.award_types:
            for s in self.subjects_for(code):
                if not s.awards or code not in s.awards:
                    continue
                d: dict[int, F.AwardFact | dict[str, str]] = {}
                for a in sorted(s.awards[code], key=lambda a: (a.year or 0, a.record_id)):
                    if a.year is None or (exclude_thematic and a.thematic):
                        continue
                    d.setdefault(a.year, a)
                if d:
                    out[s.id] = d
            if current == "record_or_eligible":
                y = self.facts.year.start_year
                ev = {"award": code, "award_name": name, "year": self.facts.year.label, "source": "du_dieu_kien"}
                for sid, outcome in self.outcomes(code).items():
                    if outcome == ELIGIBLE:
                        held_years = out.get(sid)
                        if held_years is None:
                            out[sid] = {y: ev}
                        elif y not in held_years:
                            held_years[y] = ev
        self._held[key] = out
        return out

    def latest_award_years(self, codes: tuple) -> dict[int, int]:
        """subject id → the latest school year any award in ``codes`` was given (any record,
        thematic included: a year already rewarded is not rewarded again)."""
        key = ("latest", *codes)
        done = self._held.get(key)
        if done is not None:
            return done
        out: dict[int, int] = {}
        if codes:
            subjects: tuple[F.PersonFacts | F.UnitFacts, ...] = (*self.facts.persons, *self.facts.units)
            for s in subjects:
                awards = s.awards
                if not awards:
                    continue
                years = [a.year for c in codes for a in awards.get(c, ()) if a.year is not None]
                if years:
                    out[s.id] = max(years)
        self._held[key] = out
        return out

    def _evaluate(self, code: str) -> AwardResults:
        info = self.catalogue.award_types[code]
        subjects = self.subjects_for(code)
        kind = info.subject_kind
        label = self.facts.year.label
        crits = self.catalogue.criteria.get(code, [])
        index = self._index[kind]
        if not crits:
            line = no_rule_line(info, self.facts.year)
            spec = line.crit
            return AwardResults(info, subjects, index, [NO_RULE] * len(subjects), [(line,)] * len(subjects), [spec],
                                label)
        ctx = _AwardCtx(self, kind)
        pre = [c for c in crits if c.rule not in POST_RULES]
        post = [c for c in crits if c.rule in POST_RULES]
        columns = {id(c): _run_check(c, subjects, ctx) for c in pre}
        # Outcome per subject from the blocking lines; lines are shared objects, so a row of
        # lines seen once (most people share theirs) is decided once.
        blocking = [j for j, c in enumerate(pre) if c.blocking]
        decided: dict = {}
        state = []
        for row in zip(*(columns[id(c)] for c in pre), strict=True) if pre and subjects else ():
            o = decided.get(row)
            if o is None:
                o = decided[row] = _outcome(row[j] for j in blocking)
            state.append(o)
        if not pre:
            state = [ELIGIBLE] * len(subjects)
        if post:
            ctx.pre_outcomes = {s.id: o for s, o in zip(subjects, state, strict=True)}
            for c in post:
                columns[id(c)] = _run_check(c, subjects, ctx)
        rows = list(zip(*(columns[id(c)] for c in crits), strict=True)) if subjects else []
        return AwardResults(info, subjects, index, state, rows, crits, label)


def _outcome(lines) -> str:
    """All blocking lines passed: eligible; any failed: not eligible; else missing information."""
    outcome = ELIGIBLE
    for line in lines:
        if line.passed is False:
            return NOT_ELIGIBLE
        if line.passed is None:
            outcome = MISSING
    return outcome


def _run_check(c: CriterionSpec, subjects, ctx) -> list[Line]:
    fn = RULES.get(c.rule)
    if fn is None:
        line = Line(c, None, _("Hệ thống chưa có hàm kiểm tra «%(rule)s» cho tiêu chuẩn này; cần bổ sung trước khi "
                               "dùng kết quả.") % {"rule": c.rule})
        return [line] * len(subjects)
    return fn(c, subjects, ctx)


def no_rule_line(info: AwardInfo, year: F.YearInfo) -> Line:
    spec = CriterionSpec(id=None, code="chua-co-quy-dinh", award_code=info.code, rule="no_rule",
                         params={}, description="Chưa có quy định áp dụng", effective_from=None,
                         description_en="No applicable rules yet")
    return Line(spec, None, _("Chưa có tiêu chuẩn nào của «%(name)s» có hiệu lực tại ngày %(date)s (cuối năm học "
                              "%(year)s); hệ thống không áp dụng quy định của thời kỳ khác.") % {
        "name": info.label, "date": format_date_short(year.end_date), "year": year.label})


# --------------------------------------------------------------------------- public API


def _year(school_year) -> F.YearInfo:
    if isinstance(school_year, F.YearInfo):
        return school_year
    if isinstance(school_year, SchoolYear):
        return F.year_info(school_year)
    raise EligibilityError(_("Năm học không hợp lệ."))


def _code(award_type) -> str:
    return award_type.code if isinstance(award_type, AwardType) else str(award_type)


def _engine(scope: F.Scope, year: F.YearInfo, catalogue: Catalogue | None = None) -> Engine:
    catalogue = catalogue or Catalogue.in_force(year.end_date)
    with gc_paused():
        # The issuers' own caps are law too: read on the catalogue's day, as the criteria are.
        facts = F.load_facts(school_year=year, scope=scope, needs=catalogue.needs(), rules_on=catalogue.day)
        return Engine(facts, with_local_quotas(catalogue, facts.local_quotas))


def with_local_quotas(catalogue: Catalogue, local: list) -> Catalogue:
    """The catalogue with the issuers' own caps (eligibility.LocalQuotaRule in force) as one warning
    criterion per capped award — only for an award no national cap covers on the catalogue's day
    (from 2024: NĐ 91 Điều 9 khoản 3 no longer applies; a province may set its own)."""
    if not local:
        return catalogue
    by_award: dict[str, list] = {}
    for r in local:
        if r.award in catalogue.award_types and not any(c.rule == "quota_share"
                                                        for c in catalogue.criteria.get(r.award, ())):
            by_award.setdefault(r.award, []).append(r)
    if not by_award:
        return catalogue
    criteria = dict(catalogue.criteria)
    for code, rules in by_award.items():
        shares = {r.max_share for r in rules}
        of_code = rules[0].of_award
        of_name = catalogue.award_types[of_code].name if of_code in catalogue.award_types else of_code
        own_name = catalogue.award_types[code].name
        single = rules[0] if len(rules) == 1 else None
        share_text = format(rules[0].max_share * 100, "f").rstrip("0").rstrip(".").replace(".", ",") + "%" \
            if len(shares) == 1 else "tỷ lệ"
        spec = CriterionSpec(
            id=None, code="ty-le-dia-phuong", award_code=code, rule="quota_share",
            params={"of_title": of_code, "group": "school",
                    **({"max_share": str(rules[0].max_share)} if len(shares) == 1 else {}),
                    "local_rules": [{"id": r.id, "path": r.issuer_path, "issuer": r.issuer,
                                     "max_share": str(r.max_share), "rounding": r.rounding,
                                     "citation": r.citation} for r in rules]},
            description=f"Số «{own_name}» của đơn vị không quá {share_text} số cá nhân đạt «{of_name}» "
                        f"(quy định của địa phương)",
            effective_from=max(r.effective_from for r in rules),
            document=single.citation if single else "; ".join(f"{r.issuer}: {r.citation}" for r in rules),
            blocking=False, order=80, note="; ".join(r.note for r in rules if r.note))
        criteria[code] = sorted([*criteria.get(code, ()), spec], key=lambda c: c.order)
    return Catalogue(catalogue.day, catalogue.award_types, criteria)


def evaluate(subject, award_type, school_year) -> Result:
    """Judge one person or unit for one award type in one school year."""
    return evaluate_many([(subject, award_type)], school_year)[0]


def evaluate_many(items, school_year) -> list[Result]:
    """Judge many (person or unit, award type) pairs at once — a meeting's agenda, a list
    being prepared — from one load of facts: the number of queries does not grow with the
    number of pairs. Results come back in the order asked."""
    year = _year(school_year)
    catalogue = Catalogue.in_force(year.end_date)
    pairs = []
    for subject, award_type in items:
        code = _code(award_type)
        info = catalogue.award_types.get(code)
        if info is None:
            raise EligibilityError(_("Không có danh hiệu / hình thức khen thưởng mã «%(code)s».") % {"code": code})
        if isinstance(subject, Person):
            if info.subject != SubjectKind.INDIVIDUAL:
                raise EligibilityError(_("«%(name)s» là danh hiệu / hình thức cho tập thể, không xét cho cá nhân.")
                                       % {"name": info.label})
        elif isinstance(subject, Unit):
            if info.subject != SubjectKind.COLLECTIVE:
                raise EligibilityError(_("«%(name)s» là danh hiệu / hình thức cho cá nhân, không xét cho tập thể.")
                                       % {"name": info.label})
        else:
            raise EligibilityError(_("Đối tượng xét phải là cá nhân hoặc đơn vị."))
        pairs.append((subject, code))
    if not pairs:
        return []
    scope = F.scope_for_many(year=year, people=[s for s, _c in pairs if isinstance(s, Person)],
                             units=[s for s, _c in pairs if isinstance(s, Unit)])
    engine = _engine(scope, year, catalogue)
    return [engine.results(code)[subject.pk] for subject, code in pairs]


def evaluate_person(person: Person, school_year, award_types=None) -> list[Result]:
    """Every individual title and form (or ``award_types``) for one person."""
    year = _year(school_year)
    catalogue = Catalogue.in_force(year.end_date)
    codes = _requested(catalogue, award_types, SubjectKind.INDIVIDUAL)
    engine = _engine(F.scope_for_many(year=year, people=[person]), year, catalogue)
    return [engine.results(code)[person.pk] for code in codes]


def evaluate_unit(unit: Unit, school_year, award_types=None) -> list[Result]:
    """Every collective title and form (or ``award_types``) for one unit."""
    year = _year(school_year)
    catalogue = Catalogue.in_force(year.end_date)
    codes = _requested(catalogue, award_types, SubjectKind.COLLECTIVE)
    engine = _engine(F.scope_for_many(year=year, units=[unit]), year, catalogue)
    return [engine.results(code)[unit.pk] for code in codes]


def _requested(catalogue: Catalogue, award_types, subject: str | None) -> list[str]:
    if award_types is None:
        return catalogue.ordered_codes(subject)
    codes = [_code(a) for a in award_types]
    unknown = [c for c in codes if c not in catalogue.award_types]
    if unknown:
        raise EligibilityError(_("Không có danh hiệu / hình thức khen thưởng mã «%(code)s».") % {
            "code": ", ".join(unknown)})
    if subject is not None:
        codes = [c for c in codes if catalogue.award_types[c].subject == subject]
    return codes


def subtree_engine(unit: Unit, school_year, *, rules_on: dt.date | None = None) -> Engine:
    """Facts for ``unit``'s subtree loaded once, ready to judge any award type — by the
    criterion rows in force on ``rules_on`` (default: the year's end date, as always;
    another day answers "what if this year were judged by those rules", the impact report)."""
    year = _year(school_year)
    catalogue = Catalogue.in_force(rules_on) if rules_on is not None else None
    return _engine(F.scope_for_subtree(unit), year, catalogue)


def evaluate_subtree(unit: Unit, school_year, award_types=None, *, engine: Engine | None = None,
                     progress=None) -> list[Result]:
    """Everyone employed under ``unit`` during the year for every individual award type,
    and every unit under it for every collective one — from one load of facts.
    ``progress(done, total)``, if given, is told after each award type (a background run's bar)."""
    engine = engine or subtree_engine(unit, school_year)
    facts = engine.facts
    out: list[Result] = []
    codes = _requested(engine.catalogue, award_types, None)
    with gc_paused():
        for i, code in enumerate(codes):
            if progress is not None:
                progress(i, len(codes))
            results = engine.results(code)
            info = engine.catalogue.award_types[code]
            wanted = facts.report_person_ids if info.subject == SubjectKind.INDIVIDUAL else facts.report_unit_ids
            out.extend(results.results(wanted))
    return out


def quota_panel(unit: Unit, school_year, *, engine: Engine | None = None) -> dict:
    """The CSTĐCS quota (≤ 15% of LĐTT, per the rows in force) for each school or office
    under ``unit``: the cap, who is eligible, by how many the cap is exceeded, and the
    people one criterion short of eligibility."""
    year = _year(school_year)
    engine = engine or subtree_engine(unit, school_year)
    facts = engine.facts
    panels = []
    for code in engine.catalogue.ordered_codes(SubjectKind.INDIVIDUAL):
        for crit in engine.catalogue.criteria.get(code, []):
            if crit.rule != "quota_share":
                continue
            panels.append(_quota_for(engine, code, crit))
    if not panels:
        return {"year": year.label, "unit": {"id": unit.pk, "name": unit.name}, "rules": [],
                "message": f"Chưa có quy định tỷ lệ nào có hiệu lực tại ngày {format_date_short(year.end_date)}."}
    return {"year": year.label, "unit": {"id": unit.pk, "name": unit.name}, "rules": panels,
            "message": "" if facts.persons else "Không có cán bộ nào công tác trong năm học."}


def _quota_for(engine: Engine, code: str, crit: CriterionSpec) -> dict:
    facts = engine.facts
    results = engine.results(code)
    by_id = {p.id: p for p in facts.persons}
    gids = {gid for pid in facts.report_person_ids if pid in by_id and (gid := by_id[pid].group_id) is not None}
    groups = []
    for gid in sorted(gids, key=lambda g: facts.unit_by_id[g].path):
        members = facts.group_members[gid]  # a group id comes from a loaded person: the group has them
        first_lines = results.lines_of(members[0].id)
        assert first_lines is not None  # members are loaded people: every one was judged
        line = next(x for x in first_lines if x.crit is crit)
        ev = line.evidence[0] if line.evidence else {}
        if "local_rules" in crit.params and "cap" not in ev:
            continue  # no issuer above this school set a cap
        eligible = [m for m in members if results.outcome_of(m.id) == ELIGIBLE]
        near = []
        for m in members:
            outcome = results.outcome_of(m.id)
            if outcome == ELIGIBLE:
                continue
            lines = results.lines_of(m.id)
            assert lines is not None  # members are loaded people: every one was judged
            short = [x for x in lines if x.crit.blocking and x.passed is not True]
            if len(short) == 1:
                near.append({"person_id": m.id, "name": m.name, "outcome": outcome,
                             "missing": short[0].need or short[0].detail})
        groups.append({
            "unit_id": gid, "unit": facts.unit_by_id[gid].name,
            "of_title_count": ev.get("of_title_count"), "cap": ev.get("cap"), "eligible_count": len(eligible),
            "over_by": max(0, len(eligible) - (ev.get("cap") or 0)), "within_cap": line.passed,
            "max_share": ev.get("max_share"), "citation": ev.get("citation", ""),
            "detail": line.detail,
            "eligible": [{"person_id": m.id, "name": m.name} for m in eligible],
            "near_misses": near,
        })
    return {"award_type": code, "award_name": engine.award_name(code), "criterion": crit.header(),
            "max_share": crit.params.get("max_share"), "rounding": crit.params.get("rounding"),
            "local": "local_rules" in crit.params,
            "of_title": crit.params.get("of_title"), "groups": groups}
