#!/usr/bin/env bash
# npm run stack:up / stack:down (../shared/domain/API.md):
#   up    start what is not running yet (Postgres unless DATABASE_URL is set: the embedded one;
#         Kafka unless KAFKA_BROKERS is set: the local broker; the five services) in the background,
#         and wait until every /health answers 200. Revives a service that died.
#   down  stop the services, and the Kafka broker and Postgres this script started; no process is left behind.
# Logs: .run/logs/<service>.log (JSON lines) and .run/logs/kafka-server.log.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

pidfile() { echo "$run/$1.pid"; }

alive() {
  local f; f=$(pidfile "$1")
  [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null
}

healthy() { curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$(port_of "$1")/health"; }

start_service() {
  local svc=$1
  if alive "$svc"; then return 0; fi
  if healthy "$svc"; then say "$svc: something already answers on port $(port_of "$svc"); leaving it"; return 0; fi
  say "starting $svc on port $(port_of "$svc")"
  # setsid: the service gets its own process group, so down can stop it and whatever it started.
  setsid nohup node "$root/dist/apps/$svc/src/main.js" >>"$logs/$svc.log" 2>&1 </dev/null &
  echo $! >"$(pidfile "$svc")"
}

up() {
  local t0=$SECONDS
  mkdir -p "$logs"
  ensure_dependencies
  build
  ensure_postgres
  ensure_kafka
  [ "$started_kafka" = 1 ] && touch "$run/kafka.started-by-stack"
  [ "$started_postgres" = 1 ] && touch "$run/postgres.started-by-stack"
  for svc in "${services[@]}"; do start_service "$svc"; done
  local waiting=("${services[@]}")
  while [ ${#waiting[@]} -gt 0 ]; do
    local still=()
    for svc in "${waiting[@]}"; do
      if healthy "$svc"; then say "$svc healthy"; continue; fi
      if [ -f "$(pidfile "$svc")" ] && ! alive "$svc"; then
        say "$svc exited; last lines of $logs/$svc.log:"; tail -n 15 "$logs/$svc.log" >&2; exit 1
      fi
      still+=("$svc")
    done
    waiting=("${still[@]+"${still[@]}"}")
    [ ${#waiting[@]} -eq 0 ] && break
    if (( SECONDS - t0 > 180 )); then say "not healthy after 180 s: ${waiting[*]}"; exit 1; fi
    sleep 0.5
  done
  say "all five services healthy in $((SECONDS - t0)) s"
  for svc in "${services[@]}"; do printf '  %-13s http://localhost:%s  (docs: /docs)\n' "$svc" "$(port_of "$svc")"; done
}

stop_pid() {
  local name=$1 pid=$2
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  say "$name did not stop in 20 s: SIGKILL"
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
}

down() {
  local pids=()
  for svc in "${services[@]}"; do
    if alive "$svc"; then
      local pid; pid=$(cat "$(pidfile "$svc")")
      say "stopping $svc (pid $pid)"
      stop_pid "$svc" "$pid" &
      pids+=($!)
    fi
    rm -f "$(pidfile "$svc")"
  done
  for p in "${pids[@]+"${pids[@]}"}"; do wait "$p"; done
  if [ -f "$run/kafka.started-by-stack" ]; then
    bash "$root/deploy/kafka/kafka.sh" stop
    rm -f "$run/kafka.started-by-stack"
  fi
  if [ -f "$run/postgres.started-by-stack" ]; then
    bash "$root/deploy/postgres/postgres.sh" stop
    rm -f "$run/postgres.started-by-stack"
  fi
  say "stack down"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
