from decimal import Decimal

import pytest

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError
from tdkt.records import services
from tdkt.records.models import InitiativeAuthor

from .helpers import counts


def _create(rec, authors, **over):
    values = dict(title="Ứng dụng trò chơi học tập trong dạy Toán lớp 1", school_year=rec.years[2024],
                  scope="co_so", decision_number="45/QĐ-THĐTH")
    values.update(over)
    return services.initiative_create(actor=rec.officer, authors=authors, **values)


def test_initiative_with_shared_authors(rec):
    i = _create(rec, [(rec.an, 60), {"person": rec.w.binh, "share": "40"}])
    shares = dict(InitiativeAuthor.objects.filter(initiative=i).values_list("person_id", "share"))
    assert shares == {rec.an.pk: Decimal("60"), rec.w.binh.pk: Decimal("40")}
    event = AuditEvent.objects.get(event_type="records.initiative_created")
    assert event.after["authors"] == [{"person_id": rec.an.pk, "share": "60"},
                                      {"person_id": rec.w.binh.pk, "share": "40"}]


def test_total_below_hundred_is_allowed(rec):
    _create(rec, [(rec.an, "62,5")])
    assert InitiativeAuthor.objects.get().share == Decimal("62.5")


def test_total_above_hundred_refused_showing_the_total(rec):
    before = counts()
    with pytest.raises(DomainValidationError) as exc:
        _create(rec, [(rec.an, 70), (rec.w.binh, 50)])
    message = exc.value.message_dict["authors"][0]
    assert "120%" in message and "Nguyễn Văn An 70%" in message and "không được vượt quá 100%" in message
    assert counts() == before


@pytest.mark.parametrize("authors_of, words", [
    (lambda r: [(r.an, 0)], "phải lớn hơn 0%"),
    (lambda r: [(r.an, -5)], "phải lớn hơn 0%"),
    (lambda r: [(r.an, "abc")], "không phải là một số"),
    (lambda r: [(r.an, 50), (r.an, 20)], "hai lần"),
    (lambda r: [], "ít nhất một tác giả"),
])
def test_bad_shares_refused_on_authors(rec, authors_of, words):
    before = counts()
    with pytest.raises(DomainValidationError) as exc:
        _create(rec, authors_of(rec))
    assert words in exc.value.message_dict["authors"][0]
    assert counts() == before


def test_title_and_scope_checked(rec):
    with pytest.raises(DomainValidationError) as exc:
        _create(rec, [(rec.an, 100)], title=" ", scope="the_gioi")
    assert {"title", "scope"} <= set(exc.value.message_dict)
