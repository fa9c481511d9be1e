#!/usr/bin/env bash
# The generated manual pages: one per subcommand that `dq --help` lists now (so a new
# subcommand without a page is a failure), every option of every subcommand in its page,
# and each page rendered by man without a warning.
# Usage: manpages.sh MAN_DIR DQ [DQ_STUDIO]
set -euo pipefail
. "$(dirname "$0")/need.sh"
need man groff
dir=$1 dq=$2 studio=${3:-}
table=$("$(dirname "$0")/../../packaging/tools/dq-cli-table.sh" "$dq")
expected="dq.1"
for sub in $(awk -F'\t' '$1 == "sub" {print $2}' <<<"$table"); do expected+=" dq-$sub.1"; done
[[ -n $studio ]] && expected+=" dq-studio.1"
actual=$(cd "$dir" && ls *.1 | tr '\n' ' ')
[[ $(tr ' ' '\n' <<<"$expected" | sort | xargs) == $(tr ' ' '\n' <<<"$actual" | sort | xargs) ]] ||
  fail "pages: expected $expected, found $actual"

# grep reads a here-string, not a pipe: with pipefail, grep -q leaving early would fail sed.
while IFS=$'\t' read -r _ sub names _; do
  page=$dir/dq-$sub.1; [[ $sub == - ]] && page=$dir/dq.1
  for name in ${names//,/ }; do
    grep -qF -- "$name" <<<"$(sed 's/\\-/-/g' "$page")" || fail "$(basename "$page") lacks $name"
  done
done < <(awk -F'\t' '$1 == "opt"' <<<"$table")
if [[ -n $studio ]]; then
  for name in --dataset --language --screenshot-tour --version; do
    grep -qF -- "$name" <<<"$(sed 's/\\-/-/g' "$dir/dq-studio.1")" || fail "dq-studio.1 lacks $name"
  done
fi

for page in "$dir"/*.1; do
  ! grep -Eq "QStandardPaths|qt\.qpa|XDG_RUNTIME_DIR" "$page" || fail "$(basename "$page") holds a Qt warning"
  warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null)
  [[ -z $warnings ]] || fail "$(basename "$page"): $warnings"
  text=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$page" 2>/dev/null)
  grep -q "^NAME" <<<"$text" && grep -q "^OPTIONS" <<<"$text" || fail "$(basename "$page") has no NAME or OPTIONS"
  echo "ok: $(basename "$page") ($(wc -l <<<"$text") lines)"
done
# The gzip copies that the package installs hold the same pages.
for page in "$dir"/*.1; do
  cmp -s "$page" <(gzip -dc "$dir/gz/$(basename "$page").gz") || fail "gz/$(basename "$page").gz differs"
done
