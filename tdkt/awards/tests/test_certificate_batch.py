"""Certificates in batches across decisions: a unit and its subtree, a round or a school year."""

import subprocess

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.documents.tests.helpers import need_tool


def _page(user, **params):
    c = Client()
    c.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        r = c.get(reverse("awards:certificates_batch"), params)
    return r, len(ctx.captured_queries)


def test_batch_page_counts_and_decisions(three):
    aw, (d1, d2, d3) = three
    w = aw.w
    r, small_q = _page(w.users.officer_a, **{"don-vi": w.school_a.pk, "nam-hoc": w.year.pk})
    html = r.content.decode()
    assert r.status_code == 200
    assert "2 giấy khen, bằng khen của Trường Tiểu học Đinh Tiên Hoàng" in html
    rows = [(x["decision"].number_label, x["count"]) for x in r.context["batch"]["decisions"]]
    assert rows == [("11/QĐ-GDĐT", 1), ("12/QĐ-GDĐT", 1)]  # An's revoked award is left out; school B's too
    r, big_q = _page(w.users.office_officer, **{"don-vi": w.phong.pk, "dot": aw.round.pk})
    assert r.context["batch"]["total"] == 3
    assert [x["count"] for x in r.context["batch"]["decisions"]] == [1, 1, 1]
    assert big_q == small_q  # queries do not depend on the number of awards


def test_batch_pdf_prints_every_live_certificate(three, tmp_path):
    aw, _ = three
    w = aw.w
    c = Client()
    c.force_login(w.users.officer_a)
    r = c.get(reverse("awards:certificates_batch_pdf"), {"don-vi": w.school_a.pk, "nam-hoc": w.year.pk})
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    path = tmp_path / "gk.pdf"
    path.write_bytes(r.content)
    text = subprocess.run([need_tool("pdftotext", "poppler-utils"), "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) == 2
    assert "TỔ 1" in pages[0].upper() or "Tổ 1" in pages[0]
    assert "Trần Thị Bình" in pages[1] and "12/QĐ-GDĐT" in pages[1] and "ngày 20 tháng 6 năm 2026" in pages[1]
    assert "Nguyễn Văn An" not in text and "Lê Quốc Cường" not in text
    assert "/khen-thuong/xac-minh/" in text.replace("\n", "")


def test_batch_refusals(three):
    aw, _ = three
    w = aw.w
    c = Client()
    c.force_login(w.users.officer_b)
    assert c.get(reverse("awards:certificates_batch"), {"don-vi": w.school_a.pk}).status_code == 403
    assert c.get(reverse("awards:certificates_batch_pdf"), {"don-vi": w.school_a.pk}).status_code == 403
    # nothing decided for school C: a message, no empty PDF
    c.force_login(w.users.office_officer)
    r = c.get(reverse("awards:certificates_batch_pdf"), {"don-vi": w.school_c.pk}, follow=True)
    assert "Không có khen thưởng nào" in r.content.decode()
