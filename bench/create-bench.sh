#!/usr/bin/env bash
# End-to-end benchmark of `bmaptool create`: our linked launcher against Debian's Python
# bmaptool and against the limit, hashing the mapped bytes alone on all cores, in the same
# run, page cache warm, RUNS runs each, medians. Usage:
#   bench/create-bench.sh [WORKDIR]      (RUNS=5 by default; needs ~0 disk: images are sparse)
# Build the launcher first (mvn -B -q package -DskipTests). Python's bmaptool comes from
# Debian (apt-get install bmap-tools); without it that column is skipped.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
ours=${BMAPTOOL:-$root/bmap-app/target/bmaptool/bin/bmaptool}
python_bmaptool=${PYTHON_BMAPTOOL:-/usr/bin/bmaptool}
runs=${RUNS:-5}
work=${1:-$(mktemp -d)}
mkdir -p "$work"
# Upstream's test vectors, in the project's own testdata folder.
testdata=$root/testdata
[ -x "$ours" ] || { echo "no launcher at $ours: run mvn -B -q package -DskipTests first" >&2; exit 1; }

# 1. Upstream's 3 GiB image: 5 MiB of text, one all-zero block, 4 bytes at the end.
"$testdata/make-big-image.sh" "$work/big.image"
# 2. The issue's image: 4 GiB with about 1 GiB mapped in many extents of every size
#    (4 KiB to 8 MiB), random bytes, holes between.
python3 - "$work/many.image" <<'PY'
import os, random, sys
path = sys.argv[1]
rng = random.Random(4)
chunk = os.urandom(8 << 20)
with open(path, "wb") as f:
    f.truncate(4 << 30)
    pos, mapped = 0, 0
    while mapped < (1 << 30) and pos < (4 << 30) - (16 << 20):
        length = rng.choice([4096, 16384, 65536, 1 << 20, 4 << 20, 8 << 20])
        os.pwrite(f.fileno(), chunk[:length], pos)
        mapped += length
        pos += length + rng.choice([4096, 65536, 1 << 20, 3 << 20])
print(f"many.image: {mapped >> 20} MiB mapped", file=sys.stderr)
PY
sync

# The limit: SHA-256 (OpenSSL, through hashlib, which lets go of the GIL while it hashes)
# of every mapped range, ranges known in advance, one thread per core; no mapping, no XML.
cat > "$work/hash-only.py" <<'PY'
import hashlib, os, re, sys
from concurrent.futures import ThreadPoolExecutor
image, bmap = sys.argv[1], sys.argv[2]
text = open(bmap).read()
bs = int(re.search(r"<BlockSize> (\d+) ", text).group(1))
size = os.path.getsize(image)
ranges = [(int(a), int(b or a)) for a, b in re.findall(r"> (\d+)(?:-(\d+))? </Range>", text)]
fd = os.open(image, os.O_RDONLY)
def digest(r):
    h, pos, end = hashlib.sha256(), r[0] * bs, min((r[1] + 1) * bs, size)
    while pos < end:
        data = os.pread(fd, min(1 << 20, end - pos), pos)
        h.update(data)
        pos += len(data)
    return h.hexdigest()
with ThreadPoolExecutor(os.cpu_count()) as pool:
    sums = list(pool.map(digest, ranges))
print(len(sums))
PY

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
seconds() { # command... -> wall seconds of one run
  local t0 t1
  t0=$(date +%s.%N); "$@" > /dev/null 2>&1; t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }'
}

printf '%s\n' "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\n' "runs: $runs, interleaved (ours, python, hash-only, start-up in turn, so that the load of the"
printf '%s\n' "machine falls on all alike), medians of wall seconds, page cache warm"
have_python=false
[ -x "$python_bmaptool" ] && have_python=true
for image in big.image many.image; do
  img=$work/$image
  "$ours" create -o "$work/$image.ours.bmap" "$img" # also warms the page cache
  $have_python && "$python_bmaptool" create -o "$work/$image.python.bmap" "$img" > /dev/null 2>&1
  : > "$work/t.ours"; : > "$work/t.python"; : > "$work/t.hash"; : > "$work/t.start"
  for _ in $(seq "$runs"); do
    seconds "$ours" create -o "$work/$image.ours.bmap" "$img" >> "$work/t.ours"
    $have_python && seconds "$python_bmaptool" create -o "$work/$image.python.bmap" "$img" >> "$work/t.python"
    seconds python3 "$work/hash-only.py" "$img" "$work/$image.ours.bmap" >> "$work/t.hash"
    seconds "$ours" --version >> "$work/t.start"
  done
  ours_s=$(median < "$work/t.ours"); hash_s=$(median < "$work/t.hash"); start_s=$(median < "$work/t.start")
  printf '%-12s %-34s %8.3f s\n' "$image" "ours: bmaptool create" "$ours_s" \
    "$image" "hash-only, all cores (the limit)" "$hash_s" "$image" "ours: bmaptool --version" "$start_s"
  if $have_python; then
    py_s=$(median < "$work/t.python")
    same=$(cmp -s <(grep '<Range' "$work/$image.ours.bmap") <(grep '<Range' "$work/$image.python.bmap") \
      && echo "same ranges and checksums" || echo "RANGES DIFFER")
    printf '%-12s %-34s %8.3f s   (%s)\n' "$image" "python bmaptool create" "$py_s" "$same"
    printf '%-12s ours/python %s   ours/hash-only %s\n' "$image" "$(ratio "$ours_s" "$py_s")" "$(ratio "$ours_s" "$hash_s")"
  else
    printf '%-12s ours/hash-only %s   (no Python bmaptool at %s)\n' "$image" "$(ratio "$ours_s" "$hash_s")" "$python_bmaptool"
  fi
done
[ -n "${1:-}" ] || rm -rf "$work"
