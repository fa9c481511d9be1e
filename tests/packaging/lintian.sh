#!/usr/bin/env bash
# lintian accepts the package: no error and no warning (overrides, each with its reason,
# are in packaging/lintian-overrides and are installed with the package).
# Usage: lintian.sh DEB_DIR
set -euo pipefail
. "$(dirname "$0")/need.sh"
need lintian
deb=$(ls "$1"/dq-studio_*.deb)
lintian --version
# --fail-on: the exit status is non-zero for any error or warning; info tags are printed.
lintian --fail-on error,warning --display-info "$deb" || fail "lintian reports errors or warnings"
echo "ok: lintian: no errors or warnings in $(basename "$deb")"
