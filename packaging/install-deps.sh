#!/usr/bin/env bash
# Installs every build, run and test dependency of DQ Studio from Debian 12's archive.
# Idempotent: when every package is already present it does nothing (no apt-get update).
# Usage: packaging/install-deps.sh [--test | --dev | --deb | --bench]
#   --test  adds numpy (the tests check that numpy loads what dq writes) and the checkers of
#           the package's files: lintian, appstreamcli, desktop-file-validate,
#           update-mime-database, man, zsh
#   --deb   adds debootstrap (packaging/check-deb.sh: the package in a clean Debian 12)
#   --dev   adds what regenerates the test fixtures and screenshots (numpy, PyTorch,
#           ImageMagick)
#   --bench adds hyperfine (tests/bench/bench_startup.sh)
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git
  # Qt 6: widgets, test, linguist tools, translations
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-translations-l10n libqt6svg6 libgl-dev libxkbcommon-dev
  # plotting
  libqcustomplot-dev libqcustomplot2.1-qt6
  # tensors, images, compression, BLAS (LibTorch and the engine's cblas_sgemm link
  # libblas.so.3: OpenBLAS makes it 20x faster; libblas-dev has cblas.h)
  libtorch-dev libopencv-dev zlib1g-dev libblas-dev libopenblas0-pthread
  # c10d's Gloo process group (dq across processes): its headers
  libgloo-dev
  # well-kept helpers: JSON and the command line
  nlohmann-json3-dev libcli11-dev
  # the embedded default dataset
  dataset-fashion-mnist
  # headless GUI runs and screenshots
  xvfb xauth
  # the package's generated files: manual pages from --help, PNG icons from the SVG;
  # file: CPack's DEB generator sorts the installed files with it
  help2man librsvg2-bin file
  # a font for the Chinese interface (without one its text shows as empty boxes)
  fonts-wqy-microhei
)
case "${1:-}" in
  "") ;;
  --test) packages+=(python3-numpy lintian appstream desktop-file-utils shared-mime-info man-db groff-base zsh) ;;
  --dev) packages+=(python3-numpy python3-torch python3-torchvision imagemagick) ;;
  --deb) packages+=(debootstrap) ;;
  --bench) packages+=(hyperfine) ;;
  *) echo "usage: $0 [--test | --dev | --deb | --bench]" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if (( ${#missing[@]} == 0 )); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

if (( EUID != 0 )); then
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: run as root (or with sudo) to install them" >&2
  exit 1
fi

echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
