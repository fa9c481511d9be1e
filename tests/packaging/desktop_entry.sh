#!/usr/bin/env bash
# The desktop entry passes desktop-file-validate without a message (hints included), and
# the .dqproj MIME type it opens is the one the shared-mime-info file defines for *.dqproj.
# Usage: desktop_entry.sh DESKTOP_FILE MIME_XML
set -euo pipefail
. "$(dirname "$0")/need.sh"
need desktop-file-validate update-mime-database
desktop=$1 mime=$2
messages=$(desktop-file-validate "$desktop" 2>&1) || fail "desktop-file-validate: $messages"
[[ -z $messages ]] || fail "desktop-file-validate: $messages"
echo "ok: desktop-file-validate $(basename "$desktop"): no errors, warnings or hints"

type=$(sed -n 's/.*<mime-type type="\([^"]*\)".*/\1/p' "$mime")
grep -qx "MimeType=$type;" "$desktop" || fail "the desktop entry does not open $type"
grep -qx "Exec=dq-studio %f" "$desktop" || fail "Exec does not pass the file"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/mime/packages"
cp "$mime" "$work/mime/packages/dq-studio.xml"
XDG_DATA_DIRS=$work update-mime-database "$work/mime" 2>&1 | tee "$work/log"
[[ ! -s $work/log ]] || fail "update-mime-database complained"
grep -qx "50:$type:\*\.dqproj" "$work/mime/globs2" || fail "globs2: $(cat "$work/mime/globs2")"
echo "ok: *.dqproj is $type"
