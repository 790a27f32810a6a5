# Sourced by ./start and ./test: make .venv and install the project into it once,
# again only when pyproject.toml changes.
set -euo pipefail
PYTHON_BIN="${PYTHON:-python3}"
if ! "$PYTHON_BIN" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
  echo "TĐKT cần Python 3.11 trở lên / TĐKT needs Python 3.11+ (found: $("$PYTHON_BIN" --version 2>&1))" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "» Tạo môi trường ảo .venv / creating .venv"
  "$PYTHON_BIN" -m venv .venv
fi
extras="${1:-}"
stamp=".venv/.tdkt-installed${extras:+-$extras}"
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "» Cài đặt thư viện / installing dependencies"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${extras:+[$extras]}"
  echo "$want" > "$stamp"
fi
