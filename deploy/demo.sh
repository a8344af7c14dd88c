#!/usr/bin/env bash
# npm run demo: the whole of Cityloop on this machine, with live traffic, until Ctrl-C.
#   1. npm dependencies and the build (first run: npm ci)
#   2. Postgres: DATABASE_URL, else the embedded server in .run (first run: creates the cluster)
#   3. Kafka: KAFKA_BROKERS, else the local broker from Maven Central jars (first run: fetches them)
#      when Java and Maven are here, else `docker compose` when a Docker engine answers
#   4. the five services (as `npm run stack:up`), live traffic in real time, and beside it three
#      months of history backfilled once (the simulator as the importer, with business times)
#   5. the URLs and a command-centre token; Ctrl-C stops everything this script started
# Environment: DEMO_RATE (cases a minute, default 30), DEMO_HISTORY_CASES (default 1500),
# DEMO_SEED (default 1), and what stack:up reads (ports, DATABASE_URL, KAFKA_BROKERS).
set -euo pipefail
# Job control: each background job (the simulators) in a process group of its own, stopped as one.
set -m
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$root"

rate=${DEMO_RATE:-30}
history_cases=${DEMO_HISTORY_CASES:-1500}
seed=${DEMO_SEED:-1}
t0=$SECONDS
simulator=
backfill=
compose=0

cleanup() {
  trap - INT TERM EXIT
  set +e
  say "stopping the demo"
  for pid in $simulator $backfill; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null; done
  for pid in $simulator $backfill; do wait "$pid" 2>/dev/null; done
  if [ "$compose" = 1 ]; then
    docker compose -f "$root/deploy/docker-compose.yml" stop kafka >/dev/null 2>&1
  fi
  bash "$root/deploy/stack.sh" down
  say "stopped: nothing of the demo is left running"
  exit 0
}
trap cleanup INT TERM EXIT

# The history backfill, its progress every 30 s rather than every 5 s.
backfill_history() {
  bash "$root/deploy/cli.sh" simulate --seed "$seed" --cases "$history_cases" --from "$1" --to "$2" 2>&1 >/dev/null |
    awk 'BEGIN { last = 0 } { now = systime(); if (now - last >= 30 || / in [0-9.]+ s$/) { print "[history] " $0; fflush(); last = now } }' >&2
  say "history backfilled: the quarter's figures, trends and evaluation are complete"
}

# Kafka when neither KAFKA_BROKERS nor the local broker's tools are here: the compose file's broker.
choose_kafka() {
  if [ -n "${KAFKA_BROKERS:-}" ] || { command -v java >/dev/null && command -v mvn >/dev/null; }; then return 0; fi
  if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    say "Kafka: no Java and Maven here; starting the broker of deploy/docker-compose.yml"
    docker compose -f "$root/deploy/docker-compose.yml" up -d --wait kafka
    compose=1
    export KAFKA_BROKERS=127.0.0.1:29092
    return 0
  fi
  say "Kafka is needed: install Java 17+ and Maven (apt-get install openjdk-17-jre-headless maven) for the"
  say "local broker, or start a Docker engine, or point KAFKA_BROKERS at a broker; then run npm run demo again"
  exit 3
}

choose_kafka
bash "$root/deploy/stack.sh" up

projections="http://127.0.0.1:$(port_of projections)"
token=$(bash "$root/deploy/cli.sh" token command | tail -n 1)

# Live traffic at once; beside it the history (the last three months, once per database: a second
# demo keeps what the first made), so the centre is live while the history fills in.
say "live traffic: $rate cases a minute (DEMO_RATE)"
bash "$root/deploy/cli.sh" simulate --live --rate "$rate" --seed "$((seed + 1000))" >"$logs/demo-simulator.log" 2>&1 &
simulator=$!

has_history=$(curl -fs -H "Authorization: Bearer $token" "$projections/api/v1/cases?limit=1" |
  node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s).total>0?1:0))")
if [ "$has_history" = 0 ]; then
  from=$(node -e "console.log(new Date(Date.now()-91*864e5).toISOString().slice(0,10))")
  to=$(node -e "console.log(new Date(Date.now()-864e5).toISOString().slice(0,10))")
  say "first run: backfilling $history_cases cases of history ($from .. $to) beside the live traffic; progress every 30 s"
  backfill_history "$from" "$to" &
  backfill=$!
fi

cat >&2 <<EOF

  Cityloop is running (ready in $((SECONDS - t0)) s). Open:
    command centre   $projections/#token=$token
    work desk        $projections/desk.html   (sign in with the development picker)
    API docs         http://127.0.0.1:$(port_of intake)/docs  (intake; 3002-3004 for the others)
  Simulator log: $logs/demo-simulator.log
  Ctrl-C stops everything this demo started.

EOF
wait "$simulator"
