#!/usr/bin/env bash
# Rate-distortion of DQ's pixel step against JPEG and WebP at equal bytes on the main
# job's kept images (INDICES: `dq sample`'s index file, e.g.
# out/fashion-mnist/select_indices_FashionMNIST_0.125.npy), with dq pixel's defaults
# (GradCAM++ on ConvNet-3, the compact MAE; both from the cache after the main job):
# `dq pixel --compare-codecs` at MASKS (default 0.2,0.5), whole process under
# /usr/bin/time. Prints one JSON line per point of codecs.json, then one for the process.
# Usage: bench_codecs.sh INDICES [BUILD_DIR] [WORK] [MASKS]
set -euo pipefail
indices=${1:?give the index file of the kept images}
build=${2:-build}
work=${3:-/tmp/dq-bench-codecs}
masks=${4:-0.2,0.5}
rm -rf "$work/pixel"
mkdir -p "$work"
/usr/bin/time -v "$build/app/dq" pixel --dataset fashion-mnist --indices "$indices" --compare-codecs \
    --compare-mask-ratios "$masks" --out "$work/pixel" > "$work/stdout.txt" 2> "$work/time.txt"
git=$(git -C "$(dirname "$0")" rev-parse --short HEAD)
/usr/bin/python3 - "$work" "$git" <<'PY'
import json, re, sys, datetime
w, git = sys.argv[1], sys.argv[2]
c = json.load(open(w + '/pixel/codecs.json'))
date = datetime.datetime.utcnow().strftime('%Y-%m-%d')
for p in c['points']:
    print(json.dumps({"bench": "codecs-" + p['method'], "input": f"{c['images']} kept images, mask {p['mask_ratio']}",
                      "bytes": p['bytes'], "bytes_per_image": p['bytes_per_image'], "psnr_db": p['psnr_db'],
                      "ssim": p['ssim'], "quality": [p.get('quality_low'), p.get('quality_high')],
                      "within_tolerance": p.get('within_tolerance', True), "git": git, "date": date}))
t = open(w + '/time.txt').read()
wall = re.search(r'Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)', t)
seconds = (int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))) if wall else None
rss = re.search(r'Maximum resident set size \(kbytes\): (\d+)', t)
print(json.dumps({"bench": "codecs-process", "input": f"{c['images']} kept images, masks {c['mask_ratios']}",
                  "wall_s": seconds, "peak_rss_mb": int(rss.group(1)) / 1024 if rss else None, "git": git, "date": date}))
PY
