"""A stored run: verdicts written in bulk with the criterion rows that decided them, one
audit row, and shown again exactly as given after the criteria change."""

from __future__ import annotations

import datetime as dt

from tdkt.audit.models import AuditEvent
from tdkt.eligibility import services
from tdkt.eligibility.models import Criterion, EvaluationRun, Verdict
from tdkt.eligibility.selectors import run_verdicts_visible_to, stored_verdict_dict

from .helpers import LDTT, ldtt_ready, sy


def test_run_stores_every_verdict_with_its_criteria_and_one_audit_row(w):
    ldtt_ready(w.an, 2025)
    before = AuditEvent.objects.count()
    run = services.evaluation_run(actor=w.users.officer_a, unit=w.school_a, school_year=sy(2025))
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("id")
    assert event.event_type == "eligibility.run" and event.data["verdicts"] == run.verdicts.count()
    # School A: An and Bình for 8 individual award types; the school and its group for 7 collective ones.
    assert run.verdicts.filter(person__isnull=False).count() == 2 * 8
    assert run.verdicts.filter(unit__isnull=False).count() == 2 * 7
    stored = run.verdicts.get(person=w.an, award_type__code=LDTT)
    assert stored.outcome == "du_dieu_kien"
    for line in stored.full_lines():
        assert Criterion.objects.filter(pk=line["criterion_id"], effective_from=line["effective_from"]).exists()


def test_stored_verdict_is_shown_exactly_after_the_criteria_change(w):
    ldtt_ready(w.an, 2025)
    run = services.evaluation_run(actor=w.users.officer_a, unit=w.school_a, school_year=sy(2025), award_types=[LDTT])
    assert run.award_types == [LDTT]
    shown = [stored_verdict_dict(v, run.school_year.label)
             for v in run_verdicts_visible_to(user=w.users.officer_a, run=run)]
    # The law changes: the row is rewritten and closed, a new row takes over.
    Criterion.objects.filter(award_type__code=LDTT).update(description="Đã sửa", params={"min": "htxs"},
                                                           effective_to=dt.date(2025, 12, 31))
    again = [stored_verdict_dict(v, run.school_year.label)
             for v in run_verdicts_visible_to(user=w.users.officer_a, run=run)]
    assert again == shown
    an = next(v for v in again if v["subject"]["id"] == w.an.pk)
    assert an["outcome"] == "du_dieu_kien" and all(x["description"] != "Đã sửa" for x in an["lines"])


def test_staff_see_only_their_own_stored_verdicts(w):
    run = services.evaluation_run(actor=w.users.officer_a, unit=w.school_a, school_year=sy(2025), award_types=[LDTT])
    mine = list(run_verdicts_visible_to(user=w.users.staff_a, run=run))
    assert [v.person_id for v in mine] == [w.an.pk]
    assert list(run_verdicts_visible_to(user=w.users.officer_b, run=run)) == []


def test_unknown_award_type_is_refused_before_anything_is_written(w):
    import pytest

    from tdkt.core.exceptions import DomainValidationError

    with pytest.raises(DomainValidationError):
        services.evaluation_run(actor=w.users.officer_a, unit=w.school_a, school_year=sy(2025),
                                award_types=["khong-co"])
    assert not EvaluationRun.objects.exists() and not Verdict.objects.exists()


def test_stored_lines_are_the_engines_lines_exactly(w):
    """Stored with COPY on PostgreSQL, bulk_create elsewhere: either way the lines read back are the
    engine's own, Vietnamese text and all."""
    from tdkt.eligibility import engine

    ldtt_ready(w.an, 2025)
    run = services.evaluation_run(actor=w.users.officer_a, unit=w.school_a, school_year=sy(2025), award_types=[LDTT])
    fresh = next(r for r in engine.evaluate_person(w.an, sy(2025)) if r.award_code == LDTT)
    stored = Verdict.objects.get(run=run, person=w.an)
    assert stored.full_lines() == fresh.lines and stored.outcome == fresh.outcome
    assert stored.lines and all(not line["description"].isascii() for line in stored.full_lines())


def test_each_criterion_header_is_stored_once_per_run(w):
    """A province's run holds a million lines citing a few dozen criterion rows: the rows' wording and
    citations are kept once on the run, each line keeping only what is the person's own."""
    ldtt_ready(w.an, 2025)
    run = services.evaluation_run(actor=w.users.officer_a, unit=w.school_a, school_year=sy(2025))
    run.refresh_from_db()
    cited = {line["criterion_id"] for v in run.verdicts.all() for line in v.lines if line.get("criterion_id")}
    assert cited and set(run.criteria) == {str(c) for c in cited}
    for v in run.verdicts.all():
        for line in v.lines:
            if line.get("criterion_id"):
                assert "description" not in line and "citation" not in line
    header = run.criteria[str(next(iter(cited)))]
    assert Criterion.objects.get(pk=header["criterion_id"]).citation == header["citation"]


def test_a_run_stored_before_headers_were_kept_apart_reads_as_it_was(w):
    """Older runs hold whole lines: shown unchanged."""
    ldtt_ready(w.an, 2025)
    run = services.evaluation_run(actor=w.users.officer_a, unit=w.school_a, school_year=sy(2025), award_types=[LDTT])
    stored = Verdict.objects.get(run=run, person=w.an)
    whole = stored.full_lines()
    Verdict.objects.filter(pk=stored.pk).update(lines=whole)
    EvaluationRun.objects.filter(pk=run.pk).update(criteria={})
    old = Verdict.objects.select_related("run").get(pk=stored.pk)
    assert old.full_lines() == whole
