# Source this file: starts a throwaway PostgreSQL on a free loopback port and exports FIREBREAK_TEST_PG.
# Call pg_down to stop it and remove its files.
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "pg-test-env: PostgreSQL server binaries not found (install the 'postgresql' package)" >&2
  return 1 2>/dev/null || exit 1
fi
PGTMP=$(mktemp -d -t fbpg.XXXXXX)
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PGTMP"; PGAS="runuser -u postgres --"; else PGAS=""; fi
for _ in $(seq 50); do PGPORT=$(( 20000 + RANDOM % 20000 )); (exec 3<>/dev/tcp/127.0.0.1/$PGPORT) 2>/dev/null || break; done
$PGAS "$PGBIN/initdb" -D "$PGTMP/data" -U postgres -A trust -E UTF8 --no-sync >"$PGTMP/initdb.log" 2>&1 \
  || { cat "$PGTMP/initdb.log" >&2; return 1 2>/dev/null || exit 1; }
# fsync is off because this database is thrown away after the run; it is not what production uses.
$PGAS "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w -t 30 start \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -c unix_socket_directories=$PGTMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null \
  || { cat "$PGTMP/server.log" >&2; return 1 2>/dev/null || exit 1; }
export FIREBREAK_TEST_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"
pg_down() { $PGAS "$PGBIN/pg_ctl" -D "$PGTMP/data" -m fast -w stop >/dev/null 2>&1; rm -rf "$PGTMP"; }
