#!/bin/bash
# Remakes the committed seed corpora of the fuzz tests in bmap-adapter-io with the real
# tools (gpg, gzip, bzip2, xz, zstd, lz4, lzop, tar, zip): small inputs, one or two per
# format, so that replaying them in every test run stays cheap. Run from anywhere; the
# seeds and the fuzz keyring are rewritten in place (the keys are new each time, so the
# signature seeds change too; commit them together).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
res="$here/../resources/org/bmaptool/io"
work=$(mktemp -d)
trap 'gpgconf --homedir "$work/gnupg" --kill gpg-agent 2>/dev/null || true; rm -rf "$work"' EXIT

# --- signatures: one ed25519 and one RSA key, no expiry, public part committed ---
sig="$res/signature"
gpg=(gpg --homedir "$work/gnupg" --batch --yes --pinentry-mode loopback --passphrase '')
mkdir -m 700 "$work/gnupg"
"${gpg[@]}" --quick-generate-key 'Fuzz Ed25519 <fuzz-ed25519@example.org>' ed25519 sign never 2>/dev/null
"${gpg[@]}" --quick-generate-key 'Fuzz RSA <fuzz-rsa@example.org>' rsa2048 sign never 2>/dev/null
"${gpg[@]}" --armor --export > "$sig/fuzz-keyring.asc"
# The signed file of the detached seeds; SignatureFuzzTest signs nothing, it only checks.
printf '<?xml version="1.0" ?>\n<bmap version="2.0">\n    <ImageSize> 4096 </ImageSize>\n- dash\n</bmap>\n' \
    > "$sig/fuzz-signed.bmap"
clear="$sig/SignatureFuzzTestInputs/clearsignedFailsOnlyWithItsOwnError"
detached="$sig/SignatureFuzzTestInputs/detachedFailsOnlyWithItsOwnError"
mkdir -p "$clear" "$detached"
for key in fuzz-ed25519 fuzz-rsa; do
    "${gpg[@]}" --local-user "$key@example.org" --output "$clear/$key" --clearsign "$sig/fuzz-signed.bmap"
    "${gpg[@]}" --local-user "$key@example.org" --armor --output "$detached/$key.asc" \
        --detach-sign "$sig/fuzz-signed.bmap"
    "${gpg[@]}" --local-user "$key@example.org" --output "$detached/$key.sig" --detach-sign "$sig/fuzz-signed.bmap"
done

# --- compression: a small image with a run of zeros, packed by each tool ---
comp="$res/compression/CompressedImagesFuzzTestInputs"
printf 'bmaptool fuzz seed image\n%.0s' 1 2 3 > "$work/disk.img"
head -c 3000 /dev/zero >> "$work/disk.img"
printf 'the end\n' >> "$work/disk.img"
seed() { mkdir -p "$comp/$1"; cat > "$comp/$1/$2"; }
gzip -c -9 "$work/disk.img" | seed gzipFailsOnlyWithItsOwnError gzip
{ gzip -c "$work/disk.img"; gzip -c "$work/disk.img"; } | seed gzipFailsOnlyWithItsOwnError two-members
bzip2 -c "$work/disk.img" | seed bzip2FailsOnlyWithItsOwnError bzip2
xz -c "$work/disk.img" | seed xzFailsOnlyWithItsOwnError xz
xz -c --check=sha256 -0 "$work/disk.img" | seed xzFailsOnlyWithItsOwnError sha256-check
zstd -q -c "$work/disk.img" | seed zstdFailsOnlyWithItsOwnError zstd
lz4 -q -c "$work/disk.img" | seed lz4FailsOnlyWithItsOwnError lz4
lzop -c "$work/disk.img" | seed lzopFailsOnlyWithItsOwnError lzop
# The tar seeds are the archive itself: the test gzips each input before reading it.
# A sparse file (data, a 4 KiB hole, data) so that tar records holes; -b1 keeps the
# archives to the 512-byte records they need.
printf 'sparse start\n' > "$work/sparse.img"
truncate -s 8192 "$work/sparse.img"
printf 'sparse end\n' >> "$work/sparse.img"
(cd "$work" && tar -b1 --format=ustar -cf - disk.img) | seed tarFailsOnlyWithItsOwnError ustar
(cd "$work" && tar -b1 --sparse --format=pax -cf - sparse.img) | seed tarFailsOnlyWithItsOwnError pax-sparse
(cd "$work" && tar -b1 --sparse --format=gnu -cf - sparse.img) | seed tarFailsOnlyWithItsOwnError gnu-sparse
(cd "$work" && zip -q - disk.img) | seed zipFailsOnlyWithItsOwnError deflated
(cd "$work" && zip -q -0 - disk.img) | seed zipFailsOnlyWithItsOwnError stored
