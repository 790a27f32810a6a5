"""Administrator DOCX templates: checked on upload, used instead of the built-in layout."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from docx import Document

from tdkt.accounts.choices import Role
from tdkt.accounts.models import Membership
from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.documents import docx_templates, office
from tdkt.documents.builders import REGISTRY, get_builder
from tdkt.documents.models import DocumentTemplate
from tdkt.documents.render import render_document
from tdkt.documents.services import template_set_active, template_upload, trial_context

from .helpers import docx_text

CODE = "quyet-dinh-khen-thuong"


def make_docx(*paragraphs: str) -> bytes:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


GOOD = make_docx("QUYẾT ĐỊNH {{ so_hieu }}", "{{ ngay_thang }}",
                 "{% for r in danh_sach %}{{ r.stt }}. {{ r.ho_ten }} – {{ r.so_tien_so }}{% endfor %}",
                 "Tổng: {{ tong_tien_so }} ({{ tong_tien_chu }})", "{{ nguoi_ky.dong_1 }} {{ nguoi_ky.ho_ten }}")


def upload(actor, content=GOOD, *, unit=None, code=CODE, name="Mẫu Phòng"):
    return template_upload(actor=actor, code=code, name=name, filename="mau.docx", content=content, unit=unit)


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_starter_template_of_every_code_is_accepted_and_fills_in(code):
    builder = get_builder(code)
    filled = docx_templates.trial_render(docx_templates.starter_docx(builder), trial_context(code))
    text = docx_text(filled)
    assert "{{" not in text and "{%" not in text
    variables = builder.variables(builder.sample())
    assert variables["ngay_thang"] in text


def test_uploaded_template_replaces_the_builtin_layout(world):
    admin = world.users.admin
    template = upload(admin)
    assert template.active and template.size == len(GOOD) and len(template.sha256) == 64
    sample = get_builder(CODE).sample()
    rendered = render_document(code=CODE, context=sample, fmt="docx", unit=world.school_a)
    assert rendered.source == "uploaded" and rendered.template_id == template.pk
    text = docx_text(rendered.content)
    assert "QUYẾT ĐỊNH 123/QĐ-GDĐT" in text
    assert "Quận 1, ngày 05 tháng 6 năm 2024" in text
    assert "1. Nguyễn Thị Lan – 560.000" in text
    assert "Tổng: 3.360.000 (Ba triệu ba trăm sáu mươi nghìn đồng)" in text
    assert "KT. TRƯỞNG PHÒNG Võ Cao Long" in text
    event = AuditEvent.objects.get(event_type="documents.template_uploaded")
    assert event.target_id == str(template.pk) and event.actor == admin


def test_values_are_escaped_for_xml(world):
    upload(world.users.admin)
    sample = get_builder(CODE).sample()
    sample["danh_sach"] = [{"ho_ten": "A & B <Tổ 1>", "so_tien": 100000}]
    text = docx_text(render_document(code=CODE, context=sample, unit=None).content)
    assert "A & B <Tổ 1>" in text


def test_new_upload_replaces_the_active_one_and_deactivating_restores_builtin(world):
    admin = world.users.admin
    first = upload(admin)
    second = upload(admin, name="Mẫu mới")
    first.refresh_from_db()
    assert not first.active and second.active
    template_set_active(actor=admin, template=second, active=False)
    rendered = render_document(code=CODE, context=get_builder(CODE).sample(), unit=None)
    assert rendered.source == "builtin"
    assert AuditEvent.objects.filter(event_type="documents.template_deactivated").count() == 1


def test_nearest_unit_template_wins(world):
    admin = world.users.admin
    global_t = upload(admin, name="Toàn hệ thống")
    school_t = upload(admin, unit=world.school_a, name="Trường A")
    sample = get_builder(CODE).sample()
    assert render_document(code=CODE, context=sample, unit=world.group_a).template_id == school_t.pk
    assert render_document(code=CODE, context=sample, unit=world.school_b).template_id == global_t.pk
    assert render_document(code=CODE, context=sample, unit=None).template_id == global_t.pk


@pytest.mark.parametrize("content, fragment", [
    (make_docx("{% for r in danh_sach %}{{ r.ho_ten }}"), "thiếu thẻ {% endfor %}"),
    (make_docx("Mở đầu", "Số: {{ so_hieu }", "Kết"), "Mẫu có lỗi cú pháp ở khoảng đoạn văn thứ"),
    (make_docx("{% iff so %}x{% endif %}"), "thẻ lệnh không hợp lệ"),
    (make_docx("{{ ten_sai }} và {{ so_hieu }}"), "«ten_sai»"),
    (make_docx("{{ ''.__class__.__mro__ }}"), "không được phép"),
    (b"day khong phai tep docx", "không phải văn bản Word .docx"),
])
def test_broken_templates_are_refused_in_vietnamese(world, content, fragment):
    before = (DocumentTemplate.objects.count(), AuditEvent.objects.count())
    with pytest.raises(DomainValidationError) as err:
        upload(world.users.admin, content)
    message = err.value.message_dict["file"][0]
    assert fragment in message, message
    assert (DocumentTemplate.objects.count(), AuditEvent.objects.count()) == before


def test_syntax_error_shows_the_surrounding_text(world):
    with pytest.raises(DomainValidationError) as err:
        upload(world.users.admin, make_docx("Mở đầu", "Số: {{ so_hieu }", "Kết thúc"))
    assert "Số:" in err.value.message_dict["file"][0]


def test_zip_without_word_document_is_refused(world):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(DomainValidationError, match="word/document.xml"):
        upload(world.users.admin, buf.getvalue())


def test_size_limit(world, monkeypatch):
    monkeypatch.setattr(docx_templates, "MAX_TEMPLATE_BYTES", 1000)
    with pytest.raises(DomainValidationError, match="quá lớn"):
        upload(world.users.admin)


def test_file_must_be_docx(world):
    with pytest.raises(DomainValidationError, match=".docx"):
        template_upload(actor=world.users.admin, code=CODE, name="x", filename="mau.doc", content=GOOD)


def test_permissions(world):
    with pytest.raises(PermissionRefused):
        upload(world.users.officer_a, unit=world.school_a)
    school_admin = world.users.head_a
    Membership.objects.create(user=school_admin, unit=world.school_a, role=Role.ADMIN)
    with pytest.raises(PermissionRefused, match="toàn hệ thống"):
        upload(school_admin, unit=None)
    with pytest.raises(PermissionRefused):
        upload(school_admin, unit=world.school_b)
    assert upload(school_admin, unit=world.school_a).unit == world.school_a


def test_upload_page_shows_the_error_and_keeps_nothing(world):
    client = Client()
    client.force_login(world.users.admin)
    broken = SimpleUploadedFile("mau.docx", make_docx("{% for r in danh_sach %}"))
    response = client.post(reverse("documents:template_upload"),
                           {"code": CODE, "name": "Hỏng", "unit": "", "file": broken, "note": ""})
    assert response.status_code == 200
    assert "thiếu thẻ {% endfor %}" in response.content.decode()
    assert not DocumentTemplate.objects.exists()
    good = SimpleUploadedFile("mau.docx", GOOD)
    response = client.post(reverse("documents:template_upload"),
                           {"code": CODE, "name": "Tốt", "unit": "", "file": good, "note": ""})
    assert response.status_code == 302
    assert DocumentTemplate.objects.get().active


def test_upload_page_documents_the_variables(world):
    client = Client()
    client.force_login(world.users.admin)
    page = client.get(reverse("documents:template_upload") + f"?ma={CODE}").content.decode()
    for name in ("so_hieu", "ngay_thang", "danh_sach", "r.ho_ten", "tong_tien_chu", "nguoi_ky"):
        assert name in page
    starter = client.get(reverse("documents:template_starter", args=[CODE]))
    assert starter.status_code == 200 and starter.content.startswith(b"PK")


def test_pdf_of_an_uploaded_template(world):
    upload(world.users.admin)
    rendered = render_document(code=CODE, context=get_builder(CODE).sample(), fmt="pdf", unit=None)
    assert rendered.content.startswith(b"%PDF")
    # LibreOffice converts the filled template; without it the built-in layout stands in.
    assert rendered.source == ("uploaded" if office.soffice_path() else "builtin")
