import datetime as dt

import pytest

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError
from tdkt.records import services
from tdkt.records.models import AwardRecord

from .helpers import counts

D = dt.date


def _add(rec, code="lao-dong-tien-tien", **over):
    values = dict(person=rec.an, school_year=rec.years[2023], decision_number="125/QĐ-GDĐT",
                  decision_date=D(2024, 6, 15), issuer="Phòng Giáo dục và Đào tạo Quận Thử")
    values.update(over)
    return services.award_record_add(actor=rec.officer, award_type=rec.awards[code], **values)


def test_award_added_with_subject_unit_and_audit(rec):
    a = _add(rec)
    assert a.unit == rec.w.group_a  # where he worked when awarded
    assert a.source == "manual" and not a.thematic
    event = AuditEvent.objects.get(event_type="records.award_added")
    assert event.after["decision_number"] == "125/QĐ-GDĐT" and event.after["person_id"] == rec.an.pk


def test_same_title_same_year_refused(rec):
    _add(rec)
    before = counts()
    with pytest.raises(DomainValidationError) as exc:
        _add(rec, decision_number="130/QĐ-GDĐT")
    message = exc.value.message_dict["award_type"][0]
    assert "đã có «Lao động tiên tiến» năm học 2023-2024" in message and "125/QĐ-GDĐT" in message
    assert counts() == before


def test_same_title_other_year_or_other_person_is_fine(rec):
    _add(rec)
    _add(rec, school_year=rec.years[2024], decision_date=D(2025, 6, 10))
    _add(rec, person=rec.w.binh)
    assert AwardRecord.objects.count() == 3


def test_a_form_may_be_given_twice_in_a_year_but_not_by_one_decision(rec):
    _add(rec, code="giay-khen", decision_number="10/QĐ-GDĐT", thematic=True)
    _add(rec, code="giay-khen", decision_number="77/QĐ-GDĐT")
    with pytest.raises(DomainValidationError) as exc:
        _add(rec, code="giay-khen", decision_number="77/QĐ-GDĐT")
    assert "award_type" in exc.value.message_dict


@pytest.mark.parametrize("over, field", [
    ({"decision_number": ""}, "decision_number"),
    ({"decision_date": None}, "decision_date"),
    ({"decision_date": D(2099, 1, 1)}, "decision_date"),
    ({"decision_date": D(2023, 5, 1)}, "decision_date"),  # before the school year began
    ({"school_year": None}, "school_year"),  # a title is given for a school year
    ({"person": None}, "person"),
    ({"code": "tap-the-lao-dong-tien-tien"}, "award_type"),
])
def test_bad_award_refused_naming_the_field(rec, over, field):
    before = counts()
    with pytest.raises(DomainValidationError) as exc:
        _add(rec, **over)
    assert field in exc.value.message_dict
    assert counts() == before


def test_collective_award_for_a_unit(rec):
    a = services.award_record_add(actor=rec.officer, award_type=rec.awards["tap-the-lao-dong-tien-tien"],
                                  unit=rec.w.school_a, school_year=rec.years[2023], decision_number="200/QĐ-UBND",
                                  decision_date=D(2024, 7, 1))
    assert a.person is None and a.unit == rec.w.school_a
    with pytest.raises(DomainValidationError) as exc:
        services.award_record_add(actor=rec.officer, award_type=rec.awards["lao-dong-tien-tien"], unit=rec.w.school_a,
                                  school_year=rec.years[2023], decision_number="1/QĐ", decision_date=D(2024, 7, 1))
    assert "dành cho cá nhân" in exc.value.message_dict["award_type"][0]
