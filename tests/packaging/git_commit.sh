#!/usr/bin/env bash
# dq --version names the commit it was built from; a source tree without git says "unknown".
# Usage: git_commit.sh SOURCE_DIR DQ [DQ_STUDIO]
set -euo pipefail
. "$(dirname "$0")/need.sh"
need git cmake
src=$1 dq=$2 studio=${3:-}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# A release tarball: the script that writes BuildInfo.h, run on a copy without .git.
mkdir "$tmp/tarball"
cmake -DSOURCE_DIR="$tmp/tarball" -DOUTPUT="$tmp/BuildInfo.h" -P "$src/cmake/GitCommit.cmake"
grep -qx '#define DQ_GIT_COMMIT "unknown"' "$tmp/BuildInfo.h" || fail "tarball: $(cat "$tmp/BuildInfo.h")"
echo "ok: a tree without git gives \"unknown\""

# The checkout: the same script gives HEAD's commit, and dq prints a commit of this form.
cmake -DSOURCE_DIR="$src" -DOUTPUT="$tmp/BuildInfo2.h" -P "$src/cmake/GitCommit.cmake"
if head=$(git -C "$src" rev-parse --short=12 HEAD 2>/dev/null); then
  grep -Eq "^#define DQ_GIT_COMMIT \"$head(-dirty)?\"$" "$tmp/BuildInfo2.h" || fail "checkout: $(cat "$tmp/BuildInfo2.h"), HEAD $head"
  echo "ok: the checkout gives HEAD ($head)"
fi
version=$("$dq" --version)
[[ $version =~ ^dq\ [0-9]+\.[0-9]+\.[0-9]+\ \(git\ ([0-9a-f]{12}(-dirty)?|unknown)\)$ ]] || fail "dq --version: $version"
echo "ok: $version"
if [[ -n $studio ]]; then
  # dq-studio --version (QCommandLineParser) shows the same version and commit as dq's.
  shown=$(XDG_RUNTIME_DIR=$tmp QT_QPA_PLATFORM=offscreen "$studio" --version)
  [[ $shown == "DQ Studio ${version#dq }" ]] || fail "dq-studio --version: $shown (dq: $version)"
  echo "ok: $shown"
fi
