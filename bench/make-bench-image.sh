#!/usr/bin/env bash
# Makes the benchmark disk image of bench/compare.sh: a GPT disk of SIZE_GIB (default 4)
# with one Linux partition from 1 MiB to the end, holding an ext4 file system of real
# files (the machine's own /usr/lib and /usr/share, sorted, up to DATA_MIB, default 1024).
# ext4 scatters them over many extents, so the bmap has about a thousand ranges of every
# size, as a real root file system image has (as root, through a loop mount; without
# root, mkfs.ext4 -d fills it from a folder, which maps in fewer, longer ranges).
#   bench/make-bench-image.sh OUT            (reuses OUT when its .done marker is newer)
set -euo pipefail
out=${1:?usage: make-bench-image.sh OUT}
size_gib=${SIZE_GIB:-4}
data_mib=${DATA_MIB:-1024}
[ -f "$out.done" ] && [ "$out.done" -nt "$out" ] && [ "$(cat "$out.done")" = "$size_gib $data_mib" ] && exit 0

staging=$(mktemp -d)
trap 'rm -rf "$staging" "$staging.list"' EXIT
# Real files, in a stable order, until DATA_MIB of them are copied.
budget=$((data_mib * 1024 * 1024))
find /usr/lib /usr/share -xdev -type f -readable -size +0 -printf '%s %p\n' 2>/dev/null | sort -k2 \
  > "$staging.list" || true
mkdir -p "$staging/files"
while read -r size path; do
  [ "$budget" -gt 0 ] || break
  mkdir -p "$staging/files/$(dirname "$path")"
  cp "$path" "$staging/files/$path" 2>/dev/null || continue
  budget=$((budget - size))
done < "$staging.list"

rm -f "$out" "$out.done"
truncate -s "${size_gib}G" "$out"
printf 'label: gpt\nstart=2048, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name="rootfs"\n' |
  sfdisk --quiet "$out"
start=$((2048 * 512))
sectors=$(sfdisk --json "$out" | sed -n 's/.*"size": *\([0-9]*\).*/\1/p' | head -1)
if [ "$(id -u)" = 0 ] && command -v losetup > /dev/null; then
  # Written through the kernel, as an installer writes a root file system: ext4 spreads
  # the folders over its block groups, so the image maps in many ranges with holes between.
  mkfs.ext4 -q -F -E offset=$start "$out" "$((sectors / 2))k"
  loop=$(losetup --find --show --offset $start --sizelimit $((sectors * 512)) "$out")
  mkdir "$staging/mnt"
  mount "$loop" "$staging/mnt"
  trap 'umount "$staging/mnt" 2>/dev/null || true; losetup -d "$loop" 2>/dev/null || true; rm -rf "$staging" "$staging.list"' EXIT
  cp -a "$staging/files/." "$staging/mnt/"
  umount "$staging/mnt"
  losetup -d "$loop"
else
  # Without root, mkfs fills the file system itself: fewer, longer ranges.
  mkfs.ext4 -q -F -E offset=$start -d "$staging/files" "$out" "$((sectors / 2))k"
fi
echo "$size_gib $data_mib" > "$out.done"
