#!/usr/bin/env bash
# A private, throw-away PostgreSQL for the tests. Sourced by test.sh, or run by hand:
#   scripts/postgres.sh start           start it (installing Debian's postgresql when missing) and print its URL
#   scripts/postgres.sh stop            stop the private cluster (whoever started it)
#   scripts/postgres.sh url             print the connection string of the running cluster
#   scripts/postgres.sh status          say whether it runs
#   scripts/postgres.sh createdb NAME   create database NAME (if missing) and print its connection string
#   scripts/postgres.sh destroy         stop it and delete its data directory
#
# The cluster lives in the repository's ignored .pg/ (or under $TMPDIR when the postgres user cannot reach the
# repository), listens on 127.0.0.1 only, on $AUDITENGINE_PG_PORT (default 55432, or the next free port), and trusts
# local TCP connections. It holds database auditengine_test, owned by role auditengine (password auditengine, may
# create databases). Connection strings are Npgsql's: Host=127.0.0.1;Port=…;Username=…;Password=…;Database=….
#
# When AUDITENGINE_TEST_POSTGRES is already set and answers, it is used as it is and nothing is started.
#
# Functions for test.sh (and tests' helpers):
#   pg_test_start      make AUDITENGINE_TEST_POSTGRES point at a running PostgreSQL; returns non-zero (with a message)
#                      when none can be had. Sets PG_STARTED_HERE=1 when this call started the cluster.
#   pg_test_stop       stop the cluster only when pg_test_start started it (for `trap … EXIT`).
#   pg_create_database NAME   create NAME on the private cluster (if missing) and print its connection string.

# ---- settings --------------------------------------------------------------------------------------------------------
PG_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_DEFAULT_PORT="${AUDITENGINE_PG_PORT:-55432}"
PG_ROLE="${AUDITENGINE_PG_ROLE:-auditengine}"
PG_PASSWORD="${AUDITENGINE_PG_PASSWORD:-auditengine}"
PG_TEST_DB="auditengine_test"
PG_STARTED_HERE=0

pg__log() { echo "postgres: $*" >&2; }

# The directory that holds data/, the log and the chosen port. The repository's .pg/ when the postgres user can
# reach it, else a per-repository folder under $TMPDIR.
pg__base_dir() {
  if [[ -n "${AUDITENGINE_PG_DIR:-}" ]]; then
    echo "$AUDITENGINE_PG_DIR"
    return
  fi
  if [[ $(id -u) -ne 0 ]] || runuser -u postgres -- test -x "$PG_REPO_ROOT" 2>/dev/null; then
    echo "$PG_REPO_ROOT/.pg"
  else
    echo "${TMPDIR:-/tmp}/auditengine-pg-$(printf '%s' "$PG_REPO_ROOT" | md5sum | cut -c1-8)"
  fi
}

# Newest PostgreSQL server binaries Debian installed.
pg__bin_dir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [[ -n "$dir" && -x "$dir/pg_ctl" ]] && echo "$dir"
}

# Runs a command as the cluster's owner: the postgres system user when we are root (PostgreSQL refuses to run as
# root), else ourselves.
pg__as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg__port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Npgsql connection string for database $1 on port $2.
pg__url() {
  echo "Host=127.0.0.1;Port=$2;Username=$PG_ROLE;Password=$PG_PASSWORD;Database=$1"
}

# Value of key $2 in Npgsql connection string $1 (keys compared case-insensitively, a few aliases understood).
pg__cs_get() {
  local cs="$1" want="$2" part key parts
  IFS=';' read -r -a parts <<<"$cs"
  for part in "${parts[@]}"; do
    key="${part%%=*}"; key="${key,,}"; key="${key// /}"
    case "$key" in
      server) key=host ;;
      user|userid|user\ id) key=username ;;
      db) key=database ;;
    esac
    if [[ "$key" == "$want" ]]; then
      echo "${part#*=}"
      return
    fi
  done
}

# Whether Npgsql connection string $1 answers a query (psql over TCP).
pg__reachable() {
  local cs="$1" psql bin
  bin="$(pg__bin_dir)" || return 1
  psql="$bin/psql"
  PGCONNECT_TIMEOUT=3 PGPASSWORD="$(pg__cs_get "$cs" password)" "$psql" -X -q -A -t \
    -h "$(pg__cs_get "$cs" host)" -p "$(pg__cs_get "$cs" port)" \
    -U "$(pg__cs_get "$cs" username)" -d "$(pg__cs_get "$cs" database)" \
    -c 'select 1' >/dev/null 2>&1
}

# Runs psql as the superuser on the private cluster; arguments are psql's.
pg__psql_admin() {
  local port
  port="$(cat "$(pg__base_dir)/port")" || return 1
  "$(pg__bin_dir)/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres "$@"
}

pg__running() {
  local base bin
  base="$(pg__base_dir)"; bin="$(pg__bin_dir)" || return 1
  [[ -f "$base/data/PG_VERSION" ]] || return 1
  pg__as_owner "$bin/pg_ctl" -D "$base/data" status >/dev/null 2>&1
}

# Installs Debian's postgresql when no server binaries are there. Keeps Debian from creating and starting its own
# "main" cluster on 5432, which nothing here uses.
pg__ensure_installed() {
  pg__bin_dir >/dev/null && return 0
  if ! declare -F ensure_apt_packages >/dev/null; then
    # shellcheck source=scripts/setup.sh
    source "$PG_REPO_ROOT/scripts/setup.sh"
  fi
  if [[ $(id -u) -eq 0 && ! -e /etc/postgresql-common/createcluster.d/auditengine.conf ]]; then
    mkdir -p /etc/postgresql-common/createcluster.d &&
      echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.d/auditengine.conf
  fi
  ensure_apt_packages postgresql || return 1
  pg__bin_dir >/dev/null
}

# ---- commands --------------------------------------------------------------------------------------------------------

# Starts the private cluster when it is not running; prints nothing; sets PG_STARTED_HERE=1 when it started it.
pg_start_cluster() {
  local base bin port data
  pg__ensure_installed || { pg__log "PostgreSQL is not installed and could not be installed"; return 1; }
  bin="$(pg__bin_dir)"; base="$(pg__base_dir)"; data="$base/data"
  if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
    pg__log "the postgres system user is missing (the postgresql package creates it)"
    return 1
  fi
  mkdir -p "$base" || return 1
  [[ $(id -u) -eq 0 ]] && chown postgres: "$base"

  if pg__running; then
    return 0
  fi

  if [[ ! -f "$data/PG_VERSION" ]]; then
    rm -rf "$data"
    pg__as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync \
      >"$base/initdb.log" 2>&1 || { pg__log "initdb failed:"; cat "$base/initdb.log" >&2; return 1; }
  fi

  # Our port: the one we used last time, else the first free one from the default on.
  port="$(cat "$base/port" 2>/dev/null || true)"
  if [[ -z "$port" ]] || pg__port_in_use "$port"; then
    port="$PG_DEFAULT_PORT"
    while pg__port_in_use "$port"; do
      port=$((port + 1))
      if [[ $port -gt $((PG_DEFAULT_PORT + 100)) ]]; then
        pg__log "no free port in $PG_DEFAULT_PORT..$((PG_DEFAULT_PORT + 100))"
        return 1
      fi
    done
  fi
  echo "$port" >"$base/port"

  # TCP on 127.0.0.1 only, no Unix socket; durability off, since the data is thrown away.
  if ! pg__as_owner "$bin/pg_ctl" -D "$data" -l "$base/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null 2>&1; then
    pg__log "the server did not start; its log says:"
    tail -n 20 "$base/postgres.log" >&2
    return 1
  fi
  PG_STARTED_HERE=1

  # The role and the test database (idempotent).
  pg__psql_admin -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') THEN
        CREATE ROLE \"$PG_ROLE\" LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
      END IF;
    END \$\$;" >/dev/null || return 1
  pg_create_database "$PG_TEST_DB" >/dev/null || return 1
}

pg_stop_cluster() {
  local base bin
  base="$(pg__base_dir)"; bin="$(pg__bin_dir)" || return 0
  if pg__running; then
    pg__as_owner "$bin/pg_ctl" -D "$base/data" -m fast -w stop >/dev/null 2>&1
  fi
}

# Creates database $1 (owned by the test role) on the private cluster when missing; prints its connection string.
pg_create_database() {
  local name="$1" port
  if [[ ! "$name" =~ ^[A-Za-z_][A-Za-z0-9_]{0,62}$ ]]; then
    pg__log "bad database name '$name' (letters, digits and _ only)"
    return 1
  fi
  port="$(cat "$(pg__base_dir)/port")" || return 1
  if [[ -z "$(pg__psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$name'")" ]]; then
    pg__psql_admin -c "CREATE DATABASE \"$name\" OWNER \"$PG_ROLE\"" >/dev/null || return 1
  fi
  pg__url "$name" "$port"
}

# Makes AUDITENGINE_TEST_POSTGRES name a PostgreSQL that answers.
pg_test_start() {
  if [[ -n "${AUDITENGINE_TEST_POSTGRES:-}" ]] && pg__ensure_installed >/dev/null 2>&1 &&
    pg__reachable "$AUDITENGINE_TEST_POSTGRES"; then
    pg__log "using the configured AUDITENGINE_TEST_POSTGRES (Host=$(pg__cs_get "$AUDITENGINE_TEST_POSTGRES" host);Port=$(pg__cs_get "$AUDITENGINE_TEST_POSTGRES" port))"
    export AUDITENGINE_TEST_POSTGRES
    return 0
  fi
  if [[ -n "${AUDITENGINE_TEST_POSTGRES:-}" ]]; then
    pg__log "the configured AUDITENGINE_TEST_POSTGRES does not answer; starting a private cluster instead"
  fi
  unset AUDITENGINE_TEST_POSTGRES
  local started
  started=$SECONDS
  if ! pg_start_cluster; then
    pg__log "no PostgreSQL for the tests: AUDITENGINE_TEST_POSTGRES stays unset"
    return 1
  fi
  AUDITENGINE_TEST_POSTGRES="$(pg__url "$PG_TEST_DB" "$(cat "$(pg__base_dir)/port")")"
  export AUDITENGINE_TEST_POSTGRES
  if [[ $PG_STARTED_HERE -eq 1 ]]; then
    pg__log "started a private cluster in $(pg__base_dir) on 127.0.0.1:$(cat "$(pg__base_dir)/port") ($((SECONDS - started)) s)"
  else
    pg__log "private cluster already running on 127.0.0.1:$(cat "$(pg__base_dir)/port")"
  fi
}

pg_test_stop() {
  if [[ $PG_STARTED_HERE -eq 1 ]]; then
    pg_stop_cluster || pg__log "could not stop the private cluster (scripts/postgres.sh stop)"
    PG_STARTED_HERE=0
  fi
  return 0
}

# ---- run by hand -----------------------------------------------------------------------------------------------------
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -uo pipefail
  case "${1:-}" in
    start)
      pg_start_cluster || exit 1
      pg__url "$PG_TEST_DB" "$(cat "$(pg__base_dir)/port")"
      ;;
    stop) pg_stop_cluster ;;
    url)
      pg__running || { pg__log "not running (scripts/postgres.sh start)"; exit 1; }
      pg__url "$PG_TEST_DB" "$(cat "$(pg__base_dir)/port")"
      ;;
    status)
      if pg__running; then
        echo "running on 127.0.0.1:$(cat "$(pg__base_dir)/port"), data in $(pg__base_dir)/data"
      else
        echo "not running"; exit 1
      fi
      ;;
    createdb)
      [[ $# -eq 2 ]] || { echo "usage: $0 createdb NAME" >&2; exit 2; }
      pg__running || { pg__log "not running (scripts/postgres.sh start)"; exit 1; }
      pg_create_database "$2" || exit 1
      ;;
    destroy)
      pg_stop_cluster
      rm -rf "$(pg__base_dir)"
      ;;
    *)
      echo "usage: $0 start|stop|url|status|createdb NAME|destroy" >&2
      exit 2
      ;;
  esac
fi
