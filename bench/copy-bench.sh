#!/usr/bin/env bash
# Copy benchmark: bmaptool copy (this project's launcher) against Debian's Python
# bmaptool and against the limit, all in the same run, on the same image and bmap.
#
#   bench/copy-bench.sh            # 4 GiB image, 1 GiB mapped, to a file (and a loop device as root)
#
# Environment:
#   BENCH_DIR   scratch directory (default /tmp/copy-bench); needs ~7 GiB free
#   REPEAT      runs per tool, the median is reported (default 3)
#   CACHE       warm (default: the image's data is in the page cache before each run)
#               or cold (caches dropped before each run; needs root)
#   BIG=1       also copy a 64 GiB image with 8 GiB mapped with this project only and
#               report its peak RSS (needs ~17 GiB free)
#   BMAPTOOL    the launcher to measure (default bmap-app/target/bmaptool/bin/bmaptool)
#
# The limit is the time to copy just the mapped bytes and sync: `cp --sparse=always`
# (which skips the holes) plus `sync` for a file; a dd of each mapped region plus
# `sync` for a loop device. Times are wall-clock seconds; peak RSS comes from
# /usr/bin/time -v, else from VmHWM of /proc/PID/status.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
ours=${BMAPTOOL:-$here/bmap-app/target/bmaptool/bin/bmaptool}
dir=${BENCH_DIR:-/tmp/copy-bench}
repeat=${REPEAT:-3}
cache=${CACHE:-warm}
python_bmaptool=$(command -v bmaptool || true)

[ -x "$ours" ] || { echo "no launcher at $ours: run mvn -B -q package -DskipTests first" >&2; exit 1; }
[ -n "$python_bmaptool" ] || echo "Debian's bmaptool is not installed: its rows are skipped" >&2
mkdir -p "$dir"

MIB=$((1024 * 1024))
region_mib=16                                   # 64 regions of 16 MiB = 1 GiB mapped
regions=64
image_mib=4096

# make_image FILE SIZE_MIB REGIONS: REGIONS regions of random data spread evenly.
make_image() {
  local file=$1 size_mib=$2 count=$3 stride i
  [ -f "$file" ] && [ -f "$file.done" ] && return
  rm -f "$file"
  truncate -s "${size_mib}M" "$file"
  stride=$((size_mib / count))
  for ((i = 0; i < count; i++)); do
    head -c "$((region_mib * MIB))" /dev/urandom |
      dd of="$file" bs=1M seek=$((i * stride + 1)) conv=notrunc status=none iflag=fullblock
  done
  touch "$file.done"
}

prepare_cache() {
  sync
  if [ "$cache" = cold ]; then
    echo 3 > /proc/sys/vm/drop_caches
  else
    # cp reads only the data extents: the mapped bytes land in the page cache.
    cp --sparse=always "$image" /dev/null 2>/dev/null || cat "$image" > /dev/null
  fi
}

# measure NAME CMD...: runs CMD, prints "SECONDS RSS_KIB".
measure() {
  local out status
  out=$(mktemp)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%e %M" -o "$out" "$@" > /dev/null 2>"$out.err" || { status=$?; cat "$out.err" >&2; rm -f "$out" "$out.err"; return $status; }
    cat "$out"
  else
    local start end peak=0 pid
    start=$(date +%s.%N)
    "$@" > /dev/null 2>"$out.err" & pid=$!
    while kill -0 $pid 2>/dev/null; do
      peak=$(awk -v p=$peak '/VmHWM/ { print ($2 > p ? $2 : p) }' /proc/$pid/status 2>/dev/null || echo $peak)
      sleep 0.05
    done
    wait $pid || { status=$?; cat "$out.err" >&2; rm -f "$out" "$out.err"; return $status; }
    end=$(date +%s.%N)
    echo "$(echo "$end - $start" | bc) $peak"
  fi
  rm -f "$out" "$out.err"
}

# median of the first column, and max of the second, of REPEAT lines on stdin.
summarize() {
  sort -n | awk '{ t[NR] = $1; if ($2 > m) m = $2 } END { printf "%s %d\n", t[int((NR + 1) / 2)], m }'
}

# run_tool KIND NAME DEST CMD...: REPEAT measured runs, each on a fresh destination.
run_tool() {
  local kind=$1 name=$2 dest=$3 i
  shift 3
  local lines
  lines=$(for ((i = 0; i < repeat; i++)); do
    if [ "$kind" = file ]; then rm -f "$dest"; fi
    prepare_cache
    measure "$@" || { echo FAILED; break; }
  done)
  if grep -q FAILED <<< "$lines"; then echo failed; else summarize <<< "$lines"; fi
}

image=$dir/image.img
echo "preparing a ${image_mib} MiB image with $((regions * region_mib)) MiB mapped in $dir ..." >&2
make_image "$image" $image_mib $regions
[ -f "$image.bmap" ] || "$ours" create -o "$image.bmap" "$image"

declare -A result
file_limit() { cp --sparse=always "$image" "$dir/limit.img" && sync; }
dd_regions() {
  local dest=$1 stride=$((image_mib / regions)) i
  for ((i = 0; i < regions; i++)); do
    dd if="$image" of="$dest" bs=1M skip=$((i * stride + 1)) seek=$((i * stride + 1)) count=$region_mib \
      conv=notrunc status=none
  done
  sync
}
export -f file_limit dd_regions
export image dir image_mib regions region_mib

result[file,limit]=$(run_tool file limit "$dir/limit.img" bash -c file_limit)
[ -n "$python_bmaptool" ] && result[file,python]=$(run_tool file python "$dir/python.img" \
  "$python_bmaptool" copy --bmap "$image.bmap" "$image" "$dir/python.img")
result[file,ours]=$(run_tool file ours "$dir/ours.img" "$ours" copy --bmap "$image.bmap" "$image" "$dir/ours.img")
cmp "$image" "$dir/ours.img" || echo "WARNING: the copy differs from the image" >&2
rm -f "$dir/limit.img" "$dir/python.img" "$dir/ours.img"

targets=(file)
if [ "$(id -u)" = 0 ] && command -v losetup > /dev/null; then
  truncate -s "${image_mib}M" "$dir/loop-backing.img"
  loop=$(losetup --find --show "$dir/loop-backing.img")
  trap 'losetup -d "$loop"; rm -f "$dir/loop-backing.img"' EXIT
  targets+=(loop)
  result[loop,limit]=$(run_tool loop limit "$loop" bash -c "dd_regions $loop")
  [ -n "$python_bmaptool" ] && result[loop,python]=$(run_tool loop python "$loop" \
    "$python_bmaptool" copy --bmap "$image.bmap" "$image" "$loop")
  result[loop,ours]=$(run_tool loop ours "$loop" "$ours" copy --bmap "$image.bmap" "$image" "$loop")
else
  echo "not root or no losetup: the loop device rows are skipped" >&2
fi

printf '\n%s MiB image, %s MiB mapped, cache %s, median of %s runs\n' $image_mib $((regions * region_mib)) "$cache" "$repeat"
printf '%-6s %-8s %9s %10s %10s %12s\n' target tool seconds "÷limit" "÷python" "peak RSS"
for target in "${targets[@]}"; do
  limit=${result[$target,limit]%% *}
  python=${result[$target,python]:-}
  python=${python%% *}
  for tool in limit python ours; do
    row=${result[$target,$tool]:-}
    [ -n "$row" ] || continue
    if [ "$row" = failed ]; then
      printf '%-6s %-8s %9s\n' "$target" "$tool" failed
      continue
    fi
    secs=${row%% *} rss=${row##* }
    vs_limit=$(awk -v a="$secs" -v b="$limit" 'BEGIN { printf "%.2f", a / b }')
    vs_python=$( [ -n "$python" ] && [ "$python" != failed ] && awk -v a="$secs" -v b="$python" 'BEGIN { printf "%.2f", a / b }' || echo -)
    rss_text=$( [ "$tool" = limit ] && echo - || awk -v k="$rss" 'BEGIN { printf "%.1f MiB", k / 1024 }')
    printf '%-6s %-8s %9s %10s %10s %12s\n' "$target" "$tool" "$secs" "$vs_limit" "$vs_python" "$rss_text"
  done
done

if [ "${BIG:-0}" = 1 ]; then
  big=$dir/big.img
  echo "preparing a 64 GiB image with 8 GiB mapped ..." >&2
  region_mib=128 make_image "$big" 65536 64
  [ -f "$big.bmap" ] || "$ours" create --no-checksum -o "$big.bmap" "$big"
  row=$(measure "$ours" copy --bmap "$big.bmap" "$big" "$dir/big-copy.img")
  rm -f "$dir/big-copy.img"
  printf '64 GiB image, 8 GiB mapped, this project: %s s, peak RSS %s\n' "${row%% *}" \
    "$(awk -v k="${row##* }" 'BEGIN { printf "%.1f MiB", k / 1024 }')"
fi
