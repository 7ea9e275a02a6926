#!/usr/bin/env bash
# The whole comparison in one run: this project's launcher against Debian's Python
# bmaptool (/usr/bin/bmaptool) and against the limit of each job, on the benchmark image
# of bench/make-bench-image.sh (4 GiB GPT disk, ext4 of 1 GiB of real files), page cache
# warm, RUNS runs of each, alternating, medians; peak RSS of the largest run.
#   bench/compare.sh [WORKDIR]     (RUNS=3; SIZE_GIB, DATA_MIB as make-bench-image.sh;
#                                   needs ~3x DATA_MIB free for the compressed images)
# Prints a Markdown table (for bench/README.md) and the machine's load before and after.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
ours=${BMAPTOOL:-$root/bmap-app/target/bmaptool/bin/bmaptool}
python_bmaptool=${PYTHON_BMAPTOOL:-/usr/bin/bmaptool}
runs=${RUNS:-3}
work=${1:-/tmp/bmaptool-compare}
mkdir -p "$work"
[ -x "$ours" ] || { echo "no launcher at $ours: run mvn -B -q package -DskipTests first" >&2; exit 1; }
if ! head -1 "$python_bmaptool" 2>/dev/null | grep -q python; then
  echo "no Python bmaptool at $python_bmaptool (apt-get install bmap-tools): its column is left empty" >&2
  python_bmaptool=
fi
java_home=$(dirname "$(dirname "$(readlink -f "$ours")")")
image=$work/disk.img
"$here/make-bench-image.sh" "$image"
[ "$image.bmap" -nt "$image" ] || "$ours" create -o "$image.bmap" "$image"
for codec in "gz:pigz -c" "bz2:pbzip2 -c" "xz:xz -T2 -c" "zst:zstd -q -c"; do
  ext=${codec%%:*}
  [ "$image.$ext" -nt "$image" ] || ${codec#*:} "$image" > "$image.$ext"
done
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# One timed run: "SECONDS PEAK_RSS_KIB" (/usr/bin/time), the command's output discarded.
measure() {
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" > /dev/null 2> "$work/err" \
    || { echo "failed: $* ($(tail -1 "$work/err"))" >&2; echo "nan 0"; return; }
  cat "$work/time"
}
warm() { cp --sparse=always "$image" /dev/null; }
fresh() { rm -f "$work/out.img"; sync; warm; }
# The mapped bytes alone, read and hashed on one core (hashlib is OpenSSL's SHA-256).
hash_mapped() {
  python3 - "$image" <<'PY'
import hashlib, os, sys
fd = os.open(sys.argv[1], os.O_RDONLY); end = os.fstat(fd).st_size; pos = 0
while pos < end:
    try: data = os.lseek(fd, pos, os.SEEK_DATA)
    except OSError: break
    hole = os.lseek(fd, data, os.SEEK_HOLE); h = hashlib.sha256(); at = data
    while at < hole:
        chunk = os.pread(fd, min(16 << 20, hole - at), at); h.update(chunk); at += len(chunk)
    pos = hole
PY
}
# The mapped bytes alone, written to DEST and synced (the copy without verification).
write_mapped() {
  python3 - "$image" "$1" <<'PY'
import os, sys
src = os.open(sys.argv[1], os.O_RDONLY); end = os.fstat(src).st_size
dst = os.open(sys.argv[2], os.O_WRONLY | os.O_CREAT, 0o644); pos = 0
while pos < end:
    try: data = os.lseek(src, pos, os.SEEK_DATA)
    except OSError: break
    hole = os.lseek(src, data, os.SEEK_HOLE); at = data
    while at < hole:
        at += os.pwrite(dst, os.pread(src, min(16 << 20, hole - at), at), at)
    pos = hole
os.fsync(dst)
PY
}
export -f hash_mapped write_mapped
export image

# job NAME PREPARE LIMIT_CMD -- OURS_ARGS... : RUNS alternating runs of limit, python, ours.
declare -a rows
job() {
  local name=$1 prepare=$2 limit=$3
  shift 4
  local l=() p=() o=() i
  for ((i = 0; i < runs; i++)); do
    $prepare; l+=("$(measure bash -c "$limit")")
    if [ -n "$python_bmaptool" ]; then $prepare; p+=("$(measure "$python_bmaptool" "$@")"); fi
    $prepare; o+=("$(measure "$ours" "$@")")
  done
  rows+=("$name|$(median "${p[@]}")|$(median "${o[@]}")|$(median "${l[@]}")|$limit")
}
# "median max_rss" of "seconds rss" pairs.
median() {
  [ $# -gt 0 ] || { echo "- 0"; return; }
  printf '%s\n' "$@" | sort -n | awk '{ t[NR] = $1; if ($2 > m) m = $2 } END { print t[int((NR + 1) / 2)], m }'
}

job "\`--version\`" true "$java_home/bin/java -version" -- --version
job "\`-h\`" true "$java_home/bin/java -version" -- -h
job create warm "hash_mapped" -- create -o "$work/out.bmap" "$image"
job "copy → file" fresh "cp --sparse=always $image $work/out.img && sync" -- \
  copy --bmap "$image.bmap" "$image" "$work/out.img"
if [ "$(id -u)" = 0 ]; then
  truncate -s "$(stat -c %s "$image")" "$work/loop-backing.img"
  loop=$(losetup --find --show "$work/loop-backing.img")
  trap 'losetup -d "$loop" 2>/dev/null || true' EXIT
  job "copy → loop device" warm "write_mapped $loop" -- copy --bmap "$image.bmap" "$image" "$loop"
fi
for codec in "gz:pigz" "bz2:pbzip2" "xz:xz -T2" "zst:zstd -q"; do
  ext=${codec%%:*}
  job "copy .$ext" fresh "${codec#*:} -dc $image.$ext > /dev/null" -- \
    copy --bmap "$image.bmap" "$image.$ext" "$work/out.img"
done
rm -f "$work/out.img" "$work/out.bmap" "$work/loop-backing.img"

mapped=$(sed -n 's:.*<MappedBlocksCount> *\([0-9]*\).*:\1:p' "$image.bmap")
ranges=$(grep -c '<Range' "$image.bmap")
echo "$(du -h --apparent-size "$image" | cut -f1) image, $((mapped * 4096 / 1048576)) MiB mapped in $ranges ranges;" \
  "$runs runs each, medians; $(nproc) cores; load before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| job | Python s | ours s | ours ÷ Python | limit s | ours ÷ limit | limit | peak RSS Python / ours |"
echo "|---|---:|---:|---:|---:|---:|---|---|"
for row in "${rows[@]}"; do
  IFS='|' read -r name python ours_t limit limit_cmd <<< "$row"
  read -r ps pr <<< "$python"; read -r os_ or <<< "$ours_t"; read -r ls _ <<< "$limit"
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0 && a + 0 > 0) printf "%.2f", a / b; else print "-" }'; }
  printf '| %s | %s | %s | %s | %s | %s | `%s` | %s / %s MiB |\n' "$name" "$ps" "$os_" "$(ratio "$os_" "$ps")" \
    "$ls" "$(ratio "$os_" "$ls")" "$(sed -e "s|$work/||g" -e "s|$java_home/|IMAGE/|g" <<< "$limit_cmd")" "$((pr / 1024))" "$((or / 1024))"
done
