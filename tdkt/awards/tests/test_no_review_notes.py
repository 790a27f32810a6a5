"""An official document never carries a review note.

Decisions, certificates, minutes, tờ trình and reports print the law and nothing else: a reference row's
"cần đối chiếu" note is for the officer's screen. Every built-in builder (its sample context) is rendered in
DOCX and PDF, and the real papers of the demo ward's decision (DOCX, PDF, certificates, the XLSX list) and
of its council meeting's minutes; their text, accent-folded, must not contain "doi chieu"."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from tdkt.core.vi import fold
from tdkt.documents.builders import REGISTRY
from tdkt.documents.render_docx import render_docx
from tdkt.documents.render_pdf import render_pdf
from tdkt.documents.tests.helpers import docx_text, pdf_text

NOTE = "doi chieu"


def _clean(text: str) -> bool:
    return NOTE not in fold(text).lower()


def _xlsx_text(content: bytes) -> str:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                     for v in row if v is not None)


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_no_builder_prints_a_review_note(code):
    builder = REGISTRY[code]
    spec = builder.spec(builder.sample())
    assert _clean(docx_text(render_docx(spec))), code
    assert _clean(pdf_text(render_pdf(spec))), code


def test_the_fold_catches_the_note():
    assert not _clean("Mức lương cơ sở 2.340.000 đ (CẦN ĐỐI CHIẾU: chưa đối chiếu văn bản quy định)")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    from tdkt.site.demo import build_demo
    from tdkt.site.demo_records import build_demo_records
    from tdkt.site.demo_year import build_demo_year

    fast_hasher = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast_hasher, transaction.atomic():
        call_command("load_reference", stdout=io.StringIO())
        build_demo()
        build_demo_records(out=io.StringIO())
        build_demo_year(out=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_demo_decisions_papers_print_the_law_only(demo):
    from tdkt.accounts.models import User
    from tdkt.awards import documents
    from tdkt.awards.models import Decision

    decision = Decision.objects.filter(issuer__unit_type__code="ubnd-xa").order_by("-decision_date").first()
    assert decision is not None and decision.decision_date.year == 2026
    # a 2026 decision of the ward cites NĐ 152/2025, never NĐ 98/2023
    assert any("152/2025/NĐ-CP" in line for line in decision.basis_lines)
    assert not any("98/2023" in line for line in decision.basis_lines)
    # and the proposing school's council minutes, then «Xét đề nghị của …» (as a tờ trình cites them)
    assert any(line.startswith("Căn cứ Biên bản họp Hội đồng") for line in decision.basis_lines)
    assert decision.basis_lines[-1].startswith("Xét đề nghị của ")
    texts = {"docx": docx_text(documents.decision_docx(decision)),
             "pdf": pdf_text(documents.decision_pdf(decision))}
    assert "Nghị định số 152/2025/NĐ-CP" in texts["docx"] and "98/2023" not in texts["docx"]
    pages = documents.certificate_pages(list(decision.items.all()), lambda i: "https://tdkt.example/x/")
    texts["certificates"] = pdf_text(documents.certificates_pdf(pages))
    c = Client()
    c.force_login(User.objects.get(username="chutich.saigon"))
    r = c.get(reverse("awards:decision_detail", args=[decision.pk]), {"xuat": "xlsx"})
    assert r.status_code == 200
    texts["xlsx"] = _xlsx_text(b"".join(r.streaming_content) if r.streaming else r.content)
    for kind, text in texts.items():
        assert _clean(text), (kind, [line for line in text.splitlines() if not _clean(line)])


@pytest.mark.django_db
def test_the_demo_minutes_print_the_law_only(demo):
    from tdkt.meetings.minutes import render_minutes
    from tdkt.meetings.models import Meeting

    meeting = Meeting.objects.order_by("-starts_at").first()
    assert meeting is not None
    for kind in ("bien-ban", "kiem-phieu"):
        content, _type, _name = render_minutes(meeting, kind, "docx")
        assert _clean(docx_text(content)), kind
        content, _type, _name = render_minutes(meeting, kind, "pdf")
        assert _clean(pdf_text(content)), kind
