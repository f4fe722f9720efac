#!/usr/bin/env bash
# Makes the image base for machines that reach no container registry: a Java runtime jlinked from
# this machine's JDK, the shared libraries it loads copied from this machine, a non-root user and a
# /tmp, imported into the local Docker daemon as kup-base:local (selected by -Dkup.image.base=local).
# Linux only: the runtime and libraries are this machine's own binaries.
# Usage: deploy/image/local-base.sh [TAG]   (JAVA_HOME: the JDK to jlink from; it needs its jmods)
set -euo pipefail
tag="${1:-kup-base:local}"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
# what kup's service and CLI load: JDBC, JMX-based metrics, the HTTP server, Kafka's SASL and
# Unsafe, Log4j's XML configuration, TLS with elliptic curves
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management
modules+=,java.naming,java.net.http,java.scripting,java.security.jgss,java.security.sasl,java.sql
modules+=,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.management
modules+=,jdk.naming.dns,jdk.unsupported,jdk.zipfs

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=2 --output "$root/opt/java"

# the loader and every library the runtime links against, at the paths this machine has them
{ echo "$root/opt/java/bin/java"; find "$root/opt/java" -name '*.so'; } \
  | xargs ldd 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }' \
  | sort -u \
  | while read -r lib; do cp -L --parents "$lib" "$root"; done

mkdir -p "$root/tmp" "$root/etc" "$root/home/nonroot"
chmod 1777 "$root/tmp"
chown 65532:65532 "$root/home/nonroot"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' \
  > "$root/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$root/etc/group"

replaced="$(docker image inspect -f '{{.Id}}' "$tag" 2>/dev/null || true)"
tar -C "$root" -c . | docker import \
  --change 'ENV PATH=/opt/java/bin:/usr/bin:/bin' \
  --change 'ENV JAVA_HOME=/opt/java' \
  --change 'USER 65532:65532' \
  --change 'WORKDIR /tmp' \
  - "$tag" >/dev/null
# the base this replaced, now untagged (kept while an image still uses it)
if [[ -n "$replaced" && "$replaced" != "$(docker image inspect -f '{{.Id}}' "$tag")" ]]; then
  docker image rm "$replaced" >/dev/null 2>&1 || true
fi
echo "$tag: $(docker image inspect -f '{{.Size}}' "$tag" | awk '{ printf "%.0f MB", $1 / 1e6 }')"
