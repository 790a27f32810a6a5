import datetime as dt

import pytest

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError
from tdkt.records import services
from tdkt.records.models import Registration

from .helpers import counts


def test_registration_once_per_person_award_and_year(rec):
    services.registration_add(actor=rec.officer, award_type=rec.awards["lao-dong-tien-tien"], person=rec.an,
                              school_year=rec.years[2025], registered_on=dt.date(2025, 9, 25), targets="HTXS")
    assert AuditEvent.objects.filter(event_type="records.registration_added").count() == 1
    before = counts()
    with pytest.raises(DomainValidationError) as exc:
        services.registration_add(actor=rec.officer, award_type=rec.awards["lao-dong-tien-tien"], person=rec.an,
                                  school_year=rec.years[2025])
    assert "đã đăng ký «Lao động tiên tiến» năm học 2025-2026 (ngày 25/09/2025)" in \
        exc.value.message_dict["award_type"][0]
    assert counts() == before
    # another title, or another year, is another registration
    services.registration_add(actor=rec.officer, award_type=rec.awards["chien-si-thi-dua-co-so"], person=rec.an,
                              school_year=rec.years[2025])
    services.registration_add(actor=rec.officer, award_type=rec.awards["lao-dong-tien-tien"], person=rec.an,
                              school_year=rec.years[2024])
    assert Registration.objects.filter(person=rec.an).count() == 3


def test_collective_registration_and_subject_checks(rec):
    reg = services.registration_add(actor=rec.officer, award_type=rec.awards["tap-the-lao-dong-tien-tien"],
                                    unit=rec.w.school_a, school_year=rec.years[2025])
    assert reg.person is None and reg.unit == rec.w.school_a
    with pytest.raises(DomainValidationError) as exc:
        services.registration_add(actor=rec.officer, award_type=rec.awards["tap-the-lao-dong-tien-tien"],
                                  person=rec.an, school_year=rec.years[2025])
    assert "dành cho tập thể" in exc.value.message_dict["award_type"][0]
    with pytest.raises(DomainValidationError) as exc:
        services.registration_add(actor=rec.officer, award_type=rec.awards["lao-dong-tien-tien"], person=rec.an,
                                  school_year=None)
    assert "school_year" in exc.value.message_dict


def test_campaigns_call_signature(rec):
    """tdkt.campaigns.services.registration_register calls this service with these keywords."""
    reg = services.registration_add(actor=rec.officer, award_type=rec.awards["lao-dong-tien-tien"],
                                    school_year=rec.years[2025], person=rec.an, unit=None,
                                    registered_on=dt.date(2025, 10, 1), targets="")
    assert reg.registered_on == dt.date(2025, 10, 1)
