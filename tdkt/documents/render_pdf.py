"""PDF from a DocumentSpec: HTML/CSS with the same structure as the DOCX, laid out
by WeasyPrint. Fonts are named, never shipped: "Times New Roman" where installed,
else the metric-compatible "Liberation Serif" (Debian fonts-liberation2).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from html import escape

from . import layout as L
from .metrics import text_width_mm
from .pdf_parts import (
    Part,
    default_workers,
    fewer_gc_passes,
    join_pdfs,
    render_parts,
    start_children,
    stop_children,
)

log = logging.getLogger(__name__)

__all__ = ["render_html", "render_pdf", "split_parts"]

_FONTS = ", ".join(f'"{f}"' if " " in f else f for f in (L.FONT_FAMILY, *L.FONT_FALLBACKS))
_ALIGN_CLASS = {"justify": "j", "center": "c", "left": "l", "right": "r"}


def _css(spec: L.DocumentSpec, continues: tuple[int, int] | None = None) -> str:
    """The style sheet. ``continues=(i, n)``: for a part of a split render that
    begins inside appendix ``i`` on its page ``n`` (numbered, unlike a first page)."""
    main_size = "A4 landscape" if spec.landscape else "A4"
    rules = [
        f"""@page {{ size: {main_size};
  margin: {L.MARGIN_TOP_MM}mm {L.MARGIN_RIGHT_MM}mm {L.MARGIN_BOTTOM_MM}mm {L.MARGIN_LEFT_MM}mm;
  @top-center {{ content: counter(page); font-family: {_FONTS}; font-size: {L.SIZE_PAGE_NUMBER}pt;
                 vertical-align: bottom; padding-bottom: 4mm; }} }}"""
    ]
    if continues is None:
        rules.append("@page :first { @top-center { content: none; } }")
    for i, appendix in enumerate(spec.appendices, start=1):
        size = "A4 landscape" if appendix.landscape else "A4"
        # Each appendix is a page group of its own: numbered from 1, no number on its first page.
        first = ("counter-reset: page 1; @top-center { content: none; }" if continues is None or continues[0] != i
                 else f"counter-reset: page {continues[1]};")
        rules.append(f"@page phuluc{i} {{ size: {size}; }}\n"
                     f"@page :nth(1 of phuluc{i}) {{ {first} }}\n"
                     f".phuluc{i} {{ page: phuluc{i}; break-before: page; }}")
    rules.append(f"""
html {{ font-family: {_FONTS}; font-size: {L.SIZE_BODY}pt; line-height: 1.15; color: #000; }}
body {{ margin: 0; }}
p {{ margin: 0 0 {L.SPACE_AFTER_PT}pt; orphans: 2; widows: 2; }}
p.ind {{ text-indent: {L.FIRST_LINE_INDENT_MM}mm; }}
.j {{ text-align: justify; }} .c {{ text-align: center; }} .l {{ text-align: left; }} .r {{ text-align: right; }}
.b {{ font-weight: bold; }} .i {{ font-style: italic; }} .u {{ text-decoration: underline; }}
.kwn {{ break-after: avoid; }}
table.hdr {{ width: 100%; border-collapse: collapse; table-layout: fixed; }}
table.hdr td {{ padding: 0; vertical-align: top; text-align: center; }}
table.hdr p {{ margin: 0; }}
.issuer {{ font-size: {L.SIZE_ISSUER}pt; }}
.qh {{ font-size: {L.SIZE_QUOC_HIEU}pt; font-weight: bold; white-space: nowrap; }}
.tn {{ font-size: {L.SIZE_TIEU_NGU}pt; font-weight: bold; white-space: nowrap; }}
.so {{ font-size: {L.SIZE_NUMBER}pt; padding-top: 6pt; }}
.ngay {{ font-size: {L.SIZE_DATE}pt; font-style: italic; padding-top: 6pt; }}
.rule {{ border-top: 0.75pt solid #000; height: 0; margin: 3pt auto 0; }}
h1 {{ font-size: {L.SIZE_TITLE}pt; font-weight: bold; text-align: center; margin: 18pt 0 0; break-after: avoid; }}
h2 {{ font-size: {L.SIZE_TITLE}pt; font-weight: bold; text-align: center; margin: 0; break-after: avoid; }}
.after-title {{ margin-bottom: 10pt; }}
.kg {{ text-align: center; margin: 6pt 0 12pt; }}
.auth {{ text-align: center; font-weight: bold; margin: 6pt 0; }}
.cc {{ font-style: italic; text-indent: {L.FIRST_LINE_INDENT_MM}mm; text-align: justify; }}
table.grid {{ width: 100%; border-collapse: collapse; table-layout: fixed; line-height: 1.15; margin: 2pt 0 8pt; }}
table.grid th, table.grid td {{ border: 0.5pt solid #000; padding: 1pt 2pt; vertical-align: middle;
  text-align: left; font-weight: normal; }}
table.grid th {{ text-align: center; font-weight: bold; }}
table.grid tr {{ break-inside: avoid; }}
table.grid thead {{ display: table-header-group; }}
table.grid td.c, table.grid th.c {{ text-align: center; }} table.grid td.r, table.grid th.r {{ text-align: right; }}
table.grid td.l, table.grid th.l {{ text-align: left; }}
table.grid .b {{ font-weight: bold; }} table.grid .nb {{ font-weight: normal; }}
table.sig {{ width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: 6pt; break-inside: avoid; }}
table.sig td {{ padding: 0; vertical-align: top; text-align: center; }}
table.sig p {{ margin: 0; }}
.sig-title {{ font-weight: bold; font-size: {L.SIZE_SIGNER}pt; }}
.sig-note {{ font-style: italic; font-size: {L.SIZE_SIGNER - 1}pt; }}
.sig-space {{ height: {L.SIGNATURE_SPACE_MM}mm; }}
.sig-name {{ font-weight: bold; font-size: {L.SIZE_SIGNER}pt; }}
.nn {{ text-align: left; }}
.nn-label {{ font-size: {L.SIZE_RECIPIENTS_LABEL}pt; font-weight: bold; font-style: italic; }}
.nn-item {{ font-size: {L.SIZE_RECIPIENTS}pt; }}
.pb {{ break-after: page; }}
""")
    return "\n".join(rules)


def _text(text: str) -> str:
    # Runs of spaces are meaningful (the blanks of "Số:      /QĐ-…", "ngày      tháng"): keep them.
    return escape(str(text)).replace("\n", "<br>").replace("  ", "&nbsp; ")


def _line(text: str, cls: str) -> str:
    return f'<p class="{cls}">{_text(text)}</p>'


def _rule(width_mm: float) -> str:
    return f'<div class="rule" style="width: {width_mm:.1f}mm"></div>'


def _header(spec: L.DocumentSpec, issuer: L.Issuer | None, usable: float, *, with_number: bool = True,
            with_date: bool = True) -> str:
    tn_width = text_width_mm(L.TIEU_NGU, L.SIZE_TIEU_NGU, bold=True)
    qh = _line(L.QUOC_HIEU, "qh") + _line(L.TIEU_NGU, "tn") + _rule(tn_width)
    if issuer is None:
        date = _line(spec.date_line, "ngay r") if with_date and spec.date_line else ""
        return f'<table class="hdr"><tr><td>{qh}</td></tr></table>{date}'
    left = round(usable * L.HEADER_LEFT_SHARE, 1)
    right = usable - left
    name_width = max(text_width_mm(line, L.SIZE_ISSUER, bold=True) for line in issuer.name.upper().split("\n"))
    parts = [f'<table class="hdr"><colgroup><col style="width:{left}mm"><col style="width:{right}mm"></colgroup>'
             '<tr><td class="issuer">']
    if issuer.parent:
        parts.append(_line(issuer.parent.upper(), ""))
    parts.append(_line(issuer.name.upper(), "b"))
    parts.append(_rule(max(min(name_width, left) * 0.4, 15)))
    parts.append(f"</td><td>{qh}</td></tr>")
    number_line = spec.number_line if with_number else ""
    date_line = spec.date_line if with_date else ""
    if number_line or date_line:
        parts.append(f'<tr><td class="so">{_text(number_line)}</td><td class="ngay">{_text(date_line)}</td></tr>')
    parts.append("</table>")
    return "".join(parts)


def _title(spec: L.DocumentSpec, usable: float) -> str:
    parts = [f"<h1>{_text(spec.type_text)}</h1>"]
    if spec.title:
        parts.append(f"<h2>{_text(spec.title)}</h2>")
        width = max(text_width_mm(line, L.SIZE_TITLE, bold=True) for line in spec.title.split("\n"))
        parts.append(f'<div class="after-title">{_rule(max(min(width, usable) * 0.4, 20))}</div>')
    else:
        parts.append('<div class="after-title"></div>')
    if spec.recipient:
        parts.append(f'<p class="kg">{_text(spec.recipient)}</p>')
    if spec.authority:
        parts.append(f'<p class="auth">{_text(spec.authority.upper())}</p>')
    for line in spec.basis:
        parts.append(f'<p class="cc">{_text(line)}</p>')
    return "".join(parts)


def _paragraph(block: L.Paragraph) -> str:
    classes = [_ALIGN_CLASS[block.align]]
    if block.indent:
        classes.append("ind")
    if block.keep_with_next:
        classes.append("kwn")
    style = []
    if block.size:
        style.append(f"font-size:{block.size}pt")
    if block.space_before:
        style.append(f"margin-top:{block.space_before}pt")
    if block.space_after is not None:
        style.append(f"margin-bottom:{block.space_after}pt")
    if block.left_indent_mm:
        style.append(f"margin-left:{block.left_indent_mm}mm")
    runs = []
    for run in block.runs:
        rc = " ".join(c for c, on in (("b", run.bold), ("i", run.italic), ("u", run.underline)) if on)
        runs.append(f'<span class="{rc}">{_text(run.text)}</span>' if rc else _text(run.text))
    style_attr = f' style="{";".join(style)}"' if style else ""
    return f'<p class="{" ".join(classes)}"{style_attr}>{"".join(runs)}</p>'


def _cell(tag: str, cell: L.Cell, default_align: str) -> str:
    classes = [_ALIGN_CLASS[cell.align or default_align]]
    if cell.bold:
        classes.append("b")
    elif tag == "th":
        classes.append("b")
    if cell.italic:
        classes.append("i")
    attrs = f' class="{" ".join(classes)}"'
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    return f"<{tag}{attrs}>{_text(cell.text)}</{tag}>"


def _table(block: L.Table, rows: range | None = None, *, footer: bool = True, ids: tuple[str, str] | None = None,
           new_page: bool = False) -> str:
    """The table, or the slice ``rows`` of its body (a page of a split render, its first
    and last row carrying the ``ids`` that check the page held them)."""
    total = sum(c.width for c in block.columns) or 1
    cols = "".join(f'<col style="width:{100 * c.width / total:.2f}%">' for c in block.columns)
    aligns = [_ALIGN_CLASS[c.align] for c in block.columns]
    keep = ";break-after:avoid" if block.keep_with_next else ""
    # A forced break keeps the margin above the table; a browser's own break drops it. Dropped here
    # too, so that a split render's pages start where the whole document's do.
    brk = ";break-before:page;margin-top:0" if new_page else ""
    out = [f'<table class="grid" style="font-size:{block.font_size}pt{keep}{brk}"><colgroup>{cols}</colgroup>'
           "<thead>"]
    for head in block.header_rows():
        out.append("<tr>" + "".join(_cell("th", c, "center") for c in head) + "</tr>")
    out.append("</thead><tbody>")
    rows = range(len(block.rows)) if rows is None else rows
    for n in rows:
        row = block.rows[n]
        tr = "<tr>"
        if ids is not None and (n == rows[0] or n == rows[-1]):
            tr = f'<tr id="{ids[0] if n == rows[0] else ids[1]}">'
        if all(isinstance(v, str) for v in row):
            out.append(tr + "".join(
                f'<td class="{a}">{_text(v)}</td>' for v, a in zip(row, aligns, strict=False)) + "</tr>")  # type: ignore[arg-type]  # all str (above)
        else:
            cells, col = [], 0
            for v in row:
                c = v if isinstance(v, L.Cell) else L.Cell(str(v))
                cells.append(_cell("td", c, block.columns[min(col, len(block.columns) - 1)].align))
                col += c.colspan
            out.append(tr + "".join(cells) + "</tr>")
    for row in block.footer if footer else ():
        cells, col = [], 0
        for c in row:
            cells.append(_cell("td", c, block.columns[min(col, len(block.columns) - 1)].align))
            col += c.colspan
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _signer_top(signer: L.Signer) -> str:
    parts = [_line(line, "sig-title") for line in signer.title_lines()]
    if signer.note:
        parts.append(_line(signer.note, "sig-note"))
    return "".join(parts)


def _signer_bottom(signer: L.Signer) -> str:
    return '<div class="sig-space"></div>' + _line(signer.name, "sig-name")


def _signer(signer: L.Signer) -> str:
    return _signer_top(signer) + _signer_bottom(signer)


def _recipients(recipients: list[str]) -> str:
    items = "".join(_line(item, "nn-item") for item in L.normalise_recipients(recipients))
    return f'<div class="nn"><p class="nn-label">Nơi nhận:</p>{items}</div>'


def _signatures(signers: list[L.Signer], recipients: list[str]) -> str:
    if len(signers) <= 1:
        left = _recipients(recipients) if recipients else ""
        right = _signer(signers[0]) if signers else ""
        return (f'<table class="sig"><colgroup><col style="width:45%"><col style="width:55%"></colgroup>'
                f'<tr><td class="nn">{left}</td><td>{right}</td></tr></table>')
    per_row = 3 if len(signers) > 2 else 2
    rows = []
    for start in range(0, len(signers), per_row):
        chunk = signers[start:start + per_row]
        pad = "<td></td>" * (per_row - len(chunk))
        # Titles in one row and names in the next, so that names line up whatever the titles' height.
        rows.append("<tr>" + "".join(f"<td>{_signer_top(s)}</td>" for s in chunk) + pad + "</tr>")
        rows.append("<tr>" + "".join(f"<td>{_signer_bottom(s)}</td>" for s in chunk) + pad + "</tr>")
    html = f'<table class="sig">{"".join(rows)}</table>'
    if recipients:
        html += (f'<table class="sig"><colgroup><col style="width:50%"><col style="width:50%"></colgroup>'
                 f'<tr><td class="nn">{_recipients(recipients)}</td><td></td></tr></table>')
    return html


def _blocks(blocks: list) -> str:
    out = []
    for block in blocks:
        if isinstance(block, L.Paragraph):
            out.append(_paragraph(block))
        elif isinstance(block, L.Table):
            out.append(_table(block))
        elif isinstance(block, L.Signatures):
            out.append(_signatures(block.signers, []))
        elif isinstance(block, L.PageBreak):
            out.append('<div class="pb"></div>')
        else:  # pragma: no cover
            raise TypeError(f"unknown block {type(block).__name__}")
    return "".join(out)


def _usable_width_mm(landscape: bool) -> float:
    page = L.PAGE_HEIGHT_MM if landscape else L.PAGE_WIDTH_MM
    return page - L.MARGIN_LEFT_MM - L.MARGIN_RIGHT_MM


def _head(spec: L.DocumentSpec, continues: tuple[int, int] | None = None) -> str:
    title = escape(f"{spec.type_text} {spec.title}".strip())
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{_css(spec, continues)}</style></head><body>")


def _main_part(spec: L.DocumentSpec) -> str:
    usable = _usable_width_mm(spec.landscape)
    parts = [_header(spec, spec.issuer, usable), _title(spec, usable), _blocks(L.keep_last_with_signature(spec))]
    if spec.signers or spec.recipients:
        parts.append(_signatures(spec.signers, spec.recipients))
    return "".join(parts)


def _appendix_top(spec: L.DocumentSpec, i: int, appendix: L.Appendix) -> str:
    """The opening of appendix ``i`` (1-based): its page group, issuer and heading."""
    parts = [f'<section class="phuluc{i}" id="phuluc{i}">']
    if appendix.show_issuer and spec.issuer is not None:
        parts.append(_header(spec, spec.issuer, _usable_width_mm(appendix.landscape), with_number=False,
                             with_date=False))
    for j, block in enumerate(appendix.heading):
        if j == 0:
            block = replace(block, space_before=max(block.space_before, 12))
        parts.append(_paragraph(block))
    return "".join(parts)


def _appendix(spec: L.DocumentSpec, i: int, appendix: L.Appendix) -> str:
    return _appendix_top(spec, i, appendix) + _blocks(appendix.body) + "</section>"


def render_html(spec: L.DocumentSpec) -> str:
    """The spec as one HTML page (also handy to preview in a browser)."""
    parts = [_head(spec), _main_part(spec)]
    parts += [_appendix(spec, i, a) for i, a in enumerate(spec.appendices, start=1)]
    parts.append("</body></html>")
    return "".join(parts)


# --------------------------------------------------------------------------- split render of long lists
#
# A Danh sách of 2,000 names is ~90 pages and ~11 s of WeasyPrint layout on one core. When an
# appendix opens with a long table, the table is cut into pages here — the rows each page holds
# found from the rows' heights — and the pages are shared among processes as independent
# documents (pdf_parts), joined afterwards. Heights come from a small calibration render (the
# exact height of the heading, the header row and a one- and two-line row in this style sheet)
# and the number of lines each cell wraps to, measured with the font's advance widths
# (metrics.py; without kerning, so never fewer lines than WeasyPrint lays out). Every planned
# page is checked after layout (its first and last row on one page, the first page beside the
# heading); if one did not hold, the document is rendered whole, as without splitting.

SPLIT_MIN_ROWS = 300  # below this, starting another process costs more than it saves
_PX_PER_MM = 96 / 25.4
_PX_PER_PT = 96 / 72
_SAFETY_PX = 0.05  # against rounding: heights come from the layout itself, not estimates


def _long_table(spec: L.DocumentSpec, min_rows: int) -> tuple[int, L.Appendix, L.Table] | None:
    """The appendix (1-based) that opens with the longest table of at least ``min_rows`` rows."""
    best = None
    for i, appendix in enumerate(spec.appendices, start=1):
        if not appendix.body or not isinstance(appendix.body[0], L.Table):
            continue
        table = appendix.body[0]
        if len(table.rows) < min_rows or table.keep_with_next:
            continue
        if any(isinstance(c, L.Cell) and c.rowspan > 1 for row in table.rows for c in row):
            continue  # a row spanning a page boundary cannot be cut there
        if best is None or len(table.rows) > len(best[2].rows):
            best = (i, appendix, table)
    return best


def _wrapped_lines(text: str, width_pt: float, size_pt: float, bold: bool) -> int:
    """Lines ``text`` takes in a cell ``width_pt`` wide, breaking only at spaces (WeasyPrint
    may break at more places, hence never more lines than this)."""
    from .metrics import text_width_pt

    lines = 0
    for para in str(text).split("\n"):
        lines += 1
        if text_width_pt(para, size_pt, bold=bold) <= width_pt:
            continue
        current = ""
        for word in para.split(" "):
            candidate = f"{current} {word}" if current else word
            if current and text_width_pt(candidate, size_pt, bold=bold) > width_pt:
                lines += 1
                current = word
            else:
                current = candidate
    return lines


@dataclass
class _Calibration:
    first_top: float  # y of the first body row on the appendix's first page (px)
    next_top: float  # y of the first body row on a following page
    bottom: float  # lowest y a row may reach
    one_line: float  # height of a one-line row
    per_line: float  # each further line


def _calibrate(spec: L.DocumentSpec, i: int, appendix: L.Appendix, table: L.Table) -> _Calibration | None:
    from weasyprint import HTML

    probe = L.Table(columns=table.columns, header=table.header, font_size=table.font_size,
                    rows=[["x"] * len(table.columns), ["x"] * len(table.columns), ["x\nx"] * len(table.columns),
                          ["x"] * len(table.columns)])
    html = (_head(spec) + _appendix_top(spec, i, appendix) + _table(probe, range(0, 2), footer=False,
                                                                     ids=("c0", "c1"))
            + _table(probe, range(2, 4), footer=False, ids=("c2", "c3"), new_page=True) + "</section></body></html>")
    with fewer_gc_passes():
        document = HTML(string=html).render()
    where = {}
    for index, page in enumerate(document.pages):
        for name, box in page.anchors.items():
            where[name] = (index, box)
    if not all(k in where for k in ("c0", "c1", "c2", "c3")) or where["c0"][0] != 0 or where["c2"][0] != 1:
        return None
    c0, c1, c2, c3 = (where[k][1] for k in ("c0", "c1", "c2", "c3"))
    one_line = c1[3] - c1[1]
    two_lines = c2[3] - c2[1]
    page = document.pages[1]
    margin_bottom = L.MARGIN_BOTTOM_MM * _PX_PER_MM
    return _Calibration(first_top=c0[1], next_top=c2[1], bottom=page.height - margin_bottom - _SAFETY_PX,
                        one_line=one_line, per_line=two_lines - one_line)


def _row_lines(table: L.Table, usable_mm: float) -> list[int]:
    total = sum(c.width for c in table.columns) or 1
    # Content width of each column: its share of the line less 2 pt of padding each side and the border.
    widths = [usable_mm * _PX_PER_MM / _PX_PER_PT * c.width / total - 5 for c in table.columns]
    size = table.font_size
    out = []
    for row in table.rows:
        most, col = 1, 0
        for v in row:
            cell = v if isinstance(v, L.Cell) else None
            span = cell.colspan if cell else 1
            width = sum(widths[col:col + span]) + 5 * (span - 1)
            text = cell.text if cell else str(v)
            if text:
                most = max(most, _wrapped_lines(text, width, size, bool(cell and cell.bold)))
            col += span
        out.append(most)
    return out


def _plan_pages(lines: list[int], cal: _Calibration) -> list[range]:
    """Rows of each page, filled as a browser fills them (a row that does not fit goes on)."""
    pages, start, y = [], 0, cal.first_top
    for n, count in enumerate(lines):
        height = cal.one_line + cal.per_line * (count - 1)
        if y + height > cal.bottom and n > start:
            pages.append(range(start, n))
            start, y = n, cal.next_top
        y += height
    pages.append(range(start, len(lines)))
    return pages


def split_parts(spec: L.DocumentSpec, parts: int, *, min_rows: int = SPLIT_MIN_ROWS) -> list[Part] | None:
    """The document as ``parts`` independent HTML documents cut at page boundaries of its
    longest appendix table, or None when it has none long enough (or fonts to measure it)."""
    from .metrics import has_font_metrics

    found = _long_table(spec, min_rows) if parts > 1 and has_font_metrics() else None
    if found is None:
        return None
    i, appendix, table = found
    cal = _calibrate(spec, i, appendix, table)
    if cal is None:
        return None
    pages = _plan_pages(_row_lines(table, _usable_width_mm(appendix.landscape)), cal)
    if len(pages) < parts:
        return None
    # Contiguous runs of pages with about as many rows each; the first also lays out the document.
    groups: list[list[int]] = [[] for _ in range(parts)]
    per_part = len(table.rows) / parts
    for index, rows in enumerate(pages):
        groups[min(int(rows.start / per_part), parts - 1)].append(index)
    groups = [g for g in groups if g]
    out = []
    for k, group in enumerate(groups):
        first, last = k == 0, k == len(groups) - 1
        html = [_head(spec, None if first else (i, group[0] + 1))]
        checks = []
        if first:
            html.append(_main_part(spec))
            html += [_appendix(spec, j, a) for j, a in enumerate(spec.appendices[:i - 1], start=1)]
            html.append(_appendix_top(spec, i, appendix))
            checks.append((f"phuluc{i}", "pg0a"))
        else:
            html.append(f'<section class="phuluc{i}">')
        for n in group:
            rows = pages[n]
            ids = (f"pg{n}a", f"pg{n}z" if len(rows) > 1 else f"pg{n}a")
            html.append(_table(table, rows, footer=last and n == group[-1], ids=ids, new_page=n != group[0]))
            checks.append(ids)
        if last:
            html.append(_blocks(appendix.body[1:]))
        html.append("</section>")
        if last:
            html += [_appendix(spec, j, a) for j, a in enumerate(spec.appendices[i:], start=i + 1)]
        html.append("</body></html>")
        out.append(Part("".join(html), checks))
    return out


def render_pdf(spec: L.DocumentSpec, *, workers: int | None = None, split_min_rows: int = SPLIT_MIN_ROWS) -> bytes:
    """The spec as a PDF file (bytes). A long appendix table is laid out by ``workers``
    processes at once (default: the cores available), each a run of its pages."""
    from weasyprint import HTML

    workers = default_workers() if workers is None else workers
    parts = None
    if workers > 1 and _long_table(spec, split_min_rows) is not None:
        children = start_children(workers - 1)  # they load WeasyPrint while the pages are planned
        try:
            parts = split_parts(spec, workers, min_rows=split_min_rows)
        except Exception:
            log.exception("planning the pages of %s failed; rendering the document whole", spec.filename)
        if parts is None:
            stop_children(children)
    if parts is not None:
        try:
            rendered = render_parts(parts, workers=workers, children=children)
        except Exception:
            log.exception("split PDF render failed; rendering the document whole")
            rendered = None
        if rendered is not None and all(r.held for r in rendered):
            return join_pdfs([r.pdf for r in rendered])
        if rendered is not None:
            log.warning("a planned page of %s did not hold its rows; rendering the document whole", spec.filename)
    with fewer_gc_passes():
        return HTML(string=render_html(spec)).write_pdf()
