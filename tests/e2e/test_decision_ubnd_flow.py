"""Issue 7, done-means, in Chromium: two schools propose their year-end lists; the office specialist returns
one with a reason and accepts it after correction; the office compiles one dossier for the district; the UBND
decides; the decision PDF lists the awards with the money and the amount in words; the certificates print
with QR codes that verify; the public page shows the list without birth dates."""

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from tdkt.core.uploads import blank_pdf
from tdkt.documents.tests.helpers import need_tool

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = blank_pdf()
REASON = "Biên bản họp Hội đồng chưa có chữ ký của thư ký"


@pytest.fixture
def drafts(world, monkeypatch):
    """The Phòng under a district UBND (officer, specialist, chairman); a year-end round at the Phòng;
    school A's draft (a teacher and a group) and school B's (a teacher), each with its dossier, except that
    school B forgot its council minutes. The eligibility engine is the real one.
    One stub stays, the council's vote: this walks the compiled path to a district UBND (the map before
    01/07/2025), which the demo keeps only as decided history, so it builds its own tree without meetings."""
    from tdkt.awards import checks, services
    from tdkt.awards.choices import DocKind, RoundKind
    from tdkt.awards.reference import load_money_rules
    from tdkt.awards.tests.test_compiled_flow import district
    from tdkt.eligibility.catalogue import load_catalogue
    from tdkt.eligibility.models import AwardType

    monkeypatch.setattr(checks, "_passed_pairs",
                        lambda proposal: {(i.subject_key, i.award_type_id) for i in proposal.items.all()})
    load_catalogue()
    load_money_rules()
    from tdkt.awards.tests.pre_reform import district_office_still_decides

    district_office_still_decides()
    from tdkt.awards.bases import load_decision_bases

    load_decision_bases()
    ubnd = district(world)
    types = {t.code: t for t in AwardType.objects.all()}
    rnd = services.round_create(actor=world.users.office_officer, unit=world.phong, kind=RoundKind.ANNUAL,
                                name="Tổng kết năm học 2025-2026", school_year=world.year,
                                deadline=dt.date(2099, 6, 3))
    a = services.proposal_create(actor=world.users.officer_a, round=rnd, unit=world.school_a)
    services.item_add(actor=world.users.officer_a, proposal=a, award_type=types["giay-khen"], person=world.an,
                      summary="Giáo viên dạy giỏi cấp quận")
    services.item_add(actor=world.users.officer_a, proposal=a, award_type=types["giay-khen-tap-the"],
                      unit=world.group_a, summary="Tổ dẫn đầu phong trào thi đua")
    b = services.proposal_create(actor=world.users.officer_b, round=rnd, unit=world.school_b)
    services.item_add(actor=world.users.officer_b, proposal=b, award_type=types["giay-khen"], person=world.cuong,
                      summary="Hoàn thành xuất sắc nhiệm vụ năm học")
    for p, officer, kinds in ((a, world.users.officer_a, (DocKind.TO_TRINH, DocKind.BIEN_BAN, DocKind.DANH_SACH)),
                              (b, world.users.officer_b, (DocKind.TO_TRINH, DocKind.DANH_SACH))):
        for kind in kinds:
            services.dossier_upload(actor=officer, proposal=p, doc_kind=kind, filename=f"{kind}.pdf", content=PDF)
    return a, b, rnd, ubnd


def _open(page, username, proposal_pk):
    page.context.clear_cookies()
    login(page, username)
    page.goto(page.base_url + f"/khen-thuong/de-nghi/{proposal_pk}/")


def _act(page, action, reason=""):
    if reason:
        page.fill("main input[name=reason]", reason)
    page.click(f"main button[name=action][value={action}]")
    page.wait_for_load_state()


def _status(page):
    return page.inner_text("main [data-testid=status]")


def _upload(page, kind, path):
    page.select_option("main select[name=doc_kind]", kind)
    page.set_input_files("main input[type=file][name=file]", str(path))
    page.click("main button:has-text('Tải lên')")
    page.wait_for_load_state()


def _review_all(page):
    _act(page, "start_review")
    while page.locator("main [data-testid=items] button[name=accept][value='1']").count():
        page.locator("main [data-testid=items] button[name=accept][value='1']").first.click()
        page.wait_for_load_state()
    _act(page, "finish_review")
    assert _status(page) == "Đã thẩm định"


def _pdftotext(path) -> str:
    return subprocess.run([need_tool("pdftotext", "poppler-utils"), "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _download(page, link_text, path):
    with page.expect_download() as info:
        page.click(f"main a:has-text('{link_text}')")
    info.value.save_as(path)
    assert Path(path).read_bytes().startswith(b"%PDF")
    return path


def _qr_urls(pdf_path, tmp_path, candidates) -> list[str]:
    """The URL each QR image in the PDF encodes. No QR decoder is installed here, so each image pulled out of
    the PDF (pdfimages) is matched module for module against the QR of each candidate URL; only the URL that
    was encoded gives the same picture."""
    from PIL import Image, ImageChops

    from tdkt.awards.documents import qr_image

    out = tmp_path / "img"
    subprocess.run([need_tool("pdfimages", "poppler-utils"), "-png", str(pdf_path), str(out)], check=True)
    refs = {url: qr_image(url).get_image().convert("L") for url in candidates}
    found = []
    for png in sorted(tmp_path.glob("img-*.png")):
        img = Image.open(png).convert("L")
        match = [url for url, ref in refs.items()
                 if ref.size == img.size and ImageChops.difference(ref, img).getbbox() is None]
        assert len(match) == 1, f"{png.name}: the QR matches {len(match)} verification URLs"
        found.append(match[0])
    return found


def test_two_schools_to_ubnd_decision_certificates_and_disclosure(page, world, drafts, tmp_path):
    from tdkt.awards.models import DecisionItem, Proposal

    a, b, rnd, ubnd = drafts
    # 1. both schools send their lists
    _open(page, "officer_a", a.pk)
    _act(page, "submit")
    assert _status(page) == "Đã gửi"
    _open(page, "officer_b", b.pk)
    assert "Biên bản họp Hội đồng" in page.inner_text("main [data-testid=missing]")
    _act(page, "submit")
    assert _status(page) == "Đang soạn"  # refused, and the refusal names the missing document
    assert "Biên bản họp Hội đồng" in page.inner_text("main .alert")
    minutes = tmp_path / "bien-ban-hop-hoi-dong.pdf"
    minutes.write_bytes(PDF)
    _upload(page, "bien_ban", minutes)
    _act(page, "submit")
    assert _status(page) == "Đã gửi"

    # 2. the office receives both; the specialist of primary schools returns B with a reason
    for pk in (a.pk, b.pk):
        _open(page, "office_officer", pk)
        _act(page, "receive")
        assert _status(page) == "Cấp trên đã tiếp nhận"
    _open(page, "specialist_th", b.pk)
    _act(page, "return", REASON)
    assert "Lý do trả lại: " + REASON in page.inner_text("main")

    # 3. school B reads the reason, adds the signed minutes, sends again; the office receives it
    _open(page, "officer_b", b.pk)
    assert REASON in page.inner_text("main")
    signed = tmp_path / "bien-ban-co-chu-ky.pdf"
    signed.write_bytes(PDF)
    _upload(page, "bien_ban", signed)
    _act(page, "resubmit")
    assert _status(page) == "Đã gửi lại"
    _open(page, "office_officer", b.pk)
    _act(page, "receive")

    # 4. the specialist reviews both and accepts every line
    for pk in (a.pk, b.pk):
        _open(page, "specialist_th", pk)
        _review_all(page)

    # 5. the office compiles one dossier for the district and sends it
    _open(page, "office_officer", a.pk)
    page.click("main button:has-text('Tổng hợp trình cấp trên')")
    page.wait_for_selector("main [data-testid=items]")
    up = Proposal.objects.get(unit=world.phong)
    assert page.url.endswith(f"/khen-thuong/de-nghi/{up.pk}/")
    rows = page.inner_text("main [data-testid=items]")
    assert "Nguyễn Văn An" in rows and "Tổ 1" in rows and "Lê Quốc Cường" in rows
    for kind in ("to_trinh", "bien_ban", "danh_sach"):
        f = tmp_path / f"phong-{kind}.pdf"
        f.write_bytes(PDF)
        _upload(page, kind, f)
    _act(page, "submit")
    assert _status(page) == "Đã gửi"

    # 6. the UBND receives, reviews, and its chairman decides
    _open(page, "ubnd_officer", up.pk)
    _act(page, "receive")
    _open(page, "ubnd_specialist", up.pk)
    _review_all(page)
    _open(page, "chu_tich", up.pk)
    page.click("main a:has-text('Ra quyết định khen thưởng')")
    page.fill("#id_decision_date", "2026-06-25")
    page.fill("#id_signer_name", "Nguyễn Văn Chủ")
    page.select_option("#id_signer_title", "Chủ tịch")
    page.fill("#id_legal_basis", "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;")
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=decision-items]")
    main = page.inner_text("main")
    assert "Quyết định số 01/QĐ-UBND" in main
    assert main.count("710.000") >= 2 and "1.410.000" in main and "2.830.000" in main
    assert "hai triệu tám trăm ba mươi nghìn đồng" in main.lower()
    assert "Ủy ban nhân dân Quận Thử" in page.inner_text("main [data-testid=funds]")

    # 7. the decision PDF: names, money, amount in words
    text = _pdftotext(_download(page, "Tải PDF", tmp_path / "qd.pdf"))
    flat = " ".join(text.split())
    for name in ("Nguyễn Văn An", "Tổ 1", "Lê Quốc Cường"):
        assert name in flat, name
    assert "710.000" in flat and "1.410.000" in flat and "2.830.000" in flat
    assert "hai triệu tám trăm ba mươi nghìn đồng" in flat.lower()
    assert "01/QĐ-UBND" in flat

    # 8. certificates in one batch for the district, from the batch page
    page.goto(page.base_url + "/khen-thuong/de-nghi/")
    page.click("main a:has-text('In giấy khen, bằng khen')")
    page.select_option("#f-unit", str(ubnd.unit.pk))
    page.select_option("#f-round", str(rnd.pk))
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=batch-decisions]")
    assert "3 giấy khen, bằng khen của Ủy ban nhân dân Quận Thử" in page.inner_text("main [data-testid=batch-total]")
    assert "01/QĐ-UBND" in page.inner_text("main [data-testid=batch-decisions]")
    certs = _download(page, "Tải PDF để in", tmp_path / "giay-khen.pdf")
    pages = [p for p in _pdftotext(certs).split("\f") if p.strip()]
    assert len(pages) == 3
    assert {n for n in ("Nguyễn Văn An", "Tổ 1", "Lê Quốc Cường") for p in pages if n in p} == {
        "Nguyễn Văn An", "Tổ 1", "Lê Quốc Cường"}
    lines = {i.subject_name: i for i in DecisionItem.objects.filter(decision__issuer=ubnd.unit)}
    urls = {name: f"{page.base_url}/khen-thuong/xac-minh/{i.public_code}/" for name, i in lines.items()}
    encoded = _qr_urls(certs, tmp_path, urls.values())
    assert sorted(encoded) == sorted(urls.values())

    # 9. a QR opened by anyone shows the award
    page.context.clear_cookies()
    page.goto(urls["Lê Quốc Cường"])
    award = page.inner_text("main [data-testid=award]")
    assert "Lê Quốc Cường" in award and "Có hiệu lực" in award and "01/QĐ-UBND" in award
    assert "Trường Tiểu học Kết Đoàn" in award
    assert page.locator("[data-testid=current-user]").count() == 0

    # 10. the public page lists school A's awards, without birth dates or identifiers
    page.goto(page.base_url + "/khen-thuong/cong-khai/")
    page.select_option("main select[name=don-vi]", str(world.school_a.pk))
    page.select_option("main select[name=dot]", str(rnd.pk))
    page.click("main button:has-text('Xem')")
    page.wait_for_selector("main [data-testid=decided]")
    decided = page.inner_text("main [data-testid=decided]")
    assert "Nguyễn Văn An" in decided and "Tổ 1" in decided and "01/QĐ-UBND" in decided
    assert "Lê Quốc Cường" not in decided
    body = page.content()
    assert "1985" not in page.inner_text("body") and world.an.national_id not in body
