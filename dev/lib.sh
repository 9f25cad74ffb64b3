# Shared settings and helpers for dev/up.sh and dev/down.sh (sourced, not run).
# shellcheck shell=bash

DEV_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$DEV_DIR")
STATE=${UNILOG_DEV_STATE:-$ROOT/.dev}
LOGS=$STATE/logs
PIDS=$STATE/pids

KAFKA_PORT=19092
KAFKA_CONTROLLER_PORT=19093
REGISTRY_PORT=18081
REGISTRY_MGMT_PORT=18082
APICURIO_VERSION=3.3.3
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

DEFAULT_KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT
DEFAULT_SCHEMA_REGISTRY_URL=http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7

# Bound for each readiness wait, in seconds.
READY_TIMEOUT=${UNILOG_DEV_READY_TIMEOUT:-90}
# Bound between SIGTERM and SIGKILL in down.sh, in seconds.
STOP_TIMEOUT=${UNILOG_DEV_STOP_TIMEOUT:-30}

say() { echo "dev: $*" >&2; }
die() { echo "dev: error: $*" >&2; exit 1; }

# Path relative to the repo root, for messages.
rel() { local p=$1; echo "${p#"$ROOT"/}"; }

# java_major <java binary> -> prints the major version (17, 21, 25...)
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9.]*\).*/\1/p' | head -n1 | sed 's/^1\.//; s/\..*//'
}

# find_java <min major> -> prints the first java binary with at least that major version.
# Order: $JAVA_HOME, java on PATH, then every JDK under /usr/lib/jvm (newest first).
find_java() {
  local min=$1 cand major seen=""
  local -a cands=()
  [[ -n ${JAVA_HOME:-} ]] && cands+=("$JAVA_HOME/bin/java")
  if command -v java >/dev/null 2>&1; then cands+=("$(readlink -f "$(command -v java)")"); fi
  if [[ -d /usr/lib/jvm ]]; then
    while IFS= read -r cand; do cands+=("$cand"); done < <(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV)
  fi
  for cand in "${cands[@]}"; do
    [[ -x $cand ]] || continue
    major=$(java_major "$cand")
    [[ -n $major ]] || continue
    seen+=" $cand($major)"
    if (( major >= min )); then echo "$cand"; return 0; fi
  done
  echo "${seen:- none}" >&2
  return 1
}

# port_open <port>: something accepts TCP connections on 127.0.0.1:<port>
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# port_owner <port>: best-effort description of the listening process
port_owner() {
  if command -v ss >/dev/null 2>&1; then
    ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*users:(\(.*\))$/\1/p' | head -n1
  fi
}

# our_pid <component>: prints the pid if .dev/pids/<component>.pid names a live
# process that is really ours (its command line carries our marker and state dir).
our_pid() {
  local f=$PIDS/$1.pid pid cmd
  [[ -f $f ]] || return 1
  pid=$(<"$f")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmd == *"-Dunilog.dev.component=$1 "* && $cmd == *"$STATE"* ]] || return 1
  echo "$pid"
}
