"""«Xuất Excel» on a unit's verdict table: every verdict the filtered table pages
through, only subjects this user may see."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tdkt.documents.tests.helpers import xlsx_rows

from .helpers import LDTT, ldtt_ready, person

Y = {"nam": "2025"}


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_export_follows_the_filters_and_pages(w, settings):
    settings.PAGE_SIZE = 2
    ldtt_ready(w.an, 2025)
    for i in range(3):
        person(w.school_a, f"Người {i}")
    c = client_for(w.users.officer_a)
    url = reverse("eligibility:unit", args=[w.school_a.pk])
    html = c.get(url, {**Y, "danh_hieu": LDTT}).content.decode()
    assert 'data-testid="export-xlsx"' in html and f"danh_hieu={LDTT}" in html.split('data-testid="export-xlsx"')[1]
    rows = xlsx_rows(c.get(url, {**Y, "danh_hieu": LDTT, "xuat": "xlsx", "page": 2}))
    assert rows[0] == ("STT", "Đối tượng", "Cá nhân / tập thể", "Danh hiệu / hình thức", "Kết quả", "Lý do")
    names = [r[1] for r in rows[1:]]
    assert {"Nguyễn Văn An", "Trần Thị Bình"} <= set(names) and len(names) >= 5  # every page, not page 2
    assert {r[3] for r in rows[1:]} == {"Lao động tiên tiến"}
    an = next(r for r in rows[1:] if r[1] == "Nguyễn Văn An")
    assert an[2] == "Cá nhân" and an[4] == "Đủ điều kiện"
    eligible = xlsx_rows(c.get(url, {**Y, "danh_hieu": LDTT, "ket_qua": "du_dieu_kien", "xuat": "xlsx"}))
    assert [r[1] for r in eligible[1:]] == ["Nguyễn Văn An"]


def test_export_keeps_to_the_users_scope(w):
    c = client_for(w.users.specialist_mn)  # Phòng specialist for mầm non only
    url = reverse("eligibility:unit", args=[w.phong.pk])
    response = c.get(url, {**Y, "danh_hieu": LDTT, "xuat": "xlsx"})
    names = {r[1] for r in xlsx_rows(response)[1:]}
    assert "Phạm Thị Hoa" in names
    assert not names & {"Nguyễn Văn An", "Trần Thị Bình", "Lê Quốc Cường"}


def test_export_refused_for_another_school(w):
    c = client_for(w.users.officer_b)
    assert c.get(reverse("eligibility:unit", args=[w.school_a.pk]), {**Y, "xuat": "xlsx"}).status_code == 403
