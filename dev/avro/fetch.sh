#!/usr/bin/env bash
# Copies the Apache Avro Java jars (dev/avro/pom.xml) to .dev/avro-libs, once per pom version; prints the folder.
# Used by the reference tests (test/reference); needs mvn and a JDK (11+) on PATH.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
libs=$root/.dev/avro-libs
hash=$(sha256sum "$root/dev/avro/pom.xml" | cut -d' ' -f1)
if [[ -f $libs/.complete && $(<"$libs/.complete") == "$hash" ]]; then echo "$libs"; exit 0; fi
command -v mvn >/dev/null 2>&1 || { echo "dev/avro/fetch.sh: mvn is not on PATH" >&2; exit 1; }
mkdir -p "$root/.dev"
rm -rf "$libs" "$libs.tmp"
if ! mvn -B -q -f "$root/dev/avro/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$libs.tmp" >"$root/.dev/mvn-avro.log" 2>&1; then
  echo "dev/avro/fetch.sh: maven could not fetch the Avro jars; see .dev/mvn-avro.log" >&2; exit 1
fi
mv "$libs.tmp" "$libs"
echo "$hash" >"$libs/.complete"
echo "$libs"
