#!/usr/bin/env bash
# The release artifacts, made from the linked image by the build (bmap-app/pom.xml, phase
# package, after link-image.sh):
#   package-release.sh IMAGE_DIR MAVEN_VERSION OUTPUT_DIR
# - bmaptool-VERSION-linux-ARCH.tar.gz: the image as it is, in a folder bmaptool-VERSION/;
# - bmaptool_DEBVERSION_DEBARCH.deb: the image in /usr/lib/bmaptool, the launcher linked
#   from /usr/bin, the man page, completion and documentation where Debian puts them.
#   Made only where dpkg-deb and dpkg-shlibdeps (dpkg-dev) are installed.
# Timestamps come from SOURCE_DATE_EPOCH, else the last commit, so that a rebuild of the
# same sources gives the same archives.
set -euo pipefail
image=$1 version=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$here" log -1 --format=%ct 2>/dev/null || date +%s)}

tarball=$out/bmaptool-$version-linux-$(uname -m).tar.gz
tar --create --directory "$(dirname "$image")" --transform "flags=r;s,^$(basename "$image"),bmaptool-$version," \
  --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" "$(basename "$image")" | gzip -n > "$tarball"
echo "bmaptool release: $tarball"

if ! command -v dpkg-deb > /dev/null || ! command -v dpkg-shlibdeps > /dev/null; then
  echo "bmaptool release: no .deb, as dpkg-deb and dpkg-shlibdeps (package dpkg-dev) are not installed"
  exit 0
fi
# 1.0.0-SNAPSHOT -> 1.0.0~SNAPSHOT: a pre-release sorts before its release in Debian.
deb_version=${version/-/\~}
arch=$(dpkg --print-architecture)
deb=$out/bmaptool_${deb_version}_$arch.deb
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root=$stage/bmaptool
lib=$root/usr/lib/bmaptool
doc=$root/usr/share/doc/bmaptool
install -d "$root/DEBIAN" "$root/usr/bin" "$root/usr/lib" "$root/usr/share/man/man1" "$root/usr/share/bash-completion/completions" \
  "$doc" "$root/usr/share/lintian/overrides"
cp -a "$image" "$lib"

# Man page and completion where man and bash-completion look for them (no second copy in
# the image); the launcher follows the symlink to find its runtime.
gzip -9n < "$lib/share/man/man1/bmaptool.1" > "$root/usr/share/man/man1/bmaptool.1.gz"
mv "$lib/share/bash-completion/completions/bmaptool" "$root/usr/share/bash-completion/completions/"
rm -r "$lib/share"
ln -s ../lib/bmaptool/bin/bmaptool "$root/usr/bin/bmaptool"

# Debian policy 10.1: binaries stripped, as dh_strip does. jlink keeps the JDK's symbols
# (libjvm.so alone: 4 MB of them); a crash log then names fewer frames, nothing else changes.
elves=()
while IFS= read -r -d '' file; do
  [ "$(od -An -tx1 -N4 "$file" | tr -d ' \n')" = 7f454c46 ] && elves+=("$file")
done < <(find "$lib" -type f -print0)
for file in "${elves[@]}"; do
  case $file in
    *.so) strip --remove-section=.comment --remove-section=.note --strip-unneeded "$file" ;;
    *) strip --remove-section=.comment --remove-section=.note "$file" ;;
  esac
done
# jlink makes the JDK's legal files read-only (0444); Debian wants 0644, 0755 for programs.
chmod -R u+w,go-w,a+rX "$root"

cp "$here/deb/copyright" "$doc/copyright"
# Every bundled library must have its stanza in the copyright file (the JDK's modules and
# ours are covered by one each).
for dir in "$lib"/legal/*/; do
  module=$(basename "$dir")
  case $module in java.* | jdk.* | org.bmaptool.*) ;; *)
    grep -q "legal/$module/" "$doc/copyright" \
      || { echo "bmaptool release: no stanza names legal/$module/ in src/release/deb/copyright" >&2; exit 1; } ;;
  esac
done
maintainer=$(sed -n 's/^Maintainer: //p' "$here/deb/control.in")
sed -e "s/@VERSION@/$deb_version/" -e "s/@MAVEN_VERSION@/$version/" -e "s/@MAINTAINER@/$maintainer/" \
  -e "s/@DATE@/$(date -u -R -d "@$epoch")/" "$here/deb/changelog.in" | gzip -9n > "$doc/changelog.gz"
cp "$here/deb/lintian-overrides" "$root/usr/share/lintian/overrides/bmaptool"
chmod 644 "$doc/copyright" "$root/usr/share/lintian/overrides/bmaptool"

# Depends: the shared libraries the runtime's binaries link against, as dpkg-shlibdeps
# finds them (the libraries of the image itself need no package).
mkdir "$stage/debian"
printf 'Source: bmaptool\n\nPackage: bmaptool\nArchitecture: any\n' > "$stage/debian/control"
depends=$(cd "$stage" && dpkg-shlibdeps -O -l"$lib/lib" -l"$lib/lib/server" "${elves[@]}" 2> /dev/null \
  | sed -n 's/^shlibs:Depends=//p')
size=$(du -s -k --apparent-size "$root/usr" | cut -f1)
sed -e "s/@VERSION@/$deb_version/" -e "s/@ARCH@/$arch/" -e "s/@DEPENDS@/$depends/" -e "s/@INSTALLED_SIZE@/$size/" \
  "$here/deb/control.in" > "$root/DEBIAN/control"
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
chmod 644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
find "$root" -exec touch --no-dereference --date="@$epoch" {} +
# gzip: lib/modules is compressed already, and xz would take most of a minute for nothing.
SOURCE_DATE_EPOCH=$epoch dpkg-deb --root-owner-group -Zgzip --build "$root" "$deb" > /dev/null
echo "bmaptool release: $deb"
