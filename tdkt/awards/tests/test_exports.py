"""«Xuất Excel» of the proposal list and of the certificate batch: Vietnamese headers, real dates and
money, the page's reach and filters, queries not growing with the rows."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook


def _get(user, url, params):
    c = Client()
    c.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        r = c.get(url, params)
        content = b"".join(r.streaming_content) if r.streaming else r.content
    return r, content, len(ctx.captured_queries)


def _sheet(content):
    ws = load_workbook(io.BytesIO(content)).active
    rows = list(ws.iter_rows(values_only=True))
    return ws, rows[0], rows[1:]


def test_proposal_list_export(three):
    aw, _ = three
    w = aw.w
    r, content, _ = _get(w.users.officer_a, reverse("awards:proposal_list"), {"xuat": "xlsx"})
    assert r.status_code == 200 and r["Content-Disposition"].startswith('attachment; filename="de-nghi-khen-thuong')
    ws, header, rows = _sheet(content)
    assert header == ("STT", "Trích yếu", "Đợt khen thưởng", "Năm học", "Đơn vị đề nghị", "Gửi đến", "Trạng thái",
                      "Nộp muộn", "Ngày gửi", "Ngày lập", "Số dòng đề nghị", "Số dòng được chấp nhận",
                      "Số dòng đã khen")
    # officer A reaches school A's two proposals, not school B's
    assert [row[4] for row in rows] == ["Trường Tiểu học Đinh Tiên Hoàng"] * 2
    first = rows[0]
    assert first[0] == 1 and first[2] == "Tổng kết năm học 2025-2026" and first[3] == "2025-2026"
    assert first[5] == "Phòng Giáo dục và Đào tạo Quận Thử"
    assert isinstance(first[8], dt.datetime) and ws.cell(row=2, column=9).number_format == "dd/mm/yyyy"
    counts = sorted((row[10], row[11], row[12]) for row in rows)
    assert counts == [(1, 1, 1), (2, 2, 2)]  # lines, accepted lines and decided lines of each proposal
    # the office sees all three; the rows are its page's rows
    _, content, _ = _get(w.users.office_officer, reverse("awards:proposal_list"), {"xuat": "xlsx"})
    assert len(_sheet(content)[2]) == 3


def test_proposal_export_queries_do_not_grow_with_rows(three):
    aw, _ = three
    w = aw.w
    _, _, few = _get(w.users.officer_a, reverse("awards:proposal_list"), {"xuat": "xlsx"})
    _, _, many = _get(w.users.office_officer, reverse("awards:proposal_list"), {"xuat": "xlsx"})
    assert few == many


def test_certificate_batch_export(three):
    aw, (d1, d2, d3) = three
    w = aw.w
    url = reverse("awards:certificates_batch")
    page = _get(w.users.office_officer, url, {"don-vi": w.phong.pk})[1].decode()
    assert "xuat=xlsx" in page  # the page links its export
    r, content, q_all = _get(w.users.office_officer, url, {"don-vi": w.phong.pk, "xuat": "xlsx"})
    assert r.status_code == 200
    ws, header, rows = _sheet(content)
    assert header == ("STT", "Họ và tên / Tập thể", "Đơn vị", "Danh hiệu / hình thức khen thưởng", "Thành tích",
                      "Quyết định số", "Ngày ký", "Cơ quan ban hành", "Hệ số", "Tiền thưởng (đồng)", "Mã xác minh")
    # the same certificates as the PDF, in its order; An's revoked award is not there
    assert [(row[1], row[5]) for row in rows] == [("Tổ 1", "11/QĐ-GDĐT"), ("Trần Thị Bình", "12/QĐ-GDĐT"),
                                                  ("Lê Quốc Cường", "13/QĐ-GDĐT")]
    assert [row[2] for row in rows] == ["Tổ 1", "Trường Tiểu học Đinh Tiên Hoàng", "Trường Tiểu học Kết Đoàn"]
    binh = rows[1]
    item = d2.items.get()
    assert binh[6] == dt.datetime(2026, 6, 20) and ws.cell(row=3, column=7).number_format == "dd/mm/yyyy"
    assert Decimal(str(binh[9])) == item.amount and ws.cell(row=3, column=10).number_format == "#,##0"
    assert binh[10] == str(item.public_code)
    # same filters as the page: school B only
    _, content, q_one = _get(w.users.office_officer, url, {"don-vi": w.school_b.pk, "xuat": "xlsx"})
    assert [row[1] for row in _sheet(content)[2]] == ["Lê Quốc Cường"]
    assert q_one == q_all  # queries do not depend on the number of rows


def test_certificate_batch_export_refused_out_of_reach(three):
    aw, _ = three
    w = aw.w
    r, _, _ = _get(w.users.officer_b, reverse("awards:certificates_batch"), {"don-vi": w.school_a.pk, "xuat": "xlsx"})
    assert r.status_code == 403
