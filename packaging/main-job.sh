#!/usr/bin/env bash
# The main job on the embedded default dataset, Fashion-MNIST: describe it, split its
# training set into 10 bins (GraphCut on the pixels), keep 12.5% of every bin.
# Outputs land in out/fashion-mnist/ (override with DQ_OUT). With a display and the
# desktop application built, DQ Studio opens instead.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${DQ_BUILD_DIR:-$root/build}
out=${DQ_OUT:-$root/out/fashion-mnist}
dq="$build/app/dq"

if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" && -x "$build/app/dq-studio" ]]; then
  exec "$build/app/dq-studio" --dataset fashion-mnist
fi

echo "== dq info"
"$dq" info --dataset fashion-mnist
echo "== dq bins (10 bins, GraphCut, lazy greedy, raw pixels)"
"$dq" bins --dataset fashion-mnist --bins 10 --out "$out/bins"
echo "== dq sample (ratio 0.125 of every bin and class)"
"$dq" sample --bins "$out/bins" --ratio 0.125 --out "$out/"
echo "== done: results in $out"
