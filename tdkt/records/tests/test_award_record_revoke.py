import datetime as dt

import pytest

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError
from tdkt.records import services
from tdkt.records.models import AwardRecord

from .helpers import counts

D = dt.date


@pytest.fixture
def award(rec):
    return services.award_record_add(actor=rec.officer, award_type=rec.awards["lao-dong-tien-tien"], person=rec.an,
                                     school_year=rec.years[2023], decision_number="125/QĐ-GDĐT",
                                     decision_date=D(2024, 6, 15))


def test_revoke_keeps_the_row_and_marks_it(rec, award):
    services.award_record_revoke(actor=rec.officer, record=award, revoked_on=D(2024, 9, 1),
                                 revocation_decision="5/QĐ-GDĐT", reason="Phát hiện kê khai sai thành tích")
    award.refresh_from_db()
    assert AwardRecord.objects.filter(pk=award.pk).exists()
    assert award.revoked_on == D(2024, 9, 1) and award.revocation_decision == "5/QĐ-GDĐT"
    assert award.revocation_reason == "Phát hiện kê khai sai thành tích"
    event = AuditEvent.objects.get(event_type="records.award_revoked")
    assert event.before["revoked_on"] is None and event.after["revoked_on"] == "2024-09-01"
    assert event.reason == "Phát hiện kê khai sai thành tích"


def test_a_revoked_title_no_longer_blocks_a_new_record(rec, award):
    services.award_record_revoke(actor=rec.officer, record=award, revoked_on=D(2024, 9, 1),
                                 revocation_decision="5/QĐ-GDĐT", reason="Sai số quyết định")
    services.award_record_add(actor=rec.officer, award_type=rec.awards["lao-dong-tien-tien"], person=rec.an,
                              school_year=rec.years[2023], decision_number="126/QĐ-GDĐT", decision_date=D(2024, 6, 15))
    assert AwardRecord.objects.filter(person=rec.an).count() == 2


@pytest.mark.parametrize("over, field", [
    ({"reason": " "}, "reason"),
    ({"revocation_decision": ""}, "revocation_decision"),
    ({"revoked_on": None}, "revoked_on"),
    ({"revoked_on": D(2024, 1, 1)}, "revoked_on"),  # before the award's decision
])
def test_bad_revocation_refused(rec, award, over, field):
    values = dict(revoked_on=D(2024, 9, 1), revocation_decision="5/QĐ-GDĐT", reason="Sai")
    values.update(over)
    before = counts()
    with pytest.raises(DomainValidationError) as exc:
        services.award_record_revoke(actor=rec.officer, record=award, **values)
    assert field in exc.value.message_dict
    assert counts() == before
    award.refresh_from_db()
    assert award.revoked_on is None


def test_revoking_twice_refused(rec, award):
    services.award_record_revoke(actor=rec.officer, record=award, revoked_on=D(2024, 9, 1),
                                 revocation_decision="5/QĐ-GDĐT", reason="Sai")
    before = counts()
    with pytest.raises(DomainValidationError) as exc:
        services.award_record_revoke(actor=rec.officer, record=award, revoked_on=D(2024, 10, 1),
                                     revocation_decision="6/QĐ-GDĐT", reason="Lại sai")
    assert "đã bị hủy bỏ ngày 01/09/2024" in exc.value.message_dict["revoked_on"][0]
    assert counts() == before
