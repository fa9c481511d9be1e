#!/usr/bin/env bash
# Builds the Debian package of this build tree with CPack into OUT (the fixture of the
# lintian and content checks).
# Usage: deb_build.sh BUILD_DIR OUT
set -euo pipefail
. "$(dirname "$0")/need.sh"
need cpack dpkg-deb dpkg-shlibdeps file
build=$1 out=$2
rm -rf "$out"
mkdir -p "$out"
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$out" >"$out/cpack.log" 2>&1 || { cat "$out/cpack.log"; fail cpack; }
rm -rf "$out/_CPack_Packages"
ls -l "$out"/*.deb "$out"/*.ddeb
