#!/usr/bin/env bash
# Decompression throughput of bmaptool's in-process decoders against the native tools on
# the same files in the same run. Each figure is the best of RUNS wall-clock times of a
# whole process that decodes the file to nothing (ours: the linked image's java running
# DecodeBench.java, JVM start included); the ratio is ours / the tool's (lower is better).
#
#   mvn -B -q package -DskipTests && bench/decompress-bench.sh
#   SIZE_MIB=1024 RUNS=3 bench/decompress-bench.sh
#   BEFORE_REF=c144dc5 FORMATS="bz2 xz" bench/decompress-bench.sh
#
# BEFORE_REF: also time the decoders as they were at that git ref (its bmap-adapter-io
# compiled here and patched into the linked image's module), in the same run.
# FORMATS: the rows to run, by extension (default: all).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
image=$root/bmap-app/target/bmaptool
work=${WORK:-/tmp/bmaptool-decompress-bench}
size_mib=${SIZE_MIB:-256}
runs=${RUNS:-3}
[ -x "$image/bin/java" ] || { echo "no image at $image: run mvn package first" >&2; exit 1; }
mkdir -p "$work"
cd "$work"

# The image: per 4 MiB, 2 MiB of base64 text from random bytes (compresses about 4:3,
# decodes at a typical speed) and 2 MiB of zeros (the unused space of a disk image).
if [ ! -f image.raw ] || [ "$(stat -c %s image.raw)" != $((size_mib << 20)) ]; then
  rm -f image.raw*
  for ((i = 0; i < size_mib / 4; i++)); do
    head -c $((1536 << 10)) /dev/urandom | base64 -w 0
    head -c $((2 << 20)) /dev/zero
  done > image.raw
fi
make() { [ -s "$1" ] || { echo "making $1" >&2; bash -c "$2" > "$1"; }; }
make image.raw.gz  "gzip -6 -c image.raw"
make image.raw.pigz.gz "pigz -p 2 -c image.raw"
make image.raw.bz2 "pbzip2 -p2 -c image.raw"
make image.raw.xz  "xz -T2 -3 -c image.raw"
make image.raw.zst "zstd -q -T2 -c image.raw"
make image.raw.lz4 "lz4 -q -c image.raw"
make image.raw.lzo "lzop -c image.raw"

mkdir -p classes
javac -d classes -p "$root/bmap-app/target/modules" --add-modules org.bmaptool.io \
  "$root/bench/DecodeBench.java"
before_ref=${BEFORE_REF:-}
if [ -n "$before_ref" ]; then
  rm -rf before-src before-classes
  mkdir -p before-src
  git -C "$root" archive "$before_ref" bmap-adapter-io/src/main/java | tar -x -C before-src
  javac -nowarn -d before-classes -p "$root/bmap-app/target/modules" \
    $(find before-src -name '*.java') 2>&1 | grep -v '^Note:' || true
  rm -f before-classes/module-info.class
fi
formats=" ${FORMATS:-gz bz2 xz zst lz4 lzo} "

best() { # best wall-clock seconds of $runs runs of "$@"; for ours also the best in-process time
  local best="" inside=""
  for ((r = 0; r < runs; r++)); do
    local start end out
    start=$(date +%s.%N)
    out=$("$@")
    end=$(date +%s.%N)
    best=$(awk -v s="$start" -v e="$end" -v b="$best" 'BEGIN { t = e - s; print (b == "" || t < b) ? t : b }')
    if [ -n "$out" ]; then
      inside=$(echo "$out" | awk -v b="$inside" '{ t = $4; print (b == "" || t < b) ? t : b }')
    fi
  done
  echo "$best $inside"
}
ours() {
  "$image/bin/java" -XX:+UseSerialGC -Xshare:auto --add-modules org.bmaptool.io -cp classes DecodeBench "$1"
}
before() {
  "$image/bin/java" -XX:+UseSerialGC -Xshare:auto --patch-module org.bmaptool.io="$work/before-classes" \
    --add-modules org.bmaptool.io -cp classes DecodeBench "$1"
}

printf '%s MiB image, best of %s runs, %s cores, load average %s\n' "$size_mib" "$runs" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
# "ours s" is the whole process, JVM start included; "in-JVM s" the decoding alone;
# "before" the same for BEFORE_REF's decoders.
printf '%-18s %-16s %7s %7s %8s %6s %8s %8s' file "native tool" "tool s" "ours s" "in-JVM s" ratio "ratio in" "MiB/s in"
[ -n "$before_ref" ] && printf ' %9s %9s %11s' "before s" "before in" "before ratio"
printf '\n'
row() { # file, tool command...
  local file=$1; shift
  case "$formats" in *" ${file##*.} "*) ;; *) return 0 ;; esac
  local tool_s ours_s before_s="0 0"
  tool_s=$(best bash -c "$* < $file > /dev/null")
  ours_s=$(best ours "$file")
  [ -n "$before_ref" ] && before_s=$(best before "$file")
  awk -v f="$file" -v t="$*" -v a="$tool_s" -v o="${ours_s% *}" -v i="${ours_s#* }" -v m="$size_mib" \
    -v b="${before_s% *}" -v bi="${before_s#* }" -v with_before="$before_ref" \
    'BEGIN { printf "%-18s %-16s %7.2f %7.2f %8.2f %6.2f %8.2f %8.0f", f, t, a, o, i, o / a, i / a, m / i
             if (with_before != "") printf " %9.2f %9.2f %11.2f", b, bi, b / a
             printf "\n" }'
}
row image.raw.gz      gzip -dc
row image.raw.pigz.gz pigz -dc
row image.raw.bz2     bzip2 -dc
row image.raw.bz2     pbzip2 -p2 -dc
row image.raw.xz      xz -dc
row image.raw.xz      xz -T2 -dc
row image.raw.zst     zstd -q -dc
row image.raw.lz4     lz4 -q -dc
row image.raw.lzo     lzop -dc
