#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for tests: installed from Debian packages when missing, run as a
# non-root user on a free loopback port, deleted afterwards.
#
#   deploy/postgres/throwaway.sh run -- CMD [ARGS...]   start, run CMD with BBZ_TEST_POSTGRES_URL set, stop
#   deploy/postgres/throwaway.sh start                  start in $BBZ_PG_DIR (default /tmp/bbz-pg-<uid>),
#                                                       print `export BBZ_TEST_POSTGRES_URL=...`
#   deploy/postgres/throwaway.sh stop                   stop the cluster in $BBZ_PG_DIR and delete it
#
# The URL is that of a role `bbz_test` (LOGIN CREATEDB CREATEROLE, not a superuser) and its database; the
# tests create one database per test (bbz_common.pgtest) and, for the cross-service suite, one role and
# database per service (bbz_common.pgsuite), as production does.
set -euo pipefail

PG_VERSION="${BBZ_PG_VERSION:-15}"

log() { echo "throwaway-pg: $*" >&2; }

pg_bindir() {
  local dir="/usr/lib/postgresql/${PG_VERSION}/bin"
  if [[ -x "$dir/initdb" ]]; then echo "$dir"; return 0; fi
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then echo "$dir"; return 0; fi
  return 1
}

ensure_installed() {
  if pg_bindir >/dev/null && command -v psql >/dev/null; then return 0; fi
  if [[ "$(id -u)" != 0 ]]; then
    log "PostgreSQL ${PG_VERSION} is not installed and this is not root: apt-get install postgresql-${PG_VERSION}"
    exit 1
  fi
  log "installing PostgreSQL ${PG_VERSION} from the Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # Do not create (nor start) the distribution's default cluster: we only want the binaries.
  mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.d/bbz-no-main.conf
  apt-get install -y -qq --no-install-recommends "postgresql-${PG_VERSION}" postgresql-client >/dev/null \
    || apt-get install -y -qq --no-install-recommends postgresql postgresql-client >/dev/null
  pg_bindir >/dev/null || { log "no initdb after installing"; exit 1; }
}

# Run a command as the cluster's owner: the server refuses to run as root.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

secret() { python3 -c 'import secrets; print(secrets.token_hex(16))'; }

start_cluster() {  # $1: directory (created, must not exist or be empty)
  local dir="$1" bindir port superpw testpw
  bindir="$(pg_bindir)"
  mkdir -p "$dir"
  if [[ "$(id -u)" == 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chown postgres: "$dir"
  fi
  chmod 700 "$dir"
  port="$(free_port)"
  superpw="$(secret)"
  testpw="$(secret)"
  printf '%s\n' "$superpw" >"$dir/.superpw"
  [[ "$(id -u)" == 0 ]] && chown postgres: "$dir/.superpw"
  chmod 600 "$dir/.superpw"
  as_owner "$bindir/initdb" -D "$dir/data" -U postgres --pwfile="$dir/.superpw" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  # A test cluster, thrown away afterwards: no flush to disk (fsync, full_page_writes off), and enough
  # connections for the parallel test engines. synchronous_commit stays on, as in production: a commit
  # returns once its WAL is written (here: not flushed). It is also the cheaper setting on a busy 2-core
  # machine: off wakes the WAL writer for commit after commit (bench: 0.44-0.51 against 0.37-0.38 ms of
  # server CPU per route determination).
  cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = ${port}
unix_socket_directories = '${dir}'
max_connections = 300
shared_buffers = 64MB
fsync = off
full_page_writes = off
log_min_messages = warning
CONF
  if ! as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null; then
    cat "$dir/server.log" >&2
    exit 1
  fi
  echo "$port" >"$dir/port"
  PGPASSWORD="$superpw" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres <<SQL
CREATE ROLE bbz_test LOGIN CREATEDB CREATEROLE PASSWORD '${testpw}';
CREATE DATABASE bbz_test OWNER bbz_test;
SQL
  echo "postgresql+asyncpg://bbz_test:${testpw}@127.0.0.1:${port}/bbz_test" >"$dir/url"
  chmod 600 "$dir/url"
  log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') running on 127.0.0.1:${port} (data in ${dir})"
}

stop_cluster() {  # $1: directory
  local dir="$1" bindir
  [[ -d "$dir/data" ]] || { rm -rf "$dir"; return 0; }
  bindir="$(pg_bindir)"
  as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  log "stopped and deleted ${dir}"
}

cmd="${1:-}"
shift || true
case "$cmd" in
  run)
    [[ "${1:-}" == "--" ]] && shift
    [[ $# -gt 0 ]] || { echo "usage: $0 run -- CMD [ARGS...]" >&2; exit 2; }
    ensure_installed
    dir="$(mktemp -d /tmp/bbz-pg.XXXXXX)"
    trap 'stop_cluster "$dir"' EXIT
    trap 'exit 130' INT TERM
    start_cluster "$dir"
    BBZ_TEST_POSTGRES_URL="$(cat "$dir/url")" "$@"
    ;;
  start)
    ensure_installed
    dir="${BBZ_PG_DIR:-/tmp/bbz-pg-$(id -u)}"
    if [[ -f "$dir/url" ]]; then log "already running in $dir"; else start_cluster "$dir"; fi
    echo "export BBZ_TEST_POSTGRES_URL='$(cat "$dir/url")'"
    ;;
  stop)
    stop_cluster "${BBZ_PG_DIR:-/tmp/bbz-pg-$(id -u)}"
    ;;
  *)
    sed -n '2,13p' "$0" >&2
    exit 2
    ;;
esac
