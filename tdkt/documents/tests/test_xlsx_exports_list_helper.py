"""The shared "list page → same rows → XLSX" helper (core.xlsx.ListExport): STT in front,
formats by column kind, a QuerySet read in chunks (one query per chunk, not one per row)."""

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from tdkt.core import xlsx
from tdkt.core.xlsx import ListExport, XlsxColumn, export_rows, wants_xlsx

from .helpers import xlsx_rows


def test_wants_xlsx_only_for_the_export_parameter():
    rf = RequestFactory()
    assert wants_xlsx(rf.get("/", {"xuat": "xlsx"}))
    assert not wants_xlsx(rf.get("/")) and not wants_xlsx(rf.get("/", {"xuat": "pdf"}))


def test_list_export_numbers_rows_and_keeps_formats():
    export = ListExport("thu.xlsx", "Thử: danh sách", [XlsxColumn("Tên"), XlsxColumn("Ngày", "date"),
                                                      XlsxColumn("Tiền", "money")],
                        lambda o: (o["ten"], o["ngay"], o["tien"]))
    response = export.response([{"ten": "=SUM(A1)", "ngay": dt.date(2024, 2, 5), "tien": Decimal("1120000")},
                                {"ten": "Bình", "ngay": None, "tien": None}])
    assert response["Content-Disposition"].endswith('filename="thu.xlsx"')
    rows = xlsx_rows(response)
    assert rows == [("STT", "Tên", "Ngày", "Tiền"), (1, "=SUM(A1)", dt.datetime(2024, 2, 5), 1120000),
                    (2, "Bình", None, None)]
    unnumbered = ListExport("x", "x", ["A"], lambda o: (o,), numbered=False)
    assert xlsx_rows(unnumbered.response(["a", "b"], filename="y")) == [("A",), ("a",), ("b",)]


def test_queryset_is_read_in_chunks(world, monkeypatch):
    from tdkt.org.models import Unit

    monkeypatch.setattr(xlsx, "CHUNK_SIZE", 2)
    qs = Unit.objects.order_by("path")
    n = qs.count()
    with CaptureQueriesContext(connection) as ctx:
        rows = list(export_rows(qs, lambda u: (u.name,)))
    assert [r[0] for r in rows] == list(range(1, n + 1))
    # SQLite fetches the whole result in one query; PostgreSQL uses a server-side cursor (one query
    # plus the cursor's fetches). Either way not one query per row.
    assert len(ctx) < n
