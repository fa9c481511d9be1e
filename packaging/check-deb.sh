#!/usr/bin/env bash
# The package as a new user gets it: builds dq-studio_*.deb, makes a clean Debian 12 root
# with debootstrap (minbase: nothing but apt), installs the package there with
# `apt-get install ./dq-studio_*.deb` (so its Depends must be complete), and runs inside
# that root: dq --version, dq info on Fashion-MNIST, a small dq bins, and dq-studio under
# Xvfb, checking that its window is up and taking a screenshot.
# Run by hand before a release: it downloads a root file system and the dependencies
# (about 330 MB, kept in WORK_DIR/cache for the next run), installs 1.2 GB in
# WORK_DIR/root (left there for a look; the next run starts it afresh) and takes about
# 4 minutes on 2 cores.
# Usage: packaging/check-deb.sh [--deb FILE] [WORK_DIR]   (as root; WORK_DIR: build/check-deb)
#   --deb FILE  check this package instead of building one from the tree
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${DQ_BUILD_DIR:-$root/build}
given=""
if [[ ${1:-} == --deb ]]; then
  given=$(realpath "${2:?--deb needs a file}")
  shift 2
fi
work=$(realpath -m "${1:-$build/check-deb}")
mirror=${DQ_DEBIAN_MIRROR:-http://deb.debian.org/debian}
security=${DQ_DEBIAN_SECURITY:-http://deb.debian.org/debian-security}
if ((EUID != 0)); then
  echo "check-deb: run as root (debootstrap, chroot)" >&2
  exit 1
fi
step() { printf '\n== %s\n' "$*"; }

"$here/install-deps.sh" --deb
mkdir -p "$work"
if [[ -n $given ]]; then
  deb=$given
else
  step "build the package's files (target dq_package_files) and the package"
  [[ -f $build/CMakeCache.txt ]] || cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j "${DQ_JOBS:-$(nproc)}" --target dq_package_files
  rm -rf "$work/deb"
  cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/deb" >"$work/cpack.log" 2>&1 ||
    { cat "$work/cpack.log"; exit 1; }
  rm -rf "$work/deb/_CPack_Packages"
  deb=$(ls "$work/deb"/dq-studio_*.deb)
fi
echo "package: $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb -f "$deb" Package Version Depends Recommends

chroot=$work/root
mounts=()
cleanup() {
  local m
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -l "${mounts[i]}" 2>/dev/null || true; done
}
trap cleanup EXIT
bind() { mount --bind "$1" "$chroot$1"; mounts+=("$chroot$1"); }

step "a clean Debian 12 root (debootstrap --variant=minbase bookworm)"
# A run that was killed may have left its mounts: detach them before deleting anything.
for m in $(findmnt -rno TARGET | grep "^$chroot/" | sort -r); do umount -l "$m"; done
rm -rf --one-file-system "$chroot"
mkdir -p "$work/cache" "$chroot"
debootstrap --variant=minbase --cache-dir="$work/cache" bookworm "$chroot" "$mirror" >"$work/debootstrap.log" 2>&1 ||
  { tail -30 "$work/debootstrap.log"; exit 1; }
cat >"$chroot/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security bookworm-security main
EOF
mount -t proc proc "$chroot/proc"; mounts+=("$chroot/proc")
bind /dev
bind /sys
mkdir -p "$chroot/var/cache/apt/archives"
mount --bind "$work/cache" "$chroot/var/cache/apt/archives"; mounts+=("$chroot/var/cache/apt/archives")
cp "$deb" "$chroot/tmp/"
in_root() { chroot "$chroot" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C.UTF-8 \
  DEBIAN_FRONTEND=noninteractive "$@"; }
echo "root: $(in_root cat /etc/debian_version), $(in_root dpkg-query -f '.\n' -W | wc -l) packages"

step "apt-get install ./$(basename "$deb")"
in_root apt-get update -q
in_root bash -c "cd /tmp && apt-get install -y -q ./$(basename "$deb")" >"$work/apt.log" 2>&1 ||
  { tail -40 "$work/apt.log"; exit 1; }
grep -E "^(Setting up dq-studio|Need to get|After this operation)" "$work/apt.log"
echo "installed: $(in_root dpkg-query -W -f '${Package} ${Version}, ${Status}' dq-studio)"

step "dq --version"
in_root dq --version
step "dq info --dataset fashion-mnist"
in_root dq info --dataset fashion-mnist
step "dq bins (raw pixels of the first 2000 training images, 4 bins)"
in_root dq bins --dataset fashion-mnist --limit 2000 --bins 4 --out /tmp/bins
in_root ls /tmp/bins
step "manual pages and completions in place"
in_root bash -c "cd /usr/share/man/man1 && echo dq*.1.gz; ls /usr/share/bash-completion/completions/dq /usr/share/zsh/vendor-completions/_dq"

step "dq-studio under Xvfb"
in_root apt-get install -y -q --no-install-recommends xvfb xauth x11-utils x11-apps netpbm >"$work/apt-x.log" 2>&1 ||
  { tail -20 "$work/apt-x.log"; exit 1; }
cat >"$chroot/tmp/studio.sh" <<'EOF'
#!/bin/bash
# Inside xvfb-run: start DQ Studio on Fashion-MNIST, wait for its window, take a screenshot.
export XDG_RUNTIME_DIR=$(mktemp -d) # as a desktop session has it (Qt warns otherwise)
dq-studio --dataset fashion-mnist >/tmp/studio.log 2>&1 &
pid=$!
for _ in $(seq 60); do
  sleep 1
  kill -0 "$pid" 2>/dev/null || { echo "dq-studio exited:"; cat /tmp/studio.log; exit 1; }
  xwininfo -root -tree | grep -q '"DQ Studio' && break
done
sleep 5 # the dataset view fills in
xwininfo -root -tree | grep '"DQ Studio' | head -3 | sed 's/^ */window: /'
xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng >/tmp/dq-studio.png
kill "$pid"; wait "$pid" 2>/dev/null
echo "stderr of dq-studio: $(wc -l </tmp/studio.log) lines"; cat /tmp/studio.log
EOF
chmod +x "$chroot/tmp/studio.sh"
in_root xvfb-run -a -s "-screen 0 1360x860x24" /tmp/studio.sh
cp "$chroot/tmp/dq-studio.png" "$work/dq-studio.png"
echo "screenshot: $work/dq-studio.png ($(file -b "$work/dq-studio.png"))"

step "check-deb: passed ($(basename "$deb") in a clean Debian $(in_root cat /etc/debian_version))"
