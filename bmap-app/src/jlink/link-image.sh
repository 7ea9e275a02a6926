#!/usr/bin/env bash
# Links the bmaptool runtime image: a trimmed JDK runtime with the application modules
# inside, the launcher, a class-data-sharing archive, the man page and bash completion.
# Called by the build (bmap-app/pom.xml, phase package):
#   link-image.sh JAVA_HOME APP_JAR MODULES_DIR IMAGE_DIR
set -euo pipefail
java_home=$1 app_jar=$2 modules=$3 image=$4

cp "$app_jar" "$modules/"
rm -rf "$image"

# Woodstox is the StAX implementation java.xml finds as a service: name it, since
# --bind-services would pull in every provider of the JDK as well.
"$java_home/bin/jlink" \
  --module-path "$modules:$java_home/jmods" \
  --add-modules org.bmaptool.app,com.ctc.wstx,jdk.crypto.ec \
  --strip-debug --no-header-files --no-man-pages --compress=2 \
  --ignore-signing-information \
  --generate-cds-archive \
  --output "$image"

# Our own launcher rather than jlink's: it follows symlinks (so it can be linked into
# /usr/local/bin) and passes the JVM options that make a command-line tool start fast.
cat > "$image/bin/bmaptool" <<'LAUNCHER'
#!/bin/sh
# bmaptool launcher: runs the application with the runtime that ships beside it.
self=$(readlink -f "$0")
home=$(dirname "$(dirname "$self")")
exec "$home/bin/java" \
  -XX:SharedArchiveFile="$home/lib/bmaptool.jsa" -Xshare:auto \
  -XX:+UseSerialGC -Xlog:disable -Xlog:all=warning:stderr \
  $BMAPTOOL_JAVA_OPTS \
  -m org.bmaptool.app/org.bmaptool.app.Main "$@"
LAUNCHER
chmod 755 "$image/bin/bmaptool"

# Man page and bash completion, generated from the same option model as --help.
mkdir -p "$image/share/man/man1" "$image/share/bash-completion/completions"
"$image/bin/java" -m org.bmaptool.app/org.bmaptool.app.cli.ManualPages \
  "$image/share/man/man1/bmaptool.1" "$image/share/bash-completion/completions/bmaptool"

# Application class-data sharing: record the classes a typical run loads.
"$image/bin/java" -XX:ArchiveClassesAtExit="$image/lib/bmaptool.jsa" -XX:+UseSerialGC \
  -m org.bmaptool.app/org.bmaptool.app.Main --help > /dev/null 2>&1
echo "bmaptool image: $image ($(du -sh "$image" | cut -f1))"
