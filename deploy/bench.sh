#!/usr/bin/env bash
# npm run bench: the performance report (test/bench/bench.ts). Installs and builds when needed, takes
# Postgres from DATABASE_URL (else the embedded server) and Kafka from KAFKA_BROKERS (else the local
# broker), starts the services on a database and topic prefix of their own, measures, writes
# docs/performance/, and stops everything it started. Run it on an otherwise idle machine.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$root"
ensure_dependencies || exit 1
build || exit 1
trap stop_started EXIT
ensure_postgres || exit 1
ensure_kafka || exit 1
node "$root/dist/test/bench/bench.js" "$@"
