#!/usr/bin/env bash
# Links the bmaptool runtime image: a trimmed JDK runtime with the application modules
# inside, the launcher, a class-data-sharing archive, the man page and bash completion.
# Called by the build (bmap-app/pom.xml, phase package):
#   link-image.sh JAVA_HOME APP_JAR MODULES_DIR IMAGE_DIR PROJECT_LICENSE
set -euo pipefail
java_home=$1 app_jar=$2 modules=$3 image=$4 project_license=$5

cp "$app_jar" "$modules/"
rm -rf "$image"

# Module descriptors for third-party jars, all added the same way: compiled from
# src/jlink/<module>/module-info.java against the jar (javac --patch-module) and put into
# a copy of it. The JNR, SSHD and aircompressor jars have none (jlink takes only explicit
# modules); Commons Compress and Commons Lang have their own (multi-release jars,
# META-INF/versions/9) that require java.desktop, about 19 MB of image for code bmaptool
# never runs, so theirs are replaced by the same descriptors with java.desktop optional.
# The jars waiting for a descriptor stay off the module path (two jffi jars would both be
# the automatic module "jffi"), so the table in descriptors.txt is in dependency order.
descriptors=$(dirname "$0")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t table < <(grep -v '^#' "$descriptors/descriptors.txt" | grep .)
pending=()
for row in "${table[@]}"; do
  # shellcheck disable=SC2086
  pending+=("$(cd "$modules" && ls ${row#* })")
done
for i in "${!table[@]}"; do
  module=${table[$i]%% *}
  jar=${pending[$i]}
  path=()
  for candidate in "$modules"/*.jar; do
    name=$(basename "$candidate")
    waiting=false
    for later in "${pending[@]:$i}"; do
      [ "$name" = "$later" ] && waiting=true
    done
    $waiting || path+=("$candidate")
  done
  version=$(sed -E 's/^.*-([0-9][^-]*)(-native)?\.jar$/\1/' <<< "$jar")
  if ! "$java_home/bin/javac" -nowarn -d "$work/$module" --module-path "$(IFS=:; echo "${path[*]}")" \
      --module-version "$version" --patch-module "$module=$modules/$jar" \
      "$descriptors/$module/module-info.java" > "$work/javac.log" 2>&1; then
    echo "link-image.sh: cannot compile the descriptor of $module for $jar:" >&2
    cat "$work/javac.log" >&2
    exit 1
  fi
  # A multi-release jar keeps its descriptor where it had it; the others get it at the root.
  if "$java_home/bin/jar" --list --file "$modules/$jar" | grep -qx 'META-INF/versions/9/module-info.class'; then
    "$java_home/bin/jar" --update --file "$modules/$jar" --release 9 -C "$work/$module" module-info.class
  else
    "$java_home/bin/jar" --update --file "$modules/$jar" -C "$work/$module" module-info.class
  fi
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
classes=$work/classes
train=$work/train
mkdir -p "$train"
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
# A training run that fails would leave its classes out of the archive without a word:
# stop the build, naming the command and what it printed.
train_run() {
  if ! "$@" > "$train/run.log" 2>&1; then
    echo "link-image.sh: class-data training failed: $*" >&2
    cat "$train/run.log" >&2
    exit 1
  fi
}
for args in "${runs[@]}"; do
  # shellcheck disable=SC2086
  train_run "$image/bin/java" -XX:+UseSerialGC -XX:DumpLoadedClassList="$classes.part" \
    -m org.bmaptool.app/org.bmaptool.app.Main $args
  cat "$classes.part" >> "$classes"
done
# Classes first, then the @ lines (which name classes that must already be listed).
{ grep -v '^@' "$classes" | grep -v 'jdk/proxy' | awk '!seen[$0]++'; grep '^@' "$classes" | sort -u; } > "$classes.sorted"
train_run "$image/bin/java" -XX:+UseSerialGC -Xshare:dump -XX:SharedClassListFile="$classes.sorted" \
  -XX:SharedArchiveFile="$image/lib/bmaptool.jsa" \
  -m org.bmaptool.app/org.bmaptool.app.Main --version
echo "bmaptool image: $image ($(du -sh "$image" | cut -f1))"
