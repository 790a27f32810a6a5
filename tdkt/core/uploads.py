"""The one check of uploaded office files (PDF, DOCX, XLSX) by what they contain, not by their name.

Every upload path asks :func:`check_upload` (dossier files, campaign documents, report checks,
document templates, Excel imports). A PDF must parse with pypdf, have at least one page and carry
no active content (JavaScript, launch actions, embedded files); a DOCX or XLSX must be a real Office
Open XML package: a zip that inflates within limits, whose ``[Content_Types].xml`` declares the
main part of that kind, with no macros. A refusal is a :class:`DomainValidationError` on the
caller's field, in Vietnamese, naming the field and the file and saying what to do.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Iterable
from xml.etree import ElementTree

from django.utils.translation import gettext as _

from .exceptions import DomainValidationError

FORMAT_NAMES = {"pdf": "PDF", "docx": "Word (.docx)", "xlsx": "Excel (.xlsx)"}
# The main part each package must declare, and its content type (ECMA-376 Part 1, §11 and §12).
MAIN_PARTS = {
    "docx": ("/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    "xlsx": ("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
}
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
MAX_ZIP_MEMBERS = 5000
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
# Names of PDF actions and parts that run or carry something beyond the printed page.
_ACTIVE_PDF = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)\b")

logger = logging.getLogger(__name__)


def format_of(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def check_upload(data: bytes, *, filename: str, field: str, label: str, allowed: Iterable[str],
                 max_bytes: int, kind: str | None = None) -> str:
    """The format (``"pdf"``, ``"docx"``, ``"xlsx"``) of an upload judged by its content, or a
    refusal on ``field``. ``label`` is the field's name as the form shows it. ``kind`` checks the
    content as that format whatever the name says (callers that accept one format only)."""
    allowed = tuple(allowed)
    kinds = ", ".join(FORMAT_NAMES[k] for k in allowed)
    names = {"field": label, "file": filename or _("tệp"), "kinds": kinds}

    def refuse(message: str) -> DomainValidationError:
        return DomainValidationError(message % names, field=field)

    if not data:
        raise refuse(_("«%(field)s»: tệp «%(file)s» rỗng. Hãy chọn tệp %(kinds)s có nội dung."))
    if len(data) > max_bytes:
        names["max"] = str(max_bytes // (1024 * 1024))
        raise refuse(_("«%(field)s»: tệp «%(file)s» quá lớn; dung lượng tối đa là %(max)s MB."))
    fmt = kind or format_of(filename)
    if fmt not in allowed:
        raise refuse(_("«%(field)s»: chỉ nhận tệp %(kinds)s; tệp «%(file)s» không thuộc các loại này."))
    names["kind"] = FORMAT_NAMES[fmt]
    problem = _pdf_problem(data) if fmt == "pdf" else _package_problem(data, fmt)
    if problem:
        names["why"] = problem
        raise refuse(_("«%(field)s»: tệp «%(file)s» không phải tệp %(kind)s hợp lệ (%(why)s). Hãy mở tệp bằng "
                       "phần mềm gốc, lưu lại đúng định dạng %(kind)s rồi tải lên lại."))
    return fmt


def _pdf_problem(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError
    from pypdf.generic import DictionaryObject

    if not data.startswith(b"%PDF-"):
        return _("nội dung không bắt đầu như một tệp PDF")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        pages = len(reader.pages)
        root = reader.trailer["/Root"].get_object()
        if not isinstance(root, DictionaryObject):
            return _("không đọc được cấu trúc PDF")
        root_keys = set(root.keys())
    except (PyPdfError, KeyError, ValueError, TypeError, OSError, RecursionError) as exc:
        logger.info("upload refused, PDF does not parse: %s", exc)
        return _("không đọc được cấu trúc PDF")
    if pages < 1:
        return _("tệp PDF không có trang nào")
    try:
        names = root["/Names"].get_object() if "/Names" in root_keys else DictionaryObject()
        catalogue_names = set(names.keys()) if isinstance(names, DictionaryObject) else {"?"}
    except (PyPdfError, KeyError, ValueError, TypeError, AttributeError):
        catalogue_names = {"?"}
    active = {"/OpenAction", "/AA"} & root_keys or {"/JavaScript", "/EmbeddedFiles", "?"} & catalogue_names
    if active or _ACTIVE_PDF.search(data):
        return _("tệp PDF chứa mã chạy tự động hoặc tệp đính kèm, không được nhận")
    return ""


def _package_problem(data: bytes, fmt: str) -> str:
    part, content_type = MAIN_PARTS[fmt]
    if data[:4] != b"PK\x03\x04":
        return _("không phải gói Office Open XML (tệp nén)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ZIP_MEMBERS:
                return _("có quá nhiều thành phần")
            unpacked = sum(i.file_size for i in infos)
            packed = sum(max(i.compress_size, 1) for i in infos)
            if unpacked > MAX_UNCOMPRESSED_BYTES or unpacked / packed > MAX_COMPRESSION_RATIO:
                return _("giải nén ra quá lớn so với tệp nén")
            names = {i.filename for i in infos}
            if "[Content_Types].xml" not in names or part.lstrip("/") not in names:
                return _("thiếu phần nội dung chính")
            types = ElementTree.fromstring(zf.read("[Content_Types].xml"))
            zf.read(part.lstrip("/"))  # the main part must inflate (a broken CRC raises)
    # What a damaged or hostile package makes zipfile raise: a truncated member (EOFError), a compression method
    # it cannot inflate (NotImplementedError), a bad CRC or header (BadZipFile, ValueError, OSError).
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, ElementTree.ParseError, KeyError,
            EOFError, NotImplementedError):
        return _("tệp nén bị hỏng")
    overrides = {el.get("PartName", "").lower(): el.get("ContentType", "") for el in types.iter(f"{_CT_NS}Override")}
    declared = overrides.get(part.lower(), "")
    if "macroEnabled" in declared or any(n.lower().endswith("vbaproject.bin") for n in names):
        return _("tệp có macro, không được nhận")
    if declared != content_type:
        return _("phần nội dung chính không đúng loại")
    return ""


def blank_pdf() -> bytes:
    """A real one-page PDF (what the demo and tests upload where a signed scan would go)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
