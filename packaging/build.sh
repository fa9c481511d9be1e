#!/usr/bin/env bash
# Configures and builds DQ Studio into build/ (Release, Ninja, ccache when present).
# Extra arguments go to cmake's configure step, e.g. -DTorch_DIR=/opt/libtorch/share/cmake/Torch
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${DQ_BUILD_DIR:-$root/build}
jobs=${DQ_JOBS:-$(nproc)}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build "$build" -j "$jobs"
