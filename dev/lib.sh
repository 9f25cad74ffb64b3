# Shared settings and helpers for dev/up.sh and dev/down.sh (sourced, not run).
# shellcheck shell=bash

DEV_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$DEV_DIR")
STATE=${UNILOG_DEV_STATE:-$ROOT/.dev}
LOGS=$STATE/logs
PIDS=$STATE/pids

# Ports on 127.0.0.1. Overriding them (e.g. for a second, isolated stack with its own
# UNILOG_DEV_STATE) changes the printed addresses: export those for the tests.
KAFKA_PORT=${UNILOG_KAFKA_PORT:-19092}
KAFKA_CONTROLLER_PORT=${UNILOG_KAFKA_CONTROLLER_PORT:-19093}
# A second client listener with TLS and SASL/PLAIN (user unilog, password in $STATE/kafka/tls/README), so that the
# runtime's TLS and SASL options are tested against the real broker.
KAFKA_SASL_SSL_PORT=${UNILOG_KAFKA_SASL_SSL_PORT:-$((KAFKA_PORT + 2))}
REGISTRY_PORT=${UNILOG_REGISTRY_PORT:-18081}
REGISTRY_MGMT_PORT=${UNILOG_REGISTRY_MGMT_PORT:-18082}
APICURIO_VERSION=3.3.3
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

DEFAULT_KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT
DEFAULT_SCHEMA_REGISTRY_URL=http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7

# Extra JVM flags (word-split). The defaults trade peak throughput for a cheaper start
# on small machines: C1 only, serial GC. Override with UNILOG_KAFKA_JVM_OPTS /
# UNILOG_REGISTRY_JVM_OPTS (an empty value means no extra flags).
KAFKA_JVM_OPTS=${UNILOG_KAFKA_JVM_OPTS-"-XX:+UseSerialGC -XX:TieredStopAtLevel=1"}
REGISTRY_JVM_OPTS=${UNILOG_REGISTRY_JVM_OPTS-"-XX:+UseSerialGC -XX:TieredStopAtLevel=1"}

# Bound for each readiness wait, in seconds.
READY_TIMEOUT=${UNILOG_DEV_READY_TIMEOUT:-90}
# Bound between SIGTERM and SIGKILL in down.sh, in seconds.
STOP_TIMEOUT=${UNILOG_DEV_STOP_TIMEOUT:-30}

say() { echo "dev: $*" >&2; }
die() { echo "dev: error: $*" >&2; exit 1; }

# Path relative to the repo root, for messages.
rel() { local p=$1; echo "${p#"$ROOT"/}"; }

# java_major <java binary> -> prints the major version (17, 21, 25...). Reads the JDK's
# `release` file when there is one (no JVM start), else asks the JVM.
java_major() {
  local home v
  home=$(dirname "$(dirname "$(readlink -f "$1")")")
  if [[ -f $home/release ]]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9.]*\).*/\1/p' "$home/release" | head -n1)
  fi
  if [[ -z ${v:-} ]]; then
    v=$("$1" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java\.specification\.version = \([0-9.]*\).*/\1/p' | head -n1)
  fi
  v=${v#1.}
  echo "${v%%.*}"
}

# find_java <min major> -> prints "<java binary> <major>" for the first java with at
# least that major version. Order: $JAVA_HOME, java on PATH, then every JDK under
# /usr/lib/jvm (newest first). On failure prints what it saw to stderr.
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
    cand=$(readlink -f "$cand")
    [[ $seen == *" $cand ("* ]] && continue
    major=$(java_major "$cand")
    [[ $major =~ ^[0-9]+$ ]] || continue
    seen+=" $cand ($major)"
    if ((major >= min)); then
      echo "$cand $major"
      return 0
    fi
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

# port_pid <port>: pid of the process listening on 127.0.0.1:<port>, if ss can tell
port_pid() {
  command -v ss >/dev/null 2>&1 || return 1
  ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n1 | grep .
}

# is_ours <component> <pid>: the process's command line carries our marker and state dir
is_ours() {
  local cmd
  cmd=$(tr '\0' ' ' <"/proc/$2/cmdline" 2>/dev/null) || return 1
  [[ $cmd == *"-Dunilog.dev.component=$1 "* && $cmd == *"$STATE"* ]]
}

# Fail with a clear message when a port we need is held by a process that is not ours.
require_free_port() { # <port> <what>
  if port_open "$1"; then
    local owner; owner=$(port_owner "$1")
    die "port $1 (needed by $2) is already in use${owner:+ by $owner}; stop that process, or point at existing infra with KAFKA_BROKERS / SCHEMA_REGISTRY_URL"
  fi
}

# lock: serialise up.sh / down.sh runs (several people or test runs may share .dev/).
lock() {
  command -v flock >/dev/null 2>&1 || return 0
  exec 9>"$STATE/.lock"
  flock -w 300 9 || die "another dev/up.sh or dev/down.sh has held $(rel "$STATE/.lock") for 300s"
}

# our_pid <component>: prints the pid if .dev/pids/<component>.pid names a live
# process that is really ours (its command line carries our marker and state dir).
our_pid() {
  local f=$PIDS/$1.pid pid
  [[ -f $f ]] || return 1
  pid=$(<"$f")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  is_ours "$1" "$pid" || return 1
  echo "$pid"
}

# launch <component> <workdir> <log> <command...>
# Starts the command detached from this shell: its own session (setsid), stdin from
# /dev/null, stdout+stderr appended to <log>, and no other inherited file descriptors
# (so a caller capturing our output, e.g. "$(dev/up.sh)", is not held open).
# Records its pid in .dev/pids/<component>.pid.
launch() {
  local component=$1 dir=$2 log=$3 i
  shift 3
  rm -f "$PIDS/$component.pid"
  # shellcheck disable=SC2016 # expanded by the inner bash
  setsid bash -c '
    pidfile=$1 dir=$2
    shift 2
    for fd in $(ls /proc/$$/fd); do
      if ((fd > 2)); then eval "exec $fd>&-"; fi
    done
    cd "$dir" || exit 1
    echo $$ >"$pidfile"
    exec "$@"' _ "$PIDS/$component.pid" "$dir" "$@" </dev/null >>"$log" 2>&1 &
  for i in $(seq 50); do
    [[ -s $PIDS/$component.pid ]] && return 0
    sleep 0.1
  done
  die "could not start $component; see $(rel "$log")"
}

need_mvn() {
  command -v mvn >/dev/null 2>&1 || die "mvn is not on PATH (Maven fetches the Kafka and Apicurio jars from Maven Central)"
}

# fetch_kafka_libs: the Kafka jars of dev/kafka/pom.xml in $STATE/kafka-libs (shared by up.sh and cluster-up.sh).
fetch_kafka_libs() {
  local libs=$STATE/kafka-libs stamp hash
  hash=$(sha256sum "$DEV_DIR/kafka/pom.xml" | cut -d' ' -f1)
  stamp=$libs/.complete
  if [[ -f $stamp && $(<"$stamp") == "$hash" ]]; then return 0; fi
  need_mvn
  say "fetching Kafka jars with Maven (dev/kafka/pom.xml; first run downloads ~45 MB)..."
  rm -rf "$libs" "$libs.tmp"
  if ! (cd "$STATE" && mvn -B -q -f "$DEV_DIR/kafka/pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$libs.tmp") >"$LOGS/mvn-kafka.log" 2>&1; then
    die "maven could not fetch the Kafka jars; see $(rel "$LOGS/mvn-kafka.log")"
  fi
  mv "$libs.tmp" "$libs"
  echo "$hash" >"$stamp"
}

# A KRaft cluster id in the format of `kafka-storage.sh random-uuid` (16 random bytes, base64url, no padding), without
# paying for a JVM start. Like Kafka's Uuid.randomUuid, never one that starts with '-': the storage tool would read
# it as an option ("--cluster-id: expected one argument"), about one start in 64.
new_cluster_id() {
  local id
  while :; do
    id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | cut -c1-22)
    [[ $id == -* ]] || break
  done
  echo "$id"
}

# write_kafka_log4j <dir> <log file>: a broker's log4j2 config, its log to one file, request and state-change
# loggers quiet.
write_kafka_log4j() {
  cat >"$1/log4j2.properties" <<EOF
status = warn
appender.file.type = File
appender.file.name = File
appender.file.fileName = $2
appender.file.append = true
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = File
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.state.name = state.change.logger
logger.state.level = WARN
EOF
}

# alive <pid>: the process exists and is not a zombie.
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  [[ $(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) != Z ]]
}

# wait_stopped <component> <pid>: waits for a process sent SIGTERM until SECONDS reaches the caller's `deadline`,
# then SIGKILLs it; forgets its pid file.
wait_stopped() {
  local component=$1 pid=$2
  while alive "$pid" && ((SECONDS < deadline)); do sleep 0.1; done
  if alive "$pid"; then
    say "$component (pid $pid) still running after ${STOP_TIMEOUT}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 100); do alive "$pid" || break; sleep 0.1; done
    alive "$pid" && die "$component (pid $pid) survived SIGKILL"
  fi
  rm -f "$PIDS/$component.pid"
  say "$component stopped"
}

# write_tls_material <dir>: a throw-away CA and a broker certificate for 127.0.0.1/localhost (PEM, key in PKCS#8 as
# Kafka's PEM key store wants it) in <dir>: ca.pem for clients, broker.pem (key + chain) for the broker.
write_tls_material() {
  local dir=$1
  mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=unilog dev CA" \
    -keyout "$dir/ca.key" -out "$dir/ca.pem" >/dev/null 2>&1 || die "openssl could not make the dev CA"
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$dir/broker.key" -out "$dir/broker.csr" >/dev/null 2>&1 ||
    die "openssl could not make the broker key"
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$dir/san.ext"
  openssl x509 -req -in "$dir/broker.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days 30 \
    -extfile "$dir/san.ext" -out "$dir/broker.crt" >/dev/null 2>&1 || die "openssl could not sign the broker certificate"
  openssl pkcs8 -topk8 -nocrypt -in "$dir/broker.key" -out "$dir/broker.p8" || die "openssl could not convert the broker key"
  cat "$dir/broker.p8" "$dir/broker.crt" "$dir/ca.pem" >"$dir/broker.pem"
  printf 'SASL/PLAIN on 127.0.0.1:%s: user unilog, password unilog-dev-secret; CA: ca.pem\n' "$KAFKA_SASL_SSL_PORT" >"$dir/README"
}
