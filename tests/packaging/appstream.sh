#!/usr/bin/env bash
# The AppStream metadata passes `appstreamcli validate --no-net` (no errors or warnings),
# names the desktop entry, carries this version as its newest release, and every
# screenshot it lists is one of docs/screenshots.
# Usage: appstream.sh METAINFO SCREENSHOT_DIR APP_ID VERSION
set -euo pipefail
. "$(dirname "$0")/need.sh"
need appstreamcli
metainfo=$1 shots=$2 id=$3 version=$4
appstreamcli validate --no-net --pedantic "$metainfo" || fail "appstreamcli validate"
grep -q "<id>$id</id>" "$metainfo" || fail "id is not $id"
grep -q "<launchable type=\"desktop-id\">$id.desktop</launchable>" "$metainfo" || fail "launchable"
first=$(grep -o '<release version="[^"]*"' "$metainfo" | head -1)
[[ $first == "<release version=\"$version\"" ]] || fail "newest release: $first, expected $version"
n=0
for url in $(grep -o '<image>[^<]*</image>' "$metainfo" | sed 's/<[^>]*>//g'); do
  [[ -f $shots/${url##*/} ]] || fail "screenshot ${url##*/} is not in $shots"
  n=$((n + 1))
done
((n > 0)) || fail "no screenshots"
echo "ok: $(basename "$metainfo"): valid, $n screenshots, release $version"
