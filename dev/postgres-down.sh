#!/usr/bin/env bash
# Stop the private PostgreSQL cluster of dev/postgres-up.sh (same UNILOG_POSTGRES_PORT / UNILOG_POSTGRES_DIR) and
# remove its folder.
set -euo pipefail
PORT=${UNILOG_POSTGRES_PORT:-15432}
DIR=${UNILOG_POSTGRES_DIR:-/tmp/unilog-postgres-$PORT}
BIN=${UNILOG_POSTGRES_BIN:-$(dirname "$(command -v pg_ctl || echo /usr/lib/postgresql/15/bin/pg_ctl)")}
as_owner() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[[ -d $DIR ]] || exit 0
if [[ -f $DIR/data/postmaster.pid ]]; then
  as_owner "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
fi
rm -rf "$DIR"
