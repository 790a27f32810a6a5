"""SQLite under a school's concurrency (issue 17): 50 writers at once through the services, on a real
SQLite file (the test database is in memory, so bench/sqlite_writers.py runs in its own interpreter):
none gets "database is locked". With SQLite's default deferred transactions the same run loses about
half of its writes to that error, and leaves people saved without their employment."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_fifty_parallel_writers_get_no_database_is_locked():
    env = {k: v for k, v in os.environ.items() if k != "TDKT_SQLITE_TRANSACTION_MODE"}
    result = subprocess.run([sys.executable, "bench/sqlite_writers.py", "--threads", "50", "--writes", "4"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["journal_mode"] == "wal" and figures["transaction_mode"] == "IMMEDIATE"
    assert figures["locked"] == 0 and figures["other"] == 0, figures["examples"]
    assert figures["done"] == 200 and figures["people_saved"] == 200
