# Sourced by ./ring3, ./run-tests and perf scripts: sets $jdk to a Java 25+ JDK (RING3_JAVA_HOME, JAVA_HOME,
# /usr/lib/jvm), or fails with a message. The version comes from the JDK's release file (no JVM start), read
# without a subshell (every fork is a millisecond of ring3's start-up).
jdk_version() {   # sets $v to the major version of the JDK at $1 (empty if unknown)
  local line
  v=
  if [ -r "$1/release" ]; then
    while IFS= read -r line; do
      case "$line" in JAVA_VERSION=*) v=${line#JAVA_VERSION=\"}; v=${v%%[.\"]*}; return 0 ;; esac
    done < "$1/release"
  fi
  v=$("$1/bin/java" -version 2>&1 | head -1 | sed -E 's/.*version "([0-9]+).*/\1/')
}
find_jdk() {   # sets $jdk
  local c v
  for c in "${RING3_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    [ -n "$c" ] && [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    jdk_version "$c"
    case "$v" in ''|*[!0-9]*) continue ;; esac
    [ "$v" -ge 25 ] && { jdk=$c; return 0; }
  done
  return 1
}
if ! find_jdk; then
  echo "ring3: needs a Java 25 JDK; none found in \$JAVA_HOME or /usr/lib/jvm." >&2
  echo "ring3: install one (e.g. Eclipse Temurin 25) or point JAVA_HOME at it." >&2
  exit 127
fi
