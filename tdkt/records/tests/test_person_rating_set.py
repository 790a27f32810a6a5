import pytest

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError
from tdkt.records import services
from tdkt.records.models import PersonRating

from .helpers import counts


def test_first_rating_creates_one_row_with_audit(rec):
    r = services.person_rating_set(actor=rec.officer, person=rec.an, school_year=rec.years[2024], rating="htt")
    assert r.get_rating_display() == "Hoàn thành tốt nhiệm vụ"
    event = AuditEvent.objects.get(event_type="records.rating_set")
    assert event.target_id == str(r.pk) and event.after["rating"] == "htt" and event.before is None
    assert event.unit_id == rec.w.group_a.pk


def test_second_rating_same_year_changes_the_row(rec):
    first = services.person_rating_set(actor=rec.officer, person=rec.an, school_year=rec.years[2024], rating="htt")
    second = services.person_rating_set(actor=rec.officer, person=rec.an, school_year=rec.years[2024],
                                        rating="htxs", note="Sau phúc khảo")
    assert second.pk == first.pk
    assert PersonRating.objects.filter(person=rec.an).count() == 1
    event = AuditEvent.objects.get(event_type="records.rating_changed")
    assert event.before["rating"] == "htt" and event.after["rating"] == "htxs"


def test_same_values_again_writes_nothing(rec):
    services.person_rating_set(actor=rec.officer, person=rec.an, school_year=rec.years[2024], rating="htt")
    before = counts()
    services.person_rating_set(actor=rec.officer, person=rec.an, school_year=rec.years[2024], rating="htt")
    assert counts() == before


def test_create_path_refuses_a_rated_year_naming_the_field(rec):
    services.person_rating_set(actor=rec.officer, person=rec.an, school_year=rec.years[2024], rating="htt")
    before = counts()
    with pytest.raises(DomainValidationError) as exc:
        services.person_rating_set(actor=rec.officer, person=rec.an, school_year=rec.years[2024], rating="htxs",
                                   create=True)
    message = exc.value.message_dict["school_year"][0]
    assert "Năm học 2024-2025 đã có xếp loại cho Nguyễn Văn An" in message
    assert counts() == before
    assert PersonRating.objects.get(person=rec.an).rating == "htt"


@pytest.mark.parametrize("bad, field", [({"rating": "gioi"}, "rating"), ({"school_year": None}, "school_year")])
def test_bad_input_is_refused_and_nothing_saved(rec, bad, field):
    values = {"school_year": rec.years[2024], "rating": "htt", **bad}
    before = counts()
    with pytest.raises(DomainValidationError) as exc:
        services.person_rating_set(actor=rec.officer, person=rec.an, **values)
    assert field in exc.value.message_dict
    assert counts() == before
