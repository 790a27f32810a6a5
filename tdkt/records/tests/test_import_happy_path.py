import datetime as dt

from tdkt.audit.models import AuditEvent
from tdkt.org.models import SchoolYear
from tdkt.records import imports
from tdkt.records.models import AwardRecord

from .helpers import an_row, counts, xlsx

D = dt.date


def _file():
    return xlsx([
        an_row(),
        # date cells, an Excel serial number, accents and case that differ, code of the unit
        an_row(name="nguyễn văn  an", born=D(1985, 3, 7), unit="TH-A", year="2023 - 2024",
               award="chiến sĩ thi đua cơ sở", number="126/QĐ-GDĐT", date=45463),
        # no accents at all, another date form, the unit by a short name, a catalogue alias
        an_row(name="Nguyen Van An", born="7-3-1985", unit="Trường TH Đinh Tiên Hoàng", year="2024–2025",
               award="Bằng khen", number="2100/QĐ-UBND", date="ngày 20 tháng 8 năm 2025", issuer="UBND Thành phố"),
        # an abbreviation, a serial with a time of day, a school year not yet in the system
        an_row(year="2019-2020", award="LĐTT", number="88/QĐ-GDĐT", date=43997.75, born=31113),
    ])


def test_validate_reads_every_row(rec):
    result = imports.validate(user=rec.officer, data=_file(), filename="ds.xlsx")
    assert result.ok and result.can_commit, [(e.row, e.column, e.message) for e in result.errors]
    assert result.sheet == "Khen thưởng" and result.header_row == 1
    assert result.ignored_columns == ["STT", "Ghi chú"]
    assert [r.number for r in result.new_rows] == [2, 3, 4, 5]
    assert {r.person for r in result.rows} == {rec.an}
    assert [r.decision_date for r in result.rows] == [D(2024, 6, 15), D(2024, 6, 20), D(2025, 8, 20),
                                                      D(2020, 6, 15)]
    assert [r.award_type.code for r in result.rows] == ["lao-dong-tien-tien", "chien-si-thi-dua-co-so",
                                                        "bang-khen-tinh-bo", "lao-dong-tien-tien"]
    assert result.rows[1].unit == rec.w.school_a and result.rows[2].unit == rec.w.school_a


def test_commit_writes_all_rows_with_audit(rec):
    summary = imports.commit(user=rec.officer, data=_file(), filename="ds.xlsx")
    assert summary.created == 4 and summary.skipped == 0 and summary.school_years_created == 1
    assert SchoolYear.objects.filter(start_year=2019).exists()
    records = AwardRecord.objects.filter(person=rec.an).order_by("decision_date")
    assert [r.source for r in records] == ["import"] * 4
    first = records.get(decision_number="125/QĐ-GDĐT")
    assert first.unit == rec.w.group_a and first.school_year.start_year == 2023
    assert first.issuer == "Phòng Giáo dục và Đào tạo Quận Thử"
    assert AuditEvent.objects.filter(event_type="records.award_added").count() == 4
    summary_event = AuditEvent.objects.get(event_type="records.import_committed")
    assert summary_event.data["filename"] == "ds.xlsx" and len(summary_event.data["created"]) == 4


def test_reimporting_the_same_file_changes_nothing(rec):
    imports.commit(user=rec.officer, data=_file(), filename="ds.xlsx")
    before = counts()
    result = imports.validate(user=rec.officer, data=_file())
    assert [r.status for r in result.rows] == ["exists"] * 4 and not result.can_commit
    summary = imports.commit(user=rec.officer, data=_file())
    assert summary.created == 0 and summary.skipped == 4
    assert counts() == before


def test_title_rows_above_the_header_and_headers_without_accents(rec):
    data = xlsx([an_row()[:8]], headers=["HO VA TEN", "ngay sinh", "Don vi cong tac", "NĂM HỌC", "Danh hiệu",
                                         "Số QĐ", "Ngày QĐ", "Cơ quan ban hành"],
                before=[["DANH SÁCH CÁ NHÂN ĐƯỢC KHEN THƯỞNG"], ["(kèm theo Tờ trình số 12/TTr-THĐTH)"], []])
    result = imports.validate(user=rec.officer, data=data)
    assert result.ok and result.header_row == 4 and result.rows[0].number == 5
    assert result.rows[0].person == rec.an


def test_template_has_the_headers_and_an_example(rec):
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(imports.template_workbook()))
    ws = wb["Khen thưởng"]
    assert [c.value for c in ws[1]] == [c.label for c in imports.COLUMNS]
    assert ws["A2"].value == "Nguyễn Văn An" and ws["G2"].value == "15/06/2024"
    assert ws.column_dimensions["C"].width == 36 and ws["B3"].number_format == "@"
    guide = [row[0] for row in wb["Hướng dẫn"].iter_rows(values_only=True)]
    assert "Lao động tiên tiến" in guide
    # the example row left in the template is never imported (here it would even match a real person)
    result = imports.validate(user=rec.officer, data=imports.template_workbook())
    assert result.ok and result.rows[0].status == "example" and not result.can_commit
