# Settings of the three-node dev cluster, for dev/cluster-up.sh and dev/cluster-down.sh (sourced, not run).
# The cluster has its own state dir (.dev-cluster/), so it runs beside the single-node stack of up.sh (.dev/).
# shellcheck shell=bash

CLUSTER_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export UNILOG_DEV_STATE=${UNILOG_CLUSTER_STATE:-$CLUSTER_ROOT/.dev-cluster}
# shellcheck source=dev/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NODES=(1 2 3)
# Node i listens on CLUSTER_PORT+i (PLAINTEXT) and CLUSTER_PORT+10+i (controller); the registry on CLUSTER_PORT+81/82.
CLUSTER_PORT=${UNILOG_CLUSTER_PORT:-19190}
CLUSTER_REGISTRY_PORT=$((CLUSTER_PORT + 81))
CLUSTER_REGISTRY_MGMT_PORT=$((CLUSTER_PORT + 82))
broker_port() { echo $((CLUSTER_PORT + $1)); }
controller_port() { echo $((CLUSTER_PORT + 10 + $1)); }
cluster_brokers() {
  local i list=""
  for i in "${NODES[@]}"; do list+="${list:+,}127.0.0.1:$(broker_port "$i")"; done
  echo "$list"
}

# node_arg <value>: checks a --node value.
node_arg() {
  [[ ${1:-} =~ ^[123]$ ]] || die "--node needs 1, 2 or 3, found '${1:-}'"
  echo "$1"
}

# cluster_lock: serialise cluster-up.sh / cluster-down.sh runs (up.sh, which cluster-up.sh calls for the registry,
# takes the other lock, .lock).
cluster_lock() {
  command -v flock >/dev/null 2>&1 || return 0
  exec 8>"$STATE/.cluster-lock"
  flock -w 300 8 || die "another dev/cluster-up.sh or dev/cluster-down.sh has held $(rel "$STATE/.cluster-lock") for 300s"
}
