#!/usr/bin/env bash
# Writes the bash (OUT/dq) and zsh (OUT/_dq) completions of dq from the --help of the built
# binary (dq-cli-table.sh): subcommands, their options, the values listed in an option's
# help ("a | b | c"), dataset spec prefixes for --dataset, files for other text arguments.
# Usage: gen-completion.sh OUT DQ
set -euo pipefail
out=${1:?} dq=${2:?}
here=$(cd "$(dirname "$0")" && pwd)
table=$("$here/dq-cli-table.sh" "$dq")
mkdir -p "$out"

# (Rows are read with IFS=\037: a tab IFS would merge empty fields.)
# What an option's value is: "" (a flag), dataset, number, file, or "choice V1 V2 ...".
kind() { # ARG CHOICES NAMES
  if [[ -z $1 ]]; then echo ""
  elif [[ ,$3, == *,--dataset,* ]]; then echo dataset
  elif [[ -n $2 ]]; then echo "choice $2"
  elif [[ $1 == TEXT* ]]; then echo file
  else echo number; fi
}

subs=$(awk -F'\t' '$1 == "sub" {printf "%s ", $2}' <<<"$table")
specs=$(awk -F'\t' '$1 == "spec" {printf "%s ", $2}' <<<"$table")

# ---- bash
{
  echo "# bash completion for dq; generated from \`dq --help\` by packaging/tools/gen-completion.sh"
  echo "_dq_subcommands='${subs% }'"
  echo "_dq_dataset_specs='${specs% }'"
  echo "# Options of a subcommand (\"-\": before the subcommand)."
  echo "_dq_options() {"
  echo "  case \$1 in"
  awk -F'\t' '$1 == "opt" {o[$2] = o[$2] (o[$2] == "" ? "" : " ") $3} END {for (s in o) {gsub(",", " ", o[s]); printf "    %s) echo \"%s\" ;;\n", s, o[s]}}' <<<"$table" | sort
  echo "  esac"
  echo "}"
  echo "# The value an option takes: empty (a flag), dataset, number, file or \"choice VALUES\"."
  echo "_dq_value() {"
  echo "  case \"\$1 \$2\" in"
  while IFS=$'\037' read -r _ sub names arg choices _; do
    k=$(kind "$arg" "$choices" "$names")
    [[ -z $k ]] && continue
    pattern=$(sed "s/[^,]*/\"$sub &\"/g; s/,/|/g" <<<"$names")
    printf '    %s) echo "%s" ;;\n' "$pattern" "$k"
  done < <(awk -F'\t' -v OFS='\037' '$1 == "opt" {$1 = $1; print}' <<<"$table")
  echo "  esac"
  echo "}"
  cat "$here/dq-completion.bash"
} >"$out/dq"

# ---- zsh
zq() { sed "s/'/'\\\\''/g; s/\\[/\\\\[/g; s/\\]/\\\\]/g" <<<"$1"; } # inside '...[DESC]'
{
  echo "#compdef dq"
  echo "# zsh completion for dq; generated from \`dq --help\` by packaging/tools/gen-completion.sh"
  echo "_dq_dataset() {"
  echo "  if compset -P '[a-z0-9-]##:'; then _files; return; fi"
  for s in $specs; do
    if [[ $s == *: ]]; then echo "  compadd -S '' -- '$s'"; else echo "  compadd -- '$s'"; fi
  done
  echo "}"
  echo "_dq_specs() { # SUBCOMMAND: the _arguments specs of its options"
  echo "  case \$1 in"
  current=""
  while IFS=$'\037' read -r _ sub names arg choices desc; do
    if [[ $sub != "$current" ]]; then
      [[ -n $current ]] && echo "      ) ;;"
      printf '    %s) reply=(\n' "$sub"
      current=$sub
    fi
    k=$(kind "$arg" "$choices" "$names")
    case $k in
      "") action="" ;;
      dataset) action=":dataset spec:_dq_dataset" ;;
      file) action=":file:_files" ;;
      number) action=":number: " ;;
      choice*) action=":value:(${k#choice })" ;;
    esac
    d=$(zq "$desc")
    IFS=, read -ra each <<<"$names"
    for n in "${each[@]}"; do
      if [[ -z $action ]]; then spec="$n[$d]"
      elif [[ $n == --* ]]; then spec="$n=[$d]$action"
      else spec="$n+[$d]$action"; fi
      printf "      '%s'\n" "$spec"
    done
  done < <(awk -F'\t' -v OFS='\037' '$1 == "opt" {$1 = $1; print}' <<<"$table")
  [[ -n $current ]] && echo "      ) ;;"
  echo "  esac"
  echo "}"
  echo "_dq_subcommand_list() {"
  echo "  local -a subs; subs=("
  while IFS=$'\037' read -r _ sub desc; do
    printf "    '%s:%s'\n" "$sub" "$(sed "s/'/'\\\\''/g; s/:/\\\\:/g" <<<"$desc")"
  done < <(awk -F'\t' -v OFS='\037' '$1 == "sub" {$1 = $1; print}' <<<"$table")
  echo "  )"
  echo "  _describe -t commands 'dq subcommand' subs"
  echo "}"
  cat "$here/dq-completion.zsh"
} >"$out/_dq"
