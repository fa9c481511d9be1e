#!/usr/bin/env bash
# The GPU check of issue 20, one script for one `run` of the device tool (README, "CUDA").
# On a GPU machine of the `run` tool (nvcc, CMake, ninja, Python with PyTorch 2.x whose
# package carries LibTorch; no Debian -dev packages, no network) it
#   1. unpacks the .debs that packaging/fetch-device-debs.sh gathered here into
#      build-device/sysroot (dpkg -x, never into /), builds the GDAL/GDCM stubs,
#   2. configures and builds core and `dq` without the GUI against the venv's LibTorch,
#   3. runs on Fashion-MNIST, on the CPU and on CUDA: `dq features` (ConvNet-3 and
#      ResNet-18 at 32 x 32: one epoch of selection training, then gradient features),
#      `dq mae-train` and `dq pixel` (GradCAM++ and the compact MAE), `dq evaluate` (one
#      seed, 2 epochs); and extracts features of the same untrained network on both
#      devices to compare them,
#   4. writes $OUT/device-check.json: images/s per stage and device, and the largest
#      relative difference between the CPU's and the GPU's features.
# Without nvidia-smi (or with --cpu-only) it is the same on the CPU alone, against this
# machine's LibTorch and packages, with small counts: the form tested before a device run
# (then the "difference" compares two CPU runs, which must be 0).
#
# Usage: packaging/device-check.sh [--cpu-only] [--no-debs] [--gpu-images N] [--cpu-images N]
#                                  [--resnet-cpu-images N] [--compare-images N]
# --no-debs: use the installed packages even when packaging/device-debs/ holds .debs.
# --configure-only: stop after configuring (to test the unpacked dependencies here).
# DQ_DEVICE_BUILD=DIR builds there instead of build-device/build-{cpu,cuda}.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$root/build-device
out=${OUT:-$work/out}
debs=$root/packaging/device-debs
cpu_only=0 configure_only=0
command -v nvidia-smi >/dev/null 2>&1 || cpu_only=1
gpu_images=60000 cpu_images=5000 resnet_cpu_images=2000 compare_images=2000
while (($#)); do
  case $1 in
    --cpu-only) cpu_only=1 ;;
    --no-debs) debs=/nonexistent ;;
    --configure-only) configure_only=1 ;;
    --gpu-images) gpu_images=$2; shift ;;
    --cpu-images) cpu_images=$2; shift ;;
    --resnet-cpu-images) resnet_cpu_images=$2; shift ;;
    --compare-images) compare_images=$2; shift ;;
    *) echo "device-check: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$work" "$out"
log=$out/device-check.log
: >"$log"
say() { echo "== $*" | tee -a "$log"; }
t0=$(date +%s)

# --- 1. dependencies ---------------------------------------------------------------
cmake_args=()
if [[ -d $debs ]] && compgen -G "$debs/*.deb" >/dev/null; then
  sysroot=$work/sysroot
  rm -rf "$sysroot"
  mkdir -p "$sysroot"
  say "unpacking $(ls "$debs"/*.deb | wc -l) .debs into $sysroot"
  for f in "$debs"/*.deb; do
    if command -v dpkg >/dev/null; then
      dpkg -x "$f" "$sysroot"
    else # a .deb is an ar archive whose data.tar.* holds the files
      ar p "$f" "$(ar t "$f" | grep '^data\.tar')" | tar -x -a -f - -C "$sysroot" 2>/dev/null ||
        ar p "$f" "$(ar t "$f" | grep '^data\.tar')" | tar -x -J -f - -C "$sysroot"
    fi
  done
  lib=$sysroot/usr/lib/x86_64-linux-gnu
  mkdir -p "$lib"
  # Bookworm still ships some libraries under /lib: one folder for the linker and loader.
  if [[ -d $sysroot/lib/x86_64-linux-gnu ]]; then
    cp -an "$sysroot"/lib/x86_64-linux-gnu/. "$lib"/
  fi
  # What dpkg's alternatives would link (libblas.so.3, liblapack.so.3 -> OpenBLAS).
  ln -sf openblas-pthread/libblas.so.3 "$lib/libblas.so.3"
  ln -sf openblas-pthread/liblapack.so.3 "$lib/liblapack.so.3"
  ln -sf openblas-pthread/libopenblas.so.0 "$lib/libopenblas.so.0"
  # The engine's cblas_sgemm: libblas-dev's header and the link name, as the alternatives set them.
  ln -sf libblas.so.3 "$lib/libblas.so"
  ln -sf cblas-netlib.h "$sysroot/usr/include/x86_64-linux-gnu/cblas.h"
  # GDAL and GDCM: stubs under their sonames (packaging/fetch-device-debs.sh says why).
  "$(command -v cc || command -v gcc)" -shared -fPIC -O1 -o "$lib/libdq-gdal-gdcm-stubs.so" "$debs/gdal-gdcm-stubs.c"
  for so in libgdal.so.32 libgdcmMSFF.so.3.0 libgdcmDSED.so.3.0; do ln -sf libdq-gdal-gdcm-stubs.so "$lib/$so"; done
  # A config of the four OpenCV modules DQ links: Debian's OpenCVConfig.cmake lists all
  # thirty and expects every one of them installed.
  mkdir -p "$sysroot/opencv-cmake"
  {
    echo "set(OpenCV_VERSION 4.6.0)"
    echo "set(OpenCV_INCLUDE_DIRS \"$sysroot/usr/include/opencv4\")"
    echo "set(OpenCV_LIBS)"
    for m in core imgproc imgcodecs photo; do
      echo "add_library(opencv_$m SHARED IMPORTED)"
      echo "set_target_properties(opencv_$m PROPERTIES IMPORTED_LOCATION \"$lib/libopencv_$m.so.406\""
      echo "  INTERFACE_INCLUDE_DIRECTORIES \"$sysroot/usr/include/opencv4\")"
      echo "list(APPEND OpenCV_LIBS opencv_$m)"
    done
    echo "set(OpenCV_FOUND TRUE)"
  } >"$sysroot/opencv-cmake/OpenCVConfig.cmake"
  zlib=$(ls "$lib"/libz.so.1.* | head -1)
  cmake_args+=(-DOpenCV_DIR="$sysroot/opencv-cmake"
               -Dnlohmann_json_DIR="$sysroot/usr/share/cmake/nlohmann_json"
               -DCLI11_DIR="$sysroot/usr/share/cmake/CLI11"
               -DZLIB_INCLUDE_DIR="$sysroot/usr/include" -DZLIB_LIBRARY="$zlib"
               -DCMAKE_LIBRARY_PATH="$lib" -DDQ_CBLAS_INCLUDE_DIR="$sysroot/usr/include/x86_64-linux-gnu"
               "-DCMAKE_EXE_LINKER_FLAGS=-Wl,--no-as-needed -Wl,-rpath-link,$lib -Wl,-rpath,$lib")
  export LD_LIBRARY_PATH=$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
fi
fmnist=/usr/share/datasets/fashion-mnist
[[ -d $debs/fashion-mnist ]] && fmnist=$debs/fashion-mnist

# --- 2. build ----------------------------------------------------------------------
torch_prefix=
if ((cpu_only)); then
  devices=(cpu)
  build=${DQ_DEVICE_BUILD:-$work/build-cpu}
else
  devices=(cpu cuda)
  build=${DQ_DEVICE_BUILD:-$work/build-cuda}
  torch_prefix=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')
  say "LibTorch of $(python3 -c 'import torch; print(torch.__version__, torch.version.cuda)') at $torch_prefix"
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | tee -a "$log"
  # Hopper (H100/H200); the venv's nvidia-* packages hold cuDNN and the CUDA libraries.
  cmake_args+=(-DCMAKE_PREFIX_PATH="$torch_prefix" -DTORCH_CUDA_ARCH_LIST=9.0 -DCMAKE_CUDA_ARCHITECTURES=90)
  # Ubuntu's linker drops libraries it sees no symbol of; libtorch_cuda.so is one (it
  # registers the CUDA kernels when loaded), and without it CUDA is "not available".
  [[ ${cmake_args[*]} == *no-as-needed* ]] || cmake_args+=("-DCMAKE_EXE_LINKER_FLAGS=-Wl,--no-as-needed")
  command -v nvcc >/dev/null && cmake_args+=(-DCMAKE_CUDA_COMPILER="$(command -v nvcc)")
fi
say "configure ($build)"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDQ_BUILD_GUI=OFF -DDQ_BUILD_TESTS=OFF \
      -DDQ_BUILD_PACKAGING=OFF "${cmake_args[@]}" >>"$log" 2>&1 || { tail -40 "$log"; exit 1; }
grep -E 'LibTorch|DQ Studio:' "$log" | tail -2
((configure_only)) && exit 0
say "build dq"
jobs=$(nproc)
((cpu_only)) && [[ -n ${DQ_JOBS:-} ]] && jobs=$DQ_JOBS
ninja -C "$build" -j"$jobs" dq >>"$log" 2>&1 || { tail -40 "$log"; exit 1; }
dq=$build/app/dq
t_build=$(($(date +%s) - t0))
say "built in ${t_build}s: $("$dq" --version)"

# --- 3. runs -------------------------------------------------------------------------
spec=fashion-mnist:$fmnist
runs=$work/runs
rm -rf "$runs"
mkdir -p "$runs"
# The first K training images as an index file (pixel, evaluate): .npy of int64.
write_indices() { # FILE COUNT
  python3 - "$1" "$2" <<'EOF'
import struct, sys
path, n = sys.argv[1], int(sys.argv[2])
header = "{'descr': '<i8', 'fortran_order': False, 'shape': (%d,), }" % n
header += " " * (63 - (10 + len(header)) % 64) + "\n"
with open(path, "wb") as f:
    f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode())
    f.write(struct.pack("<%dq" % n, *range(n)))
EOF
}
run_dq() { # NAME ARGS... : dq's --json result into $runs/NAME.json
  local name=$1
  shift
  say "dq $*"
  "$dq" "$@" --json >"$runs/$name.json" 2>>"$log" || { echo "device-check: dq $1 failed" >&2; tail -20 "$log"; exit 1; }
}

for d in "${devices[@]}"; do
  n=$cpu_images nres=$resnet_cpu_images
  [[ $d == cuda ]] && n=$gpu_images nres=$gpu_images
  cache=$runs/cache-$d
  run_dq "features-convnet-$d" features --dataset "$spec" --model convnet --epochs 1 --mode gradient \
         --device "$d" --limit "$n" --cache-dir "$cache" -o "$runs/features-convnet-$d"
  run_dq "features-resnet18-$d" features --dataset "$spec" --model resnet18 --image-size 32 --epochs 1 \
         --mode gradient --device "$d" --limit "$nres" --cache-dir "$cache" -o "$runs/features-resnet18-$d"
  # The same untrained networks (seeded weights) on both devices: their features differ
  # only by the devices' arithmetic.
  for m in convnet resnet18; do
    size=()
    [[ $m == resnet18 ]] && size=(--image-size 32)
    run_dq "compare-$m-$d" features --dataset "$spec" --model "$m" "${size[@]}" --epochs 0 --mode gradient \
           --device "$d" --limit "$compare_images" --cache-dir "$cache" -o "$runs/compare-$m-$d"
  done
  run_dq "mae-train-$d" mae-train --dataset "$spec" --epochs 1 --limit "$n" --device "$d" --cache-dir "$cache"
  pixel_n=$((n / 8))
  write_indices "$runs/pixel-$d.npy" "$pixel_n"
  run_dq "pixel-$d" pixel --dataset "$spec" --indices "$runs/pixel-$d.npy" --cam gradcam++ --cam-epochs 1 \
         --recon mae-compact --mae-epochs 1 --train-limit "$n" --device "$d" --cache-dir "$cache" -o "$runs/pixel-$d"
  write_indices "$runs/evaluate-$d.npy" "$n"
  run_dq "evaluate-$d" evaluate --dataset "$spec" --subset "first=$runs/evaluate-$d.npy" --seeds 0 --epochs 2 \
         --model convnet --device "$d" --no-cache --cache-dir "$cache" -o "$runs/evaluate-$d"
done
if ((cpu_only)); then
  # No GPU: a second CPU extraction stands in for the GPU's, proving the comparison (0).
  for m in convnet resnet18; do
    size=()
    [[ $m == resnet18 ]] && size=(--image-size 32)
    run_dq "compare-$m-again" features --dataset "$spec" --model "$m" "${size[@]}" --epochs 0 --mode gradient \
           --device cpu --limit "$compare_images" --cache-dir "$runs/cache-again" -o "$runs/compare-$m-again"
  done
fi

# --- 4. the figures ------------------------------------------------------------------
other=cuda
((cpu_only)) && other=again
python3 - "$runs" "$out/device-check.json" "$other" "$t_build" "$(((cpu_only)) && echo cpu-only || echo cuda)" <<'EOF'
import json, struct, sys, os
runs, dest, other, t_build, mode = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]

def load(name):
    with open(os.path.join(runs, name + ".json")) as f:
        return json.load(f)

def npy(path):  # float32 or float64 little-endian .npy, flat
    with open(path, "rb") as f:
        data = f.read()
    hlen = struct.unpack("<H", data[8:10])[0]
    header = data[10:10 + hlen].decode()
    body = data[10 + hlen:]
    code = "f" if "<f4" in header else "d"
    return struct.unpack("<%d%s" % (len(body) // struct.calcsize(code), code), body)

def largest_difference(a, b):
    scale = max(max(abs(x) for x in a), 1e-30)
    worst = max(abs(x - y) for x, y in zip(a, b))
    return {"max_abs": worst, "max_abs_over_max": worst / scale}

devices = ["cpu"] + ([] if mode == "cpu-only" else ["cuda"])
stages = {}
for d in devices:
    s = stages.setdefault(d, {})
    for m in ("convnet", "resnet18"):
        f = load("features-%s-%s" % (m, d))
        s["%s_train" % m] = f["images_per_second"]["train"]
        s["%s_features" % m] = f["images_per_second"]["extract"]
        s["%s_images" % m] = f["rows"]
    s["mae_train"] = load("mae-train-" + d)["images_per_second"]
    p = load("pixel-" + d)
    s["pixel_cam_and_mae"] = p.get("images_per_second")
    s["pixel_images"] = p.get("counts", {}).get("images", p.get("images"))  # pixel.json, or the older flat form
    e = load("evaluate-" + d)
    run = e["subsets"][0]["runs"][0]
    trained = e["subsets"][0]["images"] * len(run["epochs"])
    s["evaluate_train_and_test"] = (trained + e.get("test_images", 10000) * len(run["epochs"])) / run["seconds"]
    s["evaluate_final_acc"] = run["final_acc"]

diff = {}
for m in ("convnet", "resnet18"):
    diff[m] = {}
    for f in ("e.npy", "b.npy", "logits.npy"):
        a = npy(os.path.join(runs, "compare-%s-cpu" % m, f))
        b = npy(os.path.join(runs, "compare-%s-%s" % (m, other), f))
        diff[m][f] = largest_difference(a, b)
worst = max(v["max_abs_over_max"] for m in diff.values() for v in m.values())
result = {
    "mode": mode,
    "build_seconds": t_build,
    "images_per_second": stages,
    "features_difference": {"against": other, "largest_relative": worst, "files": diff},
}
if mode != "cpu-only":
    c, g = stages["cpu"], stages["cuda"]
    result["speedup"] = {k: g[k] / c[k] for k in c if not k.endswith(("_images", "_acc")) and c[k] and g.get(k)}
with open(dest, "w") as f:
    json.dump(result, f, indent=2)
print(json.dumps(result, indent=2))
EOF
say "done in $(($(date +%s) - t0))s: $out/device-check.json"
