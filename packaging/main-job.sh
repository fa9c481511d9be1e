#!/usr/bin/env bash
# The main job on the embedded default dataset, Fashion-MNIST. With a display and the
# desktop application built, DQ Studio opens on it. Otherwise the same pipeline runs
# headless: describe the dataset; train the fast CPU model (ConvNet-3, one epoch), take
# its gradient features and split the training set into 10 GraphCut bins; keep 12.5% of
# every bin and class; drop the 20% least informative patches of every kept image
# (GradCAM++ on the same ConvNet) and restore them with the compact MAE, trained here on
# first use (about two minutes); then judge the kept set: a fresh ConvNet-3 trained on it, on
# its reconstruction and on random images of the same classes, tested on the test split. Outputs land in out/fashion-mnist/ (override with DQ_OUT); the
# trained weights, features and the MAE are cached, so a second run takes seconds.
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
echo "== dq bins (ConvNet-3, 1 epoch, gradient features, 10 bins, GraphCut, lazy greedy)"
"$dq" bins --dataset fashion-mnist --model convnet --epochs 1 --bins 10 --out "$out/bins"
echo "== dq sample (ratio 0.125 of every bin and class)"
"$dq" sample --bins "$out/bins" --ratio 0.125 --out "$out/"
echo "== dq pixel (GradCAM++ patches, mask ratio 0.2, compact MAE reconstruction)"
"$dq" pixel --dataset fashion-mnist --indices "$out/select_indices_FashionMNIST_0.125.npy" --mask-ratio 0.2 \
  --cam gradcam++ --recon mae-compact --out "$out/pixel"
echo "== dq evaluate (a fresh ConvNet-3 trained on the DQ subset, on its reconstruction and on a random subset of the same class counts; 1 seed, 3 epochs)"
"$dq" evaluate --dataset fashion-mnist --subset dq="$out/select_indices_FashionMNIST_0.125.npy" \
  --subset dq-reconstructed="$out/pixel" --random-like dq --seeds 0 --epochs 3 --out "$out/evaluation"
echo "== done: results in $out (pixel/images: the reconstructed training set, pixel/quantized: what is stored, evaluation/: the training curves)"
