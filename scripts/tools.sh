# Sourced by ./test and .ci/run: the Debian tools the document and browser tests read
# our output with (Chromium, LibreOffice, poppler-utils, Liberation fonts).
# tools_install best|required: "best" installs them when this user may (root or
# password-less sudo) and otherwise lets those tests skip with the reason printed;
# "required" (CI) fails when they cannot be installed.
tools_missing() {
  local need=()
  command -v chromium >/dev/null 2>&1 || [ -x "${TDKT_CHROMIUM:-/nonexistent}" ] || need+=(chromium)
  command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui libreoffice-calc-nogui)
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
  fc-list 2>/dev/null | grep -q "Liberation Serif" || need+=(fonts-liberation2)
  echo "${need[@]:-}"
}

tools_as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

tools_install() {
  local mode="$1" need
  need="$(tools_missing)"
  [ -z "$need" ] && return 0
  if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }; then
    echo "» Cài công cụ kiểm thử / installing test tools: $need"
    # shellcheck disable=SC2086
    if tools_as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive tools_as_root apt-get install -y -qq $need >/dev/null; then
      return 0
    fi
  fi
  if [ "$mode" = required ]; then
    echo "Thiếu / missing: $need (cần apt-get với quyền root / needs apt-get as root)" >&2
    return 1
  fi
  echo "» Thiếu / missing: $need — các kiểm thử cần chúng sẽ bỏ qua, có ghi lý do / the tests that need them skip, with the reason"
}
