#!/usr/bin/env bash
# Start a private PostgreSQL cluster with wal_level=logical, for the tailer's tests and for development
# (docs/tailer.md). It never touches the machine's own PostgreSQL: a fresh initdb in its own folder, its own port,
# listening on 127.0.0.1 only, trust authentication (a throwaway cluster).
#
#   dev/postgres-up.sh        (or: npm run dev:postgres:up)
#
# UNILOG_POSTGRES_PORT (default 15432) and UNILOG_POSTGRES_DIR (default /tmp/unilog-postgres-<port>) choose where.
# Idempotent: a cluster already running there is reused. stdout is one line, DATABASE_URL=…, so
#   eval "$(dev/postgres-up.sh)"
# exports it. Run as root, the cluster runs as the postgres user (PostgreSQL refuses to run as root).
set -euo pipefail
PORT=${UNILOG_POSTGRES_PORT:-15432}
DIR=${UNILOG_POSTGRES_DIR:-/tmp/unilog-postgres-$PORT}
BIN=${UNILOG_POSTGRES_BIN:-$(dirname "$(command -v pg_ctl || echo /usr/lib/postgresql/15/bin/pg_ctl)")}
say() { echo "dev: $*" >&2; }

as_owner() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

[[ -x $BIN/initdb && -x $BIN/pg_ctl ]] || { echo "dev: error: initdb/pg_ctl not found in $BIN (set UNILOG_POSTGRES_BIN)" >&2; exit 1; }
if [[ ! -f $DIR/data/PG_VERSION ]]; then
  mkdir -p "$DIR"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$DIR"
  as_owner "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; exit 1; }
fi
if ! as_owner "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
  say "starting PostgreSQL on 127.0.0.1:$PORT ($DIR)"
  as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 start \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -k $DIR -c wal_level=logical -c max_replication_slots=20 -c max_wal_senders=20 -c fsync=off" >&2 \
    || { tail -n 20 "$DIR/server.log" >&2; exit 1; }
fi
echo "DATABASE_URL=postgres://postgres@127.0.0.1:$PORT/postgres"
