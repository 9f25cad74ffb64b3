#!/usr/bin/env bash
# Stop the three-node cluster and the registry of dev/cluster-up.sh, or one node of it (for fault tests).
#
#   dev/cluster-down.sh                  stop everything (SIGTERM, SIGKILL after UNILOG_DEV_STOP_TIMEOUT s)
#   dev/cluster-down.sh --node N         stop node N cleanly (SIGTERM: controlled shutdown), wait until it exited
#   dev/cluster-down.sh --node N --kill  kill -9 node N
#   dev/cluster-down.sh --registry       stop the registry only (dev/cluster-up.sh starts it again, empty)
#
# Only processes recorded in the cluster's state dir and recognised as ours are signalled. Safe when nothing runs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cluster-lib.sh"

only="" signal=TERM
if [[ ${1:-} == --registry ]]; then
  exec bash "$DEV_DIR/down.sh"
fi
while (($#)); do
  case $1 in
    --node) only=$(node_arg "${2:-}"); shift 2 ;;
    --kill) signal=KILL; shift ;;
    *) die "usage: dev/cluster-down.sh [--node 1|2|3 [--kill] | --registry]" ;;
  esac
done
[[ $signal == KILL && -z $only ]] && die "--kill needs --node N"

mkdir -p "$PIDS"
cluster_lock

declare -A STOPPING=()
targets=("${NODES[@]}")
[[ -n $only ]] && targets=("$only")
for i in "${targets[@]}"; do
  if pid=$(our_pid "kafka-$i"); then
    say "$([[ $signal == KILL ]] && echo killing || echo stopping) kafka-$i (pid $pid)"
    kill "-$signal" "$pid" 2>/dev/null || true
    STOPPING[kafka-$i]=$pid
  else
    say "kafka-$i: not running"
    rm -f "$PIDS/kafka-$i.pid"
  fi
done

deadline=$((SECONDS + STOP_TIMEOUT))
for component in "${!STOPPING[@]}"; do wait_stopped "$component" "${STOPPING[$component]}"; done

# The registry (and nothing else: up.sh started no broker in this state dir).
[[ -z $only ]] && bash "$DEV_DIR/down.sh"
exit 0
