#!/usr/bin/env bash
# The generated completions of dq: the bash one, sourced and asked as bash would ask it
# (subcommands, options, listed values, dataset spec prefixes and the paths after them,
# files); the zsh one, parsed by zsh and its option specs read back.
# Usage: completion.sh COMPLETION_DIR DQ
set -euo pipefail
. "$(dirname "$0")/need.sh"
need bash zsh
dir=$1 dq=$2
table=$("$(dirname "$0")/../../packaging/tools/dq-cli-table.sh" "$dq")
subs=$(awk -F'\t' '$1 == "sub" {print $2}' <<<"$table" | xargs)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/cifar-10-batches-py" "$work/ckpt"
touch "$work/features.npy" "$work/labels.npy"

cd "$work"
DIR=$dir SUBS=$subs bash -c '
  set -u
  . "$DIR/dq"
  [[ $(complete -p dq) == "complete -F _dq dq" ]] || { echo "FAIL: not registered: $(complete -p dq)"; exit 1; }
  status=0
  expect() { # LINE EXPECTED (the sorted completions, space-separated)
    COMP_LINE=$1; COMP_POINT=${#1}; COMPREPLY=()
    _dq dq "" ""
    local got; got=$(printf "%s\n" "${COMPREPLY[@]}" | sort | xargs)
    local want; want=$(printf "%s\n" $2 | sort | xargs)
    if [[ $got == "$want" ]]; then echo "ok: [$1] -> $got"
    else echo "FAIL: [$1] -> [$got], expected [$want]"; status=1; fi
  }
  expect "dq " "$SUBS"
  expect "dq sa" "sample"
  expect "dq --threads 2 sa" "sample"
  expect "dq -" "-h --help --version --threads --dist-timeout --master-addr --master-port"
  expect "dq info -" "-h --help -d --dataset --json"
  expect "dq bins --gre" "--greedy"
  expect "dq bins --greedy " "naive lazy stochastic approx-lazy"
  expect "dq bins --function=fa" "facility-location"
  expect "dq bins --model torch" "torchscript:"
  expect "dq bins --epochs " ""
  expect "dq info --dataset " "fashion-mnist fashion-mnist: idx: cifar10: imagefolder: npy:"
  expect "dq info --dataset ci" "cifar10:"
  # After a prefix: paths, shown (as bash replaces them) after the colon.
  expect "dq info --dataset cifar10:cif" "cifar-10-batches-py"
  expect "dq bins --dataset=npy:feat" "features.npy"
  expect "dq bins --features f" "features.npy"
  expect "dq pixel --cam-weights ck" "ckpt"
  expect "dq sample --ratio 0.1 --bins ck" "ckpt"
  exit $status
' || fail "bash completion"

# zsh: the file parses, names every subcommand, and its option specs are those of --help.
zsh -n "$dir/_dq" || fail "zsh -n _dq"
DIR=$dir zsh -f -c '
  _arguments() { return 1 }; _describe() { return 1 }; compadd() { print -r -- "compadd $*" }
  compset() { return 1 }; _files() { print files }
  source "$DIR/_dq"
  _dq_specs bins; print -rl -- $reply
  print -- ---
  _dq_specs -; print -rl -- $reply
  print -- ---
  _dq_dataset
  print -- ---
  functions _dq_subcommand_list
' >"$work/zsh.out" || fail "zsh could not load _dq"
grep -qxF -- "'--greedy=[naive | lazy | stochastic | approx-lazy]:value:(naive lazy stochastic approx-lazy)'" "$work/zsh.out" ||
  grep -qF -- "--greedy=[naive | lazy | stochastic | approx-lazy]:value:(naive lazy stochastic approx-lazy)" "$work/zsh.out" ||
  fail "zsh: bins --greedy spec: $(grep -e --greedy "$work/zsh.out")"
grep -qF -- "--dataset=[A dataset spec; its features are computed (or read from the cache) with --model]:dataset spec:_dq_dataset" "$work/zsh.out" ||
  fail "zsh: bins --dataset spec"
grep -qF -- "-k+[Number of bins K]:number:" "$work/zsh.out" || fail "zsh: bins -k spec"
grep -qF -- "--threads=[" "$work/zsh.out" || fail "zsh: --threads spec"
grep -qxF -- "compadd -S  -- idx:" "$work/zsh.out" || fail "zsh: dataset prefixes: $(grep compadd "$work/zsh.out")"
for sub in $subs; do
  grep -qF -- "'$sub:" "$work/zsh.out" || fail "zsh: subcommand $sub missing"
done
echo "ok: zsh completion ($(grep -c -- '^--' "$work/zsh.out") option specs read back)"
