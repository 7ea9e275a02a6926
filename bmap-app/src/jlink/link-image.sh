#!/usr/bin/env bash
# Links the bmaptool runtime image: a trimmed JDK runtime with the application modules
# inside, the launcher, a class-data-sharing archive, the man page and bash completion.
# Called by the build (bmap-app/pom.xml, phase package):
#   link-image.sh JAVA_HOME APP_JAR MODULES_DIR IMAGE_DIR PROJECT_LICENSE
set -euo pipefail
java_home=$1 app_jar=$2 modules=$3 image=$4 project_license=$5

cp "$app_jar" "$modules/"
rm -rf "$image"

# Commons Compress and Commons Lang ship descriptors of their own (multi-release jars,
# META-INF/versions/9) that require java.desktop: about 19 MB of image for code bmaptool
# never runs. moditect will not touch a modular jar, so compile the same descriptors
# with java.desktop optional (src/jlink/<module>/module-info.java) and put them in place.
descriptors=$(dirname "$0")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for pair in org.apache.commons.compress:commons-compress org.apache.commons.lang3:commons-lang3; do
  module=${pair%%:*}
  jar=$(ls "$modules/${pair#*:}"-[0-9]*.jar)
  version=${jar##*-}
  "$java_home/bin/javac" -nowarn -d "$work/$module" --module-path "$modules" --module-version "${version%.jar}" \
    --patch-module "$module=$jar" "$descriptors/$module/module-info.java"
  "$java_home/bin/jar" --update --file "$jar" --release 9 -C "$work/$module" module-info.class
done

# Woodstox is the StAX implementation java.xml finds as a service: name it, since
# --bind-services would pull in every provider of the JDK as well. The same for SLF4J's
# no-operation provider (sshd logs through SLF4J, which otherwise warns on stderr).
"$java_home/bin/jlink" \
  --module-path "$modules:$java_home/jmods" \
  --add-modules org.bmaptool.app,com.ctc.wstx,jdk.crypto.ec,org.slf4j.nop \
  --strip-debug --no-header-files --no-man-pages --compress=2 \
  --ignore-signing-information \
  --output "$image"

# The licenses of the bundled libraries and our own, in legal/MODULE/ beside the JDK's.
"$java_home/bin/java" "$descriptors/Legal.java" "$image" "$modules" "$project_license" \
  "$descriptors/third-party-licenses.txt"

# Our own launcher rather than jlink's: it follows symlinks (so it can be linked into
# /usr/local/bin) and passes the JVM options that make a command-line tool start fast
# and stay small. A young generation of 8 MiB (the default grows with the machine's
# memory, and every page of it a run allocates through stays resident: 4-5 MiB of a
# copy's peak RSS; the copy's data lives in direct buffers, outside the heap), and an
# initial heap of 24 MiB that grows only as live data needs: with the default (1/64 of
# memory, 384 MiB here) the parallel bzip2/xz decoders' dead buffers piled up in the old
# generation until it was full: 456 MiB peak RSS on a 256 MiB .bz2, 112 MiB with this.
cat > "$image/bin/bmaptool" <<'LAUNCHER'
#!/bin/sh
# bmaptool launcher: runs the application with the runtime that ships beside it.
self=$(readlink -f "$0")
home=$(dirname "$(dirname "$self")")
exec "$home/bin/java" \
  -XX:SharedArchiveFile="$home/lib/bmaptool.jsa" -Xshare:auto \
  -XX:+UseSerialGC -Xms24m -Xmn8m -Xlog:disable -Xlog:all=warning:stderr \
  $BMAPTOOL_JAVA_OPTS \
  -m org.bmaptool.app/org.bmaptool.app.Main "$@"
LAUNCHER
chmod 755 "$image/bin/bmaptool"

# Man page and bash completion, generated from the same option model as --help.
mkdir -p "$image/share/man/man1" "$image/share/bash-completion/completions"
"$image/bin/java" -m org.bmaptool.app/org.bmaptool.app.cli.ManualPages \
  "$image/share/man/man1/bmaptool.1" "$image/share/bash-completion/completions/bmaptool"

# Class-data sharing: a static archive of the JDK and application classes that parsing
# a command line loads. A dynamic archive would not serve the application's classes: the
# JDK 17 runtime shares classes of named modules launched with -m only from a static one.
# The training runs what users run: a create (JNR: FIEMAP, lseek), a copy with its bmap
# found beside the image and verified, a copy from a gzip image, a copy with
# --read-back, and a verify. The class list's @lambda-proxy and @lambda-form-invoker lines
# are kept, so the lambdas and method handles those paths spin are archived too (without
# them, a third of what a copy loads is generated at every start).
classes=$(mktemp)
train=$(mktemp -d)
printf 'bmaptool' > "$train/train.img"
truncate -s 1M "$train/train.img"
runs=("--help" "create --help" "copy --help" "--version"
      "create -o $train/train.img.bmap $train/train.img"
      "copy $train/train.img $train/copy.img"
      "copy --read-back $train/train.img $train/copy.img"
      "verify --bmap $train/train.img.bmap $train/copy.img")
if command -v gzip > /dev/null; then
  gzip -c "$train/train.img" > "$train/packed.img.gz"
  runs+=("copy --bmap $train/train.img.bmap $train/packed.img.gz $train/copy.img")
fi
for args in "${runs[@]}"; do
  # shellcheck disable=SC2086
  "$image/bin/java" -XX:+UseSerialGC -XX:DumpLoadedClassList="$classes.part" \
    -m org.bmaptool.app/org.bmaptool.app.Main $args > /dev/null 2>&1
  cat "$classes.part" >> "$classes"
done
# Classes first, then the @ lines (which name classes that must already be listed).
{ grep -v '^@' "$classes" | grep -v 'jdk/proxy' | awk '!seen[$0]++'; grep '^@' "$classes" | sort -u; } > "$classes.sorted"
"$image/bin/java" -XX:+UseSerialGC -Xshare:dump -XX:SharedClassListFile="$classes.sorted" \
  -XX:SharedArchiveFile="$image/lib/bmaptool.jsa" \
  -m org.bmaptool.app/org.bmaptool.app.Main --version > /dev/null 2>&1
rm -f "$classes" "$classes.part" "$classes.sorted"
rm -rf "$train"
echo "bmaptool image: $image ($(du -sh "$image" | cut -f1))"
