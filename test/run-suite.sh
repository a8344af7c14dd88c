#!/usr/bin/env bash
# npm test: the main suite (unit, integration on real Postgres and Kafka, end-to-end over the
# services as processes), starting what it needs: npm dependencies, the build the end-to-end tests
# run, and the local Kafka broker unless KAFKA_BROKERS is set (stopped again if it started it).
# Postgres comes from DATABASE_URL, else this machine's server on 127.0.0.1:5432; every test file
# makes a database of its own there and drops it.
# Jest's results go to .run/test-results/*.json; the last line is the plain count of them.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/lib.sh"
cd "$root"

results="$run/test-results"
rm -rf "$results" && mkdir -p "$results" "$logs"
ensure_dependencies || exit 1
build || exit 1
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
ensure_postgres || exit 1
ensure_kafka || exit 1
if [ "$started_kafka" = 1 ]; then trap 'bash "$root/deploy/kafka/kafka.sh" stop' EXIT; fi

t0=$SECONDS
status=0
# Unit and integration files run two at a time (2 cores); end-to-end files start whole services, one at a time.
npx jest --selectProjects unit int --maxWorkers=2 --json --outputFile="$results/main.json" "$@" || status=1
npx jest --selectProjects e2e --runInBand --json --outputFile="$results/e2e.json" "$@" || status=1
say "suite took $((SECONDS - t0)) s"
node "$root/test/summarize-results.js" "$results"/*.json || status=1
exit $status
