"""tdkt.records.services.award_records_add_bulk: the checks of award_record_add, set-wise, all or nothing."""

import datetime as dt

import pytest

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError
from tdkt.records.models import AwardRecord
from tdkt.records.services import award_record_add, award_records_add_bulk

DAY = dt.date(2026, 6, 20)


@pytest.fixture
def t(world):
    from tdkt.awards.reference import ensure_award_types

    return world, ensure_award_types()


def _row(types, code, number="05/QĐ-UBND", **kw):
    return {"award_type": types[code], "decision_number": number, "decision_date": DAY, "issuer": "UBND Quận Thử",
            **kw}


def _state():
    return AwardRecord.objects.count(), AuditEvent.objects.count()


def test_adds_records_with_audit_and_home_unit(t):
    w, types = t
    recs = award_records_add_bulk(actor=w.users.admin, source="awards", rows=[
        _row(types, "giay-khen", person=w.an, school_year=w.year),
        _row(types, "giay-khen", person=w.cuong, school_year=w.year),
        _row(types, "giay-khen-tap-the", unit=w.group_a, school_year=w.year)])
    assert [r.pk is not None for r in recs] == [True] * 3
    # a person without a unit gets the unit they worked in on the decision date, as award_record_add does
    assert recs[0].unit == w.group_a and recs[1].unit == w.school_b
    events = AuditEvent.objects.filter(event_type="records.award_added").order_by("id")
    assert [e.target_id for e in events] == [str(r.pk) for r in recs]
    assert events[1].unit == w.school_b and events[1].actor == w.users.admin
    assert events[1].after["decision_number"] == "05/QĐ-UBND"


def test_each_bad_row_named_and_nothing_written(t):
    w, types = t
    before = _state()
    with pytest.raises(DomainValidationError) as exc:
        award_records_add_bulk(actor=None, rows=[
            _row(types, "giay-khen", person=w.an, school_year=w.year),
            _row(types, "giay-khen-tap-the", person=w.binh, school_year=w.year),
            _row(types, "giay-khen", number="", person=w.cuong, school_year=w.year),
            {**_row(types, "giay-khen", person=w.hoa, school_year=w.year), "decision_date": dt.date(2099, 1, 1)}])
    text = " ".join(exc.value.messages)
    assert "Dòng 2 (Trần Thị Bình): «Giấy khen (tập thể)» là danh hiệu, hình thức dành cho tập thể" in text
    assert "Dòng 3 (Lê Quốc Cường): hãy nhập số quyết định khen thưởng." in text
    assert "Dòng 4 (Phạm Thị Hoa): ngày quyết định (01/01/2099) không được sau ngày hôm nay." in text
    assert "Dòng 1" not in text
    assert _state() == before


def test_duplicates_of_live_records_and_within_the_batch(t):
    w, types = t
    award_record_add(actor=None, award_type=types["giay-khen"], person=w.an, school_year=w.year,
                     decision_number="05/qđ-ubnd", decision_date=DAY)
    before = _state()
    with pytest.raises(DomainValidationError) as exc:
        award_records_add_bulk(actor=None, rows=[
            _row(types, "giay-khen", person=w.an, school_year=w.year),  # same decision, written differently
            _row(types, "giay-khen", person=w.binh, school_year=w.year),
            _row(types, "giay-khen", person=w.binh, school_year=w.year)])
    text = " ".join(exc.value.messages)
    assert "Dòng 1: Nguyễn Văn An đã có «Giấy khen» năm học 2025-2026 (Quyết định số 05/qđ-ubnd" in text
    assert "Dòng 3: Trần Thị Bình – «Giấy khen» trùng với dòng 2." in text
    assert _state() == before


def test_revoked_record_does_not_block(t):
    from tdkt.records.services import award_record_revoke

    w, types = t
    old = award_record_add(actor=None, award_type=types["giay-khen"], person=w.an, school_year=w.year,
                           decision_number="05/QĐ-UBND", decision_date=DAY)
    award_record_revoke(actor=None, record=old, revoked_on=DAY, revocation_decision="06/QĐ-UBND", reason="Sai sót")
    assert len(award_records_add_bulk(actor=None, rows=[_row(types, "giay-khen", person=w.an,
                                                              school_year=w.year)])) == 1
