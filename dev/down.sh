#!/usr/bin/env bash
# Stop the Kafka broker and the registry started by dev/up.sh (or: npm run dev:down), OpenSearch if
# dev/search-up.sh started it, and the private PostgreSQL of dev/postgres-up.sh if it runs.
# Only processes recorded in .dev/pids/ and recognised as ours are signalled;
# infra given by KAFKA_BROKERS / SCHEMA_REGISTRY_URL is never touched.
# SIGTERM first, SIGKILL after UNILOG_DEV_STOP_TIMEOUT seconds (default 30).
# Safe to run when nothing is running.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mkdir -p "$PIDS"
lock

declare -A STOPPING=()
for component in registry kafka; do
  if pid=$(our_pid "$component"); then
    say "stopping $component (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    STOPPING[$component]=$pid
  else
    [[ -f $PIDS/$component.pid ]] && say "$component: stale pid file removed"
    [[ -f $PIDS/$component.pid ]] || say "$component: not running"
    rm -f "$PIDS/$component.pid"
  fi
done

# A process counts as gone once it has exited, even if nobody has reaped it yet.
deadline=$((SECONDS + STOP_TIMEOUT))
for component in "${!STOPPING[@]}"; do wait_stopped "$component" "${STOPPING[$component]}"; done
if [[ -f $PIDS/opensearch.pid ]]; then bash "$DEV_DIR/search-down.sh"; fi
bash "$DEV_DIR/postgres-down.sh"
