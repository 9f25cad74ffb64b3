#!/usr/bin/env bash
# Entry point for .ci/run:
#   bash dev/ci-services.sh up     start Kafka + schema registry, wait until they answer
#   bash dev/ci-services.sh down   stop them
# Works on a clean machine: the first `up` fetches the jars from Maven Central into
# ~/.m2 (about 200 MB; ~1 min) and unpacks them under .dev/.
# `up` prints KAFKA_BROKERS=... and SCHEMA_REGISTRY_URL=... on stdout; the defaults are
# the ones test/integration/infra.ts uses, so exporting them is optional.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
case "${1:-}" in
  up) exec bash "$here/up.sh" ;;
  down) exec bash "$here/down.sh" ;;
  *)
    echo "usage: $0 up|down" >&2
    exit 2
    ;;
esac
