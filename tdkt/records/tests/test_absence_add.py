import datetime as dt

import pytest

from tdkt.core.exceptions import DomainValidationError
from tdkt.records import services
from tdkt.records.models import Absence

from .helpers import counts

D = dt.date


def test_absence_added(rec):
    a = services.absence_add(actor=rec.officer, person=rec.an, kind="thai_san", start_date=D(2024, 1, 2),
                             end_date=D(2024, 7, 1), note="Sinh con thứ nhất")
    assert a.get_kind_display() == "Nghỉ thai sản"


def test_dates_must_be_ordered(rec):
    before = counts()
    with pytest.raises(DomainValidationError) as exc:
        services.absence_add(actor=rec.officer, person=rec.an, kind="om_dau", start_date=D(2024, 5, 1),
                             end_date=D(2024, 4, 1))
    assert "end_date" in exc.value.message_dict
    assert counts() == before


def test_overlapping_absence_of_the_same_kind_refused(rec):
    services.absence_add(actor=rec.officer, person=rec.an, kind="om_dau", start_date=D(2024, 1, 1),
                         end_date=D(2024, 3, 31))
    before = counts()
    with pytest.raises(DomainValidationError) as exc:
        services.absence_add(actor=rec.officer, person=rec.an, kind="om_dau", start_date=D(2024, 3, 31),
                             end_date=D(2024, 5, 1))
    message = exc.value.message_dict["start_date"][0]
    assert "01/01/2024" in message and "31/03/2024" in message and "không được chồng nhau" in message
    assert counts() == before


def test_other_kind_or_next_day_is_fine(rec):
    services.absence_add(actor=rec.officer, person=rec.an, kind="om_dau", start_date=D(2024, 1, 1),
                         end_date=D(2024, 3, 31))
    services.absence_add(actor=rec.officer, person=rec.an, kind="dao_tao_ngan", start_date=D(2024, 3, 1),
                         end_date=D(2024, 4, 30))
    services.absence_add(actor=rec.officer, person=rec.an, kind="om_dau", start_date=D(2024, 4, 1),
                         end_date=D(2024, 4, 30))
    assert Absence.objects.filter(person=rec.an).count() == 3


def test_missing_dates_named(rec):
    with pytest.raises(DomainValidationError) as exc:
        services.absence_add(actor=rec.officer, person=rec.an, kind="om_dau", start_date=None, end_date=None)
    assert {"start_date", "end_date"} <= set(exc.value.message_dict)
