"""tdkt.core.dated: a legal row is in force from its first day to its last, both included; the loader
of reference rows is idempotent and removes what it retires; the dossier's documents are dated."""

import datetime as dt

import pytest

from tdkt.awards import checks
from tdkt.awards.models import RequiredDocument, SignerTitle
from tdkt.core.dated import sync_rows
from tdkt.org.models import UnitType

D = dt.date


@pytest.fixture
def unit_type(db):
    return UnitType.objects.create(code="loai-thu", name="Loại thử", category="state")


@pytest.mark.django_db
def test_in_force_on_the_boundary_days(unit_type):
    closed = SignerTitle.objects.create(unit_type=unit_type, title="Phó Chủ tịch", effective_from=D(2025, 7, 1),
                                        effective_to=D(2025, 12, 31))
    open_ended = SignerTitle.objects.create(unit_type=unit_type, title="Chủ tịch", effective_from=D(2025, 7, 1))
    expected = {D(2025, 6, 30): set(), D(2025, 7, 1): {closed.pk, open_ended.pk},
                D(2025, 12, 31): {closed.pk, open_ended.pk}, D(2026, 1, 1): {open_ended.pk}}
    for day, pks in expected.items():
        assert set(SignerTitle.objects.in_force(day).values_list("pk", flat=True)) == pks, day
        assert set(SignerTitle.objects.filter(SignerTitle.in_force_q(day)).values_list("pk", flat=True)) == pks
        assert {r.pk for r in (closed, open_ended) if r.is_in_force(day)} == pks
    assert SignerTitle.objects.latest_in_force(D(2025, 6, 30)) is None


@pytest.mark.django_db
def test_sync_rows_is_idempotent_and_deletes_retired_rows(unit_type):
    def rows(order=1):
        return [{"unit_type": unit_type, "title": "Chủ tịch", "effective_from": D(2017, 10, 1), "order": order,
                 "citation": "NĐ 30/2020"},
                {"unit_type": unit_type, "title": "Phó Chủ tịch", "effective_from": D(2017, 10, 1),
                 "on_behalf_of": "Chủ tịch", "order": 2, "citation": "NĐ 30/2020"}]

    key = ["unit_type", "title", "effective_from"]
    misdated = SignerTitle.objects.create(unit_type=unit_type, title="Chủ tịch", effective_from=D(2017, 9, 15))
    by_hand = SignerTitle.objects.create(unit_type=unit_type, title="Giám đốc", effective_from=D(2020, 1, 1))
    retired = [{"unit_type": unit_type, "title": "Chủ tịch", "effective_from": D(2017, 9, 15)}]

    assert sync_rows(SignerTitle, rows(), key=key, retired=retired) == 2
    first = sorted(SignerTitle.objects.values_list("pk", "title", "on_behalf_of", "order", "effective_from"))
    assert sync_rows(SignerTitle, rows(), key=key, retired=retired) == 2
    assert sorted(SignerTitle.objects.values_list("pk", "title", "on_behalf_of", "order", "effective_from")) == first
    assert not SignerTitle.objects.filter(pk=misdated.pk).exists()
    assert SignerTitle.objects.filter(pk=by_hand.pk).exists()  # an administrator's row is left alone
    assert SignerTitle.objects.count() == 3

    sync_rows(SignerTitle, rows(order=5), key=key)  # a changed value is updated in place
    head = SignerTitle.objects.get(title="Chủ tịch")
    assert head.order == 5 and head.pk in {pk for pk, *_ in first}


@pytest.mark.django_db
def test_required_documents_of_the_rounds_school_year(aw):
    aw.proposal.files.filter(doc_kind="bien_ban").delete()
    assert "Thiếu Biên bản họp Hội đồng thi đua." in checks.missing_documents(aw.proposal)
    year_end = aw.round.school_year.end_date
    # The minutes stopped being required before the year's last day: that year's proposals need none.
    RequiredDocument.objects.filter(doc_kind="bien_ban").update(effective_to=year_end - dt.timedelta(days=1))
    assert "Thiếu Biên bản họp Hội đồng thi đua." not in checks.missing_documents(aw.proposal)
    RequiredDocument.objects.filter(doc_kind="bien_ban").update(effective_to=year_end)
    assert "Thiếu Biên bản họp Hội đồng thi đua." in checks.missing_documents(aw.proposal)
