#!/usr/bin/env bash
# scripts/with-postgres.sh COMMAND… — runs COMMAND beside a throwaway PostgreSQL server.
#
# The server is Debian's PostgreSQL (`make deps` installs it): initdb and pg_ctl in a temporary
# folder, listening on 127.0.0.1 on a free port and on a Unix socket in that folder. No Docker, no
# system service. COMMAND sees:
#   KARTA_TEST_POSTGRES_URL  postgresql://karta@127.0.0.1:PORT/karta_test?sslmode=disable
#                            (role karta: LOGIN, CREATEDB; password authentication)
#   PGPASSWORD               karta's password, as a nightly job would get it
#   KARTA_TEST_POSTGRES_BIN  the server's bin folder (psql, for tests that inspect the server)
#   KARTA_TEST_POSTGRES_SOCKET the socket folder (superuser karta_admin, trust, for tests that
#                            need to break things, e.g. terminate a connection)
# The server is stopped and its folder removed however COMMAND ends; COMMAND's status is returned.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: scripts/with-postgres.sh COMMAND [ARG…]" >&2
  exit 2
fi

pg_bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "with-postgres: PostgreSQL's server is not installed (make deps installs the postgresql package)" >&2
  exit 74
fi

work=$(mktemp -d /tmp/karta-postgres.XXXXXX)
run_as_owner=()
if [ "$(id -u)" = 0 ]; then
  # initdb refuses to run as root: the cluster belongs to Debian's postgres user.
  chown postgres: "$work"
  run_as_owner=(runuser -u postgres --)
fi

stop_server() {
  "${run_as_owner[@]}" "$pg_bin/pg_ctl" -D "$work/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop_server EXIT INT TERM

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
password="karta-test-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"

printf '%s\n' "$password" >"$work/admin-password"
[ "$(id -u)" = 0 ] && chown postgres: "$work/admin-password"
"${run_as_owner[@]}" "$pg_bin/initdb" -D "$work/data" -U karta_admin -E UTF8 --locale=C.UTF-8 \
  --auth-local=trust --auth-host=scram-sha-256 --pwfile="$work/admin-password" >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log" >&2; exit 74; }
"${run_as_owner[@]}" "$pg_bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $work -c fsync=off -c synchronous_commit=off" start \
  >/dev/null || { cat "$work/server.log" >&2; exit 74; }

admin_sql() { "${run_as_owner[@]}" "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$work" -p "$port" -U karta_admin -d postgres -c "$1"; }
admin_sql "CREATE ROLE karta LOGIN CREATEDB PASSWORD '$password'"
admin_sql "CREATE DATABASE karta_test OWNER karta"

export KARTA_TEST_POSTGRES_URL="postgresql://karta@127.0.0.1:$port/karta_test?sslmode=disable"
export KARTA_TEST_POSTGRES_SOCKET="$work"
export PGPASSWORD="$password"
export KARTA_TEST_POSTGRES_BIN="$pg_bin"

status=0
"$@" || status=$?
exit "$status"
