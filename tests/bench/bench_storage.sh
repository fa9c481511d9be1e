#!/usr/bin/env bash
# Storage of the pixel step, before (a dq of quantized format version 1, e.g. the main
# branch's build) and after (this build's compressed version 2), on 7,500 Fashion-MNIST
# training images (750 of every class, numpy seed 0: the size of the main job's
# `dq sample --ratio 0.125`), GradCAM++ on ConvNet-3 (1 epoch, from the cache), mask 0.2,
# inpainting (the stored bytes do not depend on the reconstruction). Prints JSON lines:
# the stored bytes of both and the kept images' lossless sizes, then restore throughput
# (whole process, the two alternately, PAIRS pairs after one warm-up pair).
# Usage: DQ_BEFORE=/path/to/old/dq bench_storage.sh [BUILD_DIR] [WORK] [PAIRS]
set -euo pipefail
build=${1:-build}
work=${2:-/tmp/dq-bench-storage}
pairs=${3:-5}
before=${DQ_BEFORE:?set DQ_BEFORE to a dq that writes quantized format version 1}
after=$build/app/dq
mkdir -p "$work"
/usr/bin/python3 - "$work/idx.npy" <<'PY'
import gzip, sys, numpy as np
labels = np.frombuffer(gzip.open('/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz').read(), np.uint8, offset=8)
rng = np.random.default_rng(0)
idx = np.sort(np.concatenate([rng.choice(np.flatnonzero(labels == c), 750, replace=False) for c in range(10)]))
np.save(sys.argv[1], idx.astype(np.int64))
PY
common=(--dataset fashion-mnist --indices "$work/idx.npy" --recon inpaint:telea --device cpu)
"$before" pixel "${common[@]}" --out "$work/before" > /dev/null
"$after" pixel "${common[@]}" --out "$work/after" > /dev/null
git=$(git -C "$(dirname "$0")" rev-parse --short HEAD)
/usr/bin/python3 - "$work" "$git" <<'PY'
import json, os, sys, datetime
w, git = sys.argv[1], sys.argv[2]
def folder(d): return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(d) for f in fs)
after = json.load(open(w + '/after/pixel.json'))
b_q, a_q = folder(w + '/before/quantized'), folder(w + '/after/quantized')
pj = after['bytes']
a = {"kept_patches": after['counts']['kept_patches_per_image'], "bytes_original": pj['original'],
     "bytes_original_png": pj['original_png'], "bytes_original_webp_lossless": pj['original_webp_lossless'],
     "bytes_original_best_lossless": pj['original_best_lossless']['bytes']}
print(json.dumps({"bench": "storage", "input": "7,500 Fashion-MNIST train images (750 per class, seed 0), gradcam++ convnet, mask 0.2",
                  "kept_patches": a["kept_patches"], "raw_bytes": a["bytes_original"], "png_bytes": a["bytes_original_png"],
                  "webp_lossless_bytes": a["bytes_original_webp_lossless"], "stored_before": b_q, "stored_after": a_q,
                  "after_over_before": a_q / b_q, "after_over_png": a_q / a["bytes_original_png"],
                  "after_over_best_lossless": a_q / a["bytes_original_best_lossless"],
                  "goal_after_below": a["bytes_original_png"] * a["kept_patches"] / 49,
                  "dataset_raw_bytes": pj["dataset_raw"], "git": git, "date": str(datetime.date.today())}))
PY
timeit() { local s e; s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }
tb=(); ta=()
for k in $(seq 0 "$pairs"); do
  b=$(timeit "$before" restore --quantized "$work/before/quantized" --recon inpaint:telea --out "$work/rb")
  a=$(timeit "$after" restore --quantized "$work/after/quantized" --recon inpaint:telea --out "$work/ra")
  [ "$k" -gt 0 ] && tb+=("$b") && ta+=("$a")
done
/usr/bin/python3 - "$git" "${tb[*]}" "${ta[*]}" <<'PY'
import json, statistics as st, sys, datetime
git, b, a = sys.argv[1], [float(x) for x in sys.argv[2].split()], [float(x) for x in sys.argv[3].split()]
r = [x / y for x, y in zip(b, a)]
print(json.dumps({"bench": "restore", "input": "the 7,500 images' quantized/, inpaint:telea, whole process",
                  "wall_s": st.median(a), "images_per_s": 7500 / st.median(a), "baseline": "before (version 1)",
                  "baseline_wall_s": st.median(b), "baseline_images_per_s": 7500 / st.median(b),
                  "ratio": st.median(r), "ratio_min": min(r), "ratio_max": max(r), "pairs": len(r),
                  "git": git, "date": str(datetime.date.today())}))
PY
