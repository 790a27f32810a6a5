"""Files are checked and written a chunk at a time, keeping only the counts, the
errors and the rows the preview shows: the results must be those of one chunk, the
preview must show what it showed, and the queries of a commit must not grow with
the number of rows."""

import inspect

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tdkt.records import imports, imports_jobs
from tdkt.records.imports_kinds import INITIATIVES, RATINGS
from tdkt.records.models import AwardRecord, Initiative, PersonRating

from . import test_import_happy_path as happy
from . import test_import_kinds as kinds
from . import test_import_refusals as refusals
from .helpers import an_row, counts, xlsx
from .kinds import INITIATIVES as INITIATIVE_HEADERS
from .kinds import RATINGS as RATING_HEADERS
from .kinds import book, initiative_row, rating_row

SAME_WITH_ONE_ROW_PER_CHUNK = [
    happy.test_validate_reads_every_row, happy.test_commit_writes_all_rows_with_audit,
    happy.test_reimporting_the_same_file_changes_nothing,
    refusals.test_duplicate_rows_in_the_file, refusals.test_unmatched_and_ambiguous_people_by_row_number,
    refusals.test_all_or_nothing_when_a_row_is_bad,
    kinds.test_staff_list_imports_people_and_posts, kinds.test_staff_list_mistakes_by_row_and_column,
    kinds.test_ratings_import, kinds.test_ratings_mistakes_by_row_and_column,
    kinds.test_initiatives_import, kinds.test_initiatives_mistakes_by_row_and_column,
]


@pytest.mark.parametrize("test", SAME_WITH_ONE_ROW_PER_CHUNK, ids=lambda t: t.__name__)
def test_same_results_with_one_row_per_chunk(rec, people, monkeypatch, test):
    """Duplicates of an earlier chunk, an initiative's authors in different chunks, and
    a commit whose first chunks are written before a later one is checked."""
    monkeypatch.setattr(imports, "CHUNK_ROWS", 1)
    available = {"rec": rec, "people": people, "monkeypatch": monkeypatch}
    test(**{name: available[name] for name in inspect.signature(test).parameters})


def test_an_initiative_whose_authors_are_far_apart(rec, people, monkeypatch):
    """Written once, with both authors, although another initiative's row lies between them."""
    monkeypatch.setattr(imports, "CHUNK_ROWS", 1)
    data = book(INITIATIVE_HEADERS, [
        initiative_row(share="60"),
        initiative_row(title="Thư viện xanh", number="", date=""),
        initiative_row(name="Trần Thị Mai", born="01/01/1990", unit="Tổ 1", share="40"),
    ])
    summary = imports.commit(user=rec.officer, data=data, spec=INITIATIVES)
    assert summary.created == 3 and Initiative.objects.count() == 2
    stem = Initiative.objects.get(title="Dạy học theo chủ đề STEM ở lớp 5")
    assert sorted(a.person_id for a in stem.author_links.all()) == sorted([rec.an.pk, people.mai_group.pk])


def test_a_bad_row_after_written_chunks_leaves_nothing(rec, people, monkeypatch):
    monkeypatch.setattr(imports, "CHUNK_ROWS", 1)
    data = book(RATING_HEADERS, [rating_row(), rating_row(name="Trần Thị Mai", unit="Tổ 1", born="01/01/1990"),
                                 rating_row(name="Không Có Ai")])
    before = counts()
    with pytest.raises(imports.DomainValidationError) as exc:
        imports.commit(user=rec.officer, data=data, spec=RATINGS)
    assert "Tệp còn 1 dòng lỗi" in exc.value.message_dict["file"][0]
    assert counts() == before and not PersonRating.objects.exists()


def test_preview_keeps_error_rows_and_the_first_rows_only(rec, monkeypatch):
    """A long file: the counts are the whole file's; the rows kept are the first rows and
    the rows with errors (both bounded); the listed errors are bounded and the rest counted."""
    monkeypatch.setattr(imports, "CHUNK_ROWS", 4)
    monkeypatch.setattr(imports, "PREVIEW_ROWS", 3)
    monkeypatch.setattr(imports, "MAX_LISTED_ERRORS", 2)
    rows = [an_row(award="Giấy khen", number=f"{n}/QĐ-UBND") if n % 4 else an_row(born="xx", number=f"{n}/QĐ")
            for n in range(1, 21)]
    result = imports.validate(user=rec.officer, data=xlsx(rows))
    assert (result.total, result.new_count, result.error_count) == (20, 15, 5)
    assert [r.number for r in result.rows] == [2, 3, 4, 5, 9]  # rows 5 and 9 have errors (rows 5, 9, 13...)
    assert [e.row for e in result.row_errors] == [5, 9] and result.more_errors == 3
    page = imports_jobs._result_json(result)
    assert page["counts"] == {"rows": 20, "new": 15, "skipped": 0, "errors": 5}
    assert page["rows_hidden"] == 12 and page["more_errors"] == 3 and not page["can_commit"]


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_award_history_commit_queries_do_not_grow_with_rows(rec):
    """The award history is written set-wise (award_records_add_bulk): 3 rows or 40, the same queries."""
    def commit(n, start):
        data = xlsx([an_row(award="Giấy khen", number=f"{start + i}/QĐ-UBND") for i in range(n)])
        return lambda: imports.commit(user=rec.officer, data=data)

    commit(1, 1)()  # warms the caches (content types) the first audit row fills
    small, large = _queries(commit(3, 100)), _queries(commit(40, 200))
    assert small == large, (small, large)
    assert AwardRecord.objects.count() == 44
    assert _events("records.award_added") == 44


def test_initiatives_commit_queries_do_not_grow_with_rows(rec):
    def commit(n, start):
        data = book(INITIATIVE_HEADERS, [initiative_row(title=f"Sáng kiến số {start + i}") for i in range(n)])
        return lambda: imports.commit(user=rec.officer, data=data, spec=INITIATIVES)

    commit(1, 1)()  # warms the caches (content types) the first audit row fills
    small, large = _queries(commit(3, 100)), _queries(commit(40, 200))
    assert small == large, (small, large)
    assert Initiative.objects.count() == 44 and _events("records.initiative_created") == 44


def _events(kind):
    from tdkt.audit.models import AuditEvent

    return AuditEvent.objects.filter(event_type=kind).count()


def _peak_kb(fn) -> float:
    import gc
    import tracemalloc

    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1024
    finally:
        tracemalloc.stop()


def test_memory_of_the_check_does_not_grow_with_rows(rec, monkeypatch):
    """Three times the rows: the check's peak grows by the file and the small keys that
    find repeated rows, well under 1 KB a row (keeping the checked rows, as before, cost
    about 5 KB a row). The commit runs the same pass; bench/imports.py measures it."""
    monkeypatch.setattr(imports, "CHUNK_ROWS", 100)
    monkeypatch.setattr(imports, "PREVIEW_ROWS", 20)
    files = {n: xlsx([an_row(award="Giấy khen", number=f"{n}-{i}/QĐ-UBND") for i in range(n)]) for n in (1000, 3000)}
    peaks = {n: _peak_kb(lambda d=d: imports.validate(user=rec.officer, data=d)) for n, d in files.items()}
    assert (peaks[3000] - peaks[1000]) / 2000 < 0.6, peaks  # KB per row
