import datetime as dt

import pytest

from tdkt.core.exceptions import DomainValidationError
from tdkt.records import imports, services
from tdkt.records.models import AwardRecord

from .helpers import an_row, counts, xlsx

D = dt.date


def _errors(result):
    return [(e.row, e.column, e.message) for e in result.errors]


def test_missing_required_headers_are_listed(rec):
    data = xlsx([["Nguyễn Văn An", "2023-2024"]], headers=["Họ và tên", "Năm học", "Ghi chú"])
    result = imports.validate(user=rec.officer, data=data)
    assert not result.ok and not result.rows
    message = result.file_errors[0]
    assert "thiếu cột bắt buộc" in message
    for label in ("«Ngày sinh»", "«Danh hiệu/Hình thức»", "«Số quyết định»", "«Ngày quyết định»"):
        assert label in message
    assert "«Họ và tên»" not in message


def test_no_header_row_at_all(rec):
    result = imports.validate(user=rec.officer, data=xlsx([[1, 2, 3]], headers=["a", "b", "c"]))
    assert "Không tìm thấy dòng tiêu đề" in result.file_errors[0]


def test_unmatched_and_ambiguous_people_by_row_number(rec, people):
    data = xlsx([
        an_row(),
        an_row(name="Trần Thị Mai", born="01/01/1990"),
        an_row(name="Lê Thị Lan", born="20/05/1988"),  # school B: outside officer A's reach
        an_row(name="Nguyễn Văn An", born="08/03/1985"),
        an_row(name="Trần Thị Mai", born="01/01/1990", unit="Tổ 1"),  # the unit tells them apart
    ])
    result = imports.validate(user=rec.officer, data=data)
    errors = _errors(result)
    assert errors[0][:2] == (3, "Họ và tên")
    assert "Có 2 người trùng họ tên và ngày sinh «Trần Thị Mai» sinh ngày 01/01/1990" in errors[0][2]
    assert "ghi cột Đơn vị" in errors[0][2]
    assert errors[1][:2] == (4, "Họ và tên")
    assert "Không tìm thấy «Lê Thị Lan» sinh ngày 20/05/1988" in errors[1][2]
    assert errors[2][0] == 5 and "khác ngày sinh" in errors[2][2]
    assert len(errors) == 3
    assert result.rows[4].person == people.mai_group and result.rows[4].status == "new"
    assert not result.can_commit


def test_person_without_birth_date_in_the_system(rec):
    result = imports.validate(user=rec.officer, data=xlsx([an_row(name="Trần Thị Bình", born="01/02/1980")]))
    assert "1 người chưa có ngày sinh trong hồ sơ" in result.rows[0].errors[0].message


def test_office_officer_reaches_both_schools(rec, people):
    result = imports.validate(user=rec.w.users.office_officer,
                              data=xlsx([an_row(name="Lê Thị Lan", born="20/05/1988", unit="Trường Tiểu học Kết Đoàn")]))
    assert result.ok and result.rows[0].person == people.lan


CELL_ERRORS = [
    # (changes to a good row, column named, words of the message)
    ({"born": "31/02/1985"}, "Ngày sinh", "Ngày không hợp lệ: '31/02/1985'"),
    ({"born": ""}, "Ngày sinh", "Thiếu ngày sinh"),
    ({"date": "15/06/2099"}, "Ngày quyết định", "không được sau ngày hôm nay"),
    ({"date": "2024/06/15"}, "Ngày quyết định", "dd/mm/yyyy"),
    ({"date": "15/06/2023"}, "Ngày quyết định", "trước khi năm học 2023-2024 bắt đầu (01/09/2023)"),
    ({"year": "2023-2025"}, "Năm học", "liền sau"),
    ({"year": "2023"}, "Năm học", "2023-2024"),
    ({"award": "Huy chương vàng"}, "Danh hiệu/Hình thức", "Không có danh hiệu, hình thức «Huy chương vàng»"),
    ({"award": "TTLĐTT"}, "Danh hiệu/Hình thức", "dành cho tập thể"),
    ({"number": ""}, "Số quyết định", "Thiếu số quyết định"),
    ({"unit": "Trường Không Có"}, "Đơn vị", "Không tìm thấy đơn vị «Trường Không Có»"),
    ({"unit": "Trường Tiểu học Kết Đoàn"}, "Đơn vị", "Không tìm thấy đơn vị"),  # not in officer A's reach
]


def test_cell_errors_name_row_and_column(rec):
    rows = [an_row()] + [an_row(**{"number": f"{200 + i}/QĐ-GDĐT", **over}) for i, (over, _, _) in
                         enumerate(CELL_ERRORS)]
    result = imports.validate(user=rec.officer, data=xlsx(rows))
    assert result.rows[0].status == "new" and not result.ok
    for number, (over, column, words) in enumerate(CELL_ERRORS, start=3):
        row = result.rows[number - 2]
        assert row.number == number and row.status == "error"
        assert any(e.column == column and words in e.message for e in row.errors), (over, _errors(result))


def test_duplicate_rows_in_the_file(rec):
    data = xlsx([an_row(), an_row(name="NGUYỄN VĂN AN"), an_row(number="999/QĐ-GDĐT"),
                 an_row(award="Giấy khen", number="5/QĐ"), an_row(award="Giấy khen", number="6/QĐ")])
    result = imports.validate(user=rec.officer, data=data)
    assert [r.status for r in result.rows] == ["new", "duplicate", "error", "new", "new"]
    assert result.rows[1].note == "Trùng dòng 2 – bỏ qua."
    assert "Dòng 2 đã ghi «Lao động tiên tiến» năm học 2023-2024" in result.rows[2].errors[0].message


def test_title_already_on_file_under_another_decision(rec):
    services.award_record_add(actor=rec.officer, award_type=rec.awards["lao-dong-tien-tien"], person=rec.an,
                              school_year=rec.years[2023], decision_number="100/QĐ-GDĐT", decision_date=D(2024, 6, 1))
    result = imports.validate(user=rec.officer, data=xlsx([an_row()]))
    assert "theo Quyết định số 100/QĐ-GDĐT" in result.rows[0].errors[0].message


def test_all_or_nothing_when_a_row_is_bad(rec):
    before = counts()
    data = xlsx([an_row(), an_row(award="CSTĐCS", number="126/QĐ-GDĐT"), an_row(born="xx")])
    with pytest.raises(DomainValidationError) as exc:
        imports.commit(user=rec.officer, data=data)
    assert "Tệp còn 1 dòng lỗi" in exc.value.message_dict["file"][0]
    assert counts() == before


def test_all_or_nothing_when_a_write_fails(rec, monkeypatch):
    """One row per chunk: the first chunk is written, the second refused; the first is rolled back."""
    monkeypatch.setattr(imports, "CHUNK_ROWS", 1)
    real = services.award_records_add_bulk
    calls = []

    def flaky(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise DomainValidationError({"award_type": [f"Dòng {kwargs['rows'][0]['n']}: Lỗi giả lập."]})
        return real(**kwargs)

    monkeypatch.setattr(services, "award_records_add_bulk", flaky)
    before = counts()
    with pytest.raises(DomainValidationError) as exc:
        imports.commit(user=rec.officer, data=xlsx([an_row(), an_row(award="CSTĐCS", number="126/QĐ-GDĐT")]))
    assert "Dòng 3: Lỗi giả lập." in exc.value.message_dict["file"][0]
    assert "Chưa có dòng nào được nhập" in exc.value.message_dict["file"][0]
    assert len(calls) == 2 and counts() == before and not AwardRecord.objects.exists()
