#!/usr/bin/env bash
# A real single-node Apache Kafka (KRaft, broker+controller) from Maven Central jars, no Docker.
#   kafka.sh fetch   gather the broker's jars into the cache (first run only; shows Maven's progress)
#   kafka.sh start   fetch if needed, format the data dir once, start in the background, wait until it answers
#   kafka.sh stop    stop the broker started by this script (SIGTERM, then SIGKILL after 30 s)
#   kafka.sh status  exit 0 when a broker answers on the port
# Environment: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), CITYLOOP_CACHE (~/.cache/cityloop:
# the jars, outside the clone), CITYLOOP_RUN (./.run: data dir, pid and logs), KAFKA_HEAP (512m).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/pom.xml")
cache=${CITYLOOP_CACHE:-$HOME/.cache/cityloop}
jars="$cache/kafka-$version/libs"
run=${CITYLOOP_RUN:-$root/.run}
port=${KAFKA_PORT:-9092}
controller_port=${KAFKA_CONTROLLER_PORT:-9093}
data="$run/kafka-$port"
logs="$run/logs"
pidfile="$run/kafka-$port.pid"
heap=${KAFKA_HEAP:-512m}

log() { printf '[kafka] %s\n' "$*" >&2; }

answers() {
  # A broker answers when a metadata request gets through (kcat when present, else bash's /dev/tcp).
  if command -v kcat >/dev/null 2>&1; then
    kcat -b "127.0.0.1:$port" -L -m 2 >/dev/null 2>&1
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
  fi
}

fetch() {
  if [ -f "$jars/.complete" ]; then return 0; fi
  command -v java >/dev/null || { log "Java 17+ is needed for the local broker (apt-get install openjdk-17-jre-headless), or set KAFKA_BROKERS"; exit 3; }
  command -v mvn >/dev/null || { log "Maven is needed to fetch the broker's jars (apt-get install maven), or set KAFKA_BROKERS"; exit 3; }
  log "first run: fetching Apache Kafka $version jars from Maven Central into $jars"
  rm -rf "$jars" && mkdir -p "$jars"
  mvn -B -ntp -f "$here/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$jars" | sed -u 's/^/[kafka:mvn] /' >&2
  touch "$jars/.complete"
  log "fetched $(ls "$jars" | wc -l) jars"
}

write_config() {
  mkdir -p "$data" "$logs"
  cat > "$run/kafka-$port.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$data/log
num.partitions=6
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# One node is broker and controller: after a crash its old registration only blocks its own return
# (DUPLICATE_BROKER_REGISTRATION until the session lapses), so the session is short (9 s by default).
broker.heartbeat.interval.ms=500
broker.session.timeout.ms=2000
auto.create.topics.enable=false
# Event topics keep their records; retention is set per topic at creation.
log.retention.hours=-1
PROPS
}

java_opts=(-Xms"$heap" -Xmx"$heap" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true
  -Dkafka.logs.dir="$logs" -Dlog4j2.configurationFile="$here/log4j2.yaml" -cp "$jars/*")

# The storage tool is short-lived: C1 only starts it faster.
storage_tool() { java -XX:TieredStopAtLevel=1 "${java_opts[@]}" kafka.tools.StorageTool "$@"; }

running_pid() {
  [ -f "$pidfile" ] || return 1
  local pid; pid=$(cat "$pidfile")
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

start() {
  if running_pid >/dev/null; then log "already running (pid $(cat "$pidfile")) on 127.0.0.1:$port"; return 0; fi
  if answers; then log "a broker already answers on 127.0.0.1:$port; using it"; return 0; fi
  fetch
  write_config
  if [ ! -f "$data/log/meta.properties" ]; then
    log "formatting $data"
    storage_tool format -t "$(storage_tool random-uuid)" -c "$run/kafka-$port.properties" -g >/dev/null
  fi
  log "starting broker on 127.0.0.1:$port (logs: $logs/kafka-server.log)"
  setsid nohup java "${java_opts[@]}" kafka.Kafka "$run/kafka-$port.properties" \
    >"$logs/kafka-stdout.log" 2>&1 </dev/null &
  echo $! > "$pidfile"
  local started=$SECONDS
  until answers; do
    if ! running_pid >/dev/null; then log "broker exited; last lines of its log:"; tail -20 "$logs/kafka-stdout.log" >&2; exit 1; fi
    if (( SECONDS - started > 90 )); then log "broker did not answer within 90 s"; exit 1; fi
    sleep 0.5
  done
  log "ready in $((SECONDS - started)) s"
}

stop() {
  local pid
  if ! pid=$(running_pid); then rm -f "$pidfile"; log "not running"; return 0; fi
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then log "still running after 30 s: SIGKILL"; kill -KILL "$pid"; fi
  rm -f "$pidfile"
  log "stopped"
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop ;;
  status) answers ;;
  *) echo "usage: $0 fetch|start|stop|status" >&2; exit 2 ;;
esac
