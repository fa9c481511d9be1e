#!/usr/bin/env bash
# The comparison table (issue: DQ against the field): Fashion-MNIST, every selection method
# with DQ's per-class budgets, from the main job's features (ConvNet-3 trained one epoch,
# gradient features 60,000 x 2,048, logits and training dynamics) and bins (10 GraphCut
# bins); dq evaluate's default recipe (ConvNet-3 width 32, 6 epochs, batch 128, SGD 0.1
# cosine, crop and flip), seeds 0, 1, 2. One dq evaluate per ratio, cheapest first, so
# that a run stopped early still leaves whole ratios (each with its table and JSON in
# WORK/compare-R/); the run cache makes a second pass train only what is missing.
#   tests/bench/bench_compare_methods.sh [WORK]           (dq from build/app, or $DQ)
#   RATIOS="0.01 0.05" METHODS=dq,random,kcenter SEEDS=0,1 tests/bench/bench_compare_methods.sh
# FEATURES (default: the main job's cached features folder) and BINS (default WORK/bins,
# made with dq bins when missing) name the inputs.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dq=${DQ:-$root/build/app/dq}
work=${1:-/tmp/dq-bench-compare}
read -r -a ratios <<<"${RATIOS:-0.01 0.05 0.125 0.25}"
methods=${METHODS:-dq,random,kcenter,herding,moderate,forgetting,el2n,uncertainty,ccs,submodular}
seeds=${SEEDS:-0,1,2}
bins=${BINS:-$work/bins}
mkdir -p "$work"
[ -f "$bins/bins.json" ] ||
  "$dq" bins --dataset fashion-mnist --model convnet --epochs 1 --bins 10 --out "$bins" >/dev/null
if [ -z "${FEATURES:-}" ]; then
  # dq features with the main job's model settings: the features cache answers at once.
  "$dq" features --dataset fashion-mnist --model convnet --epochs 1 --out "$work/features" >/dev/null
  FEATURES=$work/features
fi
for r in "${ratios[@]}"; do
  echo "== ratio $r ($(date -u +%H:%M:%S))"
  /usr/bin/time -f "wall %e s, peak %M KB" "$dq" evaluate --dataset fashion-mnist --bins "$bins" --ratios "$r" \
    --methods "$methods" --features "$FEATURES" --seeds "$seeds" --out "$work/compare-$r"
done
