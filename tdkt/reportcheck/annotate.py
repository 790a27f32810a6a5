"""The checked DOCX with every finding attached as a Word comment (python-docx ≥ 1.2)."""

from __future__ import annotations

import io

from .reading import open_docx, read_blocks

AUTHOR = "TĐKT – kiểm tra báo cáo"


def annotated_docx(data: bytes, findings: list[dict]) -> bytes:
    """Comments anchor on the paragraph (or the table row) a finding names; a finding
    about the whole report (a missing section) sits on the first paragraph."""
    document = open_docx(data)
    blocks = read_blocks(document)
    first = next((b.anchor for b in blocks if b.anchor is not None), None)
    for f in findings:
        index = f.get("block")
        anchor = blocks[index].anchor if index is not None and index < len(blocks) else None
        anchor = anchor or first
        if anchor is None:
            continue
        text = f"{f['severity_label']}: {f['message']}\nCách sửa: {f['fix']}"
        if f.get("rule"):
            text += f"\nCăn cứ: {f['rule']}"
        document.add_comment(anchor.runs, text=text, author=AUTHOR, initials="TĐKT")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
