#!/usr/bin/env bash
# Start-up of the light commands: OLD (a dq that links LibTorch, e.g. main's build before
# the split) against NEW (the light dq), in paired hyperfine runs: ROUNDS rounds, each
# measuring OLD then NEW right after each other on the same command, so both see the same
# machine load. Commands: --version, info on Fashion-MNIST (the default spec; most of its
# time is gunzip of the 30 MB of IDX files) and on the features below as npy:, bins on a
# small features folder (1,000 Fashion-MNIST images as pixels, made once with NEW), sample
# on those bins, text --embed tfidf on tests/fixtures/text/alpaca_small.json.
# Prints one JSON line per command and binary: the median over rounds of hyperfine's mean,
# and every round's mean and standard deviation, in milliseconds.
# Needs hyperfine (packaging/install-deps.sh --bench).
# Usage: bench_startup.sh OLD_DQ [NEW_DQ] [WORK] [ROUNDS] [RUNS]
set -euo pipefail
old=${1:?give the dq to compare with, e.g. a copy of the build/app/dq of main}
new=${2:-build/app/dq}
work=${3:-/tmp/dq-bench-startup}
rounds=${4:-3}
runs=${5:-20}
src=$(cd "$(dirname "$0")/../.." && pwd)
command -v hyperfine >/dev/null || { echo "bench_startup: hyperfine is missing (packaging/install-deps.sh --bench)" >&2; exit 1; }
mkdir -p "$work/json"
if [[ ! -f $work/features/features.json ]]; then
  "$new" features --dataset fashion-mnist --model pixels --limit 1000 --cache-dir "$work/cache" \
    --out "$work/features" >/dev/null 2>&1
fi
"$new" bins --features "$work/features" -k 10 --out "$work/bins" >/dev/null 2>&1

names=(version info info-npy bins sample text)
args_version=(--version)
args_info=(info)
args_info_npy=(info --dataset "npy:$work/features/pixels.npy,$work/features/labels.npy")
args_bins=(bins --features "$work/features" -k 10 --out "$work/bins-run")
args_sample=(sample --bins "$work/bins" --ratio 0.1 --out "$work/subset.npy")
args_text=(text --data "$src/tests/fixtures/text/alpaca_small.json" --embed tfidf --no-cache --ratio 0.5 -k 2
           --out "$work/text.json")
quote() { local q=() a; for a in "$@"; do q+=("$(printf '%q' "$a")"); done; echo "${q[*]}"; }
for name in "${names[@]}"; do
  declare -n args="args_${name//-/_}"
  for ((r = 1; r <= rounds; ++r)); do
    hyperfine -N --style none --warmup 3 --runs "$runs" --export-json "$work/json/$name.$r.json" \
      -n old "$(quote "$old" "${args[@]}")" -n new "$(quote "$new" "${args[@]}")" >/dev/null
  done
done

git=$(git -C "$src" rev-parse --short HEAD)
read -r load1 load5 load15 _ </proc/loadavg
python3 - "$work/json" "$rounds" "$git" "$(nproc)" "$load1 $load5 $load15" <<'PY'
import json, statistics, sys, datetime
d, rounds, git, cores, load = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
date = datetime.datetime.utcnow().strftime('%Y-%m-%d %H:%M UTC')
for name in ["version", "info", "info-npy", "bins", "sample", "text"]:
    per = {}
    for r in range(1, rounds + 1):
        for res in json.load(open(f"{d}/{name}.{r}.json"))["results"]:
            per.setdefault(res["command"], []).append((res["mean"] * 1e3, res["stddev"] * 1e3))
    for which in ["old", "new"]:
        means = [m for m, _ in per[which]]
        print(json.dumps({"bench": "startup", "command": name, "dq": which,
                          "median_of_means_ms": round(statistics.median(means), 1),
                          "rounds_ms": [[round(m, 1), round(s, 1)] for m, s in per[which]],
                          "git": git, "cores": cores, "loadavg_after": load, "date": date}))
PY
