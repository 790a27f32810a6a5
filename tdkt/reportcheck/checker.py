"""The reviewer's checks on a draft Báo cáo thành tích.

``check_report(data=..., filename=..., person=... | unit=...)`` reads the DOCX and
returns a ``Report``: findings, each naming the place in the text, the quoted words,
what is wrong, the fix and the rule it rests on. It reads the records and the rule
rows and writes nothing."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import timezone, translation

from tdkt.core.vi import fold, format_date_short, parse_date_vn, school_year_label
from tdkt.eligibility.choices import SubjectKind
from tdkt.eligibility.models import AwardType
from tdkt.org.models import SchoolYear
from tdkt.records.choices import SCOPE_RANK, Scope
from tdkt.records.models import AwardRecord, Initiative

from .models import FormKind, ReportFormSection, ReportRule, Severity, TitleNameRule
from .reading import Block, check_docx_file, clean, open_docx, read_blocks
from .reference import ND98

ERROR, WARNING = Severity.ERROR.value, Severity.WARNING.value


def decision_citation(rec: AwardRecord) -> str:
    """How a report cites the decision behind an award: "Quyết định số 12/QĐ-UBND ngày
    05/6/2023 của UBND quận 1" (the parts on file)."""
    parts = []
    if rec.decision_number:
        parts.append(f"Quyết định số {rec.decision_number}")
    if rec.decision_date:
        parts.append(f"ngày {format_date_short(rec.decision_date)}")
    if rec.issuer:
        parts.append(f"của {rec.issuer}")
    return " ".join(parts)


@dataclass
class Finding:
    code: str
    severity: str
    location: str
    quote: str
    message: str
    fix: str
    rule: str = ""
    section: str = ""  # the part it belongs to, for grouping ("III. CÁC HÌNH THỨC ...")
    block: int | None = None  # index of the block, for the annotated copy

    @property
    def severity_label(self) -> str:
        return str(Severity(self.severity).label)

    def as_dict(self) -> dict:
        d = asdict(self)
        # Kept with the check and written into the Word comments of a Vietnamese report, like
        # the findings' wording: Vietnamese. Pages show the label in the reader's language.
        with translation.override("vi"):
            d["severity_label"] = self.severity_label
        return d


@dataclass
class Report:
    form_kind: str
    findings: list[Finding] = field(default_factory=list)
    report_date: dt.date | None = None
    school_year: SchoolYear | None = None
    blocks: int = 0
    # The form (outline) the report was checked against: its citation and, for a form nobody has read, the
    # "cần đối chiếu" note (shown to the officer, never printed in a paper).
    form_citation: str = ""
    form_note: str = ""

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    def codes(self) -> list[str]:
        return [f.code for f in self.findings]


# --------------------------------------------------------------------------- helpers

_ROMAN = re.compile(r"^\s*([IVXLC]+)\s*[.):/-]\s*", re.IGNORECASE)
_ARABIC = re.compile(r"^\s*(\d{1,2})\s*[.)/-]\s*")
_SCHOOL_YEAR = re.compile(r"(\d{4})\s*[-–—/]\s*(\d{4})")
_WORD_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_NUM_DATE = re.compile(r"(?<![\d/])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)")
_PLACE_DATE = re.compile(r"^(?P<place>[^,]{2,80}),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
                         r"\s*\.?$", re.IGNORECASE)
_PLACE_NUMERIC = re.compile(r"^(?P<place>[^,]{2,80}),\s*(?:ngày\s*)?(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*"
                            r"(?P<y>\d{4})\s*\.?$", re.IGNORECASE)
_DATE_ONLY = re.compile(r"^ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}\s*\.?$", re.IGNORECASE)
_DECISION = re.compile(r"(?:quyết\s+định|QĐ)\s*(?:số)?\s*:?\s*(?P<num>\d+[^\s,;()]*)", re.IGNORECASE)
_QUOTED = re.compile(r"[«\"“‘']([^«»\"“”‘’']{8,300})[»\"”’']")
_NUMBER = r"\d{1,3}(?:\.\d{3})+|\d+"


def _rule_text(rules: dict[str, ReportRule], code: str) -> str:
    r = rules.get(code)
    return r.citation if r else ""


def _num(text: str) -> int:
    return int(text.replace(".", ""))


def _dec(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(".", "").replace(",", ".")) if "," in text else Decimal(text)
    except InvalidOperation:
        return None


def _vn_dec(value: Decimal, places: int = 2) -> str:
    q = value.quantize(Decimal(1).scaleb(-places))
    return format(q.normalize(), "f").replace(".", ",")


def _norm_number(text: str) -> str:
    return re.sub(r"\s+", "", fold(text)).rstrip(".")


def _date_or_none(d: str, m: str, y: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def _award_text(text: str) -> str:
    """Folded award name with the usual long forms shortened as the aliases write them."""
    t = fold(text).strip(" «»\"“”'.:;-")
    for long, short in (("uy ban nhan dan", "ubnd"), ("bo giao duc va dao tao", "bo gd&dt"), ("danh hieu ", "")):
        t = t.replace(long, short)
    return " ".join(t.split())


class _Catalogue:
    """Award types by every name they go by, for reading names in the report."""

    def __init__(self, subject: str):
        self.subject = subject
        self.names: list[tuple[str, AwardType]] = []
        for at in AwardType.objects.filter(active=True):
            names = {_award_text(n) for n in (at.name, at.abbreviation, *(at.aliases or [])) if n}
            if at.subject == SubjectKind.COLLECTIVE:
                names |= {" ".join(n.replace("(tap the)", "").split()) for n in names}
            for n in names:
                if n:
                    self.names.append((n, at))
        # Longest name first: "giay khen cua chu tich ubnd quan" before "giay khen".
        self.names.sort(key=lambda p: (-len(p[0]), p[1].subject != subject))

    def find(self, text: str) -> AwardType | None:
        t = _award_text(text)
        if not t:
            return None
        hits = [at for n, at in self.names if t == n or t.startswith(n + " ") or t.startswith(n + ",")]
        if not hits:
            return None
        best = [h for h in hits if h.subject == self.subject]
        return (best or hits)[0]


# --------------------------------------------------------------------------- sections


def sections_in_force(form_kind: str, day: dt.date) -> list[ReportFormSection]:
    rows = list(ReportFormSection.objects.in_force(day).filter(form_kind=form_kind).order_by("order"))
    if rows:
        return rows
    # A report dated before the first form we hold is judged by the earliest one.
    first = ReportFormSection.objects.filter(form_kind=form_kind).order_by("effective_from").first()
    if first is None:
        return []
    return list(ReportFormSection.objects.filter(form_kind=form_kind, effective_from=first.effective_from)
                .order_by("order"))


def _heading_forms(row: ReportFormSection) -> set[str]:
    return {fold(v).strip(" .:;") for v in (row.heading, *(row.variants or [])) if v}


def _match_heading(text: str, rows: list[ReportFormSection], current_part: str) -> ReportFormSection | None:
    if not text or len(text) > 200:
        return None
    roman, arabic = _ROMAN.match(text), _ARABIC.match(text)
    if roman and not re.fullmatch(r"[IVXLC]+", roman.group(1)):
        roman = None  # "i." in lower case is not a part number
    number = roman or arabic
    rest = text[number.end():] if number else text
    body = fold(rest).strip(" .:;")
    if not body:
        return None
    if roman:
        levels = [1]
    elif arabic:
        levels = [2]
    else:
        levels = [1, 2]
    for level in levels:
        for row in rows:
            if row.level != level or (level == 2 and row.parent_code != current_part):
                continue
            for form in _heading_forms(row):
                if body == form or (body.startswith(form + " ") and len(body) < len(form) + 60):
                    return row
    return None


def _assign_sections(blocks: list[Block], rows: list[ReportFormSection]) -> dict[str, Block]:
    """Mark each block with its part; return the heading block of each section found."""
    found: dict[str, Block] = {}
    part, part_code, sub_code, para_no = "", "", "", 0
    for b in blocks:
        part_heading = False
        if b.kind == "p":
            row = _match_heading(b.text, [r for r in rows if r.code not in found], part_code)
            if row is not None:
                found[row.code] = b
                b.heading_of = row.code
                if row.level == 1:
                    part, part_code, sub_code, para_no = row.number, row.code, "", 0
                    part_heading = b.part_heading = True
                else:
                    sub_code = row.code
        if b.kind == "p" and b.text and not part_heading:
            para_no += 1
        b.part, b.part_code, b.sub_code, b.para_no = part, part_code, sub_code, para_no
    return found


# --------------------------------------------------------------------------- the engine


class _Checker:
    def __init__(self, *, blocks: list[Block], form_kind: str, person=None, unit=None, school_year=None,
                 today: dt.date | None = None):
        self.blocks = blocks
        self.form_kind = form_kind
        self.person, self.unit = person, unit
        self.today = today or timezone.localdate()
        self.rules = {r.code: r for r in ReportRule.objects.all()}
        self.findings: list[Finding] = []
        self.part_titles: dict[str, str] = {}
        self.school_year = school_year
        self.report_date: dt.date | None = None
        self.form_citation = self.form_note = self.form_decree = ""

    # -- output
    def add(self, code: str, severity: str, block: Block | None, quote: str, message: str, fix: str,
            *, rule: str | None = None, section: str | None = None) -> None:
        part = section if section is not None else (self.part_titles.get(block.part_code, "Phần đầu")
                                                     if block is not None else "Cả báo cáo")
        self.findings.append(Finding(
            code=code, severity=severity, location=block.location if block is not None else "Cả báo cáo",
            quote=quote[:300], message=message, fix=fix, rule=rule if rule is not None else self._rule(code),
            section=part, block=block.index if block is not None else None))

    def _rule(self, code: str) -> str:
        """A check's citation, naming the decree whose form the report was checked against: the checks cite
        NĐ 98/2023's annex, and a report dated under another decree is judged by that decree's form."""
        text = _rule_text(self.rules, code)
        if self.form_decree and self.form_decree != ND98:
            text = text.replace(ND98, self.form_decree)
        return text

    # -- run
    def run(self) -> None:
        hit = self.find_place_date()
        if hit is not None and hit[2] != "no-place":
            guess = _date_or_none(hit[3]["d"], hit[3]["m"], hit[3]["y"])
        else:
            guess = None
        rows = sections_in_force(self.form_kind, guess or self.today)
        if rows:
            self.form_citation, self.form_note = rows[0].citation, rows[0].note
            self.form_decree = self.form_citation.split(",")[0].strip()
        self.part_titles = {r.code: r.label for r in rows if r.level == 1}
        found = _assign_sections(self.blocks, rows)
        self.report_date = self.check_place_date(hit)
        day = self.report_date or self.today
        self.check_sections(rows, found)
        if self.school_year is None:
            self.school_year = (SchoolYear.objects.filter(start_date__lte=day, end_date__gte=day).first()
                                or SchoolYear.objects.filter(end_date__lt=day).order_by("-start_year").first())
        self.check_dates()
        self.check_title_names()
        self.check_subject()
        self.check_claims()
        self.check_initiatives()
        if self.unit is not None:
            self.check_figures()
        self.check_table_rates()

    # -- the place-date line
    def find_place_date(self):
        """(block, line, kind, match) of the địa danh, ngày tháng năm line, looked for above part I."""
        first_part = next((b.index for b in self.blocks if b.kind == "p" and (m := _ROMAN.match(b.text))
                           and re.fullmatch(r"[IVXLC]+", m.group(1))), len(self.blocks))
        for b in self.blocks[:first_part]:
            for line in b.lines:
                for kind, rx in (("words", _PLACE_DATE), ("numeric", _PLACE_NUMERIC), ("no-place", _DATE_ONLY)):
                    m = rx.match(line)
                    if m:
                        return b, line, kind, m
        return None

    def check_place_date(self, hit) -> dt.date | None:
        if hit is None:
            self.add("thieu-dia-danh-ngay", WARNING, None, "",
                     "Không thấy dòng địa danh, ngày tháng năm ở đầu báo cáo.",
                     "Thêm dòng «Địa danh, ngày … tháng … năm …» dưới Quốc hiệu, Tiêu ngữ, ví dụ «Quận 1, ngày 05 "
                     "tháng 02 năm 2024».", section="Phần đầu")
            return None
        b, line, kind, m = hit
        if kind == "words":
            return self._check_date_line(b, line, m)
        if kind == "numeric":
            d = _date_or_none(m["d"], m["m"], m["y"])
            right = f"{m['place'].strip()}, {_vn_date(d)}" if d else f"{m['place'].strip()}, ngày … tháng … năm …"
            self.add("ngay-sai-dinh-dang", ERROR, b, line,
                     "Dòng địa danh, ngày tháng năm viết bằng số; thể thức văn bản viết «ngày … tháng … năm …».",
                     f"Viết lại: «{right}».")
            if d is None:
                self.add("ngay-khong-co-that", ERROR, b, line, "Ngày ký báo cáo không có thật.",
                         "Sửa lại ngày ký báo cáo cho đúng.")
            return d
        self.add("thieu-dia-danh-ngay", WARNING, b, line, "Dòng ngày tháng năm thiếu địa danh đứng trước.",
                 "Thêm địa danh trước ngày, ví dụ «Quận 1, ngày 05 tháng 02 năm 2024».")
        wm = _WORD_DATE.search(line)
        return _date_or_none(wm[1], wm[2], wm[3]) if wm else None

    def _check_date_line(self, b: Block, line: str, m) -> dt.date | None:
        day_s, month_s, year_s = m["d"], m["m"], m["y"]
        d = _date_or_none(day_s, month_s, year_s)
        if d is None:
            self.add("ngay-khong-co-that", ERROR, b, line, f"Ngày {day_s}/{month_s}/{year_s} không có thật.",
                     "Sửa lại ngày ký báo cáo cho đúng.")
            return None
        month_ok = month_s == (f"{d.month:02d}" if d.month < 3 else str(d.month))
        if len(day_s) != 2 or not month_ok:
            right = f"{m['place'].strip()}, {_vn_date(d)}"
            why = []
            if len(day_s) != 2:
                why.append("ngày dưới 10 phải có số 0 đứng trước")
            if not month_ok:
                why.append("tháng 1, 2 phải có số 0 đứng trước" if d.month < 3 else
                           "tháng từ 3 đến 12 không thêm số 0")
            self.add("ngay-sai-dinh-dang", ERROR, b, line, "Ngày tháng chưa đúng thể thức: " + "; ".join(why) + ".",
                     f"Viết lại: «{right}».")
        if d > self.today:
            self.add("ngay-tuong-lai", ERROR, b, line,
                     f"Ngày của báo cáo ({format_date_short(d)}) ở sau ngày hôm nay.", "Sửa lại ngày ký báo cáo.")
        return d

    # -- sections
    def check_sections(self, rows: list[ReportFormSection], found: dict[str, Block]) -> None:
        by_code = {r.code: r for r in rows}
        last_found: Block | None = None
        for row in rows:
            if row.code in found:
                last_found = found[row.code]
                continue
            if row.level == 2 and row.parent_code not in found:
                continue  # the missing part is reported once, not each of its items
            where = f" (sau «{last_found.text[:80]}»)" if last_found is not None else ""
            title = self.part_titles.get(row.parent_code, "") if row.level == 2 else row.label
            self.add("thieu-muc", ERROR, None, "",
                     f"Thiếu mục «{row.label}»" + (f" trong phần «{title}»" if row.level == 2 else "") + ".",
                     f"Thêm mục «{row.label}»{where} theo đề cương mẫu.", rule=row.citation,
                     section=title if row.level == 2 else row.label)
        highest: dict[str, int] = {}  # per parent: an item is compared with its siblings only
        for code, b in sorted(found.items(), key=lambda kv: kv[1].index):
            row = by_code[code]
            if row.order < highest.get(row.parent_code, 0):
                self.add("sai-thu-tu", ERROR, b, b.text, f"Mục «{row.label}» đứng sai thứ tự của đề cương mẫu.",
                         "Sắp xếp lại các mục theo đề cương: " +
                         "; ".join(r.label for r in rows if r.level == 1) + ".", rule=row.citation)
            highest[row.parent_code] = max(highest.get(row.parent_code, 0), row.order)

    # -- dates anywhere
    def check_dates(self) -> None:
        for b in self.blocks:
            for m in _WORD_DATE.finditer(b.text):
                if _date_or_none(m[1], m[2], m[3]) is None:
                    self.add("ngay-khong-co-that", ERROR, b, m[0], f"«{m[0]}» không phải ngày có thật.",
                             "Sửa lại ngày cho đúng.")
            for m in _NUM_DATE.finditer(b.text):
                d = _date_or_none(m[1], m[3], m[4])
                if d is None:
                    self.add("ngay-khong-co-that", ERROR, b, m[0], f"Ngày «{m[0]}» không có thật.",
                             "Sửa lại ngày cho đúng (dạng ngày/tháng/năm).")

    # -- title names
    def check_title_names(self) -> None:
        day = self.report_date or self.today
        rules = sorted(TitleNameRule.objects.in_force(day), key=lambda r: -len(r.wrong))
        for b in self.blocks:
            text = b.text
            if not text:
                continue
            folded = fold(text)
            same_length = len(folded) == len(text)
            taken: list[tuple[int, int]] = []
            haystack: str | None  # None: the folded text is searched instead
            for r in rules:
                if r.case_sensitive:
                    pattern, haystack = re.escape(clean(r.wrong)), text
                else:
                    pattern, haystack = re.escape(fold(r.wrong)), (folded if same_length else None)
                if haystack is None:  # lengths differ: search the folded text, quote the paragraph
                    if re.search(r"(?<!\w)" + pattern + r"(?!\w)", folded):
                        self._title_finding(b, r, text)
                    continue
                for m in re.finditer(r"(?<!\w)" + pattern + r"(?!\w)", haystack):
                    if any(s < m.end() and m.start() < e for s, e in taken):
                        continue
                    taken.append((m.start(), m.end()))
                    self._title_finding(b, r, text[m.start():m.end()])

    def _title_finding(self, b: Block, r: TitleNameRule, quote: str) -> None:
        self.add("ten-danh-hieu-sai", r.severity, b, quote,
                 f"«{quote}» không phải tên chính thức." + (f" {r.note.rstrip('.')}." if r.note else ""),
                 f"Ghi đúng tên: «{r.right}».", rule=r.citation)

    # -- subject
    def check_subject(self) -> None:
        if self.person is not None:
            name_re = re.compile(r"^[-–•+*\s]*(?:họ và tên|họ tên)[^:]{0,80}:\s*(?P<v>.+)$", re.IGNORECASE)
            birth_re = re.compile(r"^[-–•+*\s]*(?:sinh ngày|ngày sinh|ngày, tháng, năm sinh|năm sinh)[^:]{0,40}:"
                                  r"\s*(?P<v>.+)$", re.IGNORECASE)
            for b in self.blocks:
                if b.part_code not in ("", "so-luoc-ly-lich") or b.kind != "p":
                    continue
                m = name_re.match(b.text)
                # Accents matter here: "Ân" is not "An".
                if m and m["v"].strip(" .…") and clean(m["v"]).strip(" .").casefold() != clean(
                        self.person.full_name).casefold():
                    self.add("sai-doi-tuong", ERROR, b, m["v"],
                             f"Họ tên trong báo cáo («{m['v']}») khác hồ sơ («{self.person.full_name}»).",
                             f"Ghi đúng họ tên như hồ sơ: «{self.person.full_name}» (hoặc đề nghị sửa hồ sơ nếu "
                             "hồ sơ sai).")
                m = birth_re.match(b.text)
                if m and self.person.birth_date:
                    try:
                        given = parse_date_vn(m["v"].strip(" ."))
                    except ValueError:
                        continue
                    if given != self.person.birth_date:
                        right = format_date_short(self.person.birth_date)
                        self.add("sai-doi-tuong", ERROR, b, m["v"],
                                 f"Ngày sinh trong báo cáo ({format_date_short(given)}) khác hồ sơ ({right}).",
                                 f"Ghi đúng ngày sinh: {right}.")
        elif self.unit is not None:
            wanted = fold(self.unit.name)
            head = [b for b in self.blocks if b.part_code in ("", "dac-diem")]
            if not any(wanted in fold(b.text) for b in head):
                self.add("sai-doi-tuong", WARNING, None, "",
                         f"Không thấy tên tập thể «{self.unit.name}» ở phần đầu báo cáo.",
                         f"Ghi đầy đủ tên tập thể «{self.unit.name}» dưới tên báo cáo, không viết tắt.",
                         section="Phần đầu")

    # -- claimed awards
    def _records(self) -> list[AwardRecord]:
        qs = AwardRecord.objects.select_related("award_type", "school_year")
        if self.person is not None:
            qs = qs.filter(person=self.person)
        else:
            qs = qs.filter(unit=self.unit, person__isnull=True)
        return list(qs.order_by("school_year__start_year", "decision_date", "id"))

    def _claims(self, catalogue: _Catalogue) -> list[dict]:
        claims = []
        for b in self.blocks:
            if b.part_code != "khen-thuong" or b.heading_of or not b.text:
                continue
            if b.kind == "row":
                year_cell = next((c for c in b.cells if _SCHOOL_YEAR.search(c) or re.fullmatch(r"(?:năm\s*)?\d{4}", c,
                                                                                                re.IGNORECASE)), None)
                if year_cell is None:
                    continue  # header row, or a row without a year
                decision_cell = next((c for c in b.cells if _DECISION.search(c)), "")
                title_cells = [c for c in b.cells if c not in (year_cell, decision_cell) and not c.isdigit()]
                titles = title_cells[:1]
                year_text, decision_text = year_cell, decision_cell
            else:
                text = b.text.lstrip("-–•+* ")
                if not (_SCHOOL_YEAR.search(text) or re.match(r"(?:năm\s+)?\d{4}\b", text, re.IGNORECASE)):
                    continue
                head, _, rest = text.partition(":")
                if not rest:
                    continue
                year_text = head
                dm = re.search(r"[,;(]?\s*(?:theo\s+)?(?:quyết\s+định|QĐ)\b", rest, re.IGNORECASE)
                title_part = rest[:dm.start()] if dm else rest
                decision_text = rest[dm.start():] if dm else ""
                titles = _split_titles(title_part, catalogue)
            ys = _SCHOOL_YEAR.search(year_text)
            if ys:
                start, single = int(ys[1]), None
            else:
                y = re.search(r"\d{4}", year_text)
                start, single = None, int(y[0]) if y else None
            number = date = None
            dm = _DECISION.search(decision_text)
            if dm:
                number = dm["num"]
                after = decision_text[dm.end():]
                nd = _NUM_DATE.search(after)
                wd = _WORD_DATE.search(after)
                if nd:
                    date = _date_or_none(nd[1], nd[3], nd[4])
                elif wd:
                    date = _date_or_none(wd[1], wd[2], wd[3])
            for t in titles:
                claims.append({"block": b, "title": clean(t), "award": catalogue.find(t), "start": start,
                               "single": single, "number": number, "date": date, "several": len(titles) > 1})
        return claims

    @staticmethod
    def _year_matches(rec: AwardRecord, start: int | None, single: int | None) -> bool:
        if rec.school_year:  # (an empty foreign key reads as None without a query)
            sy = rec.school_year.start_year
            return sy == start if start is not None else single in (sy, sy + 1)
        if rec.decision_date:
            y = rec.decision_date.year
            return y in (start, start + 1) if start is not None else y == single
        return False

    @staticmethod
    def _year_label(rec: AwardRecord) -> str:
        if rec.school_year:
            return f"năm học {school_year_label(rec.school_year.start_year)}"
        return f"năm {rec.decision_date.year}" if rec.decision_date else "(không rõ năm)"

    def check_claims(self) -> None:
        subject = SubjectKind.INDIVIDUAL if self.form_kind == FormKind.INDIVIDUAL else SubjectKind.COLLECTIVE
        catalogue = _Catalogue(subject)
        records = self._records()
        claimed: set[int] = set()
        section_block = next((b for b in self.blocks if b.heading_of == "khen-thuong"), None)
        for c in self._claims(catalogue):
            b, at = c["block"], c["award"]
            year_text = (f"năm học {school_year_label(c['start'])}" if c["start"] is not None
                         else f"năm {c['single']}" if c["single"] else "")
            if at is None:
                self.add("danh-hieu-khong-ro", WARNING, b, c["title"],
                         f"Không nhận ra «{c['title']}» là danh hiệu thi đua hay hình thức khen thưởng nào trong "
                         "danh mục.", "Ghi đúng tên danh hiệu, hình thức khen thưởng theo Luật Thi đua, khen thưởng.")
                continue
            if c["start"] is None and c["single"] is None:
                continue
            same = [r for r in records if r.award_type_id == at.pk]
            in_year = [r for r in same if self._year_matches(r, c["start"], c["single"])]
            live = [r for r in in_year if r.revoked_on is None]
            if live:
                # Two forms of the same kind in one year: the one with the claimed number, else the first
                # not yet claimed.
                same_number = [r for r in live if c["number"] and _norm_number(r.decision_number) == _norm_number(
                    c["number"])]
                rec = (same_number or [r for r in live if r.pk not in claimed] or live)[0]
                claimed.add(rec.pk)
                if c["several"]:
                    continue  # one decision for several titles: nothing to compare it with
                if c["number"] and rec.decision_number and _norm_number(c["number"]) != _norm_number(
                        rec.decision_number):
                    self.add("quyet-dinh-sai-so", ERROR, b, c["number"],
                             f"«{at.name}» {year_text}: hồ sơ ghi Quyết định số {rec.decision_number}, báo cáo ghi "
                             f"số {c['number']}.",
                             f"Sửa thành «Quyết định số {rec.decision_number}» (nếu hồ sơ sai, đề nghị cán bộ thi "
                             "đua sửa hồ sơ kèm bản sao quyết định).")
                if c["date"] and rec.decision_date and c["date"] != rec.decision_date:
                    self.add("quyet-dinh-sai-ngay", ERROR, b, format_date_short(c["date"]),
                             f"«{at.name}» {year_text}: quyết định trong hồ sơ ngày "
                             f"{format_date_short(rec.decision_date)}, báo cáo ghi ngày {format_date_short(c['date'])}.",
                             f"Sửa ngày quyết định thành {format_date_short(rec.decision_date)}.")
                if c["date"] and c["date"] > self.today:
                    self.add("ngay-tuong-lai", ERROR, b, format_date_short(c["date"]),
                             f"Ngày quyết định {format_date_short(c['date'])} ở sau ngày hôm nay.",
                             "Sửa lại ngày quyết định.")
            elif in_year:
                rec = in_year[0]
                assert rec.revoked_on is not None  # in the year, none of them live: revoked
                claimed.add(rec.pk)
                self.add("khen-thuong-da-huy", ERROR, b, c["title"],
                         f"«{at.name}» {year_text} đã bị hủy bỏ ngày {format_date_short(rec.revoked_on)}"
                         + (f" ({rec.revocation_decision})" if rec.revocation_decision else "") + ".",
                         "Bỏ dòng này khỏi báo cáo: khen thưởng đã bị hủy bỏ không được kê khai.")
            elif same:
                years = ", ".join(self._year_label(r) for r in same if r.revoked_on is None) or "—"
                self.add("khen-thuong-sai-nam", ERROR, b, c["title"],
                         f"Hồ sơ không có «{at.name}» {year_text}; hồ sơ có danh hiệu, hình thức này vào: {years}.",
                         "Sửa năm cho đúng quyết định, hoặc bỏ dòng này; nếu hồ sơ thiếu, đề nghị cán bộ thi đua bổ "
                         "sung hồ sơ kèm bản sao quyết định.")
            else:
                self.add("khen-thuong-khong-co", ERROR, b, c["title"],
                         f"Hồ sơ thành tích không có «{at.name}» {year_text}.",
                         "Bỏ dòng này, hoặc đề nghị cán bộ thi đua bổ sung hồ sơ kèm bản sao quyết định trước khi "
                         "nộp báo cáo.")
        for rec in records:
            if rec.pk in claimed or rec.revoked_on is not None:
                continue
            self.add("khen-thuong-bo-sot", WARNING, section_block, "",
                     f"Hồ sơ có «{rec.award_type.name}» {self._year_label(rec)}"
                     + (f" ({decision_citation(rec)})" if decision_citation(rec) else "")
                     + " nhưng báo cáo không kê khai.",
                     f"Thêm vào mục «{self.part_titles.get('khen-thuong', 'III')}»: năm, tên danh hiệu/hình thức, "
                     "số và ngày quyết định.", section=self.part_titles.get("khen-thuong", "Cả báo cáo"))

    # -- initiatives
    def _initiatives(self) -> list[Initiative]:
        qs = Initiative.objects.select_related("school_year")
        if self.person is not None:
            qs = qs.filter(author_links__person=self.person)
        else:
            qs = qs.filter(unit__path__startswith=self.unit.path)
        return list(qs.distinct())

    def check_initiatives(self) -> None:
        items = self._initiatives()
        scope_words = [("toan quoc", Scope.TOAN_QUOC), ("cap quoc gia", Scope.TOAN_QUOC),
                       ("cap tinh", Scope.TINH_BO), ("cap thanh pho", Scope.TINH_BO), ("cap bo", Scope.TINH_BO),
                       ("cap nganh", Scope.TINH_BO), ("cap co so", Scope.CO_SO), ("cap truong", Scope.CO_SO)]
        for b in self.blocks:
            folded = fold(b.text)
            if not any(w in folded for w in ("sang kien", "de tai", "giai phap")):
                continue
            for m in _QUOTED.finditer(b.text):
                title = clean(m[1])
                ft = fold(title)
                found = next((i for i in items if fold(i.title) == ft), None) or next(
                    (i for i in items if ft in fold(i.title) or fold(i.title) in ft), None)
                if found is None or not found.recognized:
                    self.add("sang-kien-chua-cong-nhan", ERROR, b, title,
                             f"Sáng kiến «{title}» không có trong hồ sơ " +
                             ("như một sáng kiến được công nhận." if found is None else
                              "với quyết định công nhận (hồ sơ ghi chưa được công nhận)."),
                             "Chỉ kê khai sáng kiến đã được Hội đồng sáng kiến công nhận; bổ sung quyết định công "
                             "nhận vào hồ sơ, hoặc bỏ sáng kiến này khỏi báo cáo.")
                    continue
                after = fold(b.text[m.end():m.end() + 160])
                claimed_scope = next((s for w, s in scope_words if w in after), None)
                if claimed_scope and SCOPE_RANK[claimed_scope] > SCOPE_RANK[Scope(found.scope)]:
                    self.add("sang-kien-sai-cap", ERROR, b, title,
                             f"Báo cáo ghi sáng kiến «{title}» {Scope(claimed_scope).label.lower()}, hồ sơ ghi "
                             f"{Scope(found.scope).label.lower()}"
                             + (f" (Quyết định số {found.decision_number})" if found.decision_number else "") + ".",
                             f"Ghi đúng cấp công nhận: {Scope(found.scope).label.lower()}.")
                tail = b.text[m.end():m.end() + 160]
                sy = _SCHOOL_YEAR.search(tail)
                yy = re.search(r"năm\s+(\d{4})(?![-–/\d])", tail, re.IGNORECASE)
                start = found.school_year.start_year
                ok_years = {start, start + 1}
                if sy and int(sy[1]) != start:
                    self.add("sang-kien-sai-nam", ERROR, b, sy[0],
                             f"Sáng kiến «{title}» được công nhận năm học {school_year_label(start)}, báo cáo ghi "
                             f"{sy[0]}.", f"Sửa thành năm học {school_year_label(start)}.")
                elif not sy and yy and int(yy[1]) not in ok_years | (
                        {found.decision_date.year} if found.decision_date else set()):
                    self.add("sang-kien-sai-nam", ERROR, b, yy[0],
                             f"Sáng kiến «{title}» được công nhận năm học {school_year_label(start)}, báo cáo ghi "
                             f"{yy[0]}.", f"Sửa năm công nhận cho đúng (năm học {school_year_label(start)}).")

    # -- figures of a collective
    def check_figures(self) -> None:
        from tdkt.eligibility.catalogue import CSTDCS, LDTT
        from tdkt.records.selectors import unit_people

        years: dict[int, SchoolYear] = {y.start_year: y for y in SchoolYear.objects.all()}
        staff_words = ["cán bộ, giáo viên, nhân viên", "cán bộ, giáo viên, công nhân viên", "CB, GV, NV", "CBGVNV",
                       "CB-GV-NV", "cán bộ, công chức, viên chức", "cán bộ, viên chức, người lao động"]
        staff_re = re.compile(rf"({_NUMBER})\s+(?:{'|'.join(re.escape(w) for w in staff_words)})", re.IGNORECASE)
        titles = {code: AwardType.objects.filter(code=code).first() for code in (LDTT, CSTDCS)}
        title_res = {}
        for code, at in titles.items():
            if at is None:
                continue
            names = "|".join(re.escape(n) for n in sorted({at.name, at.abbreviation, *(at.aliases or [])}, key=len,
                                                          reverse=True) if n)
            title_res[code] = re.compile(
                rf"({_NUMBER})\s*(?:/\s*({_NUMBER})\s*)?(?:\(\s*(\d+(?:[,.]\d+)?)\s*%\s*\)\s*)?[^\d;%]{{0,60}}?"
                rf"(?:đạt|được công nhận|được tặng)\s+(?:danh hiệu\s+)?[«\"“]?(?:{names})(?![\w])", re.IGNORECASE)
        cache: dict[int, dict] = {}

        def data_for(year: SchoolYear) -> dict:
            if year.pk not in cache:
                people = list(unit_people(self.unit, year).values_list("pk", flat=True))
                counts = {}
                for code, at in titles.items():
                    if at is None:
                        continue
                    counts[code] = (AwardRecord.objects.filter(award_type=at, school_year=year, person_id__in=people,
                                                               revoked_on__isnull=True)
                                    .values("person_id").distinct().count())
                any_titles = AwardRecord.objects.filter(school_year=year, person_id__in=people).exists()
                cache[year.pk] = {"staff": len(people), "counts": counts, "loaded": any_titles}
            return cache[year.pk]

        for b in self.blocks:
            if b.part_code == "khen-thuong" or not b.text or b.kind != "p":
                continue
            ys = _SCHOOL_YEAR.search(b.text)
            year = years.get(int(ys[1])) if ys else self.school_year
            if year is None:
                continue
            data = data_for(year)
            if not data["staff"]:
                continue
            label = school_year_label(year.start_year)
            for m in staff_re.finditer(b.text):
                if _num(m[1]) != data["staff"]:
                    self.add("so-lieu-sai", ERROR, b, m[0],
                             f"Báo cáo ghi {m[1]} người; dữ liệu của đơn vị năm học {label} có {data['staff']} "
                             "cán bộ, giáo viên, nhân viên.",
                             f"Sửa thành {data['staff']} (hoặc cập nhật danh sách nhân sự của đơn vị nếu dữ liệu "
                             "chưa đủ).")
            if not data["loaded"]:
                continue  # no titles entered for that year: nothing to compare with
            for code, rx in title_res.items():
                title = titles[code]
                assert title is not None  # title_res holds the titles found only
                name = title.name
                for m in rx.finditer(b.text):
                    n, total, rate = _num(m[1]), m[2], m[3]
                    want = data["counts"][code]
                    if n != want:
                        self.add("so-lieu-sai", ERROR, b, m[0],
                                 f"Báo cáo ghi {n} người đạt «{name}»; dữ liệu năm học {label} có {want} người "
                                 f"(trên {data['staff']} người của đơn vị).", f"Sửa thành {want}.")
                    if total and _num(total) != data["staff"]:
                        self.add("so-lieu-sai", ERROR, b, m[0],
                                 f"Báo cáo tính trên {_num(total)} người; dữ liệu năm học {label} có {data['staff']} "
                                 "người.", f"Sửa tổng số thành {data['staff']}.")
                    if rate:
                        shown = _dec(rate)
                        exact = Decimal(want) * 100 / Decimal(data["staff"])
                        places = len(rate.replace(".", ",").partition(",")[2])
                        if shown is not None and abs(shown - exact) > Decimal(5).scaleb(-places - 1) + Decimal(
                                "0.0001"):
                            self.add("so-lieu-sai", ERROR, b, m[0],
                                     f"Tỷ lệ đạt «{name}» ghi {rate}%; theo dữ liệu năm học {label}: {want}/"
                                     f"{data['staff']} = {_vn_dec(exact)}%.", f"Sửa tỷ lệ thành {_vn_dec(exact)}%.")

    # -- arithmetic of the targets table
    def check_table_rates(self) -> None:
        header: dict[int, dict[str, int]] = {}
        for b in self.blocks:
            if b.kind != "row":
                continue
            folded = [fold(c) for c in b.cells]
            if b.table_no not in header:
                cols = {}
                for i, c in enumerate(folded):
                    if c.startswith("ke hoach") or c == "chi tieu ke hoach":
                        cols["plan"] = i
                    elif c.startswith("ket qua") or c.startswith("thuc hien"):
                        cols["done"] = i
                    elif c.startswith("ty le"):
                        cols["rate"] = i
                if {"plan", "done", "rate"} <= set(cols):
                    header[b.table_no] = cols
                continue
            cols = header[b.table_no]
            try:
                plan, done, rate = (b.cells[cols["plan"]], b.cells[cols["done"]], b.cells[cols["rate"]])
            except IndexError:
                continue
            p, d, r = _dec(plan.rstrip("%")), _dec(done.rstrip("%")), _dec(rate.rstrip("%"))
            if p is None or d is None or r is None or not p:
                continue
            exact = d * 100 / p
            places = len(rate.rstrip("%").partition(",")[2])
            if abs(r - exact) > Decimal(5).scaleb(-places - 1) + Decimal("0.0001"):
                self.add("ty-le-sai", ERROR, b, rate,
                         f"Tỷ lệ ghi {rate}%, nhưng {done} / {plan} = {_vn_dec(exact, max(places, 1))}%.",
                         f"Sửa tỷ lệ thành {_vn_dec(exact, max(places, 1))}%.")


def _split_titles(text: str, catalogue: _Catalogue) -> list[str]:
    """"Lao động tiên tiến, Chiến sĩ thi đua cơ sở" is two titles; "Bằng khen của Bộ trưởng Bộ
    Giáo dục và Đào tạo" is one: a piece that names no award stays with the one before."""
    pieces = re.split(r"(;|,|\s+và\s+)", text)
    parts: list[str] = []
    for i in range(0, len(pieces), 2):
        piece = pieces[i]
        if not piece.strip(" ."):
            continue
        if parts and catalogue.find(piece) is None:
            parts[-1] += pieces[i - 1] + piece
        else:
            parts.append(piece)
    return [p.strip(" .") for p in parts]


def _vn_date(d: dt.date) -> str:
    from tdkt.core.vi import format_date_vn

    return format_date_vn(d)


def check_report(*, data: bytes, filename: str = "", person=None, unit=None, school_year=None,
                 today: dt.date | None = None) -> Report:
    """Check the DOCX ``data`` as the achievement report of ``person`` (form for an
    individual) or ``unit`` (form for a collective). Refuses a bad file with
    DomainValidationError before reading it."""
    if (person is None) == (unit is None):
        raise ValueError("check_report needs exactly one of person, unit")
    check_docx_file(data, filename)
    blocks = read_blocks(open_docx(data))
    form_kind = FormKind.INDIVIDUAL if person is not None else FormKind.COLLECTIVE
    checker = _Checker(blocks=blocks, form_kind=form_kind, person=person, unit=unit, school_year=school_year,
                       today=today)
    checker.run()
    return Report(form_kind=form_kind, findings=checker.findings, report_date=checker.report_date,
                  school_year=checker.school_year, blocks=len(blocks), form_citation=checker.form_citation,
                  form_note=checker.form_note)
