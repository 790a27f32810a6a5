"""Builders: plain context in, spec out; the texts they compose."""

from __future__ import annotations

import datetime as dt

import pytest

from tdkt.documents import layout as L
from tdkt.documents.builders import COMMON_KEYS, REGISTRY, DocumentContextError, get_builder
from tdkt.documents.builders.common import count2, decimal_vn, percent
from tdkt.documents.builders.quyet_dinh import authority_of
from tdkt.documents.render import file_stem, render_docx

from .helpers import docx_text


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_every_builder_gives_template_variables(code):
    builder = REGISTRY[code]
    variables = builder.variables(builder.sample())
    for key in ("so_hieu", "dong_so", "ngay_thang", "loai_van_ban", "trich_yeu", "quoc_hieu", "tieu_ngu",
                "nguoi_ky", "noi_nhan"):
        assert key in variables, key
    assert variables["quoc_hieu"] == L.QUOC_HIEU
    for list_key in builder.rows:
        assert isinstance(variables.get(list_key, []), list)
    assert builder.name and builder.description and builder.keys


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_missing_required_context_is_named(code):
    builder = REGISTRY[code]
    with pytest.raises(DocumentContextError) as err:
        builder.spec({})
    assert builder.required[0] in str(err.value)


def test_unknown_code():
    with pytest.raises(DocumentContextError, match="Không có mẫu văn bản"):
        get_builder("khong-co")


def test_symbol_and_number_formats():
    assert L.build_symbol(L.QUYET_DINH, "GDĐT") == "QĐ-GDĐT"
    assert L.build_symbol("TTr", "THĐTH") == "TTr-THĐTH"
    assert L.format_number_symbol(5, "QĐ-GDĐT") == "05/QĐ-GDĐT"
    assert L.format_number_symbol(1382, "HD-GDĐT") == "1382/HD-GDĐT"
    assert L.format_number_symbol(None, "KH-SGDĐT").endswith("/KH-SGDĐT")
    spec = L.DocumentSpec(doc_type=L.HUONG_DAN, issuer=L.Issuer("Phòng GD&ĐT", abbreviation="GDĐT", place="Quận 1"),
                          number=1382, date=dt.date(2023, 10, 12))
    assert spec.number_line == "Số: 1382/HD-GDĐT"  # seed 003
    assert spec.date_line == "Quận 1, ngày 12 tháng 10 năm 2023"
    blank = L.DocumentSpec(doc_type=L.KE_HOACH, issuer=L.Issuer("Sở", abbreviation="SGD&ĐT", place="Lào Cai"),
                           year=2022)
    assert blank.date_line.startswith("Lào Cai, ngày ") and blank.date_line.endswith(" năm 2022")


def test_recipients_follow_nd30_punctuation():
    assert L.normalise_recipients(["Như trên", "- Ban TĐ-KT huyện;", "Lưu: VT, TCCB."]) == [
        "- Như trên;", "- Ban TĐ-KT huyện;", "- Lưu: VT, TCCB."]


def test_signer_lines():
    assert L.Signer("Võ Cao Long", office="Trưởng phòng", authority="KT.",
                    position="Phó Trưởng phòng").title_lines() == ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"]
    assert L.Signer("A", office="Hội đồng", authority="TM.", position="Chủ tịch").title_lines() == [
        "TM. HỘI ĐỒNG", "CHỦ TỊCH"]
    assert L.Signer("A", office="Trưởng phòng").title_lines() == ["TRƯỞNG PHÒNG"]


def test_number_helpers():
    assert decimal_vn("99.30", 2) == "99,3" and decimal_vn(1126) == "1.126" and decimal_vn("0.5", 2) == "0,5"
    assert percent(7, 9) == "77,8" and percent(1, 0) == ""
    assert count2(5) == "05" and count2(46) == "46"


def test_authority_line_joins_post_and_office():
    assert authority_of({"nguoi_ky": {"chuc_vu": "Trưởng phòng"},
                         "co_quan_ban_hanh": "Phòng Giáo dục và Đào tạo Quận 1"}) == \
        "TRƯỞNG PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN 1"
    assert authority_of({"nguoi_ky": {"chuc_vu": "Hiệu trưởng"}, "co_quan_ban_hanh": "Trường TH Kết Đoàn"}) == \
        "HIỆU TRƯỞNG TRƯỜNG TH KẾT ĐOÀN"
    assert authority_of({"tham_quyen": "Chủ tịch UBND Quận 1"}) == "CHỦ TỊCH UBND QUẬN 1"


def test_decision_without_money_has_no_money_article():
    builder = get_builder("quyet-dinh-khen-thuong")
    ctx = builder.sample(3)
    for row in ctx["danh_sach"]:
        row["so_tien"] = None
    text = docx_text(render_docx(builder.spec(ctx)))
    assert "tiền thưởng" not in text and "Số tiền (đồng)" not in text
    assert "Điều 2. Quyết định này có hiệu lực kể từ ngày ký." in text


def test_decision_builds_from_a_minimal_context():
    spec = get_builder("quyet-dinh-khen-thuong").spec({
        "co_quan_ban_hanh": "Trường Tiểu học Kết Đoàn", "ky_hieu_co_quan": "THKĐ", "dia_danh": "Quận 1",
        "nguoi_ky": {"chuc_vu": "Hiệu trưởng", "ho_ten": "Lê Văn Phúc"},
        "danh_sach": [{"ho_ten": "Trần Văn Hùng", "so_tien": 1120000}]})
    assert spec.number_line.startswith("Số:") and spec.number_line.endswith("/QĐ-THKĐ")
    assert spec.authority == "HIỆU TRƯỞNG TRƯỜNG TIỂU HỌC KẾT ĐOÀN"
    assert spec.recipients == ["Như Điều 3", "Lưu: VT"]
    assert file_stem(spec) == "quyet-dinh"


def test_file_names_are_ascii():
    builder = get_builder("quyet-dinh-khen-thuong")
    assert file_stem(builder.spec(builder.sample())) == "quyet-dinh-123-qd-gddt"


def test_common_keys_documented():
    names = {k for k, _ in COMMON_KEYS}
    assert {"co_quan_chu_quan", "co_quan_ban_hanh", "ky_hieu_co_quan", "dia_danh", "so", "ngay", "nguoi_ky",
            "noi_nhan"} <= names
