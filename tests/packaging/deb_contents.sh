#!/usr/bin/env bash
# What the built package holds and declares: control fields (maintainer with an address,
# extended description, OpenBLAS and the Qt plugins in Depends), stripped executables
# whose symbols are in the -dbgsym package under their build ids (dq-torch in libexec, found
# by the installed dq), the manual pages,
# completions, desktop integration, icons at every size, copyright and changelog.
# Usage: deb_contents.sh DEB_DIR APP_ID
set -euo pipefail
. "$(dirname "$0")/need.sh"
need dpkg-deb file readelf
dir=$1 id=$2
deb=$(ls "$dir"/dq-studio_*.deb) ddeb=$(ls "$dir"/dq-studio-dbgsym_*.ddeb)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

field() { dpkg-deb -f "$deb" "$1"; }
[[ $(field Maintainer) =~ ^[^\<]+\ \<[^@\>]+@[^\>]+\>$ ]] || fail "Maintainer: $(field Maintainer)"
[[ $(field Description | sed 1d | wc -l) -ge 4 ]] || fail "no extended description"
depends=$(field Depends)
for d in "libopenblas0-pthread | libopenblas0" qt6-qpa-plugins libqt6svg6 libtorch libopencv-core libqt6widgets6 libqcustomplot; do
  [[ $depends == *"$d"* ]] || fail "Depends lacks $d: $depends"
done
[[ $(field Recommends) == *dataset-fashion-mnist* ]] || fail "Recommends: $(field Recommends)"
echo "ok: control: $(field Package) $(field Version), Depends $(wc -w <<<"${depends//,/ }") words"

dpkg-deb -x "$deb" "$work/root"
dpkg-deb -x "$ddeb" "$work/dbg"
for exe in bin/dq bin/dq-studio libexec/dq-studio/dq-torch; do
  f=$work/root/usr/$exe
  file "$f" | grep -q ", stripped" || fail "$exe is not stripped: $(file "$f")"
  build_id=$(readelf -n "$f" | sed -n 's/.*Build ID: \([0-9a-f]*\).*/\1/p')
  dbg=$work/dbg/usr/lib/debug/.build-id/${build_id:0:2}/${build_id:2}.debug
  [[ -f $dbg ]] || fail "$exe: no $dbg in the dbgsym package"
  grep -q '\.symtab' <<<"$(readelf -S "$dbg" 2>/dev/null)" || fail "$exe: its dbgsym file has no symbols"
done
echo "ok: dq, dq-studio and dq-torch stripped, their symbols in $(basename "$ddeb")"
# The installed dq finds dq-torch beside it (../libexec/dq-studio) for what needs LibTorch.
grep -q -- '--model' <<<"$("$work/root/usr/bin/dq" features --help)" || fail "the installed dq did not reach dq-torch"
echo "ok: /usr/bin/dq hands dq features over to /usr/libexec/dq-studio/dq-torch"

share=$work/root/usr/share
expect=(
  doc/dq-studio/copyright doc/dq-studio/changelog.gz
  man/man1/dq.1.gz man/man1/dq-studio.1.gz
  bash-completion/completions/dq zsh/vendor-completions/_dq
  applications/$id.desktop metainfo/$id.metainfo.xml mime/packages/dq-studio.xml
  icons/hicolor/scalable/apps/dq-studio.svg
)
for size in 16 22 24 32 48 64 128 256; do expect+=(icons/hicolor/${size}x${size}/apps/dq-studio.png); done
for f in "${expect[@]}"; do [[ -f $share/$f ]] || fail "missing /usr/share/$f"; done
for size in 16 22 24 32 48 64 128 256; do
  file "$share/icons/hicolor/${size}x${size}/apps/dq-studio.png" | grep -q "PNG image data, $size x $size" ||
    fail "icon ${size}x${size}: $(file "$share/icons/hicolor/${size}x${size}/apps/dq-studio.png")"
done
grep -q "^dq-studio ($(field Version)) " <<<"$(gzip -dc "$share/doc/dq-studio/changelog.gz" | sed -n 1p)" || fail "changelog"
pages=$(ls "$share/man/man1" | wc -l)
echo "ok: ${#expect[@]} files in place, $pages manual pages, icons 16 to 256 pixels"
