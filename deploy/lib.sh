# Shared by deploy/stack.sh and test/run-suite.sh: where things live, and small helpers.
# shellcheck shell=bash
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
run=${CITYLOOP_RUN:-$root/.run}
logs="$run/logs"
services=(intake dispatch disposal verification projections)
declare -A default_port=([projections]=3000 [intake]=3001 [dispatch]=3002 [disposal]=3003 [verification]=3004)

say() { printf '[cityloop] %s\n' "$*" >&2; }

port_of() {
  local var="${1^^}_PORT"
  echo "${!var:-${default_port[$1]}}"
}

# npm ci when node_modules is missing or older than the lock file.
ensure_dependencies() {
  if [ ! -d "$root/node_modules" ] || [ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]; then
    say "installing npm dependencies (npm ci)"
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

build() {
  say "building (tsc)"
  (cd "$root" && npm run -s build)
}

# Kafka from KAFKA_BROKERS, else the local broker (deploy/kafka/kafka.sh). Sets started_kafka=1 when we started it.
ensure_kafka() {
  started_kafka=0
  if [ -n "${KAFKA_BROKERS:-}" ]; then say "Kafka: $KAFKA_BROKERS (KAFKA_BROKERS)"; return 0; fi
  if ! bash "$root/deploy/kafka/kafka.sh" status; then started_kafka=1; fi
  bash "$root/deploy/kafka/kafka.sh" start
  export KAFKA_BROKERS="127.0.0.1:${KAFKA_PORT:-9092}"
}

# Chromium for the browser tier (Debian's; PLAYWRIGHT_CHROMIUM may name another binary), and a CJK
# font so that the pages' Chinese renders (not boxes).
ensure_chromium() {
  local chromium=${PLAYWRIGHT_CHROMIUM:-/usr/bin/chromium} packages=()
  [ -x "$chromium" ] || packages+=(chromium)
  fc-list :lang=zh 2>/dev/null | grep -q . || packages+=(fonts-noto-cjk)
  if [ ${#packages[@]} -eq 0 ]; then return 0; fi
  say "installing ${packages[*]} (apt-get)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null; } || {
    say "could not install ${packages[*]} with apt-get"
    return 1
  }
}

# Postgres from DATABASE_URL, else the embedded server in .run (deploy/postgres/postgres.sh, its
# own port). Sets started_postgres=1 when we started it.
ensure_postgres() {
  started_postgres=0
  if [ -z "${DATABASE_URL:-}" ]; then
    bash "$root/deploy/postgres/postgres.sh" status || started_postgres=1
    bash "$root/deploy/postgres/postgres.sh" start || return 1
    DATABASE_URL=$(bash "$root/deploy/postgres/postgres.sh" url)
    export DATABASE_URL
    return 0
  fi
  say "Postgres: ${DATABASE_URL%%@*}@${DATABASE_URL#*@} (DATABASE_URL)"
  local server=${DATABASE_URL%/*}/postgres
  if ! (cd "$root" && node -e "const {Client}=require('pg');const c=new Client({connectionString:process.argv[1]});c.connect().then(()=>c.end()).catch(e=>{console.error(e.message);process.exit(1)})" "$server"); then
    say "Postgres does not answer at ${DATABASE_URL%%@*}@...: start it, or unset DATABASE_URL for the embedded one"
    return 1
  fi
}

# Stop what ensure_kafka / ensure_postgres started (for an EXIT trap).
stop_started() {
  if [ "${started_kafka:-0}" = 1 ]; then bash "$root/deploy/kafka/kafka.sh" stop || true; fi
  if [ "${started_postgres:-0}" = 1 ]; then bash "$root/deploy/postgres/postgres.sh" stop || true; fi
}
