"""Every built-in document as DOCX: the Nghị định 30/2020 layout facts, read back with python-docx."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from tdkt.documents import layout as L
from tdkt.documents.builders import REGISTRY
from tdkt.documents.render import render_docx

from .helpers import docx_paragraph_texts, docx_text

CODES = sorted(REGISTRY)


def _render(code: str) -> bytes:
    builder = REGISTRY[code]
    return render_docx(builder.spec(builder.sample()))


@pytest.fixture(scope="module")
def docs() -> dict[str, bytes]:
    return {code: _render(code) for code in CODES}


@pytest.mark.parametrize("code", CODES)
def test_page_is_a4_with_nd30_margins(docs, code):
    doc = Document(io.BytesIO(docs[code]))
    for section in doc.sections:
        short, long_ = sorted([section.page_width, section.page_height])
        assert abs(short - Mm(210)) < Mm(0.5) and abs(long_ - Mm(297)) < Mm(0.5)
        assert abs(section.top_margin - Mm(20)) < Mm(0.1)
        assert abs(section.bottom_margin - Mm(20)) < Mm(0.1)
        assert abs(section.left_margin - Mm(30)) < Mm(0.1)
        assert abs(section.right_margin - Mm(15)) < Mm(0.1)


@pytest.mark.parametrize("code", CODES)
def test_times_new_roman_for_every_script(docs, code):
    doc = Document(io.BytesIO(docs[code]))
    fonts = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(
        qn("w:rFonts"))
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert fonts.get(qn(slot)) == "Times New Roman", slot
    assert not [a for a in fonts.attrib if "heme" in a], "theme fonts would override Times New Roman"
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert 13 <= normal.font.size.pt <= 14
    # No run anywhere asks for another face.
    for rfonts in doc.element.body.iter(qn("w:rFonts")):
        assert rfonts.get(qn("w:ascii")) in (None, "Times New Roman")


@pytest.mark.parametrize("code", CODES)
def test_quoc_hieu_and_tieu_ngu(docs, code):
    doc = Document(io.BytesIO(docs[code]))
    found = {}
    for p in doc.element.body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        if text in (L.QUOC_HIEU, L.TIEU_NGU):
            runs = list(p.iter(qn("w:r")))
            sizes = {r.find(qn("w:rPr")).find(qn("w:sz")).get(qn("w:val")) for r in runs}
            bold = all(r.find(qn("w:rPr")).find(qn("w:b")) is not None for r in runs)
            found[text] = (sizes, bold)
    assert found[L.QUOC_HIEU][1] and found[L.TIEU_NGU][1]
    assert found[L.QUOC_HIEU][0] <= {"24", "26"}  # 12–13 pt
    assert found[L.TIEU_NGU][0] <= {"26", "28"}  # 13–14 pt
    assert L.QUOC_HIEU == L.QUOC_HIEU.upper()


def test_header_is_a_borderless_two_column_table(docs):
    doc = Document(io.BytesIO(docs["quyet-dinh-khen-thuong"]))
    header = doc.tables[0]
    assert len(header.columns) == 2
    left, right = (c.text for c in header.rows[0].cells)
    assert "UBND QUẬN 1" in left and "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" in left
    assert L.QUOC_HIEU in right and L.TIEU_NGU in right
    assert header._tbl.tblPr.find(qn("w:tblBorders")) is None
    # The issuer name is bold, the cơ quan chủ quản is not (ND 30, ô 2).
    issuer_runs = header.rows[0].cells[0].paragraphs[1].runs
    assert issuer_runs[0].bold and not header.rows[0].cells[0].paragraphs[0].runs[0].bold
    number, date = (c.text for c in header.rows[1].cells)
    assert number == "Số: 123/QĐ-GDĐT"
    assert date == "Quận 1, ngày 05 tháng 6 năm 2024"
    assert all(r.italic for r in header.rows[1].cells[1].paragraphs[0].runs)


def test_rules_under_issuer_tieu_ngu_and_title(docs):
    doc = Document(io.BytesIO(docs["quyet-dinh-khen-thuong"]))
    ruled = [p for p in doc.element.body.iter(qn("w:p")) if p.find(qn("w:pPr")) is not None
             and p.find(qn("w:pPr")).find(qn("w:pBdr")) is not None]
    assert len(ruled) >= 3  # issuer, Tiêu ngữ, trích yếu (+ the appendix header)


def test_number_blank_when_not_yet_given(docs):
    texts = docx_paragraph_texts(docs["ke-hoach-hoi-nghi"])
    assert any(t.startswith("Số:") and t.endswith("/KH-SGDĐT") and "  " in t for t in texts)
    assert any(t.startswith("Lào Cai, ngày ") and t.endswith("năm 2022") for t in texts)


@pytest.mark.parametrize("code", CODES)
def test_first_page_has_no_page_number_and_later_pages_do(docs, code):
    doc = Document(io.BytesIO(docs[code]))
    for section in doc.sections:
        assert section.different_first_page_header_footer
        assert "PAGE" in section.header._element.xml
        assert "PAGE" not in section.first_page_header._element.xml


def test_appendix_restarts_page_numbers(docs):
    doc = Document(io.BytesIO(docs["quyet-dinh-khen-thuong"]))
    assert len(doc.sections) == 2
    pg = doc.sections[1]._sectPr.find(qn("w:pgNumType"))
    assert pg is not None and pg.get(qn("w:start")) == "1"


def test_quyet_dinh_text(docs):
    texts = docx_paragraph_texts(docs["quyet-dinh-khen-thuong"])
    text = "\n".join(texts)
    assert "QUYẾT ĐỊNH" in texts
    assert "TRƯỞNG PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN 1" in texts
    assert "QUYẾT ĐỊNH:" in texts
    assert "Điều 1. Công nhận danh hiệu Lao động tiên tiến cho 06 cá nhân" in text
    assert "Tổng số tiền thưởng: 3.360.000 đồng (Bằng chữ: Ba triệu ba trăm sáu mươi nghìn đồng)" in text
    assert "(Kèm theo Quyết định số 123/QĐ-GDĐT ngày 05 tháng 6 năm 2024 của Trưởng phòng Giáo dục và Đào tạo " \
           "Quận 1)" in text
    assert "Tổng số tiền bằng chữ: Ba triệu ba trăm sáu mươi nghìn đồng." in text


def test_basis_lines_are_italic(docs):
    doc = Document(io.BytesIO(docs["quyet-dinh-khen-thuong"]))
    basis = [p for p in doc.paragraphs if p.text.startswith(("Căn cứ", "Xét đề nghị"))]
    from tdkt.documents.builders import get_builder

    sample = get_builder("quyet-dinh-khen-thuong").sample()
    assert len(basis) == len(sample["can_cu"]) + 1  # + «Xét đề nghị …»
    assert all(r.italic for p in basis for r in p.runs)


def test_danh_sach_table_has_header_money_and_total(docs):
    doc = Document(io.BytesIO(docs["quyet-dinh-khen-thuong"]))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "STT")
    assert [c.text for c in table.rows[0].cells] == ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Danh hiệu",
                                                     "Số tiền (đồng)"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats on every page
    assert [c.text for c in table.rows[1].cells][:2] == ["1", "Nguyễn Thị Lan"]
    assert table.rows[1].cells[5].text == "560.000"
    last = table.rows[-1]
    assert last.cells[0].text == "Tổng cộng" and last.cells[-1].text == "3.360.000"


def test_signer_block_and_noi_nhan(docs):
    doc = Document(io.BytesIO(docs["quyet-dinh-khen-thuong"]))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:"))
    left, right = table.rows[0].cells
    label = left.paragraphs[0]
    assert label.text == "Nơi nhận:"
    assert label.runs[0].bold and label.runs[0].italic and label.runs[0].font.size.pt == 12
    items = [p.text for p in left.paragraphs[1:]]
    assert items == ["- Như Điều 3;", "- Phòng Nội vụ Quận 1;", "- Lưu: VT, TĐKT."]
    assert all(r.font.size.pt == 11 for p in left.paragraphs[1:] for r in p.runs)
    lines = [p.text for p in right.paragraphs if p.text]
    assert lines == ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "Võ Cao Long"]
    assert all(r.bold for p in right.paragraphs for r in p.runs if r.text)


def test_minutes_sign_on_both_sides(docs):
    text = docx_text(docs["bien-ban-hop-hoi-dong"])
    for line in ("THƯ KÝ", "TM. HỘI ĐỒNG", "CHỦ TỊCH", "Vũ Thị Yến", "Trần Thị Bình"):
        assert line in text
    assert "có mặt: 07 (77,8%)" in text and "cuộc họp hợp lệ" in text


def test_landscape_summary_table(docs):
    doc = Document(io.BytesIO(docs["bang-tong-hop-dang-ky"]))
    section = doc.sections[0]
    assert section.page_width > section.page_height
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "STT")
    # Two header rows: the title group spans the title columns.
    assert table.rows[0].cells[5].text == "Danh hiệu, hình thức đăng ký"
    assert table.rows[1].cells[5].text == "Lao động tiên tiến"
    totals = [c.text for c in table.rows[-1].cells]
    assert totals[0] == "Tổng cộng" and totals[5:10] == ["12", "4", "2", "2", "0"]


def test_personal_report_has_the_official_outline(docs):
    texts = docx_paragraph_texts(docs["bao-cao-thanh-tich-ca-nhan"])
    for heading in ("I. SƠ LƯỢC LÝ LỊCH", "II. THÀNH TÍCH ĐẠT ĐƯỢC", "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
                    "1. Danh hiệu thi đua", "2. Hình thức khen thưởng"):
        assert heading in texts
    assert "- Sinh ngày, tháng, năm: 05/02/1982" in texts
    assert "Quyết định số 245/QĐ-UBND ngày 15/8/2023 của Ủy ban nhân dân Quận 1" in texts
    assert not any(t.startswith("Số:") for t in texts)  # a personal report carries no number


def test_review_report_rates_against_targets(docs):
    doc = Document(io.BytesIO(docs["bao-cao-so-ket-tong-ket"]))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "STT")
    header = [c.text for c in table.rows[0].cells]
    assert header[1] == "Chỉ tiêu" and header[-2] == "Tỷ lệ so với chỉ tiêu (%)" and header[-1] == "Đạt / Chưa đạt"
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert rows[0][3:] == ["99", "99,3", "100,3", "Đạt"]
    assert rows[1][3:] == ["20", "18", "90", "Chưa đạt"]
    assert rows[3][-1] == "Đạt"  # dropout 0,1% under a ceiling of 0,5%


def test_conference_plan_quota_total(docs):
    doc = Document(io.BytesIO(docs["ke-hoach-hoi-nghi"]))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "STT")
    assert table.rows[1].cells[5].text == "135"
    assert table.rows[-1].cells[-1].text == "218"
