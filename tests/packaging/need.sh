# Sourced by the package checks: fail (never skip) when a tool is missing.
need() {
  local tool
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null; then
      echo "FAIL: $tool is missing; packaging/install-deps.sh --test installs it" >&2
      exit 1
    fi
  done
}
fail() { echo "FAIL: $*" >&2; exit 1; }
