"""DOCX from a DocumentSpec (python-docx), in the Nghị định 30/2020 layout.

Short paragraphs go through python-docx; long tables are written as WordprocessingML
text and parsed once, which keeps a 2,000-row list well under a second.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from . import layout as L
from .metrics import text_width_mm

_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
_JC = {"justify": "both", "center": "center", "left": "left", "right": "right"}
_TWIPS_PER_MM = 1440 / 25.4
# Characters XML 1.0 cannot carry (python-docx would raise on them).
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

TABLE_STYLE = "TDKTBang"


def _twips(mm: float) -> int:
    return round(mm * _TWIPS_PER_MM)


def _clean(text: str) -> str:
    return _BAD_XML.sub("", str(text))


# --- document set-up ------------------------------------------------------------------


def _set_fonts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme") or attr.endswith("theme"):
            del fonts.attrib[attr]
    # East Asian and complex-script slots too, or Word may draw Vietnamese marks
    # from another face.
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), L.FONT_FAMILY)


def _setup_styles(doc) -> None:
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr)
    for tag, val in (("w:sz", L.SIZE_BODY * 2), ("w:szCs", L.SIZE_BODY * 2)):
        rpr.find(qn(tag)).set(qn("w:val"), str(int(val)))
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")  # single
    spacing.set(qn("w:lineRule"), "auto")

    normal = doc.styles["Normal"]
    normal.font.name = L.FONT_FAMILY
    normal.font.size = Pt(L.SIZE_BODY)
    _set_fonts(normal.element.get_or_add_rPr())

    # Paragraph style for table cells: written once, referenced by thousands of cells.
    styles.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="{TABLE_STYLE}">'
        f'<w:name w:val="TĐKT bảng"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        f'<w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr>'
        f'<w:rPr><w:sz w:val="{int(L.SIZE_TABLE * 2)}"/><w:szCs w:val="{int(L.SIZE_TABLE * 2)}"/></w:rPr>'
        f'</w:style>'
    ))


_SECTPR_AFTER_PGNUMTYPE = ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
                           "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings")


def _setup_section(section, *, landscape: bool, restart_numbering: bool) -> None:
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(L.PAGE_HEIGHT_MM), Mm(L.PAGE_WIDTH_MM)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(L.PAGE_WIDTH_MM), Mm(L.PAGE_HEIGHT_MM)
    section.top_margin = Mm(L.MARGIN_TOP_MM)
    section.bottom_margin = Mm(L.MARGIN_BOTTOM_MM)
    section.left_margin = Mm(L.MARGIN_LEFT_MM)
    section.right_margin = Mm(L.MARGIN_RIGHT_MM)
    section.header_distance = Mm(L.HEADER_DISTANCE_MM)
    section.footer_distance = Mm(L.HEADER_DISTANCE_MM)
    # ND 30: no number on the first page (of the document, and of each appendix).
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    if restart_numbering:
        sect_pr = section._sectPr
        pg = sect_pr.find(qn("w:pgNumType"))
        if pg is None:
            pg = OxmlElement("w:pgNumType")
            following = next((sect_pr.find(qn(t)) for t in _SECTPR_AFTER_PGNUMTYPE
                              if sect_pr.find(qn(t)) is not None), None)
            if following is not None:
                following.addprevious(pg)
            else:
                sect_pr.append(pg)
        pg.set(qn("w:start"), "1")


def _page_number_header(section) -> None:
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:rPr><w:sz w:val="{L.SIZE_PAGE_NUMBER * 2}"/>'
        f'<w:szCs w:val="{L.SIZE_PAGE_NUMBER * 2}"/></w:rPr><w:t>2</w:t></w:r></w:fldSimple>'
    ))


def _usable_width_mm(landscape: bool) -> float:
    page = L.PAGE_HEIGHT_MM if landscape else L.PAGE_WIDTH_MM
    return page - L.MARGIN_LEFT_MM - L.MARGIN_RIGHT_MM


# --- paragraphs -----------------------------------------------------------------------


def _add_text(p, text: str, *, size: float | None = None, bold: bool = False, italic: bool = False,
              underline: bool = False) -> None:
    """Add runs for ``text``; "\\n" becomes a line break inside the paragraph."""
    for i, part in enumerate(_clean(text).split("\n")):
        run = p.add_run()
        if i:
            run.add_break(WD_BREAK.LINE)
        run.add_text(part)
        font = run.font
        if size:
            font.size = Pt(size)
        if bold:
            font.bold = True
        if italic:
            font.italic = True
        if underline:
            font.underline = True


def _format(p, *, align: str = "justify", indent: bool = False, space_before: float = 0,
            space_after: float = 0, keep_with_next: bool = False, left_indent_mm: float = 0) -> None:
    pf = p.paragraph_format
    pf.alignment = _ALIGN[align]
    pf.space_before = Pt(space_before)
    pf.space_after = Pt(space_after)
    if indent:
        pf.first_line_indent = Mm(L.FIRST_LINE_INDENT_MM)
    if left_indent_mm:
        pf.left_indent = Mm(left_indent_mm)
    if keep_with_next:
        pf.keep_with_next = True


def _paragraph(container, block: L.Paragraph) -> None:
    p = container.add_paragraph()
    _format(p, align=block.align, indent=block.indent, space_before=block.space_before,
            space_after=L.SPACE_AFTER_PT if block.space_after is None else block.space_after,
            keep_with_next=block.keep_with_next, left_indent_mm=block.left_indent_mm)
    for run in block.runs:
        _add_text(p, run.text, size=block.size, bold=run.bold, italic=run.italic, underline=run.underline)


def _line(container, text: str, *, size: float, bold: bool = False, italic: bool = False,
          align: str = "center", space_before: float = 0, space_after: float = 0,
          keep_with_next: bool = True):
    p = container.add_paragraph()
    _format(p, align=align, space_before=space_before, space_after=space_after, keep_with_next=keep_with_next)
    _add_text(p, text, size=size, bold=bold, italic=italic)
    return p


def _rule(container, *, width_mm: float, column_mm: float, space_after: float = 0) -> None:
    """A solid horizontal rule of ``width_mm`` centred in a column: the top border of
    an almost empty paragraph whose indents leave that width."""
    side = max((column_mm - width_mm) / 2, 0)
    p = container.add_paragraph()
    _format(p, align="center", space_before=2, space_after=space_after, keep_with_next=True)
    pf = p.paragraph_format
    pf.left_indent = Mm(side)
    pf.right_indent = Mm(side)
    ppr = p._p.get_or_add_pPr()
    borders = parse_xml(f'<w:pBdr {nsdecls("w")}><w:top w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>')
    # pBdr sits before spacing/ind/jc in CT_PPr's sequence.
    anchor = next((ppr.find(qn(t)) for t in ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
                                               "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
                                               "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
                                               "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                                               "w:mirrorIndents", "w:suppressOverlap", "w:jc")
                   if ppr.find(qn(t)) is not None), None)
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        ppr.append(borders)
    # An empty paragraph is as tall as its mark: a 1 pt mark makes the rule hug the line above.
    ppr.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>'))


def _no_borders_table(doc, widths_mm: list[float]):
    table = doc.add_table(rows=1, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_pr.append(parse_xml(
        f'<w:tblCellMar {nsdecls("w")}><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'))
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for col, width in zip(table.columns, widths_mm, strict=True):
        col.width = Mm(width)
    for cell, width in zip(table.rows[0].cells, widths_mm, strict=True):
        cell.width = Mm(width)
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return table


def _add_row(table, widths_mm: list[float]):
    row = table.add_row()
    for cell, width in zip(row.cells, widths_mm, strict=True):
        cell.width = Mm(width)
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return row


def _ensure_paragraph(cell) -> None:
    if not cell._tc.findall(qn("w:p")):
        cell.add_paragraph()


# --- header (ô 1–4) -------------------------------------------------------------------


def _header(doc, spec: L.DocumentSpec, issuer: L.Issuer | None, *, usable: float, with_number: bool = True,
            with_date: bool = True) -> None:
    qh_width = text_width_mm(L.TIEU_NGU, L.SIZE_TIEU_NGU, bold=True)
    if issuer is None:
        table = _no_borders_table(doc, [usable])
        cell = table.rows[0].cells[0]
        _line(cell, L.QUOC_HIEU, size=L.SIZE_QUOC_HIEU, bold=True)
        _line(cell, L.TIEU_NGU, size=L.SIZE_TIEU_NGU, bold=True)
        _rule(cell, width_mm=qh_width, column_mm=usable)
        if with_date and spec.date_line:
            _line(cell, spec.date_line, size=L.SIZE_DATE, italic=True, align="right", space_before=6)
        return
    left = round(usable * L.HEADER_LEFT_SHARE, 1)
    right = usable - left
    widths = [left, right]
    table = _no_borders_table(doc, widths)
    c_left, c_right = table.rows[0].cells
    if issuer.parent:
        _line(c_left, issuer.parent.upper(), size=L.SIZE_ISSUER)
    _line(c_left, issuer.name.upper(), size=L.SIZE_ISSUER, bold=True)
    name_width = max(text_width_mm(line, L.SIZE_ISSUER, bold=True) for line in issuer.name.upper().split("\n"))
    _rule(c_left, width_mm=max(min(name_width, left) * 0.4, 15), column_mm=left)
    _line(c_right, L.QUOC_HIEU, size=L.SIZE_QUOC_HIEU, bold=True)
    _line(c_right, L.TIEU_NGU, size=L.SIZE_TIEU_NGU, bold=True)
    _rule(c_right, width_mm=qh_width, column_mm=right)
    number_line = spec.number_line if with_number else ""
    date_line = spec.date_line if with_date else ""
    if number_line or date_line:
        row = _add_row(table, widths)
        c_num, c_date = row.cells
        if number_line:
            _line(c_num, number_line, size=L.SIZE_NUMBER, space_before=6)
        if date_line:
            _line(c_date, date_line, size=L.SIZE_DATE, italic=True, space_before=6)
        for cell in row.cells:
            _ensure_paragraph(cell)


def _title(doc, spec: L.DocumentSpec, *, usable: float) -> None:
    _line(doc, spec.type_text, size=L.SIZE_TITLE, bold=True, space_before=18)
    if spec.title:
        _line(doc, spec.title, size=L.SIZE_TITLE, bold=True)
        width = max(text_width_mm(line, L.SIZE_TITLE, bold=True) for line in spec.title.split("\n"))
        _rule(doc, width_mm=max(min(width, usable) * 0.4, 20), column_mm=usable, space_after=6)
    else:
        doc.paragraphs[-1].paragraph_format.space_after = Pt(12)
    if spec.recipient:
        _line(doc, spec.recipient, size=L.SIZE_BODY, space_before=6, space_after=12)
    if spec.authority:
        _line(doc, spec.authority.upper(), size=L.SIZE_BODY, bold=True, space_before=6, space_after=6)
    for line in spec.basis:
        p = doc.add_paragraph()
        _format(p, indent=True, space_after=L.SPACE_AFTER_PT)
        _add_text(p, line, italic=True)


# --- tables ---------------------------------------------------------------------------


def _cell_xml(text: str, width: int, *, colspan: int = 1, vmerge: str | None = None, bold: bool = False,
              italic: bool = False, align: str = "left", size: float | None = None, keep: bool = False) -> str:
    props = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if colspan > 1:
        props.append(f'<w:gridSpan w:val="{colspan}"/>')
    if vmerge == "restart":
        props.append('<w:vMerge w:val="restart"/>')
    elif vmerge == "continue":
        props.append("<w:vMerge/>")
    props.append('<w:vAlign w:val="center"/>')
    rpr = ""
    if bold or italic or size:
        rpr = "<w:rPr>" + ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
        if size:
            rpr += f'<w:sz w:val="{int(size * 2)}"/><w:szCs w:val="{int(size * 2)}"/>'
        rpr += "</w:rPr>"
    runs = []
    if text:
        for i, part in enumerate(_clean(text).split("\n")):
            br = "<w:br/>" if i else ""
            runs.append(f'<w:r>{rpr}{br}<w:t xml:space="preserve">{escape(part)}</w:t></w:r>')
    jc = "" if align == "left" else f'<w:jc w:val="{_JC[align]}"/>'
    keep_next = "<w:keepNext/>" if keep else ""
    return (f'<w:tc><w:tcPr>{"".join(props)}</w:tcPr><w:p><w:pPr><w:pStyle w:val="{TABLE_STYLE}"/>{keep_next}{jc}</w:pPr>'
            f'{"".join(runs)}</w:p></w:tc>')


def _grid_row(cells: list[L.Cell], widths: list[int], pending: dict[int, list], *, size: float | None,
              default_align: list[str], header: bool, keep: bool = False) -> str:
    """One row with colspan/rowspan; ``pending`` carries vertical merges into later rows."""
    out = []
    it = iter(cells)
    col = 0
    while col < len(widths):
        if col in pending:
            remaining, span = pending[col]
            out.append(_cell_xml("", sum(widths[col:col + span]), colspan=span, vmerge="continue", keep=keep))
            if remaining <= 1:
                del pending[col]
            else:
                pending[col][0] = remaining - 1
            col += span
            continue
        cell = next(it, None)
        if cell is None:
            cell = L.Cell("")
        span = max(cell.colspan, 1)
        vmerge = None
        if cell.rowspan > 1:
            vmerge = "restart"
            pending[col] = [cell.rowspan - 1, span]
        out.append(_cell_xml(cell.text, sum(widths[col:col + span]), colspan=span, vmerge=vmerge,
                             bold=cell.bold, italic=cell.italic,
                             align=cell.align or ("center" if header else default_align[col]), size=size,
                             keep=keep))
        col += span
    tr_pr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else "<w:trPr><w:cantSplit/></w:trPr>"
    return f"<w:tr>{tr_pr}{''.join(out)}</w:tr>"


def _table_xml(block: L.Table, usable: float) -> str:
    total_weight = sum(c.width for c in block.columns) or 1
    widths = [_twips(usable * c.width / total_weight) for c in block.columns]
    size = block.font_size if block.font_size != L.SIZE_TABLE else None
    aligns = [c.align for c in block.columns]
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    borders = "".join(border.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    parts = [
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="40" w:type="dxa"/><w:right w:w="40" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
        "</w:tblPr><w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"
    ]
    pending: dict[int, list] = {}
    for head in block.header_rows():
        parts.append(_grid_row(head, widths, pending, size=size, default_align=aligns, header=True))
    # Fast path: rows of plain strings (the 2,000-name list).
    last = len(block.rows) - 1
    for index, row in enumerate(block.rows):
        keep = block.keep_with_next and index >= last - (0 if block.footer else 1)
        if keep:
            cells = [v if isinstance(v, L.Cell) else L.Cell(str(v)) for v in row]
            parts.append(_grid_row(cells, widths, pending, size=size, default_align=aligns, header=False, keep=True))
        elif all(isinstance(v, str) for v in row) and not pending:
            tr = ["<w:tr><w:trPr><w:cantSplit/></w:trPr>"]
            for value, width, align in zip(row, widths, aligns, strict=False):
                tr.append(_cell_xml(value, width, align=align, size=size))  # type: ignore[arg-type]  # all str (above)
            tr.append("</w:tr>")
            parts.append("".join(tr))
        else:
            cells = [v if isinstance(v, L.Cell) else L.Cell(str(v)) for v in row]
            parts.append(_grid_row(cells, widths, pending, size=size, default_align=aligns, header=False))
    # Keep the table's end with what follows (the signature): its last two rows move
    # with it rather than leaving the signer alone on a page.
    for row in block.footer:
        parts.append(_grid_row(row, widths, pending, size=size, default_align=aligns, header=False,
                               keep=block.keep_with_next))
    parts.append("</w:tbl>")
    return "".join(parts)


def _table(doc, block: L.Table, usable: float) -> None:
    tbl = parse_xml(_table_xml(block, usable))
    body = doc.element.body
    sect = body.find(qn("w:sectPr"))
    sect.addprevious(tbl)
    # A paragraph after a table keeps the next table or text from gluing to it.
    p = doc.add_paragraph()
    p.paragraph_format.space_after = Pt(4)


# --- signatures and Nơi nhận (ô 7, 9) --------------------------------------------------


def _signer_top(cell, signer: L.Signer) -> None:
    for line in signer.title_lines():
        _line(cell, line, size=L.SIZE_SIGNER, bold=True)
    if signer.note:
        _line(cell, signer.note, size=L.SIZE_SIGNER - 1, italic=True)


def _signer_bottom(cell, signer: L.Signer) -> None:
    spacer = _line(cell, "", size=L.SIZE_SIGNER)
    spacer.paragraph_format.space_before = Mm(L.SIGNATURE_SPACE_MM)
    _line(cell, signer.name, size=L.SIZE_SIGNER, bold=True, keep_with_next=False)


def _signer_cell(cell, signer: L.Signer) -> None:
    _signer_top(cell, signer)
    _signer_bottom(cell, signer)


def _recipients_cell(cell, recipients: list[str]) -> None:
    p = _line(cell, "Nơi nhận:", size=L.SIZE_RECIPIENTS_LABEL, bold=True, italic=True, align="left",
              space_before=0)
    p.runs[0].font.bold = True
    for item in L.normalise_recipients(recipients):
        _line(cell, item, size=L.SIZE_RECIPIENTS, align="left")


def _signatures(doc, signers: list[L.Signer], recipients: list[str], usable: float) -> None:
    spacer = doc.add_paragraph()
    spacer.paragraph_format.keep_with_next = True
    if len(signers) <= 1:
        widths = [usable * 0.45, usable * 0.55]
        table = _no_borders_table(doc, widths)
        left, right = table.rows[0].cells
        if recipients:
            _recipients_cell(left, recipients)
        if signers:
            _signer_cell(right, signers[0])
        for cell in (left, right):
            _ensure_paragraph(cell)
        _cant_split(table)
        return
    per_row = 3 if len(signers) > 2 else 2
    widths = [usable / per_row] * per_row
    table = None
    for start in range(0, len(signers), per_row):
        chunk = signers[start:start + per_row]
        # Titles in one row and names in the next, so that names line up whatever the titles' height.
        if table is None:
            table = _no_borders_table(doc, widths)
            top = table.rows[0]
        else:
            top = _add_row(table, widths)
        bottom = _add_row(table, widths)
        for cell, signer in zip(top.cells, chunk, strict=False):
            _signer_top(cell, signer)
        for cell, signer in zip(bottom.cells, chunk, strict=False):
            _signer_bottom(cell, signer)
        for cell in (*top.cells, *bottom.cells):
            _ensure_paragraph(cell)
    _cant_split(table)
    if recipients:
        box = _no_borders_table(doc, [usable * 0.5, usable * 0.5])
        _recipients_cell(box.rows[0].cells[0], recipients)
        _ensure_paragraph(box.rows[0].cells[1])


def _cant_split(table) -> None:
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))


# --- body -----------------------------------------------------------------------------


def _blocks(doc, blocks: list, usable: float) -> None:
    for block in blocks:
        if isinstance(block, L.Paragraph):
            _paragraph(doc, block)
        elif isinstance(block, L.Table):
            _table(doc, block, usable)
        elif isinstance(block, L.Signatures):
            _signatures(doc, block.signers, [], usable)
        elif isinstance(block, L.PageBreak):
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:  # pragma: no cover - a new block type must be taught to both renderers
            raise TypeError(f"unknown block {type(block).__name__}")


def render_docx(spec: L.DocumentSpec) -> bytes:
    """The spec as a .docx file (bytes)."""
    doc = Document()
    _setup_styles(doc)
    section = doc.sections[0]
    _setup_section(section, landscape=spec.landscape, restart_numbering=False)
    _page_number_header(section)
    usable = _usable_width_mm(spec.landscape)

    _header(doc, spec, spec.issuer, usable=usable)
    _title(doc, spec, usable=usable)
    _blocks(doc, L.keep_last_with_signature(spec), usable)
    if spec.signers or spec.recipients:
        _signatures(doc, spec.signers, spec.recipients, usable)

    for appendix in spec.appendices:
        new = doc.add_section(WD_SECTION.NEW_PAGE)
        _setup_section(new, landscape=appendix.landscape, restart_numbering=True)
        a_usable = _usable_width_mm(appendix.landscape)
        if appendix.show_issuer and spec.issuer is not None:
            _header(doc, spec, spec.issuer, usable=a_usable, with_number=False, with_date=False)
        for i, block in enumerate(appendix.heading):
            if i == 0:
                block = replace(block, space_before=max(block.space_before, 12))
            _paragraph(doc, block)
        _blocks(doc, appendix.body, a_usable)

    props = doc.core_properties
    props.title = f"{spec.type_text} {spec.title}".strip()[:250]
    props.language = "vi-VN"
    props.author = spec.issuer.name if spec.issuer else ""
    props.comments = ""
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
