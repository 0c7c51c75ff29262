#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, benchmarks and `make run-team`: a fresh cluster in a
# temp folder, on a free port of 127.0.0.1, fsync off. Nothing of it outlives `stop`.
#
#   scripts/pg-server.sh start STATE_DIR        # prints the URL; writes STATE_DIR/env
#   scripts/pg-server.sh stop STATE_DIR         # stops the server and removes its data
#   scripts/pg-server.sh run STATE_DIR -- CMD…  # start, run CMD with the env, always stop; CMD's status
#   scripts/pg-server.sh psql STATE_DIR [ARGS…] # psql on the server's `tasklane` database
#
# The env file exports TASKLANE_TEST_PG_URL and TASKLANE_BENCH_PG_URL
# (postgres://tasklane@127.0.0.1:PORT/tasklane: a role that may create databases, trusted on
# loopback) and TASKLANE_TEST_PG_PORT. The role `tasklane_pw` needs the password `correct horse`
# (scram-sha-256), so tests can see a wrong password refused.
#
# initdb refuses to run as root, so as root the cluster belongs to the `postgres` user (created by
# Debian's postgresql package); its data lives under /tmp, which that user can reach. Measured here:
# initdb + start + roles take about 2 s.
set -euo pipefail

usage() { sed -n '4,8p' "$0" >&2; exit 2; }
[[ $# -ge 2 ]] || usage
command=$1 state=$2
shift 2

bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [[ -z "$dir" || ! -x "$dir/initdb" ]]; then
    echo "error: PostgreSQL's server programs are missing; install them with: scripts/ensure-system-deps.sh test" >&2
    exit 1
  fi
  echo "$dir"
}

# Runs a server program as the cluster's owner.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  [[ -f "$state/datadir" ]] || return 0
  local data bin
  data=$(cat "$state/datadir")
  bin=$(bin_dir)
  if [[ -f "$data/postmaster.pid" ]]; then
    as_owner "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$data" "$state/datadir" "$state/env"
}

start() {
  stop
  mkdir -p "$state"
  local bin data port started=$SECONDS
  bin=$(bin_dir)
  data=$(mktemp -d /tmp/tasklane-pg.XXXXXX)
  echo "$data" >"$state/datadir"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$data"
  as_owner "$bin/initdb" -D "$data" -A trust -E UTF8 --locale=C.UTF-8 -U postgres >"$state/initdb.log" 2>&1 || {
    cat "$state/initdb.log" >&2
    exit 1
  }
  # First match wins: the password role must prove its password, everyone else is trusted.
  { echo "host all tasklane_pw 127.0.0.1/32 scram-sha-256"; cat "$data/pg_hba.conf"; } >"$data/pg_hba.new"
  mv "$data/pg_hba.new" "$data/pg_hba.conf"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$data/pg_hba.conf"
  # A free port is found by binding one and letting it go; another program may take it before
  # the server does, so a start that fails is tried again on another port.
  local attempt
  for attempt in 1 2 3; do
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    if as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -o \
      "-k $data -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
       -c full_page_writes=off -c max_connections=300" start >/dev/null; then
      break
    fi
    if [[ $attempt -eq 3 ]]; then
      cat "$data/server.log" >&2
      exit 1
    fi
  done
  psql "postgres://postgres@127.0.0.1:$port/postgres" -q -v ON_ERROR_STOP=1 <<'SQL'
CREATE ROLE tasklane LOGIN CREATEDB CREATEROLE;
CREATE ROLE tasklane_pw LOGIN CREATEDB PASSWORD 'correct horse';
CREATE DATABASE tasklane OWNER tasklane;
SQL
  local url="postgres://tasklane@127.0.0.1:$port/tasklane"
  cat >"$state/env" <<ENV
export TASKLANE_TEST_PG_URL=$url
export TASKLANE_BENCH_PG_URL=$url
export TASKLANE_TEST_PG_PORT=$port
ENV
  echo "==> PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($url), ready in $((SECONDS - started)) s"
}

case "$command" in
  start) start ;;
  stop) stop ;;
  psql)
    # shellcheck disable=SC1091
    source "$state/env"
    exec psql "$TASKLANE_TEST_PG_URL" "$@"
    ;;
  run)
    [[ "${1:-}" == "--" ]] && shift
    [[ $# -ge 1 ]] || usage
    trap stop EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    start
    # shellcheck disable=SC1091
    source "$state/env"
    status=0
    "$@" || status=$?
    exit "$status"
    ;;
  *) usage ;;
esac
