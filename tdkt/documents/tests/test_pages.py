"""The "Mẫu văn bản" page: every document type, with sample DOCX/PDF downloads."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tdkt.documents.builders import REGISTRY

from .helpers import docx_text


@pytest.fixture
def officer(world):
    client = Client()
    client.force_login(world.users.officer_a)
    return client


def test_catalogue_lists_every_document_type(officer):
    page = officer.get(reverse("documents:sample_list")).content.decode()
    for builder in REGISTRY.values():
        assert builder.name in page
        assert reverse("documents:sample_download", args=[builder.code, "docx"]) in page
        assert reverse("documents:sample_download", args=[builder.code, "pdf"]) in page
    assert "Quản lý mẫu tải lên" not in page  # an officer does not manage templates


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_sample_docx_downloads(officer, code):
    response = officer.get(reverse("documents:sample_download", args=[code, "docx"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="mau-')
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in docx_text(response.content)


def test_sample_pdf_downloads(officer):
    response = officer.get(reverse("documents:sample_download", args=["bien-ban-hop-hoi-dong", "pdf"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"


def test_unknown_sample_is_404(officer):
    assert officer.get(reverse("documents:sample_download", args=["khong-co", "docx"])).status_code == 404
    assert officer.get(reverse("documents:sample_download", args=["quyet-dinh-khen-thuong", "odt"])).status_code \
        == 404


def test_api_lists_types_and_variables(officer):
    data = officer.get(reverse("api:document_types")).json()
    assert {d["code"] for d in data} == set(REGISTRY)
    qd = next(d for d in data if d["code"] == "quyet-dinh-khen-thuong")
    assert qd["abbreviation"] == "QĐ"
    assert any(v["name"] == "so_hieu" for v in qd["variables"])
    assert [v["name"] for v in qd["rows"]["danh_sach"]][:2] == ["ho_ten", "chuc_vu"]
