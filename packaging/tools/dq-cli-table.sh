#!/usr/bin/env bash
# Reads the command line of a built `dq` from its own --help (CLI11) and prints it as a
# tab-separated table, the one source of the manual pages and shell completions:
#   sub   NAME          DESCRIPTION
#   opt   SUB|-         NAMES(comma)  ARG(type or empty)  CHOICES(space)  DESCRIPTION
#   spec  PREFIX        FORM          (dataset spec forms, from the "Dataset specs:" footer)
# SUB "-" holds the options before the subcommand. New subcommands appear by themselves.
# Usage: dq-cli-table.sh PATH/TO/dq
set -euo pipefail
dq=${1:?usage: dq-cli-table.sh PATH/TO/dq}

# One help text -> rows. $1: "top" or the subcommand name.
parse() {
  awk -v sub_name="$1" '
    function trim(s) { sub(/^ +/, "", s); sub(/ +$/, "", s); return s }
    # The alternatives of a "a | b | c" description: plain lower-case words, "x:N" kept as "x:".
    function choices(d,   n, parts, i, w, out) {
      if (d !~ / \| /) return ""
      if (match(d, /^[^:|]*: /)) d = substr(d, RLENGTH + 1)   # "Features of --model: a | b" -> "a | b"
      n = split(d, parts, / \| /); out = ""
      for (i = 1; i <= n; i++) {
        w = trim(parts[i]); sub(/ .*/, "", w)
        if (w ~ /^[a-z][a-z0-9+.-]*:[A-Z]+$/) sub(/:[A-Z]+$/, ":", w)
        if (w !~ /^[a-z][a-z0-9+.:-]*$/) return ""   # prose, not a list of values
        out = out (out == "" ? "" : " ") w
      }
      return out
    }
    function flush() {
      if (names == "") return
      if (section == "opt")
        printf "opt\t%s\t%s\t%s\t%s\t%s\n", (sub_name == "top" ? "-" : sub_name), names, arg, choices(desc), desc
      else if (section == "sub")
        printf "sub\t%s\t%s\n", names, desc
      names = ""
    }
    /^[A-Za-z][A-Za-z ]*:$/ {                    # "Options:", "Subcommands:", "Dataset specs:"
      flush()
      section = ($0 == "Options:") ? "opt" : ($0 == "Subcommands:") ? "sub" : ($0 == "Dataset specs:") ? "spec" : ""
      next
    }
    section == "" || /^$/ { flush(); next }
    /^   +[^ ]/ && names != "" { desc = trim(desc " " $0); next }   # a wrapped description
    section == "spec" && /^  [^ ]/ && sub_name == "top" {
      form = $1; prefix = form; sub(/[\[:].*/, "", prefix)
      if (form ~ /^[a-z0-9-]+\[:/) print "spec\t" prefix "\t" form
      if (form ~ /:/) print "spec\t" prefix ":\t" form
      next
    }
    section == "spec" { next }
    section == "opt" && /^  -/ {
      flush()
      line = substr($0, 3)
      names = line; sub(/ .*/, "", names)
      rest = substr(line, length(names) + 1)
      arg = ""
      # CLI11 writes " TYPE[=DEFAULT] [REQUIRED]" right after the names, then pads.
      if (match(rest, /^ (TEXT|INT|UINT|FLOAT|BOOLEAN|NUMBER|ENUM)[^ ]*( REQUIRED)?/)) {
        arg = substr(rest, 2, RLENGTH - 1); sub(/ REQUIRED$/, "", arg); sub(/=.*/, "", arg)
        rest = substr(rest, RLENGTH + 1)
      }
      desc = trim(rest)
      next
    }
    section == "sub" && /^  [^ ]/ {
      flush()
      names = $1; desc = trim(substr($0, length($1) + 3))
      next
    }
    END { flush() }
  '
}

top=$("$dq" --help | parse top)
printf '%s\n' "$top"
for sub in $(printf '%s\n' "$top" | awk -F'\t' '$1 == "sub" {print $2}'); do
  "$dq" "$sub" --help | parse "$sub"
done
