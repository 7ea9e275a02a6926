#!/usr/bin/env bash
# Many-destination benchmark: one `bmaptool copy IMAGE L1 L2 L3` to N loop devices at
# once against N sequential `bmaptool copy IMAGE Li`, in the same run, on the same image
# and bmap; with and without --read-back. Needs root and losetup.
#
#   bench/multi-bench.sh
#
# Environment:
#   BENCH_DIR   scratch directory (default /tmp/multi-bench); needs ~(N+1) x IMAGE_MIB free
#   N           destinations (default 3)
#   IMAGE_MIB   image size (default 2048), REGIONS x REGION_MIB of it mapped (default 32 x 16)
#   REPEAT      runs of each, interleaved; the median is reported (default 3)
#   BMAPTOOL    the launcher to measure (default bmap-app/target/bmaptool/bin/bmaptool)
#
# Each run starts with the image's data in the page cache and the loop devices' caches
# dropped; times are wall-clock seconds and include each copy's final sync (and read-back).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
ours=${BMAPTOOL:-$here/bmap-app/target/bmaptool/bin/bmaptool}
dir=${BENCH_DIR:-/tmp/multi-bench}
n=${N:-3}
image_mib=${IMAGE_MIB:-2048}
regions=${REGIONS:-32}
region_mib=${REGION_MIB:-16}
repeat=${REPEAT:-3}

[ "$(id -u)" = 0 ] || { echo "needs root (loop devices)" >&2; exit 1; }
command -v losetup > /dev/null || { echo "losetup is not installed" >&2; exit 1; }
[ -x "$ours" ] || { echo "no launcher at $ours: run mvn -B -q package -DskipTests first" >&2; exit 1; }
mkdir -p "$dir"

image=$dir/image.img
if [ ! -f "$image.done" ]; then
  echo "preparing a ${image_mib} MiB image with $((regions * region_mib)) MiB mapped in $dir ..." >&2
  rm -f "$image"
  truncate -s "${image_mib}M" "$image"
  stride=$((image_mib / regions))
  for ((i = 0; i < regions; i++)); do
    head -c "$((region_mib * 1024 * 1024))" /dev/urandom |
      dd of="$image" bs=1M seek=$((i * stride + 1)) conv=notrunc status=none iflag=fullblock
  done
  touch "$image.done"
fi
[ -f "$image.bmap" ] || "$ours" create -o "$image.bmap" "$image"

loops=()
cleanup() {
  for loop in "${loops[@]}"; do losetup -d "$loop" 2>/dev/null || true; done
  rm -f "$dir"/loop-*.img
}
trap cleanup EXIT
for ((i = 0; i < n; i++)); do
  truncate -s "${image_mib}M" "$dir/loop-$i.img"
  loops+=("$(losetup --find --show "$dir/loop-$i.img")")
done

prepare() {
  sync
  for loop in "${loops[@]}"; do blockdev --flushbufs "$loop"; done
  cp --sparse=always "$image" /dev/null 2>/dev/null || cat "$image" > /dev/null
}

# seconds CMD...: wall-clock seconds of CMD (its output discarded; a failure aborts).
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" > /dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

sequential() {
  local loop
  for loop in "${loops[@]}"; do "$ours" copy "$@" --bmap "$image.bmap" "$image" "$loop"; done
}
at_once() {
  "$ours" copy "$@" --bmap "$image.bmap" "$image" "${loops[@]}"
}

declare -A times
for ((r = 0; r < repeat; r++)); do
  for mode in sequential at_once; do
    for readback in "" "--read-back"; do
      prepare
      times[$mode$readback]+="$(seconds $mode $readback) "
    done
  done
done
for loop in "${loops[@]}"; do
  "$ours" verify --bmap "$image.bmap" "$loop" > /dev/null 2>&1 || echo "WARNING: $loop does not match the bmap" >&2
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'; }

printf '\n%s MiB image, %s MiB mapped, %s loop devices, median of %s runs (interleaved)\n' \
  "$image_mib" $((regions * region_mib)) "$n" "$repeat"
printf '%-12s %14s %14s %18s\n' "" "sequential s" "at once s" "at once/sequential"
for readback in "" "--read-back"; do
  s=$(median <<< "${times[sequential$readback]}")
  a=$(median <<< "${times[at_once$readback]}")
  printf '%-12s %14s %14s %18s\n' "${readback:-copy}" "$s" "$a" "$(awk -v a="$a" -v s="$s" 'BEGIN { printf "%.2f", a / s }')"
done
