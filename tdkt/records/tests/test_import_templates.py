"""The templates: one per kind, downloadable, Vietnamese headers, an example row
(never imported) and a notes sheet with every column and the allowed values."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tdkt.people.choices import Position
from tdkt.records import imports
from tdkt.records.choices import Scope, TaskRating

from .helpers import counts

ALLOWED = {"can-bo": Position.labels, "xep-loai": TaskRating.labels, "sang-kien": Scope.labels,
           "khen-thuong": ["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"]}
FIRST = {"can-bo": ("Cán bộ", "Họ và tên", "Chức vụ"), "xep-loai": ("Xếp loại", "Họ và tên", "Xếp loại"),
         "sang-kien": ("Sáng kiến", "Tên sáng kiến", "Tỷ lệ đóng góp (%)"),
         "khen-thuong": ("Khen thưởng", "Họ và tên", "Danh hiệu/Hình thức")}


def _client(user):
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.parametrize("kind", list(ALLOWED))
def test_template_downloads_and_opens(rec, kind):
    response = _client(rec.officer).get(reverse("records:import_template", args=[kind]))
    assert response.status_code == 200
    assert f'filename="mau-nhap-{kind}.xlsx"' in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    sheet, first, other = FIRST[kind]
    ws = wb[sheet]
    headers = [c.value for c in ws[1]]
    spec = imports.get_spec(kind)
    assert headers == [c.label for c in spec.columns] and headers[0] == first and other in headers
    assert [c.value or "" for c in ws[2]] == [str(v) for v in spec.example]
    notes = [" ".join(str(v) for v in row if v) for row in wb["Hướng dẫn"].iter_rows(values_only=True)]
    text = "\n".join(notes)
    for column in spec.columns:
        assert any(line.startswith(column.label) for line in notes), column.label
    for label in ALLOWED[kind]:
        assert str(label) in text  # labels may be lazy: compare their (Vietnamese) text
    assert "không dùng công thức, không gộp ô" in text


@pytest.mark.parametrize("kind", list(ALLOWED))
def test_template_uploaded_as_is_imports_nothing(rec, media, kind):
    client = _client(rec.officer)
    data = client.get(reverse("records:import_template", args=[kind])).content
    before = counts()
    html = client.post(reverse("records:import_upload", args=[kind]),
                       {"file": SimpleUploadedFile("mau.xlsx", data)}, follow=True).content.decode()
    assert "Dòng ví dụ của tệp mẫu – bỏ qua." in html and 'data-testid="confirm-form"' not in html
    after = counts()
    assert after.pop("AuditEvent") == before.pop("AuditEvent") + 1 and after == before


def test_import_home_lists_every_kind(rec):
    home = _client(rec.officer).get(reverse("records:import")).content.decode()
    for kind in ALLOWED:
        assert f'data-testid="kind-{kind}"' in home
