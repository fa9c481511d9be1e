#!/usr/bin/env bash
# The evaluation's quality table (issue: evaluation): Fashion-MNIST, the main job's bins
# (ConvNet-3 trained one epoch, gradient features, 10 GraphCut bins), keep ratios 1%, 5%,
# 12.5% and 25%: DQ's subset, the same images after dq pixel (mask ratio 0.2, GradCAM++,
# compact MAE: the defaults) and a random subset of the same class counts; dq evaluate's
# default recipe (ConvNet-3 width 32, 6 epochs, batch 128, SGD 0.1 cosine, crop and flip),
# seeds 0, 1, 2. Prints dq evaluate's table; the JSON is in WORK/evaluation/.
#   tests/bench/bench_evaluation_quality.sh [WORK]      (dq from build/app, or $DQ)
#   RATIOS="0.01 0.05" tests/bench/bench_evaluation_quality.sh ...  (other keep ratios)
# It reuses the feature, weight and MAE caches of the main job (~/.cache/dq-studio).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dq=${DQ:-$root/build/app/dq}
work=${1:-/tmp/dq-bench-quality}
read -r -a ratios <<<"${RATIOS:-0.01 0.05 0.125 0.25}"
mkdir -p "$work"
"$dq" bins --dataset fashion-mnist --model convnet --epochs 1 --bins 10 --out "$work/bins" >/dev/null
subsets=()
for r in "${ratios[@]}"; do
  "$dq" sample --bins "$work/bins" --ratio "$r" --out "$work/" >/dev/null
  "$dq" pixel --dataset fashion-mnist --indices "$work/select_indices_FashionMNIST_$r.npy" --mask-ratio 0.2 \
    --cam gradcam++ --recon mae-compact --out "$work/pixel-$r" >/dev/null
  subsets+=(--subset "dq-reconstructed-$r=$work/pixel-$r")
done
list=$(IFS=,; echo "${ratios[*]}")
/usr/bin/time -f "wall %e s, peak %M KB" "$dq" evaluate --dataset fashion-mnist --bins "$work/bins" --ratios "$list" \
  "${subsets[@]}" --seeds 0,1,2 --out "$work/evaluation"
