"""Sổ đăng ký văn bản: number_reserve gives each document a number once."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connection, transaction

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError
from tdkt.documents import services
from tdkt.documents.context import issuer_abbreviation, issuer_context
from tdkt.documents.models import DocumentNumber
from tdkt.documents.services import number_reserve


@pytest.fixture
def phong(world):
    world.phong.short_name = "GDĐT"
    world.phong.save()
    return world.phong


def test_numbers_follow_each_other_with_the_nd30_format(world, phong):
    actor = world.users.office_officer
    first = number_reserve(actor=actor, issuer=phong, doc_type="QĐ", year=2024, title="Khen thưởng LĐTT")
    second = number_reserve(actor=actor, issuer=phong, doc_type="QĐ", year=2024)
    assert (first.number, second.number) == (1, 2)
    assert first.formatted == "01/QĐ-GDĐT"  # below 10: a leading zero
    assert first.symbol == "QĐ-GDĐT"
    assert first.created_by == actor


def test_each_type_and_year_has_its_own_sequence(world, phong):
    actor = world.users.office_officer
    number_reserve(actor=actor, issuer=phong, doc_type="QĐ", year=2024)
    assert number_reserve(actor=actor, issuer=phong, doc_type="TTr", year=2024).number == 1
    assert number_reserve(actor=actor, issuer=phong, doc_type="QĐ", year=2025).number == 1
    assert number_reserve(actor=actor, issuer=world.school_a, doc_type="QĐ", year=2024).number == 1


def test_year_defaults_to_issue_date(world, phong):
    entry = number_reserve(actor=None, issuer=phong, doc_type="BC", issued_on=dt.date(2023, 12, 31))
    assert entry.year == 2023 and entry.issued_on == dt.date(2023, 12, 31)


def test_a_chosen_free_number_is_given(world, phong):
    entry = number_reserve(actor=None, issuer=phong, doc_type="QĐ", year=2024, number=123)
    assert entry.formatted == "123/QĐ-GDĐT"
    assert number_reserve(actor=None, issuer=phong, doc_type="QĐ", year=2024).number == 124


def test_a_used_number_is_refused_naming_it(world, phong):
    number_reserve(actor=None, issuer=phong, doc_type="QĐ", year=2024, number=123,
                   issued_on=dt.date(2024, 6, 5), title="Về việc công nhận danh hiệu Lao động tiên tiến")
    before = (DocumentNumber.objects.count(), AuditEvent.objects.count())
    with pytest.raises(DomainValidationError) as err:
        number_reserve(actor=None, issuer=phong, doc_type="QĐ", year=2024, number=123)
    message = err.value.message_dict["number"][0]
    assert "Số 123/QĐ-GDĐT năm 2024 đã được cấp" in message
    assert "«Về việc công nhận danh hiệu Lao động tiên tiến»" in message and "05/06/2024" in message
    assert "124/QĐ-GDĐT" in message  # the next free one is suggested
    assert (DocumentNumber.objects.count(), AuditEvent.objects.count()) == before


def test_refusals(world, phong):
    with pytest.raises(DomainValidationError):
        number_reserve(actor=None, issuer=phong, doc_type="QĐ", number=0)
    with pytest.raises(ValueError, match="không có trong danh mục"):
        number_reserve(actor=None, issuer=phong, doc_type="XX")
    with pytest.raises(DomainValidationError, match="không thuộc năm"):
        number_reserve(actor=None, issuer=phong, doc_type="QĐ", year=2024, issued_on=dt.date(2025, 1, 2))


def test_reservation_is_audited(world, phong):
    entry = number_reserve(actor=world.users.office_officer, issuer=phong, doc_type="KH", year=2024)
    event = AuditEvent.objects.get(event_type="documents.number_reserved", target_id=str(entry.pk))
    assert event.unit_id == phong.pk and event.after["number"] == 1


def test_database_refuses_a_duplicate(world, phong):
    number_reserve(actor=None, issuer=phong, doc_type="QĐ", year=2024)
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentNumber.objects.create(issuer=phong, year=2024, doc_type="QĐ", number=1, symbol="QĐ-GDĐT")


def test_a_lost_race_is_retried(world, phong, monkeypatch):
    """Another clerk takes the number between our read and our insert: we retry and get the next."""
    number_reserve(actor=None, issuer=phong, doc_type="QĐ", year=2024)
    real_next = services._next_number
    calls = []

    def stale(issuer, year, abbreviation):
        calls.append(1)
        return 1 if len(calls) == 1 else real_next(issuer, year, abbreviation)

    monkeypatch.setattr(services, "_next_number", stale)
    entry = number_reserve(actor=None, issuer=phong, doc_type="QĐ", year=2024)
    assert entry.number == 2 and len(calls) == 2


def test_issuer_context_and_abbreviation(world, phong):
    assert issuer_abbreviation(phong) == "GDĐT"
    # no short name: the school type's abbreviation and the initials of the school's own name
    assert issuer_abbreviation(world.school_a) == "THĐTH"
    ctx = issuer_context(world.school_a)
    assert ctx == {"co_quan_chu_quan": phong.name, "co_quan_ban_hanh": "Trường Tiểu học Đinh Tiên Hoàng",
                   "ky_hieu_co_quan": "THĐTH", "dia_danh": "Quận Thử"}
    assert issuer_context(phong, parent_name="UBND Quận Thử")["co_quan_chu_quan"] == "UBND Quận Thử"


@pytest.mark.django_db(transaction=True)
def test_concurrent_clerks_never_share_a_number(world):
    if connection.vendor != "postgresql":
        pytest.skip("concurrency needs a server database; run with DATABASE_URL=postgres://…")
    issuer = world.phong
    got, errors = [], []

    def clerk():
        from django.db import connection as conn

        try:
            for _ in range(10):
                got.append(number_reserve(actor=None, issuer=issuer, doc_type="QĐ", year=2024).number)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            conn.close()

    threads = [threading.Thread(target=clerk) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(got) == list(range(1, 41))
