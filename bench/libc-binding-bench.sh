#!/usr/bin/env bash
# Start-up cost of the native binding: jnr-posix (the design card's library) against our own
# small jnr-ffi binding, in one run, RUNS runs each, median wall and CPU seconds. Each run is
# a fresh JVM that loads one binding and makes the first calls of a create on a sparse file.
# Usage: bench/libc-binding-bench.sh      (RUNS=11 by default; Maven fetches jnr-posix)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
runs=${RUNS:-11}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
jnr_ffi=$(sed -n 's:.*<jnr-ffi.version>\(.*\)</jnr-ffi.version>.*:\1:p' "$here/../pom.xml")
posix_version=${JNR_POSIX_VERSION:-3.1.20}
# jnr-posix and jnr-ffi with their dependencies, from Maven Central.
cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>libc-binding</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>com.github.jnr</groupId><artifactId>jnr-posix</artifactId><version>$posix_version</version></dependency>
    <dependency><groupId>com.github.jnr</groupId><artifactId>jnr-ffi</artifactId><version>$jnr_ffi</version></dependency>
  </dependencies>
</project>
POM
mvn -B -q -ntp -Dstyle.color=never -f "$work/pom.xml" dependency:build-classpath -Dmdep.outputFile="$work/cp" > /dev/null
cp=$(cat "$work/cp")
javac -d "$work/classes" -cp "$cp" "$here/LibcBindingBench.java"
truncate -s 64M "$work/sparse.img"
printf 'data' | dd of="$work/sparse.img" bs=1M seek=8 conv=notrunc status=none

# Median of the runs: wall, user+sys.
measure() {
  local variant=$1 walls=() cpus=()
  for _ in $(seq "$runs"); do
    local out
    out=$( { /usr/bin/time -f '%e %U %S' java -XX:+UseSerialGC -Xshare:auto \
        -cp "$work/classes:$cp" LibcBindingBench "$variant" "$work/sparse.img" > /dev/null; } 2>&1 | tail -1)
    read -r wall user sys <<< "$out"
    walls+=("$wall"); cpus+=("$(echo "$user + $sys" | bc | sed "s/^\./0./")")
  done
  printf '%s %s\n' "$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")" \
    "$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")"
}

read -r posix_wall posix_cpu <<< "$(measure jnr-posix)"
read -r own_wall own_cpu <<< "$(measure own)"
echo "| binding | wall s | CPU s | wall / own | CPU / own |"
echo "|---|---:|---:|---:|---:|"
echo "| jnr-posix $posix_version | $posix_wall | $posix_cpu | $(echo "scale=2; $posix_wall / $own_wall" | bc) | $(echo "scale=2; $posix_cpu / $own_cpu" | bc) |"
echo "| own jnr-ffi binding (jnr-ffi $jnr_ffi) | $own_wall | $own_cpu | 1.00 | 1.00 |"
echo "(median of $runs runs each, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
