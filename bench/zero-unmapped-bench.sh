#!/usr/bin/env bash
# The time copy --zero-unmapped adds, against blkdiscard -z of the same ranges.
# Root only (loop devices). bench/zero-unmapped-bench.sh [WORKDIR]; SIZE_MIB (default 1024),
# DATA_MIB (default 64, in 16 runs), RUNS (default 3). Times the launcher's copy to a loop
# device without and with --zero-unmapped (the difference is what the option adds, JVM and
# all) and blkdiscard -z over each unmapped range of the bmap (the same BLKZEROOUT ioctl,
# one process per range), best of RUNS each, and prints the ratio and the load.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bmaptool=$root/bmap-app/target/bmaptool/bin/bmaptool
work=${1:-$(mktemp -d)}
mkdir -p "$work"
size_mib=${SIZE_MIB:-1024}
data_mib=${DATA_MIB:-64}
runs=${RUNS:-3}
[ "$(id -u)" = 0 ] || { echo "bench: needs root (loop devices)" >&2; exit 1; }
[ -x "$bmaptool" ] || { echo "bench: run mvn package first" >&2; exit 1; }

image=$work/zero.img
truncate -s "${size_mib}M" "$image"
step=$((size_mib / 16))
for i in $(seq 0 15); do
  dd if=/dev/urandom of="$image" bs=1M count=$((data_mib / 16)) seek=$((i * step + 1)) conv=notrunc status=none
done
"$bmaptool" create -o "$image.bmap" "$image"
backing=$work/backing.img
truncate -s "${size_mib}M" "$backing"
loop=$(losetup --find --show "$backing")
trap 'losetup --detach "$loop"; rm -f "$backing"' EXIT

# The unmapped byte ranges of the bmap, "start length" a line.
block=$(sed -n 's:.*<BlockSize> *\([0-9]*\) *</BlockSize>.*:\1:p' "$image.bmap")
blocks=$(sed -n 's:.*<BlocksCount> *\([0-9]*\) *</BlocksCount>.*:\1:p' "$image.bmap")
gaps=$(sed -n 's:.*<Range[^>]*> *\([0-9]*\)\(-\([0-9]*\)\)\? *</Range>.*:\1 \3:p' "$image.bmap" | awk -v b="$block" -v n="$blocks" '
  { first = $1; last = ($2 == "" ? $1 : $2); if (first > next_) print next_ * b, (first - next_) * b; next_ = last + 1 }
  END { if (next_ < n) print next_ * b, (n - next_) * b }')

echo "bench: load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
plain=()
phases=()
ours=()
theirs=()
fill() { dd if=/dev/zero bs=1M count="$size_mib" status=none | tr '\0' '\245' > "$loop"; sync; }
now() { date +%s.%N; }
for run in $(seq "$runs"); do
  # Old data everywhere before each run, so every run zeroes the same written blocks.
  fill; start=$(now); "$bmaptool" -q copy "$image" "$loop"; plain+=("$(echo "$(now) - $start" | bc)")
  fill; start=$(now)
  phase=$("$bmaptool" copy --zero-unmapped "$image" "$loop" 2>&1 | sed -n 's/.*zeroed .* unmapped ranges .* in \([0-9.]*\)s$/\1/p')
  ours+=("$(echo "$(now) - $start" | bc)")
  phases+=("$phase")
  fill; start=$(now)
  while read -r offset length; do
    blkdiscard -z -o "$offset" -l "$length" "$loop"
  done <<< "$gaps"
  theirs+=("$(echo "$(now) - $start" | bc)")
done
echo "bench: load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bench: $(wc -l <<< "$gaps") unmapped ranges, $((size_mib - data_mib)) MiB of ${size_mib} MiB"
for i in "${!ours[@]}"; do
  echo "bench: run $((i + 1)): copy ${plain[$i]}s, copy --zero-unmapped ${ours[$i]}s (its zero phase ${phases[$i]}s), blkdiscard -z ${theirs[$i]}s"
done
best() { printf '%s\n' "$@" | sort -g | head -1; }
added=$(echo "$(best "${ours[@]}") - $(best "${plain[@]}")" | bc)
echo "bench: best: --zero-unmapped adds ${added}s, blkdiscard -z of the same ranges $(best "${theirs[@]}")s, ratio $(echo "scale=2; $added / $(best "${theirs[@]}")" | bc)"
