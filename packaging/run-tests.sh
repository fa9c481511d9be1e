#!/usr/bin/env bash
# README command 2: install what is missing, build, run the whole test suite.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${DQ_BUILD_DIR:-$root/build}
"$here/install-deps.sh" --test
"$here/build.sh" -DDQ_BUILD_TESTS=ON
ctest --test-dir "$build" --output-on-failure -j "${DQ_JOBS:-$(nproc)}" --timeout 900
