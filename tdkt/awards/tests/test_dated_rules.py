"""tdkt.core.dated: a legal row is in force from its first day to its last, both included; the dossier's
documents are dated."""

import datetime as dt

import pytest

from tdkt.awards import checks
from tdkt.awards.models import RequiredDocument, SignerTitle
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
def test_required_documents_of_the_rounds_school_year(aw):
    aw.proposal.files.filter(doc_kind="bien_ban").delete()
    assert "Thiếu Biên bản họp Hội đồng thi đua." in checks.missing_documents(aw.proposal)
    year_end = aw.round.school_year.end_date
    # The minutes stopped being required before the year's last day: that year's proposals need none.
    RequiredDocument.objects.filter(doc_kind="bien_ban").update(effective_to=year_end - dt.timedelta(days=1))
    assert "Thiếu Biên bản họp Hội đồng thi đua." not in checks.missing_documents(aw.proposal)
    RequiredDocument.objects.filter(doc_kind="bien_ban").update(effective_to=year_end)
    assert "Thiếu Biên bản họp Hội đồng thi đua." in checks.missing_documents(aw.proposal)
