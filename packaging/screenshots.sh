#!/usr/bin/env bash
# Screenshots of DQ Studio for the README: starts dq-studio under Xvfb with a fresh
# settings and cache folder, walks through the views on Fashion-MNIST (open, the stages
# up to Sample, embedding, bins, kept images, a selection, the Pixels stage and the pixel
# view on a kept bag, storage, "Try it", export, Chinese) and saves one PNG per view.
# The Pixels stage trains its two networks from scratch here (the cache is fresh): about
# five minutes on 2 CPU cores.
# Usage: packaging/screenshots.sh [OUT_DIR]   (default docs/screenshots; build in $DQ_BUILD_DIR or build/)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${DQ_BUILD_DIR:-$root/build}
out=${1:-$root/docs/screenshots}
studio="$build/app/dq-studio"

if [[ ! -x "$studio" ]]; then
  echo "screenshots: $studio is missing: build first (packaging/build.sh)" >&2
  exit 1
fi
if ! command -v xvfb-run >/dev/null; then
  echo "screenshots: xvfb-run is missing (packaging/install-deps.sh installs xvfb and xauth)" >&2
  exit 1
fi
if ! fc-list :lang=zh | grep -q .; then
  echo "screenshots: no Chinese font (e.g. fonts-wqy-microhei): the zh_CN screenshot is skipped" >&2
fi

state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
mkdir -p "$out"
XDG_CONFIG_HOME="$state/config" XDG_CACHE_HOME="$state/cache" \
  xvfb-run -a -s "-screen 0 1600x1000x24" \
  "$studio" --language en --screenshot-tour "$out"
echo "screenshots: written to $out"
