#!/usr/bin/env bash
# The light dq: its NEEDED entries name no LibTorch, c10 or OpenCV library; it runs
# --version, info, bins --features, sample and text --embed tfidf by itself (a copy of it
# alone in a folder, without dq-torch beside it, does them all); it lists the same commands
# as dq-torch; and a command that needs LibTorch, without dq-torch, fails naming the path.
# Usage: light_dq.sh DQ DQ_TORCH FASHION_MNIST_DIR FIXTURES_DIR
set -euo pipefail
. "$(dirname "$0")/../packaging/need.sh"
need readelf python3 cmp
dq=$1 dq_torch=$2 fmnist=$3 fixtures=$4
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

needed=$(readelf -d "$dq" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
[[ -n $needed ]] || fail "readelf found no NEEDED entries in $dq"
heavy=$(grep -E '^lib(torch|c10|caffe2|opencv)' <<<"$needed" || true)
[[ -z $heavy ]] || fail "dq needs $(xargs <<<"$heavy")"
echo "ok: dq needs only $(xargs <<<"$needed")"

"$dq" --help >"$work/light.help"
"$dq_torch" --help >"$work/torch.help"
cmp -s "$work/light.help" "$work/torch.help" || { diff "$work/light.help" "$work/torch.help" >&2 || true; fail "dq --help and dq-torch --help differ"; }
for sub in features pixel evaluate; do
  cmp -s <("$dq" $sub --help) <("$dq_torch" $sub --help) || fail "dq $sub --help differs from dq-torch's"
done
echo "ok: dq --help, dq features|pixel|evaluate --help are dq-torch's"

# dq alone: whatever it runs here, it runs in-process.
mkdir -p "$work/bin"
cp "$dq" "$work/bin/dq"
alone=$work/bin/dq
[[ $("$alone" --version) == "$("$dq_torch" --version)" ]] || fail "--version differs from dq-torch's"
"$alone" info --dataset "fashion-mnist:$fmnist" --json >"$work/info.json"
grep -q '"size": 60000' "$work/info.json" || fail "dq info: $(head -c 400 "$work/info.json")"
echo "ok: dq info without dq-torch"

python3 - "$work" <<'PY'
import struct, sys, random
def npy(path, descr, shape, values, fmt):
    header = "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }" % (descr, ", ".join(map(str, shape)) + ("," if len(shape) == 1 else ""))
    header += " " * (63 - (10 + len(header)) % 64) + "\n"
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode())
        f.write(struct.pack("<%d%s" % (len(values), fmt), *values))
rng = random.Random(7)
n, d = 120, 8
npy(sys.argv[1] + "/features.npy", "<f4", (n, d), [rng.gauss(0, 1) for _ in range(n * d)], "f")
npy(sys.argv[1] + "/labels.npy", "<i8", (n,), [i % 3 for i in range(n)], "q")
PY
"$alone" bins --features "$work/features.npy" --labels "$work/labels.npy" -k 4 --out "$work/bins" >/dev/null 2>&1
[[ -f $work/bins/bins.json ]] || fail "dq bins --features wrote no bins.json"
"$alone" sample --bins "$work/bins" --ratio 0.5 --out "$work/subset.npy" >/dev/null 2>&1
[[ -s $work/subset.npy ]] || fail "dq sample wrote no subset"
"$alone" text --data "$fixtures/text/alpaca_small.json" --embed tfidf --no-cache --ratio 0.5 -k 2 \
  --out "$work/text.json" >/dev/null 2>&1
[[ -s $work/text.json ]] || fail "dq text --embed tfidf wrote no subset"
echo "ok: dq bins --features, sample and text --embed tfidf without dq-torch"

set +e
msg=$("$alone" features --dataset fashion-mnist --out "$work/f" 2>&1)
rc=$?
set -e
expected=$work/libexec/dq-studio/dq-torch
[[ $rc == 1 ]] || fail "dq features without dq-torch: exit $rc ($msg)"
[[ $msg == *"$expected"* && $msg == *LibTorch* ]] || fail "dq features without dq-torch: $msg"
echo "ok: without dq-torch: $msg"
