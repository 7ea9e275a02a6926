#!/usr/bin/env bash
# The time copy --zero-unmapped adds, against blkdiscard -z of the same ranges.
# Root only (loop devices). bench/zero-unmapped-bench.sh [WORKDIR]; SIZE_MIB (default 1024),
# DATA_MIB (default 64, in 16 runs), RUNS (default 3). Prints the zero phase's own time (the
# launcher's "zeroed N unmapped ranges ... in T" line), the time of blkdiscard -z over each
# unmapped range of the bmap (the same BLKZEROOUT ioctl, one process per range), their ratio, and the load before and after.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bmaptool=$root/bmap-app/target/bmaptool/bin/bmaptool
work=${1:-$(mktemp -d)}
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
ours=()
theirs=()
for run in $(seq "$runs"); do
  # Old data everywhere before each run, so both zero the same written blocks.
  dd if=/dev/zero bs=1M count="$size_mib" status=none | tr '\0' '\245' > "$loop"; sync
  line=$("$bmaptool" copy --zero-unmapped "$image" "$loop" 2>&1 | grep 'zeroed .* unmapped ranges')
  ours+=("$(sed 's/.* in \([0-9.]*\)s$/\1/' <<< "$line")")
  dd if=/dev/zero bs=1M count="$size_mib" status=none | tr '\0' '\245' > "$loop"; sync
  start=$(date +%s.%N)
  while read -r offset length; do
    blkdiscard -z -o "$offset" -l "$length" "$loop"
  done <<< "$gaps"
  theirs+=("$(echo "$(date +%s.%N) - $start" | bc)")
done
echo "bench: load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bench: $(wc -l <<< "$gaps") unmapped ranges, $((size_mib - data_mib)) MiB of ${size_mib} MiB"
printf 'bench: run %s: --zero-unmapped %ss, blkdiscard -z %ss\n' $(for i in "${!ours[@]}"; do echo "$((i + 1)) ${ours[$i]} ${theirs[$i]}"; done)
best_ours=$(printf '%s\n' "${ours[@]}" | sort -g | head -1)
best_theirs=$(printf '%s\n' "${theirs[@]}" | sort -g | head -1)
echo "bench: best --zero-unmapped ${best_ours}s, best blkdiscard -z ${best_theirs}s, ratio $(echo "scale=2; $best_ours / $best_theirs" | bc)"
