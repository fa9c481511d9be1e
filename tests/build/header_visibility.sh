#!/usr/bin/env bash
# The build's header-visibility checks (cmake/HeaderVisibility.cmake) reject what they
# must: the scan fails on an internal/ include and names the file, and passes a clean one;
# a header compiled alone behind cmake/public-header-guard fails on a LibTorch include,
# naming the header, and compiles when it includes only the standard library.
# Usage: header_visibility.sh CMAKE CXX SOURCE_DIR
set -euo pipefail
. "$(dirname "$0")/../packaging/need.sh"
cmake=$1 cxx=$2 src=$3
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

mkdir -p "$work/ui" "$work/core/fake"
printf '#include "bins/internal/PythonRound.h"\n' >"$work/ui/Leaky.cpp"
printf '#include "bins/BinsFolder.h"\n// see bins/internal/ for the rest\n' >"$work/ui/Clean.cpp"
printf '%s\n' "$work/ui/Clean.cpp" "$work/ui/Leaky.cpp" >"$work/both.txt"
printf '%s\n' "$work/ui/Clean.cpp" >"$work/clean.txt"
scan() { "$cmake" -DDQ_SCAN_LIST="$1" -DDQ_STAMP="$work/stamp" -P "$src/cmake/CheckInternalIncludes.cmake" 2>&1; }
if out=$(scan "$work/both.txt"); then fail "the scan passed an internal/ include"; fi
grep -q 'Leaky.cpp: #include "bins/internal/PythonRound.h"' <<<"$out" || fail "the scan did not name the file: $out"
! grep -q 'Clean.cpp' <<<"$out" || fail "the scan named a clean file: $out"
[[ ! -e $work/stamp ]] || fail "the scan touched its stamp on failure"
scan "$work/clean.txt" >/dev/null || fail "the scan failed a clean file"
[[ -e $work/stamp ]] || fail "the scan passed without touching its stamp"
echo "ok: the internal/ scan names the offending file and passes a clean one"

compile_alone() {
  printf '#include "fake/%s"\n' "$1" >"$work/unit.cpp"
  "$cxx" -std=c++17 -fsyntax-only -I "$src/cmake/public-header-guard" -I "$work/core" "$work/unit.cpp" 2>&1
}
printf '#pragma once\n#include <ATen/core/Tensor.h>\n' >"$work/core/fake/Leaky.h"
printf '#pragma once\n#include <string>\n' >"$work/core/fake/Clean.h"
if out=$(compile_alone Leaky.h); then fail "a public header with a LibTorch include compiled"; fi
grep -q 'fake/Leaky.h' <<<"$out" || fail "the compiler's error did not name the header: $out"
compile_alone Clean.h >/dev/null || fail "a torch-free header did not compile alone"
echo "ok: a public header that includes LibTorch fails to compile alone, named"
