"""``tdkt eligibility`` prints verdicts as JSON."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from .helpers import LDTT, TT_LDTT, ldtt_ready


def run(*args) -> list[dict]:
    out = io.StringIO()
    call_command("eligibility", *args, stdout=out)
    return json.loads(out.getvalue())


def test_person_unit_and_subtree(w):
    ldtt_ready(w.an, 2025)
    person = run("--person", str(w.an.pk), "--year", "2025-2026", "--title", LDTT)
    assert [(v["award_type"], v["outcome"]) for v in person] == [(LDTT, "du_dieu_kien")]
    unit = run("--unit", str(w.school_a.pk), "--year", "2025-2026")
    assert {v["subject"]["kind"] for v in unit} == {"unit"} and len(unit) == 7
    subtree = run("--subtree", str(w.phong.pk), "--year", "2025-2026", "--title", TT_LDTT)
    assert len(subtree) == 5


def test_errors_are_clear(w):
    with pytest.raises(CommandError, match="Không tìm thấy cá nhân"):
        run("--person", "999999", "--year", "2025-2026")
    with pytest.raises(CommandError, match="Không có danh hiệu"):
        run("--person", str(w.an.pk), "--year", "2025-2026", "--title", "khong-co")
    with pytest.raises(CommandError, match="Năm học không hợp lệ"):
        run("--subtree", str(w.phong.pk), "--year", "2025-2027")


def test_without_year_the_latest_rated_year_is_judged(w):
    # The year in progress has no ratings before May: judging it would only say "Thiếu thông tin".
    from tdkt.org.services import school_year_get_or_create

    school_year_get_or_create(actor=None, start_year=2026)
    ldtt_ready(w.an, 2025)
    err = io.StringIO()
    out = io.StringIO()
    call_command("eligibility", "--person", str(w.an.pk), "--title", LDTT, stdout=out, stderr=err)
    assert [v["outcome"] for v in json.loads(out.getvalue())] == ["du_dieu_kien"]
    assert "2025-2026" in err.getvalue()
