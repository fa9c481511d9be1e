#!/usr/bin/env bash
# Writes the manual pages of dq, of each of its subcommands and of dq-studio with help2man,
# from the --help of the built binaries, so that they never drift from the options:
#   OUT/dq.1, OUT/dq-SUBCOMMAND.1, OUT/dq-studio.1 and gzip -9n copies in OUT/gz/.
# Usage: gen-manpages.sh OUT VERSION RELEASE_DATE(YYYY-MM-DD) DQ [DQ_STUDIO]
set -euo pipefail
out=${1:?} version=${2:?} date=${3:?} dq=$(realpath "${4:?}") studio=${5:+$(realpath "$5")}
here=$(cd "$(dirname "$0")" && pwd)
export SOURCE_DATE_EPOCH=$(date -u -d "$date" +%s) # help2man's date: the release's, not today's
export QT_QPA_PLATFORM=offscreen                     # dq-studio --help without a display
XDG_RUNTIME_DIR=$(mktemp -d)                         # as in a session: Qt warns without it
export XDG_RUNTIME_DIR
trap 'rm -rf "$XDG_RUNTIME_DIR"' EXIT

rm -rf "$out"
mkdir -p "$out/gz" "$out/bin"
table=$("$here/dq-cli-table.sh" "$dq")
subs=$(awk -F'\t' '$1 == "sub" {print $2}' <<<"$table")

# help2man names a page after the program it runs: one small wrapper per subcommand.
see_also=".BR dq (1)"
for sub in $subs; do
  printf '#!/bin/sh\nexec "%s" %s "$@"\n' "$dq" "$sub" >"$out/bin/dq-$sub"
  chmod +x "$out/bin/dq-$sub"
  see_also+=$',\n'".BR dq-$sub (1)"
done
[[ -n $studio ]] && see_also+=$',\n'".BR dq-studio (1)"
printf '[SEE ALSO]\n%s\n' "$see_also" >"$out/see-also.h2m"

page() { # NAME PROGRAM WHATIS
  help2man --no-info --version-string="$version" --name="$3" \
    --include="$out/see-also.h2m" --output="$out/$1.1" "$2"
}
page dq "$dq" "$("$dq" --help | head -1 | sed 's/^dq: //; s/\.$//')"
for sub in $subs; do
  page "dq-$sub" "$out/bin/dq-$sub" "$(awk -F'\t' -v s="$sub" '$1 == "sub" && $2 == s {print $3}' <<<"$table")"
done
if [[ -n $studio ]]; then
  page dq-studio "$studio" "$("$studio" --help | sed -n 2p | sed 's/^DQ Studio: //')"
fi
rm -rf "$out/bin" "$out/see-also.h2m"
for f in "$out"/*.1; do gzip -9n <"$f" >"$out/gz/$(basename "$f").gz"; done
