"""Biên bản họp Hội đồng and Biên bản kiểm phiếu: the data (minutes_context) and the
DOCX / PDF files in the Nghị định 30 layout."""

import io

import pytest
from docx import Document

from tdkt.meetings import services
from tdkt.meetings.choices import Choice
from tdkt.meetings.minutes import minutes_context, render_minutes

from .helpers import vote_all


@pytest.fixture
def held(world, meeting_of, awards):
    c = meeting_of(12, present=10)
    secret = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["cstdcs"],
                                      person=world.an)
    services.question_open(actor=world.users.officer_a, question=secret)
    vote_all(secret, c.users[:10], [Choice.FOR] * 10)
    services.question_close(actor=world.users.officer_a, question=secret)
    hands = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["ldtt"],
                                     person=world.binh)
    services.question_open(actor=world.users.officer_a, question=hands)
    services.open_count_record(actor=world.users.officer_a, question=hands, votes_for=4, votes_against=6,
                               votes_abstain=0)
    services.question_close(actor=world.users.officer_a, question=hands)
    services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["giay-khen"],
                             person=world.an)
    services.meeting_close(actor=world.users.officer_a, meeting=c.meeting)
    return c


def test_context_has_what_the_minutes_need(held):
    ctx = minutes_context(held.meeting)
    assert ctx["unit"] == "Trường Tiểu học Đinh Tiên Hoàng"
    assert ctx["issuer_parent"] == "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN THỬ"
    assert ctx["place_date"] == "Quận Thử, ngày 20 tháng 5 năm 2024"
    assert ctx["starts_at"] == "08 giờ 00 phút, ngày 20 tháng 5 năm 2024"
    assert ctx["chair"]["name"] == "Đỗ Văn TV00" and ctx["secretary"]["name"] == "Đỗ Văn TV01"
    assert len(ctx["members_present"]) == 10
    assert [m["reason"] for m in ctx["members_absent"]] == ["Đi công tác", "Đi công tác"]
    assert ctx["quorum"] == {"total": 12, "present": 10, "required": 8, "share": "2/3", "reached": True,
                             "text": "10/12 thành viên có mặt; cần ít nhất 8 (= 2/3 tổng số thành viên, làm tròn lên): "
                                     "đủ điều kiện tiến hành."}
    first, second, third = ctx["questions"]
    assert first["candidate"] == "Nguyễn Văn An" and first["award_type"] == "Chiến sĩ thi đua cơ sở"
    assert (first["votes_for"], first["votes_against"], first["votes_blank"]) == (10, 0, 0)
    assert first["arithmetic"] == "10/12 thành viên đồng ý = 83,3% ≥ 80% tổng số thành viên: ĐẠT"
    assert first["result_label"] == "Đạt" and first["ballots_cast"] == 10
    assert second["passed"] is False and second["arithmetic"].startswith("4/10 ")
    assert third["result_label"] == "Không biểu quyết"
    assert [x["id"] for x in ctx["results"]["passed"]] == [first["id"]]
    assert [x["id"] for x in ctx["secret_questions"]] == [first["id"]]


def _docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for cell in table._cells:
            parts += [p.text for p in cell.paragraphs]
    return "\n".join(parts)


def test_docx_in_nd30_layout(held):
    content, content_type, name = render_minutes(held.meeting, "bien-ban", "docx")
    assert content_type.endswith("wordprocessingml.document") and name.endswith(".docx")
    doc = Document(io.BytesIO(content))
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.left_margin.mm) == 30
    assert round(section.right_margin.mm) == 15 and round(section.top_margin.mm) == 20
    assert doc.styles["Normal"].font.name == "Times New Roman"
    text = _docx_text(content)
    for expected in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "Quận Thử, ngày 20 tháng 5 năm 2024", "TRƯỜNG TIỂU HỌC ĐINH TIÊN HOÀNG", "BIÊN BẢN",
                     "10/12 thành viên đồng ý = 83,3% ≥ 80% tổng số thành viên: ĐẠT", "CHỦ TỊCH HỘI ĐỒNG", "THƯ KÝ",
                     "Đỗ Văn TV00", "Đi công tác"]:
        assert expected in text, expected


def test_vote_count_minutes_list_only_secret_ballots(held):
    text = _docx_text(render_minutes(held.meeting, "kiem-phieu", "docx")[0])
    assert "Kiểm phiếu bầu kín" in text and "Số phiếu phát ra / thu vào tại cuộc họp: 10" in text
    assert "Trần Thị Bình" not in text


def test_pdf_renders(held):
    content, content_type, name = render_minutes(held.meeting, "bien-ban", "pdf")
    assert content.startswith(b"%PDF") and content_type == "application/pdf" and name.endswith(".pdf")


def test_download_page(world, held, client):
    client.force_login(world.users.council_a)
    response = client.get(f"/hoi-dong/cuoc-hop/{held.meeting.pk}/kiem-phieu.docx")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert client.get(f"/hoi-dong/cuoc-hop/{held.meeting.pk}/khac.docx").status_code == 404


def test_pdf_says_what_the_docx_says(held):
    """Both files come from the one documents layer (tdkt.documents.render): the PDF carries the
    Nghị định 30 header, the arithmetic and the signers like the DOCX."""
    from tdkt.documents.tests.helpers import pdf_text

    content, _, _ = render_minutes(held.meeting, "bien-ban", "pdf")
    text = " ".join(pdf_text(content).split())
    for expected in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "Quận Thử, ngày 20 tháng 5 năm 2024", "BIÊN BẢN",
                     "10/12 thành viên đồng ý = 83,3% ≥ 80% tổng số thành viên: ĐẠT", "CHỦ TỊCH HỘI ĐỒNG", "THƯ KÝ",
                     "Đỗ Văn TV00"]:
        assert expected in text, expected

