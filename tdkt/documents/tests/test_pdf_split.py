"""A long Danh sách laid out by several processes must print exactly as the whole
document laid out by one: the same rows on the same pages, numbered the same."""

from __future__ import annotations

import logging
import random
import re

import pytest

from tdkt.documents import render_pdf as R
from tdkt.documents.builders import REGISTRY
from tdkt.documents.pdf_parts import pdf_from_parts

from .helpers import pdf_info, pdf_text

UNITS = ["Trường Tiểu học Đinh Tiên Hoàng", "Trường Mầm non Bé Ngoan", "Trường THCS Chu Văn An",
         "Trường Trung học cơ sở và Trung học phổ thông Nguyễn Thị Minh Khai thuộc Sở Giáo dục và Đào tạo",
         "Phòng Giáo dục và Đào tạo", "Trường TH Lê Ngọc Hân"]
POSTS = ["Giáo viên", "Tổ trưởng chuyên môn", "Phó Hiệu trưởng", "Nhân viên kế toán kiêm thủ quỹ, văn thư", ""]
TITLES = ["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Giấy khen của Trưởng phòng Giáo dục và Đào tạo"]


def decision(names: int, *, landscape: bool = False):
    """A decision whose rows take one to four lines (fixed seed), so that pages hold different counts."""
    rng = random.Random(names)
    builder = REGISTRY["quyet-dinh-khen-thuong"]
    ctx = builder.sample(names)
    ctx["danh_sach"] = [
        {"ho_ten": f"{rng.choice(['Nguyễn Thị', 'Trần Văn', 'Lê Hoàng Bảo'])} {rng.choice(['An', 'Ngọc Ánh'])} "
                   f"[{n}]", "chuc_vu": rng.choice(POSTS), "don_vi": rng.choice(UNITS),
         "danh_hieu": rng.choice(TITLES), "so_tien": rng.choice([0, 560000, 1170000])}
        for n in range(1, names + 1)]
    ctx["danh_sach_ngang"] = landscape
    return builder.spec(ctx)


def rows_by_page(content: bytes) -> list[list[int]]:
    """The list's row numbers ("[n]" after each name) on each page, in reading order."""
    pages = pdf_text(content, layout=True).split("\f")
    return [[int(n) for n in re.findall(r"\[(\d+)\]", page)] for page in pages if page.strip()]


def page_numbers(content: bytes) -> list[str]:
    return [(page.strip().splitlines() or [""])[0].strip() for page in pdf_text(content).split("\f")
            if page.strip()]


@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
def test_split_render_prints_the_same_pages_as_one_render(landscape):
    spec = decision(160, landscape=landscape)
    parts = R.split_parts(spec, 2, min_rows=10)
    assert parts is not None and len(parts) == 2  # the list is long enough to be shared out

    whole = R.render_pdf(spec, workers=1)
    split = R.render_pdf(spec, workers=2, split_min_rows=10)

    assert pdf_info(split)["Pages"] == pdf_info(whole)["Pages"]
    assert rows_by_page(split) == rows_by_page(whole)
    assert sum(rows_by_page(split), []) == list(range(1, 161))
    # Page numbers run on across the processes' boundary as in the whole document.
    assert page_numbers(split) == page_numbers(whole)
    # The total and the closing lines come once, at the end.
    text = pdf_text(split)
    assert text.count("Tổng cộng") == 1 and text.count("Danh sách này có") == 1
    assert text.index("Tổng cộng") > text.index("[160]")
    assert pdf_info(split)["Title"] == pdf_info(whole)["Title"]


def test_each_planned_page_is_checked_and_a_wrong_plan_falls_back_to_one_render(monkeypatch, caplog):
    spec = decision(120)
    whole = R.render_pdf(spec, workers=1)

    def overfull(lines, cal):  # twice the rows a page can hold: the check must catch it
        return [range(0, 60), range(60, 120)]

    monkeypatch.setattr(R, "_plan_pages", overfull)
    with caplog.at_level(logging.WARNING, logger="tdkt.documents.render_pdf"):
        content = R.render_pdf(spec, workers=2, split_min_rows=10)
    assert "did not hold" in caplog.text
    assert rows_by_page(content) == rows_by_page(whole)
    assert page_numbers(content) == page_numbers(whole)


def test_short_lists_are_laid_out_in_one_process():
    assert R.split_parts(decision(40), 2) is None  # under SPLIT_MIN_ROWS: not worth another process
    assert R.split_parts(decision(400), 1) is None


def test_independent_parts_are_joined_in_order():
    htmls = [f'<html><head><meta charset="utf-8"><title>Phần {n}</title></head><body><p>Trang số {n}</p>'
             f'<p style="break-before: page">Tiếp theo {n}</p></body></html>' for n in (1, 2, 3)]
    done = []
    content = pdf_from_parts(htmls, workers=2, progress=lambda d, t: done.append((d, t)))
    text = pdf_text(content)
    assert pdf_info(content)["Pages"] == "6"
    order = [text.index(s) for n in (1, 2, 3) for s in (f"Trang số {n}", f"Tiếp theo {n}")]
    assert order == sorted(order)
    assert pdf_info(content)["Title"] == "Phần 1"
    assert sorted(done) == [(1, 3), (2, 3), (3, 3)]


def test_a_worker_that_dies_costs_time_not_the_document(monkeypatch, caplog):
    import subprocess
    import sys

    from tdkt.documents import pdf_parts

    def dying(count):
        return [subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.buffer.read(8); sys.exit(3)"],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                for _ in range(count)]

    monkeypatch.setattr(R, "start_children", dying)
    monkeypatch.setattr(pdf_parts, "start_children", dying)
    spec = decision(90)
    with caplog.at_level(logging.ERROR, logger="tdkt.documents.render_pdf"):
        content = R.render_pdf(spec, workers=2, split_min_rows=10)
    assert "split PDF render failed" in caplog.text
    assert sum(rows_by_page(content), []) == list(range(1, 91))
    assert rows_by_page(content) == rows_by_page(R.render_pdf(spec, workers=1))
