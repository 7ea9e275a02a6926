#!/usr/bin/env bash
# Compressed-copy benchmark: `bmaptool copy --bmap B IMAGE.ext DEST` of this project's
# launcher against Debian's Python bmaptool and against the decompressor alone (the
# limit), for .gz (pigz), .bz2 (pbzip2), .xz (xz -T2) and .zst (zstd), all in the same
# run, on the same image and bmap.
#
#   bench/compressed-copy-bench.sh                 # 4 GiB image, 1 GiB mapped
#   SIZE_MIB=256 REPEAT=1 bench/compressed-copy-bench.sh   # a quick try
#
# Environment:
#   BENCH_DIR   scratch directory (default /tmp/compressed-copy-bench); the full size
#               needs about 6 GiB free (image data, four compressed files, one copy)
#   SIZE_MIB    image size in MiB (default 4096); a quarter of it is mapped
#   REPEAT      runs per tool and format, the median is reported (default 3)
#   FORMATS     which to run (default "gz bz2 xz zst")
#   BMAPTOOL    the launcher to measure (default bmap-app/target/bmaptool/bin/bmaptool)
#
# The image: SIZE_MIB/64 regions of 16 MiB spread evenly over the image (the last one
# ends 16 MiB before the image does, so there is a tail of holes), each region 8 MiB of
# random bytes (incompressible, as compressed file-system contents are), 4 MiB of
# base64 text of random bytes (compresses about 4:3: real entropy-coder work) and 4 MiB
# of alternating 64 KiB of such text and 64 KiB of zeros (free blocks inside the data).
# Every region is different, so no compressor finds one region in another.
#
# Each run is timed as a whole process, wall clock, the cache warm (the compressed file
# is read to /dev/null first; the destination is removed before each run); the tools
# take turns (limit, python, ours per format, REPEAT rounds) so that whatever else the
# machine does falls on all of them alike. Peak RSS comes from /usr/bin/time -v (for
# Python it is the largest of its process and the decompressor it runs).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
ours=${BMAPTOOL:-$here/bmap-app/target/bmaptool/bin/bmaptool}
dir=${BENCH_DIR:-/tmp/compressed-copy-bench}
size_mib=${SIZE_MIB:-4096}
repeat=${REPEAT:-3}
formats=(${FORMATS:-gz bz2 xz zst})
python_bmaptool=/usr/bin/bmaptool

[ -x "$ours" ] || { echo "no launcher at $ours: run mvn -B -q package -DskipTests first" >&2; exit 1; }
[ -x "$python_bmaptool" ] || { echo "Debian's bmaptool is not installed: its rows are skipped" >&2; python_bmaptool=; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed (Debian package time)" >&2; exit 1; }
(( size_mib >= 128 && size_mib % 64 == 0 )) || { echo "SIZE_MIB must be a multiple of 64, at least 128" >&2; exit 1; }
[[ "$dir$ours" != *" "* ]] || { echo "BENCH_DIR and BMAPTOOL must not contain spaces" >&2; exit 1; }
mkdir -p "$dir"
cd "$dir"

image=image-$size_mib.img
if [ ! -f "$image.done" ]; then
  echo "making $image: $size_mib MiB, $((size_mib / 4)) MiB mapped ..." >&2
  rm -f "$image" "$image".*
  python3 - "$image" "$size_mib" <<'EOF'
import base64, os, sys
path, size_mib = sys.argv[1], int(sys.argv[2])
MIB = 1 << 20
regions = size_mib // 64
stride = (size_mib - 16) // regions          # MiB between region starts; a tail of holes stays
def text(n):                                  # n bytes of base64 text of random bytes
    return base64.encodebytes(os.urandom(n * 3 // 4 + 64))[:n]
with open(path, "wb") as f:
    f.truncate(size_mib * MIB)
    for r in range(regions):
        f.seek((r * stride + 1) * MIB)
        f.write(os.urandom(8 * MIB))
        f.write(text(4 * MIB))
        for _ in range(32):
            f.write(text(64 << 10))
            f.write(bytes(64 << 10))
EOF
  touch "$image.done"
fi
[ -f "$image.bmap" ] || "$ours" create -o "$image.bmap" "$image"

compress() { # compress EXT COMMAND...: IMAGE.EXT made once
  local ext=$1
  shift
  if [ ! -f "$image.$ext.done" ]; then
    echo "making $image.$ext with $*" >&2
    "$@" < "$image" > "$image.$ext"
    touch "$image.$ext.done"
  fi
}
limit_command() { # the decompressor alone, to /dev/null
  case $1 in
    gz) echo "pigz -dc" ;;
    bz2) echo "pbzip2 -dc" ;;
    xz) echo "xz -dc -T2" ;;
    zst) echo "zstd -q -dc" ;;
  esac
}
for ext in "${formats[@]}"; do
  case $ext in
    gz) compress gz pigz -c ;;
    bz2) compress bz2 pbzip2 -c ;;
    xz) compress xz xz -T2 -c ;;
    zst) compress zst zstd -q -c ;;
    *) echo "unknown format $ext" >&2; exit 1 ;;
  esac
done

# measure CMD...: runs CMD (its stdout to /dev/null), prints "SECONDS RSS_KIB"; fails loudly.
measure() {
  local out
  out=$(mktemp)
  if ! /usr/bin/time -f "%e %M" -o "$out" "$@" > /dev/null 2> "$out.err"; then
    echo "FAILED: $*" >&2
    cat "$out.err" >&2
    rm -f "$out" "$out.err"
    return 1
  fi
  tail -1 "$out"
  rm -f "$out" "$out.err"
}
command_of() { # command_of TOOL EXT: the command line to time
  case $1 in
    limit) echo "$(limit_command "$2") $image.$2" ;;
    python) echo "$python_bmaptool -q copy --bmap $image.bmap $image.$2 $dir/dest.img" ;;
    ours) echo "$ours -q copy --bmap $image.bmap $image.$2 $dir/dest.img" ;;
  esac
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A times rss
tools=(limit python ours)
[ -n "$python_bmaptool" ] || tools=(limit ours)
for ((round = 1; round <= repeat; round++)); do
  for ext in "${formats[@]}"; do
    for tool in "${tools[@]}"; do
      rm -f "$dir/dest.img"
      cat "$image.$ext" > /dev/null
      sync
      # shellcheck disable=SC2046 # the paths have no spaces
      row=$(measure $(command_of "$tool" "$ext")) || { times[$ext,$tool]+=" failed"; continue; }
      times[$ext,$tool]+=" ${row%% *}"
      rss[$ext,$tool]+=" ${row##* }"
      if [ "$tool" = ours ] && [ "$round" = 1 ]; then
        cmp "$image" "$dir/dest.img" || echo "WARNING: our copy of $image.$ext differs from the image" >&2
      fi
      echo "round $round $ext $tool: ${row%% *} s" >&2
    done
  done
done
rm -f "$dir/dest.img"

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else print v[int((NR + 1) / 2)] }'; }
maximum() { tr ' ' '\n' | grep -v '^$' | sort -n | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b }'; }

printf '\n%s MiB image, %s MiB mapped; median of %s warm-cache runs; load average before: %s, after: %s\n' \
  "$size_mib" "$((size_mib / 4))" "$repeat" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-4s %9s %9s %9s %12s %12s %14s %14s\n' fmt "limit s" "python s" "ours s" "ours÷python" "ours÷limit" \
  "RSS python" "RSS ours"
for ext in "${formats[@]}"; do
  if grep -q failed <<< "${times[$ext,limit]:-}${times[$ext,python]:-}${times[$ext,ours]:-}"; then
    printf '%-4s a run failed: see above\n' "$ext"
    continue
  fi
  limit=$(median <<< "${times[$ext,limit]}")
  python=$(median <<< "${times[$ext,python]:-}")
  mine=$(median <<< "${times[$ext,ours]}")
  rss_python=$(maximum <<< "${rss[$ext,python]:-}")
  rss_ours=$(maximum <<< "${rss[$ext,ours]}")
  printf '%-4s %9s %9s %9s %12s %12s %14s %14s\n' "$ext" "$limit" "$python" "$mine" "$(ratio "$mine" "$python")" \
    "$(ratio "$mine" "$limit")" "$(awk -v k="${rss_python:-0}" 'BEGIN { printf "%.0f MiB", k / 1024 }')" \
    "$(awk -v k="$rss_ours" 'BEGIN { printf "%.0f MiB", k / 1024 }')"
done
