"""Reading a DOCX report: the upload guard, and the text in reading order.

Every paragraph and every table row becomes a ``Block`` with the place a reviewer
would name ("Mục II, đoạn 3", "Bảng 2, dòng 4"); the checks work on blocks only."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from tdkt.core.exceptions import DomainValidationError
from tdkt.core.uploads import check_upload

# The limits of the Excel import (tdkt.records.imports) serve DOCX as well: both are
# Office Open XML zips, and a zip bomb is refused the same way. Its check_file itself
# looks for an Excel workbook, so only the limits are shared.
from tdkt.records.imports import MAX_COMPRESSION_RATIO, MAX_UNCOMPRESSED_BYTES, MAX_ZIP_MEMBERS

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

MAX_REPORT_BYTES = 10 * 1024 * 1024
FILE_FIELD = "file"


def _refuse(message: str) -> DomainValidationError:
    return DomainValidationError({FILE_FIELD: message})


def check_docx_file(data: bytes, filename: str = "") -> None:
    """Refuse, before python-docx opens it, a file that is empty, too large, not a
    Word .docx (an old .doc, a PDF renamed .docx...) or a zip that inflates far beyond
    an honest report."""
    shown = f" «{filename}»" if filename else ""
    if not data:
        raise _refuse(_("Tệp%(file)s rỗng. Hãy chọn tệp báo cáo thành tích dạng Word (.docx).") % {"file": shown})
    if len(data) > MAX_REPORT_BYTES:
        size = f"{len(data) / 1024 / 1024:.1f}".replace(".", ",")
        raise _refuse(_("Tệp%(file)s quá lớn (%(size)s MB). Dung lượng tối đa là %(max)s MB: hãy bỏ bớt hình ảnh "
                        "trong báo cáo rồi tải lên lại.") % {"file": shown, "size": size,
                                                            "max": MAX_REPORT_BYTES // 1024 // 1024})
    if data[:5] == b"%PDF-":
        raise _refuse(_("Tệp%(file)s là tệp PDF, không phải văn bản Word .docx. Hãy tải lên bản Word (.docx) của "
                        "báo cáo để hệ thống đọc được nội dung.") % {"file": shown})
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise _refuse(_("Tệp%(file)s là văn bản Word cũ (.doc, Word 97-2003) hoặc có đặt mật khẩu. Hãy mở bằng "
                        "Word, chọn Lưu thành (Save As) «Word Document (.docx)» rồi tải lên lại.") % {"file": shown})
    not_docx = _("Tệp%(file)s không phải văn bản Word .docx. Hãy lưu báo cáo ở định dạng .docx rồi tải lên "
                 "lại.") % {"file": shown}
    if data[:4] != b"PK\x03\x04":
        raise _refuse(not_docx)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _refuse(_("Tệp%(file)s bị hỏng, không giải nén được. Hãy mở bằng Word và lưu lại.") % {
            "file": shown}) from exc
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise _refuse(not_docx)
    if len(infos) > MAX_ZIP_MEMBERS:
        raise _refuse(_("Tệp%(file)s có quá nhiều thành phần (%(n)s); văn bản Word bình thường chỉ có vài "
                        "chục. Tệp có thể bị hỏng hoặc không an toàn.") % {"file": shown, "n": len(infos)})
    unpacked = sum(i.file_size for i in infos)
    packed = sum(max(i.compress_size, 1) for i in infos)
    if unpacked > MAX_UNCOMPRESSED_BYTES or unpacked / packed > MAX_COMPRESSION_RATIO:
        raise _refuse(_("Tệp%(file)s giải nén ra tới %(size)s MB (gấp %(ratio)s lần tệp nén): tệp không an toàn "
                        "nên không được mở. Hãy kiểm tra lại tệp.") % {
            "file": shown, "size": f"{unpacked / 1024 / 1024:.0f}", "ratio": unpacked // packed})
    # The package itself (content types, main part, no macros): the one check of every upload.
    check_upload(data, filename=filename, field=FILE_FIELD, label=_("Tệp báo cáo"), allowed=("docx",),
                 max_bytes=MAX_REPORT_BYTES, kind="docx")


def clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


@dataclass
class Block:
    """A paragraph, or one row of a table (its cells kept apart)."""

    index: int
    kind: str  # "p" | "row"
    text: str
    lines: list[str]
    cells: list[str] = field(default_factory=list)
    table_no: int = 0
    row_no: int = 0
    # Filled by the section pass.
    part: str = ""  # "I.", "II."... of the enclosing part; "" before the first
    part_code: str = ""
    sub_code: str = ""
    para_no: int = 0
    heading_of: str = ""  # code of the required section this block is the heading of
    part_heading: bool = False
    anchor: Paragraph | None = None  # the docx paragraph a comment attaches to

    @property
    def location(self) -> str:
        where = f"Mục {self.part.rstrip('.')}" if self.part else "Phần đầu"
        if self.kind == "row":
            return f"Bảng {self.table_no}, dòng {self.row_no} ({where})"
        if self.part_heading:
            return f"{where}, tiêu đề"
        return f"{where}, đoạn {self.para_no}"


def _unique_cells(row) -> list:
    seen, cells = set(), []
    for cell in row.cells:
        if id(cell._tc) in seen:  # a merged cell is repeated once per grid column
            continue
        seen.add(id(cell._tc))
        cells.append(cell)
    return cells


def read_blocks(document) -> list[Block]:
    """The body of ``document`` (a python-docx Document) in reading order."""
    from docx.table import Table

    blocks: list[Block] = []
    table_no = 0
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            table_no += 1
            for row_no, row in enumerate(item.rows, start=1):
                cells = _unique_cells(row)
                texts = [clean(c.text) for c in cells]
                lines = [clean(line) for c in cells for line in c.text.split("\n") if clean(line)]
                anchor = next((p for c in cells for p in c.paragraphs if p.runs), None)
                blocks.append(Block(index=len(blocks), kind="row", text=" | ".join(t for t in texts if t),
                                    lines=lines, cells=texts, table_no=table_no, row_no=row_no, anchor=anchor))
        else:
            text = clean(item.text)
            lines = [clean(line) for line in item.text.split("\n") if clean(line)]
            blocks.append(Block(index=len(blocks), kind="p", text=text, lines=lines,
                                anchor=item if item.runs else None))
    return blocks


def open_docx(data: bytes):
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a broken part
        raise _refuse(_("Tệp .docx bị hỏng, không đọc được nội dung. Hãy mở bằng Word và lưu lại.")) from exc
