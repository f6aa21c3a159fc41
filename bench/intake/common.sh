# Shared by bench/intake/run.sh and bench/intake/rss.sh: installs the tools, builds Firebreak, starts either target.
for tool in wrk prometheus-alertmanager; do
  command -v $tool >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk prometheus-alertmanager >/dev/null; break; }
done
dotnet build -c Release --nologo -v quiet src/Firebreak.Server >/dev/null
DLL=$ROOT/src/Firebreak.Server/bin/Release/net10.0/firebreak.dll
WORK=$(mktemp -d -t fbbench.XXXXXX)
PID=""
PGDATA_DIR=""
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  [ -n "$PGDATA_DIR" ] && $PGAS "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

wait_ready() { for _ in $(seq 1 600); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ] && return 0; sleep 0.05; done; echo "not ready: $1" >&2; exit 1; }
peak_mb() { awk '/VmHWM:/{printf "%.0f", $2/1024}' /proc/$PID/status; }

start_am() {
  rm -rf "$WORK/am"; mkdir -p "$WORK/am"
  cat > "$WORK/am/am.yml" <<YML
route: { receiver: none, group_by: [alertname, service], group_wait: 30s, group_interval: 5m, repeat_interval: 4h }
receivers: [ { name: none } ]
YML
  prometheus-alertmanager --config.file="$WORK/am/am.yml" --storage.path="$WORK/am/data" --web.listen-address=127.0.0.1:19093 \
    --cluster.listen-address= --log.level=warn > "$WORK/am/log" 2>&1 &
  PID=$!
  wait_ready http://127.0.0.1:19093/-/ready
  URL=http://127.0.0.1:19093; URL_PATH=/api/v2/alerts
}

# FB_ENV="NAME=value …" adds environment variables to Firebreak's process (runtime settings to compare).
# FB_DB=postgres runs Firebreak on a local PostgreSQL with its durable defaults (fsync on, synchronous_commit on);
# PG_OPTS="-c name=value …" adds server settings to compare.
FB_DB=${FB_DB:-sqlite}
DB_ENV=()
if [ "$FB_DB" = postgres ]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  mkdir -p "$WORK/pg"; PGDATA_DIR="$WORK/pg/data"
  if [ "$(id -u)" = 0 ]; then chmod 755 "$WORK"; chown postgres:postgres "$WORK/pg"; PGAS="runuser -u postgres --"; else PGAS=""; fi
  $PGAS "$PGBIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 >/dev/null
  $PGAS "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$WORK/pg/log" -w start \
    -o "-c listen_addresses=127.0.0.1 -p 15432 -c unix_socket_directories=$WORK/pg -c max_connections=200 ${PG_OPTS:-}" >/dev/null
fi
FB_RUN=0

start_firebreak() {
  rm -rf "$WORK/fb"; mkdir -p "$WORK/fb"
  if [ "$FB_DB" = postgres ]; then
    FB_RUN=$((FB_RUN + 1))
    $PGAS "$PGBIN/createdb" -h 127.0.0.1 -p 15432 -U postgres "fb$FB_RUN"
    DB_ENV=(Firebreak__Database__Provider=postgres "Firebreak__Database__ConnectionString=Host=127.0.0.1;Port=15432;Username=postgres;Database=fb$FB_RUN")
  fi
  env "${DB_ENV[@]}" ${EXTRA_ENV[@]+"${EXTRA_ENV[@]}"} ${FB_ENV:-} FIREBREAK_ADMIN_PASSWORD=bench-admin-password Firebreak__SignInAttemptsPerMinute=1000 Logging__LogLevel__Default=Warning \
    dotnet "$DLL" serve --urls http://127.0.0.1:18080 --data "$WORK/fb" ${FB_ARGS[@]+"${FB_ARGS[@]}"} > "$WORK/fb.log" 2>&1 &
  PID=$!
  wait_ready http://127.0.0.1:18080/health/ready
  local token key
  token=$(curl -s -X POST http://127.0.0.1:18080/api/v1/auth/token -H 'Content-Type: application/json' \
    -d '{"username":"admin","password":"bench-admin-password","tokenName":"bench"}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["secret"])')
  key=$(curl -s -X POST http://127.0.0.1:18080/api/v1/integrations -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"name":"bench","kind":"alertmanager"}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["key"])')
  URL=http://127.0.0.1:18080; URL_PATH=/integrations/alertmanager/$key; TOKEN=$token
}

# The floor (bench/intake/floor): the least a durable .NET intake server does for the same webhook, on the same
# database as Firebreak.
start_floor() {
  dotnet build -c Release --nologo -v quiet "$ROOT/bench/intake/floor" >/dev/null
  rm -rf "$WORK/floor"; mkdir -p "$WORK/floor"
  local db=()
  if [ "$FB_DB" = postgres ]; then
    FB_RUN=$((FB_RUN + 1))
    $PGAS "$PGBIN/createdb" -h 127.0.0.1 -p 15432 -U postgres "floor$FB_RUN"
    db=(--postgres "Host=127.0.0.1;Port=15432;Username=postgres;Database=floor$FB_RUN")
  fi
  dotnet "$ROOT/bench/intake/floor/bin/Release/net10.0/floor.dll" --urls http://127.0.0.1:18081 --data "$WORK/floor" "${db[@]}" > "$WORK/floor.log" 2>&1 &
  PID=$!
  wait_ready http://127.0.0.1:18081/ready
  URL=http://127.0.0.1:18081; URL_PATH=/integrations/alertmanager/bench
}

stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""; }

