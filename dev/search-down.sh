#!/usr/bin/env bash
# Stop the OpenSearch started by dev/search-up.sh (or: npm run dev:search:down; dev/down.sh calls it too).
# Only the process recorded in .dev/pids/opensearch.pid and recognised as ours is signalled; an OPENSEARCH_URL
# given from outside is never touched. SIGTERM first (OpenSearch stops in about a second), SIGKILL after
# UNILOG_DEV_STOP_TIMEOUT seconds (default 30). Safe to run when nothing is running.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mkdir -p "$PIDS"
lock search

if pid=$(our_pid opensearch); then
  say "stopping opensearch (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + STOP_TIMEOUT))
  wait_stopped opensearch "$pid"
else
  if [[ -f $PIDS/opensearch.pid ]]; then say "opensearch: stale pid file removed"; else say "opensearch: not running"; fi
  rm -f "$PIDS/opensearch.pid"
fi
