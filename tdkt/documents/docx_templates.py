"""Administrator DOCX templates (docxtpl): checking an upload, filling it in, and
a starter file listing the variables of a document code.

Templates are Jinja inside Word. They run in Jinja's sandbox: a template written
by a unit administrator must not reach Python internals through ``__class__``
and friends.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping

from jinja2 import TemplateSyntaxError, Undefined
from jinja2.exceptions import SecurityError, TemplateError, UndefinedError
from jinja2.runtime import missing
from jinja2.sandbox import SandboxedEnvironment

from tdkt.core.exceptions import DomainValidationError
from tdkt.core.uploads import check_upload

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
# A small zip can inflate enormously; refuse archives that would.
MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024
MAX_ZIP_ENTRIES = 2000

_MESSAGES = [
    (re.compile(r"unexpected end of template.*?'(end\w+)'", re.S | re.I),
     "mẫu kết thúc khi còn khối lệnh chưa đóng — thiếu thẻ {{% {0} %}}"),
    (re.compile(r"unexpected end of template", re.S | re.I), "mẫu kết thúc khi còn khối lệnh chưa đóng"),
    (re.compile(r"encountered unknown tag '(\w+)'", re.I), "gặp thẻ lệnh không hợp lệ «{0}» (thiếu thẻ mở hoặc viết sai?)"),
    (re.compile(r"unexpected '(.+?)'", re.I), "gặp ký tự không mong đợi «{0}»"),
    (re.compile(r"expected token '(.+?)', got '(.+?)'"), "cần «{0}» nhưng gặp «{1}»"),
    (re.compile(r"unexpected char '(.+?)'"), "gặp ký tự không hợp lệ «{0}»"),
    (re.compile(r"no filter named '(\w+)'"), "không có bộ lọc «{0}»"),
    (re.compile(r"no test named '(\w+)'"), "không có phép kiểm tra «{0}»"),
]


def _vietnamese(message: str) -> str:
    for pattern, text in _MESSAGES:
        m = pattern.search(message)
        if m:
            return text.format(*m.groups())
    return message


def _refuse(message: str) -> DomainValidationError:
    return DomainValidationError({"file": message})


def _sandbox(undefined=Undefined) -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True, undefined=undefined)


def check_package(content: bytes) -> None:
    """A real .docx: a zip holding word/document.xml, within the size limits."""
    if len(content) > MAX_TEMPLATE_BYTES:
        raise _refuse(f"Tệp mẫu quá lớn ({len(content) / 1024 / 1024:.1f} MB); giới hạn "
                      f"{MAX_TEMPLATE_BYTES // 1024 // 1024} MB.".replace(".", ",", 1))
    if not content or not zipfile.is_zipfile(io.BytesIO(content)):
        raise _refuse("Tệp không phải văn bản Word .docx (không phải tệp nén Office Open XML). Nếu là tệp .doc "
                      "cũ, hãy mở bằng Word hoặc LibreOffice và lưu lại dưới dạng .docx.")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
            names = {i.filename for i in infos}
            if len(infos) > MAX_ZIP_ENTRIES or sum(i.file_size for i in infos) > MAX_UNCOMPRESSED_BYTES:
                raise _refuse("Tệp mẫu giải nén ra quá lớn; hãy bỏ bớt hình ảnh hoặc nội dung nhúng.")
            if "word/document.xml" not in names or "[Content_Types].xml" not in names:
                raise _refuse("Tệp không phải văn bản Word .docx: thiếu phần nội dung word/document.xml.")
            archive.read("word/document.xml")
    except zipfile.BadZipFile as exc:
        raise _refuse("Tệp .docx bị hỏng, không giải nén được.") from exc
    # The package itself (content types, main part, no macros): the one check of every upload.
    check_upload(content, filename="", field="file", label="Tệp mẫu", allowed=("docx",),
                 max_bytes=MAX_TEMPLATE_BYTES, kind="docx")


def _recording_undefined(seen: set[str]):
    class RecordingUndefined(Undefined):
        """Lenient like the default, but notes top-level names the template prints or loops over."""

        __slots__ = ()

        def _note(self):
            if self._undefined_obj is missing and self._undefined_name:
                seen.add(self._undefined_name)

        def __str__(self):
            if self._undefined_exception is SecurityError:
                self._fail_with_undefined_error()
            self._note()
            return ""

        def __iter__(self):
            self._note()
            return iter(())

    return RecordingUndefined


def _context_text(exc) -> str:
    lines = [" ".join(line.split()) for line in getattr(exc, "docx_context", None) or []]
    text = " … ".join(line for line in lines if line)
    return text[:300]


def trial_render(content: bytes, context: Mapping) -> bytes:
    """Render the template with a sample context, refusing it (DomainValidationError, in
    Vietnamese, with where the error is) when it cannot be filled in."""
    from docxtpl import DocxTemplate

    check_package(content)
    seen: set[str] = set()
    try:
        tpl = DocxTemplate(io.BytesIO(content))
        tpl.render(dict(context), jinja_env=_sandbox(_recording_undefined(seen)), autoescape=True)
        out = io.BytesIO()
        tpl.save(out)
    except TemplateSyntaxError as exc:
        where = _context_text(exc)
        line = f" ở khoảng đoạn văn thứ {max((exc.lineno or 1) - 1, 1)}" if exc.lineno else ""
        raise _refuse(f"Mẫu có lỗi cú pháp{line}: {_vietnamese(exc.message or str(exc)).rstrip('.')}."
                      + (f" Nội dung quanh chỗ lỗi: «{where}»." if where else "")) from exc
    except SecurityError as exc:
        raise _refuse("Mẫu dùng thao tác không được phép trong mẫu văn bản "
                      f"({exc}). Chỉ dùng biến, vòng lặp và điều kiện.") from exc
    except UndefinedError as exc:
        raise _refuse(f"Mẫu dùng biến không có trong dữ liệu: {exc.message or exc}.") from exc
    except TemplateError as exc:
        where = _context_text(exc)
        raise _refuse(f"Mẫu không điền được dữ liệu: {_vietnamese(str(exc)).rstrip('.')}."
                      + (f" Nội dung quanh chỗ lỗi: «{where}»." if where else "")) from exc
    except DomainValidationError:
        raise
    except Exception as exc:  # a corrupt part inside an otherwise valid zip
        raise _refuse(f"Không đọc được tệp .docx ({type(exc).__name__}). Hãy mở và lưu lại tệp bằng Word "
                      "hoặc LibreOffice rồi tải lên lại.") from exc
    if seen:
        raise _refuse("Mẫu dùng biến không có trong dữ liệu của loại văn bản này: "
                      + ", ".join(f"«{n}»" for n in sorted(seen)) + ". Xem danh sách biến bên dưới.")
    return out.getvalue()


def render_template(content: bytes, context: Mapping) -> bytes:
    """Fill an accepted template (unknown variables print as empty)."""
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(io.BytesIO(content))
    tpl.render(dict(context), jinja_env=_sandbox(), autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def key_names(keys: list[tuple[str, str]]) -> list[str]:
    """"bat_dau / ket_thuc" documents two variables."""
    names = []
    for key, _ in keys:
        names += [k.strip() for k in key.split("/") if k.strip()]
    return names


def starter_docx(builder) -> bytes:
    """A plain .docx using every variable of ``builder``: a starting point an
    administrator restyles in Word, and proof that the variables are real."""
    from docx import Document
    from docx.shared import Pt

    from .builders.common import COMMON_KEYS, DERIVED_KEYS

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run("{{ co_quan_chu_quan|upper }}")
    left.add_paragraph().add_run("{{ co_quan_ban_hanh|upper }}").bold = True
    left.add_paragraph("{{ dong_so }}")
    right.paragraphs[0].add_run("{{ quoc_hieu }}").bold = True
    right.add_paragraph().add_run("{{ tieu_ngu }}").bold = True
    right.add_paragraph().add_run("{{ ngay_thang }}").italic = True
    doc.add_paragraph().add_run("{{ loai_van_ban }}").bold = True
    doc.add_paragraph().add_run("{{ trich_yeu }}").bold = True
    doc.add_paragraph("Các biến của loại văn bản «" + builder.name + "» (xoá phần này khi soạn mẫu):")
    skip = {"noi_nhan", "nguoi_ky", "danh_sach"} | set(builder.rows)
    shown = set()
    for name in key_names(COMMON_KEYS + DERIVED_KEYS + builder.keys):
        if name in skip or name in shown:
            continue
        shown.add(name)
        doc.add_paragraph(f"{name}: {{{{ {name} }}}}")
    for list_key, fields in builder.rows.items():
        doc.add_paragraph(f"Bảng «{list_key}»:")
        # docxtpl: a row holding only {%tr ... %} becomes the loop around the rows between.
        t = doc.add_table(rows=4, cols=len(fields))
        t.style = "Table Grid"
        for cell, (_field, label) in zip(t.rows[0].cells, fields, strict=True):
            cell.text = label
        t.rows[1].cells[0].text = f"{{%tr for r in {list_key} %}}"
        for cell, (field, _label) in zip(t.rows[2].cells, fields, strict=True):
            cell.text = f"{{{{ r.{field} }}}}"
        t.rows[3].cells[0].text = "{%tr endfor %}"
    doc.add_paragraph("Nơi nhận:")
    doc.add_paragraph("{% for n in noi_nhan %}{{ n }}{% if not loop.last %}, {% endif %}{% endfor %}")
    doc.add_paragraph().add_run("{{ nguoi_ky.dong_1 }}").bold = True
    doc.add_paragraph().add_run("{{ nguoi_ky.dong_2 }}").bold = True
    doc.add_paragraph().add_run("{{ nguoi_ky.ho_ten }}").bold = True
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
