import datetime as dt

import pytest

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError
from tdkt.records import services

from .helpers import counts

D = dt.date


def _add(rec, **over):
    values = dict(form="khien_trach", decision_number="12/QĐ-THĐTH", decision_date=D(2024, 3, 1),
                  effective_from=D(2024, 3, 1), effective_to=D(2025, 2, 28), issuer="Trường TH Đinh Tiên Hoàng",
                  reason="Vi phạm quy chế chuyên môn")
    values.update(over)
    return services.discipline_add(actor=rec.officer, person=rec.an, **values)


def test_discipline_added_with_audit(rec):
    d = _add(rec)
    assert d.get_form_display() == "Khiển trách"
    event = AuditEvent.objects.get(event_type="records.discipline_added")
    assert event.after["decision_number"] == "12/QĐ-THĐTH" and event.after["effective_to"] == "2025-02-28"


def test_effective_from_defaults_to_decision_date(rec):
    assert _add(rec, effective_from=None).effective_from == D(2024, 3, 1)


@pytest.mark.parametrize("over, field, words", [
    ({"effective_to": D(2024, 2, 1)}, "effective_to", "phải sau hoặc bằng ngày bắt đầu"),
    ({"decision_number": "  "}, "decision_number", "số quyết định"),
    ({"decision_date": None, "effective_from": D(2024, 3, 1)}, "decision_date", "ngày ký"),
    ({"form": "phe_binh"}, "form", "Hình thức kỷ luật"),
    ({"effective_from": D(2024, 2, 1), "effective_to": None}, "effective_from", "không được trước ngày ký"),
])
def test_bad_discipline_refused_naming_the_field(rec, over, field, words):
    before = counts()
    with pytest.raises(DomainValidationError) as exc:
        _add(rec, **over)
    assert words in exc.value.message_dict[field][0]
    assert counts() == before


def test_same_decision_twice_refused(rec):
    _add(rec)
    before = counts()
    with pytest.raises(DomainValidationError) as exc:
        _add(rec, decision_number="12/qđ-thđth")
    assert "đã được ghi" in exc.value.message_dict["decision_number"][0]
    assert counts() == before
