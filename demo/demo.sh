#!/usr/bin/env bash
# The built-in demo: makes a small sparse disk image, writes its bmap with
# `bmaptool create`, flashes it with `bmaptool copy` (checksums verified on the way and
# read back afterwards) and shows that the copy is identical and as sparse as the
# image. Needs only the built image (mvn package) and coreutils.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
bmaptool="$here/bmap-app/target/bmaptool/bin/bmaptool"
[ -x "$bmaptool" ] || { echo "demo: build first: mvn -B -q package -DskipTests" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/bmaptool-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

echo "== A 256 MiB sparse image with a few MiB of data (boot area, two 'files', a tail)"
truncate -s 256M disk.img
head -c 1M /dev/urandom | dd of=disk.img conv=notrunc status=none
head -c 3M /dev/urandom | dd of=disk.img bs=1M seek=40 conv=notrunc status=none
yes "bmaptool demo" | head -c 2M | dd of=disk.img bs=1M seek=130 conv=notrunc status=none
printf 'end' | dd of=disk.img bs=1 seek=$((256 * 1024 * 1024 - 3)) conv=notrunc status=none
ls -ls disk.img

echo "== bmaptool create -o disk.img.bmap disk.img"
"$bmaptool" create -o disk.img.bmap disk.img
grep -E '^ *<(ImageSize|BlockSize|BlocksCount|MappedBlocksCount|ChecksumType|Range)' disk.img.bmap | head -12

echo "== bmaptool copy --read-back disk.img flashed.img   (the bmap is found beside the image)"
"$bmaptool" copy --read-back disk.img flashed.img

echo "== Result"
cmp disk.img flashed.img && echo "flashed.img is identical to disk.img"
echo "allocated: image $(du -k disk.img | cut -f1) KiB, copy $(du -k flashed.img | cut -f1) KiB, apparent size $(stat -c %s flashed.img) bytes"
