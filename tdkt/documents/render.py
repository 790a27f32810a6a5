"""The rendering layer other apps call.

* ``render_docx(spec)`` / ``render_pdf(spec)``: a DocumentSpec to bytes.
* ``render_document(code=..., context=..., fmt=..., unit=...)``: the built-in
  builder of ``code`` — or, when an administrator uploaded an active DOCX
  template for it (for ``unit`` or a unit above it), that template filled with
  the same context.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tdkt.core.i18n import in_vietnamese
from tdkt.core.vi import fold

from .builders import get_builder
from .layout import DocumentSpec
from .render_docx import render_docx
from .render_pdf import render_html, render_pdf

__all__ = ["FORMATS", "Rendered", "render_document", "render_docx", "render_html", "render_pdf"]

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@dataclass
class Rendered:
    content: bytes
    filename: str
    content_type: str
    source: str  # "builtin" or "uploaded"
    template_id: int | None = None


def file_stem(spec: DocumentSpec) -> str:
    """"quyet-dinh-123-qd-gddt": ASCII, so every mail client and OS keeps it."""
    parts = [spec.filename]
    if spec.number is not None and spec.show_number:
        parts.append(fold(spec.number_symbol.replace("/", "-")))
    return "-".join(p for p in parts if p).replace(" ", "-")


@in_vietnamese
def render_document(*, code: str, context: Mapping, fmt: str = "docx", unit=None,
                    use_uploaded: bool = True) -> Rendered:
    if fmt not in FORMATS:
        raise ValueError(f"Định dạng không hỗ trợ: {fmt}")
    builder = get_builder(code)
    spec = builder.spec(context)
    stem = file_stem(spec)
    if use_uploaded:
        from .selectors import active_template_for

        template = active_template_for(code=code, unit=unit)
        if template is not None:
            from .docx_templates import render_template

            docx = render_template(bytes(template.content), builder.variables(context))
            if fmt == "docx":
                return Rendered(docx, f"{stem}.docx", FORMATS["docx"], "uploaded", template.pk)
            from .office import docx_to_pdf

            pdf = docx_to_pdf(docx)
            if pdf is not None:
                return Rendered(pdf, f"{stem}.pdf", FORMATS["pdf"], "uploaded", template.pk)
            # Without LibreOffice the PDF falls back to the built-in layout of the same data.
    content = render_docx(spec) if fmt == "docx" else render_pdf(spec)
    return Rendered(content, f"{stem}.{fmt}", FORMATS[fmt], "builtin")
