"""«Xuất Excel» on the documents pages: the uploaded-template list (the templates this
user manages, not others') and the number register's button keeping the page's filters."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse

from tdkt.accounts.choices import Role
from tdkt.accounts.models import Membership
from tdkt.documents.builders import get_builder
from tdkt.documents.services import number_reserve

from .helpers import xlsx_rows
from .test_template_upload import CODE, upload


def test_template_list_export_is_the_users_templates(world):
    upload(world.users.admin, unit=None, name="Mẫu toàn hệ thống")
    upload(world.users.admin, unit=world.school_b, name="Mẫu Trường Kết Đoàn")
    school_admin = world.users.head_a
    Membership.objects.create(user=school_admin, unit=world.school_a, role=Role.ADMIN)
    upload(school_admin, unit=world.school_a, name="Mẫu Trường Đinh Tiên Hoàng")
    client = Client()
    client.force_login(school_admin)
    page = client.get(reverse("documents:template_list")).content.decode()
    assert 'data-testid="export-xlsx"' in page and "?xuat=xlsx" in page
    rows = xlsx_rows(client.get(reverse("documents:template_list"), {"xuat": "xlsx"}))
    assert rows[0][:5] == ("STT", "Mã loại văn bản", "Loại văn bản", "Tên mẫu", "Đơn vị áp dụng")
    assert [(r[1], r[3], r[4], r[9]) for r in rows[1:]] == [
        (CODE, "Mẫu Trường Đinh Tiên Hoàng", "Trường Tiểu học Đinh Tiên Hoàng", "Đang dùng")]
    assert rows[1][2] == get_builder(CODE).name
    client.force_login(world.users.admin)
    everything = xlsx_rows(client.get(reverse("documents:template_list"), {"xuat": "xlsx"}))
    assert {r[3] for r in everything[1:]} == {"Mẫu toàn hệ thống", "Mẫu Trường Kết Đoàn", "Mẫu Trường Đinh Tiên Hoàng"}
    assert "Toàn hệ thống" in {r[4] for r in everything[1:]}


def test_template_list_export_refused_without_the_permission(world):
    client = Client()
    client.force_login(world.users.officer_a)
    assert client.get(reverse("documents:template_list"), {"xuat": "xlsx"}).status_code == 403


def test_number_register_button_keeps_the_filters(world):
    number_reserve(actor=world.users.office_officer, issuer=world.phong, doc_type="QĐ", year=2024,
                   issued_on=dt.date(2024, 6, 5), title="Khen thưởng")
    client = Client()
    client.force_login(world.users.office_officer)
    page = client.get(reverse("documents:number_list"), {"nam": "2024", "loai": "QĐ", "page": "1"}).content.decode()
    button = page.split('data-testid="export-xlsx"')[1].split(">")[0]
    assert reverse("documents:number_export") + "?nam=2024&amp;loai=Q%C4%90" in button and "page=" not in button
