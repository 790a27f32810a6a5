"""How many mypy errors the ratchet still hides (issue 13; docs/architecture.md, "Types").

Runs ``mypy tdkt config`` with pyproject.toml's [tool.mypy] but without the ratchet override (the
``ignore_errors = true`` list), and prints the errors per module, then the total. Exits 0: it
measures, CI does not run it. The ratchet reached zero on 7 December 2026 and its block is gone;
without one the script says so and counts the errors of the configuration as it is (what CI runs).

    .venv/bin/python scripts/mypy_remaining.py            # the count per module
    .venv/bin/python scripts/mypy_remaining.py --errors   # and every error, to fix them
"""

from __future__ import annotations

import collections
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RATCHET = re.compile(r"^\[\[tool\.mypy\.overrides\]\]\nignore_errors = true\nmodule = \[\n(?:.*\n)*?\]\n", re.M)


def main() -> int:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = RATCHET.search(text)
    listed = set(re.findall(r'^  "([\w.]+)",', block.group(0), re.M)) if block else set()
    config, found = RATCHET.subn("", text)
    if found != 1:
        print("no ratchet in pyproject.toml (it reached zero on 7 December 2026): counting the errors of "
              "`mypy tdkt config` as CI runs it", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="tdkt-mypy-") as tmp:
        path = Path(tmp) / "pyproject.toml"
        path.write_text(config, encoding="utf-8")
        # a cache of its own: per-module options are not always invalidated in a shared one
        result = subprocess.run(
            [sys.executable, "-m", "mypy", "--config-file", str(path), "--cache-dir", str(Path(tmp) / "cache"),
             "tdkt", "config"],
            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    per_module: collections.Counter[str] = collections.Counter()
    for line in result.stdout.splitlines():
        m = re.match(r"^([^:]+\.py):\d+: error:", line)
        if m and "--errors" in sys.argv[1:]:
            print(line)
        if m:
            per_module[m.group(1).removesuffix(".py").removesuffix("/__init__").replace("/", ".")] += 1
    for module, count in sorted(per_module.items()):
        print(f"{count:4d}  {module}")
    print(f"{sum(per_module.values())} errors in {len(per_module)} modules")
    for module in sorted(listed - set(per_module)):
        print(f"clean now, delete it from the ratchet list: {module}")
    if result.returncode not in (0, 1):  # 2: mypy itself failed (a bad config, a crash)
        print(result.stdout[-2000:], result.stderr[-2000:], file=sys.stderr)
        return result.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
