# Shared by ./vellum and the test scripts: finding a JDK >= 21.

java_major() { # prints the major version of the java binary $1, or 0
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -1
}

find_jdk() { # exports JAVA_HOME: JAVA_HOME if it is a JDK >= 21, else the newest one under the usual folders
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/javac" && "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]]; then
    export JAVA_HOME
    return
  fi
  local best="" best_v=0 d v
  for d in /usr/lib/jvm/*/ /opt/java/*/ /usr/local/lib/jvm/*/; do
    [[ -x "$d/bin/javac" ]] || continue
    v="$(java_major "$d/bin/java")"; v="${v:-0}"
    if (( v >= 21 && v > best_v )); then best="${d%/}"; best_v=$v; fi
  done
  if [[ -z "$best" ]]; then
    echo "vellum: no JDK 21 or newer found (JAVA_HOME=${JAVA_HOME:-unset}, nothing suitable under /usr/lib/jvm)." >&2
    echo "vellum: install one (Debian 13: apt-get install openjdk-21-jdk; else Temurin 21+), or point JAVA_HOME at it." >&2
    exit 2
  fi
  export JAVA_HOME="$best"
}
