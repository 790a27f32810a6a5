"""POST /api/documents/render: any built-in document from data sent by another system."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from .access_cases import _sample
from .helpers import docx_text, pdf_text


@pytest.fixture
def officer(world):
    client = Client()
    client.force_login(world.users.officer_a)
    return client


def _post(client, body):
    return client.post(reverse("api:document_render"), body, content_type="application/json")


def _decision_context():
    ctx = _sample("quyet-dinh-khen-thuong")
    ctx.update({"so": 45, "ngay": "2024-06-05", "danh_sach": [
        {"ho_ten": "Nguyễn Thị Ánh Tuyết", "chuc_vu": "Giáo viên", "don_vi": "Trường Tiểu học Đinh Tiên Hoàng",
         "danh_hieu": "Lao động tiên tiến", "so_tien": 702000},
        {"ho_ten": "Trần Văn Bảo", "chuc_vu": "Tổ trưởng", "don_vi": "Trường THCS Chu Văn An",
         "danh_hieu": "Lao động tiên tiến", "so_tien": 702000}]})
    return ctx


def test_decision_from_json_as_docx_and_pdf(officer):
    response = _post(officer, {"code": "quyet-dinh-khen-thuong", "context": _decision_context()})
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith('attachment; filename="quyet-dinh-45-')
    text = docx_text(response.content)
    assert "Nguyễn Thị Ánh Tuyết" in text and "Trần Văn Bảo" in text
    assert "ngày 05 tháng 6 năm 2024" in text or "ngày 05 tháng 06 năm 2024" in text
    assert "1.404.000" in text  # the total of the list

    response = _post(officer, {"code": "quyet-dinh-khen-thuong", "context": _decision_context(), "format": "pdf"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "Trần Văn Bảo" in pdf_text(response.content)


def test_unknown_type_names_the_types_that_exist(officer):
    response = _post(officer, {"code": "quyet-dinh", "context": {}})
    assert response.status_code == 404
    message = response.json()["detail"][0]["message"]
    assert "quyet-dinh" in message and "quyet-dinh-khen-thuong" in message


def test_missing_issuer_is_named(officer):
    ctx = _decision_context()
    del ctx["co_quan_ban_hanh"]
    response = _post(officer, {"code": "quyet-dinh-khen-thuong", "context": ctx})
    assert response.status_code == 422
    assert "co_quan_ban_hanh" in response.json()["detail"][0]["message"]


def test_bad_format_is_refused_with_the_field_named(officer):
    response = _post(officer, {"code": "quyet-dinh-khen-thuong", "context": _decision_context(), "format": "odt"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "format"


def test_a_teacher_cannot_render_documents(world):
    client = Client()
    client.force_login(world.users.staff_a)
    response = _post(client, {"code": "quyet-dinh-khen-thuong", "context": _decision_context()})
    assert response.status_code == 403
