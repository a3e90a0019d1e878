#!/usr/bin/env bash
# The database servers of the real-server tests (packages/codemods/tests/servers/): PostgreSQL, MariaDB and Redis
# from Debian's packages, each a private instance of this repository listening on 127.0.0.1 only, with its data in
# one throwaway folder. See docs/testing.md.
#
#   bash scripts/servers.sh start    install the packages when missing, create the instances once, start them
#   bash scripts/servers.sh stop     stop them (the data folder stays for a fast next start)
#   bash scripts/servers.sh status   say which of them are running
#   bash scripts/servers.sh run -- <command>
#                                    start them, run the command, stop them (pnpm test runs its steps this way)
#
# Environment: BACKEND_PERF_SERVERS_DIR (data, sockets and logs, one folder per server; default ${TMPDIR:-/tmp}/backend-perf-servers),
# BACKEND_PERF_PG_PORT (55432), BACKEND_PERF_MARIADB_PORT (53306), BACKEND_PERF_REDIS_PORT (56379). The tests read
# the same port variables. Every server accepts the user backend_perf without a password, so only loopback is bound.
set -euo pipefail

DIR="${BACKEND_PERF_SERVERS_DIR:-${TMPDIR:-/tmp}/backend-perf-servers}"
PG_PORT="${BACKEND_PERF_PG_PORT:-55432}"
MARIADB_PORT="${BACKEND_PERF_MARIADB_PORT:-53306}"
REDIS_PORT="${BACKEND_PERF_REDIS_PORT:-56379}"
HOST=127.0.0.1
PACKAGES=(postgresql mariadb-server redis-server)

say() { printf 'servers: %s\n' "$*"; }
fail() {
  printf 'servers: %s\n' "$*" >&2
  exit 1
}

is_root() { [ "$(id -u)" = 0 ]; }

# Runs a command as the service's own user when this script runs as root (PostgreSQL refuses to run as root).
as_user() {
  local user="$1"
  shift
  if is_root; then runuser -u "$user" -- "$@"; else "$@"; fi
}

pg_bindir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$dir" ] && [ -x "$dir/postgres" ] && printf '%s\n' "$dir"
}

missing_packages() {
  local missing=()
  [ -n "$(pg_bindir || true)" ] || missing+=(postgresql)
  command -v mariadbd >/dev/null 2>&1 && command -v mariadb-install-db >/dev/null 2>&1 || missing+=(mariadb-server)
  command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1 || missing+=(redis-server)
  printf '%s\n' "${missing[@]}"
}

install_packages() {
  local missing
  mapfile -t missing < <(missing_packages | sed '/^$/d')
  [ "${#missing[@]}" -eq 0 ] && return 0
  say "installing ${missing[*]} from Debian's packages"
  local sudo=()
  if ! is_root; then
    command -v sudo >/dev/null 2>&1 || fail "run as root, or install ${PACKAGES[*]} first (apt-get install -y ${PACKAGES[*]})"
    sudo=(sudo)
  fi
  # RUNLEVEL=1: the packages' own system services are not started; this script runs its own instances.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y --no-install-recommends "${missing[@]}" ||
    {
      "${sudo[@]}" apt-get update
      "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y --no-install-recommends "${missing[@]}"
    }
}

# A folder owned by the user a server runs as.
owned_dir() {
  local user="$1" dir="$2"
  mkdir -p "$dir"
  if is_root; then chown "$user" "$dir"; fi
  chmod 700 "$dir"
}

wait_for() {
  local what="$1"
  shift
  for _ in $(seq 1 100); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  fail "$what did not start; see server.log in $DIR"
}

# ---- PostgreSQL ---------------------------------------------------------------------------------------------------
PGDATA="$DIR/postgres"

pg_running() {
  local bin
  bin="$(pg_bindir)" || return 1
  [ -f "$PGDATA/PG_VERSION" ] && as_user postgres "$bin/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1
}

start_postgres() {
  local bin user=postgres
  bin="$(pg_bindir)" || fail 'PostgreSQL is not installed'
  is_root || user="$(id -un)"
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    owned_dir "$user" "$PGDATA"
    as_user "$user" "$bin/initdb" -D "$PGDATA" -U backend_perf --auth=trust --encoding=UTF8 --no-locale >/dev/null
    # pg_stat_statements counts the queries the tests assert; durability is not needed for tests.
    cat >>"$PGDATA/postgresql.conf" <<EOF
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = top
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
EOF
  fi
  if pg_running; then
    say "PostgreSQL already running on $HOST:$PG_PORT"
  else
    # Loopback only, on the port of this run.
    as_user "$user" "$bin/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 30 \
      -o "-c listen_addresses=$HOST -p $PG_PORT -c unix_socket_directories=$PGDATA" start >/dev/null
    say "PostgreSQL started on $HOST:$PG_PORT"
  fi
  # Every database created from template1 gets the extension.
  as_user "$user" "$bin/psql" -X -q -h "$HOST" -p "$PG_PORT" -U backend_perf -d template1 \
    -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' >/dev/null
}

stop_postgres() {
  local bin
  bin="$(pg_bindir)" || return 0
  if pg_running; then
    as_user postgres "$bin/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null
    say 'PostgreSQL stopped'
  fi
}

# ---- MariaDB ------------------------------------------------------------------------------------------------------
MARIADB_DATA="$DIR/mariadb"
MARIADB_SOCKET="$MARIADB_DATA/mariadb.sock"
MARIADB_PID="$MARIADB_DATA/mariadb.pid"

mariadb_running() {
  [ -f "$MARIADB_PID" ] && kill -0 "$(cat "$MARIADB_PID")" 2>/dev/null
}

start_mariadb() {
  local user=mysql
  is_root || user="$(id -un)"
  if [ ! -d "$MARIADB_DATA/mysql" ]; then
    owned_dir "$user" "$MARIADB_DATA"
    mariadb-install-db --no-defaults --datadir="$MARIADB_DATA" --user="$user" --skip-test-db \
      --auth-root-authentication-method=normal >"$DIR/mariadb-install.log" 2>&1 ||
      fail "mariadb-install-db failed; see $DIR/mariadb-install.log"
  fi
  if mariadb_running; then
    say "MariaDB already running on $HOST:$MARIADB_PORT"
    return 0
  fi
  local args=(--no-defaults --datadir="$MARIADB_DATA" --bind-address="$HOST" --port="$MARIADB_PORT"
    --socket="$MARIADB_SOCKET" --pid-file="$MARIADB_PID" --log-error="$MARIADB_DATA/server.log" --skip-name-resolve
    --skip-log-bin --innodb-buffer-pool-size=64M --innodb-flush-log-at-trx-commit=0 --userstat=ON)
  if is_root; then args+=(--user="$user"); fi
  setsid nohup mariadbd "${args[@]}" </dev/null >/dev/null 2>&1 &
  wait_for MariaDB mariadb-admin --no-defaults --socket="$MARIADB_SOCKET" -u root ping
  # The tests' user, reachable over TCP from loopback without a password.
  mariadb --no-defaults --socket="$MARIADB_SOCKET" -u root -e "
    CREATE USER IF NOT EXISTS 'backend_perf'@'127.0.0.1';
    CREATE USER IF NOT EXISTS 'backend_perf'@'localhost';
    GRANT ALL PRIVILEGES ON *.* TO 'backend_perf'@'127.0.0.1' WITH GRANT OPTION;
    GRANT ALL PRIVILEGES ON *.* TO 'backend_perf'@'localhost' WITH GRANT OPTION;"
  say "MariaDB started on $HOST:$MARIADB_PORT"
}

stop_mariadb() {
  if mariadb_running; then
    local pid
    pid="$(cat "$MARIADB_PID")"
    kill "$pid"
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    say 'MariaDB stopped'
  fi
}

# ---- Redis --------------------------------------------------------------------------------------------------------
REDIS_DATA="$DIR/redis"
REDIS_PID="$REDIS_DATA/redis.pid"

redis_running() {
  [ -f "$REDIS_PID" ] && kill -0 "$(cat "$REDIS_PID")" 2>/dev/null
}

start_redis() {
  local user=redis
  is_root || user="$(id -un)"
  if redis_running; then
    say "Redis already running on $HOST:$REDIS_PORT"
    return 0
  fi
  owned_dir "$user" "$REDIS_DATA"
  as_user "$user" redis-server --bind "$HOST" --port "$REDIS_PORT" --dir "$REDIS_DATA" --daemonize yes \
    --pidfile "$REDIS_PID" --logfile "$REDIS_DATA/server.log" --save '' --appendonly no
  wait_for Redis redis-cli -h "$HOST" -p "$REDIS_PORT" ping
  wait_for Redis test -s "$REDIS_PID"
  say "Redis started on $HOST:$REDIS_PORT"
}

stop_redis() {
  if redis_running; then
    redis-cli -h "$HOST" -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || kill "$(cat "$REDIS_PID")"
    for _ in $(seq 1 100); do redis_running || break; sleep 0.1; done
    say 'Redis stopped'
  fi
}

# ---- commands -----------------------------------------------------------------------------------------------------
case "${1:-}" in
  start)
    install_packages
    mkdir -p "$DIR"
    chmod 755 "$DIR"
    start_postgres
    start_mariadb
    start_redis
    ;;
  stop)
    stop_redis
    stop_mariadb
    stop_postgres
    ;;
  status)
    status=0
    if pg_running; then say "PostgreSQL running on $HOST:$PG_PORT"; else say 'PostgreSQL not running' && status=1; fi
    if mariadb_running; then say "MariaDB running on $HOST:$MARIADB_PORT"; else say 'MariaDB not running' && status=1; fi
    if redis_running; then say "Redis running on $HOST:$REDIS_PORT"; else say 'Redis not running' && status=1; fi
    exit "$status"
    ;;
  run)
    # Runs a command with the servers up, and stops them afterwards whatever it returns (its exit code is kept).
    shift
    [ "${1:-}" = -- ] && shift
    [ "$#" -gt 0 ] || fail 'usage: bash scripts/servers.sh run -- <command>'
    if [ -n "${BACKEND_PERF_SKIP_SERVERS:-}" ] && [ -z "${CI:-}" ]; then
      exec "$@"
    fi
    # Two runs on one machine share the servers: each run registers itself, and at its end stops only the servers it
    # started, and only when no other run is still registered (servers that were up before, from `servers start`,
    # stay up).
    started=()
    pg_running || started+=(postgres)
    mariadb_running || started+=(mariadb)
    redis_running || started+=(redis)
    runs="$DIR/runs"
    mkdir -p "$runs"
    touch "$runs/$$"
    bash "$0" start
    stop_started() {
      rm -f "$runs/$$"
      local other server
      for other in "$runs"/*; do
        [ -e "$other" ] || continue
        if kill -0 "${other##*/}" 2>/dev/null; then return 0; fi
        rm -f "$other"
      done
      for server in ${started[@]+"${started[@]}"}; do "stop_$server"; done
    }
    trap stop_started EXIT
    "$@"
    ;;
  *)
    fail 'usage: bash scripts/servers.sh start|stop|status|run -- <command>'
    ;;
esac
