#!/usr/bin/env bash
# Runs a command against a private, throw-away PostgreSQL server.
#
#   bash scripts/with-postgres.sh CMD [ARGS...]
#
# - initdb (as user postgres when run as root) into a fresh mktemp dir,
#   trust auth, UTF8, fsync off: for tests only;
# - listens on 127.0.0.1 only, on a free port, with its own socket dir;
# - creates database planpulse_test and exports
#     PLANPULSE_TEST_POSTGRES="Host=127.0.0.1;Port=PORT;Database=planpulse_test;Username=postgres"
#   (plus PGHOST/PGPORT/PGUSER/PGDATABASE so plain `psql` reaches it);
# - runs CMD, then stops the server and deletes its files (trap on exit);
# - exits with CMD's exit code. If PostgreSQL cannot be started it fails
#   loudly with a non-zero code and never runs CMD: no silent skipping.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

die() { echo "with-postgres: ERROR: $*" >&2; exit 1; }

PGBIN=""
for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
  [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ] && PGBIN="$d"
done
[ -n "$PGBIN" ] || die "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (run scripts/setup-machine.sh as root)"

# As root, everything server-side runs as the 'postgres' OS user (initdb
# refuses root). Its files live under /tmp so that user can reach them.
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || die "OS user 'postgres' does not exist"
  as_pg() { runuser -u postgres -- "$@"; }
  PGROOT="$(mktemp -d /tmp/planpulse-pg.XXXXXXXX)"
  chmod 755 "$PGROOT"
  chown postgres:postgres "$PGROOT"
else
  as_pg() { "$@"; }
  PGROOT="$(mktemp -d "${TMPDIR:-/tmp}/planpulse-pg.XXXXXXXX")"
fi
PGDATA_DIR="$PGROOT/data"
PGLOG="$PGROOT/server.log"
STARTED=false

cleanup() {
  local rc=$?
  if [ -f "$PGDATA_DIR/postmaster.pid" ]; then
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w -t 30 stop >/dev/null 2>&1 \
      || as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m immediate -w -t 30 stop >/dev/null 2>&1 \
      || echo "with-postgres: warning: could not stop PostgreSQL in $PGDATA_DIR" >&2
  fi
  rm -rf "$PGROOT"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

as_pg "$PGBIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
  >"$PGROOT/initdb.log" 2>&1 || { cat "$PGROOT/initdb.log" >&2; die "initdb failed"; }

# A port nobody listens on: random, below the Linux ephemeral range
# (32768-60999) so outgoing connections cannot be holding it.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() {
  local p i
  for i in $(seq 1 50); do
    p=$(( 15000 + RANDOM % 17000 ))
    port_in_use "$p" || { echo "$p"; return 0; }
  done
  return 1
}

# Start; if the port was taken between the check and the bind, try another.
PORT=""
for attempt in 1 2 3 4 5; do
  PORT="$(pick_port)" || die "no free TCP port found on 127.0.0.1"
  : >"$PGLOG" 2>/dev/null || true
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PGLOG" 2>/dev/null || true
  if as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGLOG" -w -t 60 -o \
       "-c listen_addresses=127.0.0.1 -p $PORT -k $PGROOT -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
       start >"$PGROOT/pg_ctl.log" 2>&1; then
    STARTED=true
    break
  fi
  if grep -qiE 'could not (bind|create listen)|address already in use' "$PGLOG" 2>/dev/null; then
    echo "with-postgres: port $PORT was taken, retrying" >&2
    continue
  fi
  break
done
if ! $STARTED; then
  echo "----- pg_ctl output -----" >&2; cat "$PGROOT/pg_ctl.log" >&2 || true
  echo "----- server log -----" >&2; cat "$PGLOG" >&2 || true
  die "PostgreSQL failed to start (binaries: $PGBIN)"
fi

"$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qc \
  "CREATE DATABASE planpulse_test" >/dev/null || die "could not create database planpulse_test"

export PLANPULSE_TEST_POSTGRES="Host=127.0.0.1;Port=$PORT;Database=planpulse_test;Username=postgres"
export PGHOST=127.0.0.1 PGPORT="$PORT" PGUSER=postgres PGDATABASE=planpulse_test
echo "with-postgres: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT (database planpulse_test)"

# Run the command (not exec: the trap must stop the server afterwards).
set +e
"$@"
rc=$?
set -e
exit "$rc"
