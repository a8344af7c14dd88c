#!/usr/bin/env bash
# npm test: the main suite (unit, integration on real Postgres and Kafka, end-to-end over the
# services as processes); `npm run test:browser` (this script with `browser`): the browser tier,
# Playwright driving Debian's chromium (installed with apt-get when missing); `npm run test:faults`
# (with `faults`): faults, generated bad input and hostile load, one file at a time.
# Each starts what it needs: npm dependencies, the build the end-to-end tests run, and the local
# Kafka broker unless KAFKA_BROKERS is set, Postgres from DATABASE_URL or else the embedded server
# (each stopped again if it started it). Every test file makes a database of its own on that
# server and drops it.
# Jest's results go to .run/test-results/<tier>*.json; the last line is the plain count of them.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/lib.sh"
cd "$root"

tier=main
case "${1:-}" in browser | faults) tier=$1 && shift ;; esac
results="$run/test-results"
mkdir -p "$results" "$logs"
rm -f "$results/$tier"*.json
ensure_dependencies || exit 1
build || exit 1
trap stop_started EXIT
ensure_postgres || exit 1
ensure_kafka || exit 1

t0=$SECONDS
status=0
if [ "$tier" = browser ]; then
  ensure_chromium || exit 1
  mkdir -p "$run/artifacts"
  npx jest --selectProjects browser --runInBand --json --outputFile="$results/browser.json" "$@" || status=1
elif [ "$tier" = faults ]; then
  npx jest --selectProjects faults --runInBand --json --outputFile="$results/faults.json" "$@" || status=1
else
  # Unit and integration files run two at a time (2 cores); end-to-end files start whole services, one at a time.
  npx jest --selectProjects unit int --maxWorkers=2 --json --outputFile="$results/main.json" "$@" || status=1
  npx jest --selectProjects e2e --runInBand --json --outputFile="$results/main-e2e.json" "$@" || status=1
fi
say "$tier suite took $((SECONDS - t0)) s"
node "$root/test/summarize-results.js" "$results/$tier"*.json || status=1
exit $status
