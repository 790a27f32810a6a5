"""The document spec: what a Vietnamese administrative document says, not how a
file format draws it. ``render_docx`` and ``render_pdf`` read the same spec.

Layout facts come from Nghị định 30/2020/NĐ-CP, Phụ lục I (thể thức và kỹ thuật
trình bày văn bản hành chính):

* A4; margins top 20–25 mm, bottom 20–25 mm, left 30–35 mm, right 15–20 mm;
  Times New Roman (Unicode), black.
* Ô 1 Quốc hiệu "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": upper case, 12–13 pt,
  bold; Tiêu ngữ "Độc lập - Tự do - Hạnh phúc": 13–14 pt, bold, centred under
  it, with a solid rule as long as the line.
* Ô 2 Tên cơ quan: the cơ quan chủ quản upper case 12–13 pt (not bold), the
  cơ quan ban hành upper case 12–13 pt bold under it, with a solid rule of 1/3
  to 1/2 of the line below.
* Ô 3 Số, ký hiệu: "Số: 05/QĐ-GDĐT", 13 pt; numbers below 10 take a leading
  zero.
* Ô 4 Địa danh, ngày tháng năm: 13–14 pt italic, centred under the Tiêu ngữ.
* Ô 5a Tên loại and trích yếu: centred, bold, 13–14 pt, a rule of 1/3–1/2 of
  the line under the trích yếu.
* Ô 6 Nội dung: 13–14 pt, justified, first line indented 1 cm (or 1.27 cm),
  at least 6 pt between paragraphs, line spacing from single to 1.5.
  "Căn cứ" lines italic, each ending with ";".
* Ô 7 Quyền hạn ("TM.", "KT.", "Q.", "TL.", "TUQ."), chức vụ: upper case,
  bold, 13–14 pt; the signer's name bold, 13–14 pt, centred under them.
* Ô 9 Nơi nhận: "Nơi nhận:" 12 pt bold italic; the list 11 pt, one recipient a
  line starting with "-", ending with ";", the last ("Lưu: VT, ...") with ".".
* Page numbers: Arabic, 13–14 pt, centred in the top margin, not shown on the
  first page; an appendix numbers its own pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

# Page (millimetres)
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_TOP_MM = 20.0
MARGIN_BOTTOM_MM = 20.0
MARGIN_LEFT_MM = 30.0
MARGIN_RIGHT_MM = 15.0
HEADER_DISTANCE_MM = 10.0

FONT_FAMILY = "Times New Roman"
# Metric-compatible substitute shipped by Debian fonts-liberation2; named second in CSS.
FONT_FALLBACKS = ("Liberation Serif", "Tinos", "DejaVu Serif", "serif")

# Sizes (points)
SIZE_BODY = 14
SIZE_ISSUER = 12
SIZE_QUOC_HIEU = 12
SIZE_TIEU_NGU = 13
SIZE_NUMBER = 13
SIZE_DATE = 14
SIZE_TITLE = 14
SIZE_SIGNER = 14
SIZE_RECIPIENTS_LABEL = 12
SIZE_RECIPIENTS = 11
SIZE_TABLE = 12
SIZE_PAGE_NUMBER = 13
FIRST_LINE_INDENT_MM = 10.0
SPACE_AFTER_PT = 6
LINE_SPACING = 1.15

# Share of the usable width given to the issuer column of the header table.
HEADER_LEFT_SHARE = 0.44

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

SIGNATURE_SPACE_MM = 24.0


@dataclass(frozen=True)
class DocType:
    """Tên loại văn bản and its abbreviation in the symbol (Nghị định 30/2020, Phụ lục III)."""

    name: str
    abbreviation: str


QUYET_DINH = DocType("QUYẾT ĐỊNH", "QĐ")
TO_TRINH = DocType("TỜ TRÌNH", "TTr")
BIEN_BAN = DocType("BIÊN BẢN", "BB")
BAO_CAO = DocType("BÁO CÁO", "BC")
KE_HOACH = DocType("KẾ HOẠCH", "KH")
HUONG_DAN = DocType("HƯỚNG DẪN", "HD")
THONG_BAO = DocType("THÔNG BÁO", "TB")
# A list has no abbreviation of its own in Phụ lục III: it travels attached to a
# numbered document, or unnumbered (a unit's Bảng tổng hợp).
DANH_SACH = DocType("DANH SÁCH", "")

DOC_TYPES = {t.abbreviation: t for t in (QUYET_DINH, TO_TRINH, BIEN_BAN, BAO_CAO, KE_HOACH, HUONG_DAN, THONG_BAO)}


def doc_type_for(value: DocType | str) -> DocType:
    """Accept a DocType or its abbreviation ("QĐ")."""
    if isinstance(value, DocType):
        return value
    try:
        return DOC_TYPES[value]
    except KeyError as exc:
        known = ", ".join(DOC_TYPES)
        raise ValueError(f"Loại văn bản «{value}» không có trong danh mục ({known}).") from exc


def format_number(number: int | None) -> str:
    """"05", "123"; numbers below 10 take a leading zero (ND 30, Phụ lục I, ô 3)."""
    if number is None:
        return ""
    return f"{number:02d}"


def build_symbol(doc_type: DocType | str, issuer_abbreviation: str) -> str:
    """Ký hiệu: the type abbreviation joined to the issuer's, e.g. "QĐ-GDĐT"."""
    abbr = doc_type_for(doc_type).abbreviation if not isinstance(doc_type, DocType) else doc_type.abbreviation
    parts = [p for p in (abbr, issuer_abbreviation.strip()) if p]
    return "-".join(parts)


def format_number_symbol(number: int | None, symbol: str) -> str:
    """"123/QĐ-GDĐT"; with no number yet, the blank the văn thư fills by hand: "     /QĐ-GDĐT"."""
    if number is None:
        return f"{' ' * 6}/{symbol}" if symbol else ""
    return f"{format_number(number)}/{symbol}" if symbol else format_number(number)


# --- Content blocks ---------------------------------------------------------------


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass
class Paragraph:
    """One paragraph. ``align``: justify, center, left, right. ``indent``: first-line
    indent of 1 cm (body text); lists and headings set it off."""

    runs: list[Run]
    align: str = "justify"
    indent: bool = True
    size: float | None = None
    space_before: float = 0
    space_after: float | None = None
    keep_with_next: bool = False
    left_indent_mm: float = 0

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Column:
    title: str
    width: float  # relative weight; the renderer scales to the usable width
    align: str = "left"


@dataclass
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    bold: bool = False
    italic: bool = False
    align: str | None = None


@dataclass
class Table:
    """A grid table. ``header`` rows repeat on every page; with none given, one
    row of the column titles. Body ``rows`` are plain strings (fast path for
    long lists) or Cells. ``footer`` rows (totals) follow the body."""

    columns: list[Column]
    rows: Sequence[Sequence[str | Cell]]
    header: list[list[Cell]] | None = None
    footer: list[list[Cell]] = field(default_factory=list)
    font_size: float = SIZE_TABLE
    keep_with_next: bool = False

    def header_rows(self) -> list[list[Cell]]:
        if self.header is not None:
            return self.header
        return [[Cell(c.title, bold=True, align="center") for c in self.columns]]


@dataclass
class Signer:
    """Ô 7: "KT. TRƯỞNG PHÒNG" / "PHÓ TRƯỞNG PHÒNG" / name.

    ``authority`` is TM., KT., Q., TL., TUQ. (or empty); ``office`` the post in
    whose name the document is signed; ``position`` the signer's own post when
    signing on behalf. ``heading`` replaces those lines for forms such as
    "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN" (may hold "\\n"). ``note`` is the italic
    hint "(Ký, ghi rõ họ tên)"."""

    name: str = ""
    office: str = ""
    authority: str = ""
    position: str = ""
    heading: str = ""
    note: str = ""

    def title_lines(self) -> list[str]:
        if self.heading:
            return [line.strip() for line in self.heading.upper().split("\n") if line.strip()]
        first = " ".join(p for p in (self.authority.strip(), self.office.strip().upper()) if p)
        lines = [first] if first else []
        if self.position:
            lines.append(self.position.strip().upper())
        return lines


@dataclass
class Signatures:
    """Signer blocks side by side (minutes: THƯ KÝ left, CHỦ TỌA right), at most three a row."""

    signers: list[Signer]


@dataclass
class PageBreak:
    pass


Block = Paragraph | Table | Signatures | PageBreak


@dataclass
class Issuer:
    """Ô 2: cơ quan chủ quản (``parent``) above cơ quan ban hành (``name``).
    ``abbreviation`` goes into the symbol ("GDĐT"); ``place`` into the date line."""

    name: str
    parent: str = ""
    abbreviation: str = ""
    place: str = ""


@dataclass
class Appendix:
    """A list or annex after the signature, on new pages numbered on their own
    (e.g. the Danh sách kèm theo Quyết định)."""

    heading: list[Paragraph]
    body: list[Block]
    landscape: bool = False
    show_issuer: bool = True


@dataclass
class DocumentSpec:
    doc_type: DocType
    issuer: Issuer | None
    title: str = ""
    type_label: str | None = None
    number: int | None = None
    symbol: str | None = None
    show_number: bool = True
    date: dt.date | None = None
    year: int | None = None
    show_date: bool = True
    place: str = ""
    recipient: str = ""
    authority: str = ""
    basis: list[str] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    signers: list[Signer] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    appendices: list[Appendix] = field(default_factory=list)
    landscape: bool = False
    filename: str = "van-ban"

    # --- derived texts shared by both renderers ---

    @property
    def type_text(self) -> str:
        return (self.type_label or self.doc_type.name).upper()

    @property
    def symbol_text(self) -> str:
        if self.symbol is not None:
            return self.symbol
        abbr = self.issuer.abbreviation if self.issuer else ""
        return build_symbol(self.doc_type, abbr) if self.doc_type.abbreviation else abbr

    @property
    def number_line(self) -> str:
        """"Số: 123/QĐ-GDĐT" (empty when the document carries no number)."""
        if not self.show_number or not self.symbol_text:
            return ""
        return f"Số: {format_number_symbol(self.number, self.symbol_text)}"

    @property
    def date_line(self) -> str:
        from tdkt.core.vi import format_date_vn, place_date_line

        if not self.show_date:
            return ""
        place = self.place or (self.issuer.place if self.issuer else "")
        if self.date is not None:
            return place_date_line(place, self.date) if place else _capitalise(format_date_vn(self.date))
        year = self.year or dt.date.today().year
        blank = f"ngày {' ' * 5} tháng {' ' * 5} năm {year}"
        return f"{place}, {blank}" if place else _capitalise(blank)

    @property
    def number_symbol(self) -> str:
        return format_number_symbol(self.number, self.symbol_text)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def normalise_recipients(items: Sequence[str]) -> list[str]:
    """"- Như trên;" ... "- Lưu: VT, QC." (ND 30, ô 9b): a dash, ";" after each, "." after the last."""
    cleaned = [i.strip().lstrip("-–+").strip().rstrip(";.,").strip() for i in items]
    cleaned = [c for c in cleaned if c]
    out = []
    for i, item in enumerate(cleaned):
        end = "." if i == len(cleaned) - 1 else ";"
        out.append(f"- {item}{end}")
    return out


def keep_last_with_signature(spec: DocumentSpec) -> list:
    """The body, its last paragraph kept on the page of the signature: a signer block
    never stands alone on a page."""
    body = list(spec.body)
    if (spec.signers or spec.recipients) and body and isinstance(body[-1], Paragraph | Table):
        body[-1] = replace(body[-1], keep_with_next=True)
    return body


# --- Constructors used by the builders --------------------------------------------


def para(text: str = "", *, bold: bool = False, italic: bool = False, align: str = "justify",
         indent: bool = True, size: float | None = None, space_before: float = 0,
         space_after: float | None = None, keep_with_next: bool = False) -> Paragraph:
    return Paragraph([Run(text, bold=bold, italic=italic)], align=align, indent=indent, size=size,
                     space_before=space_before, space_after=space_after, keep_with_next=keep_with_next)


def lead(label: str, text: str, *, indent: bool = True) -> Paragraph:
    """A paragraph opening with a bold label: "Điều 1. Tặng Giấy khen ..." """
    sep = "" if not text or text.startswith((" ", ",", ".", ":")) else " "
    return Paragraph([Run(label, bold=True), Run(sep + text)], indent=indent)


def heading(text: str, *, align: str = "left", size: float | None = None) -> Paragraph:
    """A section heading: "I. SƠ LƯỢC LÝ LỊCH" (bold, no indent, kept with what follows)."""
    return Paragraph([Run(text, bold=True)], align=align, indent=align == "justify", size=size,
                     keep_with_next=True, space_before=6)


def centered(text: str, *, bold: bool = False, italic: bool = False, size: float | None = None,
             space_before: float = 0, space_after: float | None = None) -> Paragraph:
    return Paragraph([Run(text, bold=bold, italic=italic)], align="center", indent=False, size=size,
                     space_before=space_before, space_after=space_after, keep_with_next=True)


def bullets(items: Sequence[str], *, marker: str = "-") -> list[Paragraph]:
    """Dash items (the usual Vietnamese list) or numbered items with marker="1."."""
    out = []
    for i, item in enumerate(items, start=1):
        mark = f"{i}." if marker == "1." else (f"{chr(96 + i)})" if marker == "a)" else marker)
        out.append(Paragraph([Run(f"{mark} {item}")]))
    return out
