import pytest

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError
from tdkt.records import services
from tdkt.records.models import UnitRating

from .helpers import counts


def test_unit_rating_set_then_changed(rec):
    school = rec.w.school_a
    first = services.unit_rating_set(actor=rec.officer, unit=school, school_year=rec.years[2024], rating="htt")
    again = services.unit_rating_set(actor=rec.officer, unit=school, school_year=rec.years[2024], rating="htxs")
    assert first.pk == again.pk and UnitRating.objects.get().rating == "htxs"
    assert list(AuditEvent.objects.filter(event_type__startswith="records.unit_rating").order_by("id")
                .values_list("event_type", flat=True)) == ["records.unit_rating_set", "records.unit_rating_changed"]


def test_unit_rating_create_refuses_duplicate(rec):
    services.unit_rating_set(actor=rec.officer, unit=rec.w.school_a, school_year=rec.years[2024], rating="htt")
    before = counts()
    with pytest.raises(DomainValidationError) as exc:
        services.unit_rating_set(actor=rec.officer, unit=rec.w.school_a, school_year=rec.years[2024],
                                 rating="ht", create=True)
    assert "đã có xếp loại cho Trường Tiểu học Đinh Tiên Hoàng" in exc.value.message_dict["school_year"][0]
    assert counts() == before
