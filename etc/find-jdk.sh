# Sourced by ./ring3 and ./run-tests: sets $jdk to a Java 25+ JDK (RING3_JAVA_HOME, JAVA_HOME, /usr/lib/jvm), or fails.
find_jdk() {
  local c
  for c in "${RING3_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    [ -n "$c" ] && [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    if "$c/bin/java" -version 2>&1 | head -1 | grep -Eq '"(2[5-9]|[3-9][0-9])[."]'; then echo "$c"; return 0; fi
  done
  return 1
}
if ! jdk=$(find_jdk); then
  echo "ring3: needs a Java 25 JDK; none found in \$JAVA_HOME or /usr/lib/jvm." >&2
  echo "ring3: install one (e.g. Eclipse Temurin 25) or point JAVA_HOME at it." >&2
  exit 127
fi
