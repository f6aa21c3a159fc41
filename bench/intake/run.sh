#!/usr/bin/env bash
# Intake throughput: Firebreak (durable, SQLite synchronous=FULL) vs Prometheus Alertmanager (in memory), same load.
# Usage: bench/intake/run.sh [SECONDS] [CASES]   CASES like "dup:1:2 dup:1:16 uniq:100:16" (mode:batch:connections)
# Everything runs on 127.0.0.1; every process started here is stopped by PID. Prints one table row per case.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
DUR=${1:-20}
CASES=${2:-"dup:1:2 dup:1:16 dup:100:2 dup:100:16 uniq:1:2 uniq:1:16 uniq:100:2 uniq:100:16"}
for tool in wrk prometheus-alertmanager; do
  command -v $tool >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk prometheus-alertmanager >/dev/null; break; }
done
dotnet build -c Release --nologo -v quiet src/Firebreak.Server >/dev/null
DLL=$ROOT/src/Firebreak.Server/bin/Release/net10.0/firebreak.dll
WORK=$(mktemp -d -t fbbench.XXXXXX)
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; rm -rf "$WORK"; }
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

start_firebreak() {
  rm -rf "$WORK/fb"; mkdir -p "$WORK/fb"
  FIREBREAK_ADMIN_PASSWORD=bench-admin-password Firebreak__SignInAttemptsPerMinute=1000 Logging__LogLevel__Default=Warning \
    dotnet "$DLL" serve --urls http://127.0.0.1:18080 --data "$WORK/fb" > "$WORK/fb.log" 2>&1 &
  PID=$!
  wait_ready http://127.0.0.1:18080/health/ready
  local token key
  token=$(curl -s -X POST http://127.0.0.1:18080/api/v1/auth/token -H 'Content-Type: application/json' \
    -d '{"username":"admin","password":"bench-admin-password","tokenName":"bench"}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["secret"])')
  key=$(curl -s -X POST http://127.0.0.1:18080/api/v1/integrations -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"name":"bench","kind":"alertmanager"}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["key"])')
  URL=http://127.0.0.1:18080; URL_PATH=/integrations/alertmanager/$key
}

stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""; }

echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); $(nproc) cores; $(prometheus-alertmanager --version 2>&1 | head -1); $(wrk --version 2>&1 | head -1 | cut -c1-20); ${DUR}s per run"
printf '| mode | batch | conns | AM alerts/s | FB alerts/s | FB/AM | AM p50/p90/p99 ms | FB p50/p90/p99 ms | AM peak MB | FB peak MB | FB errors |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|\n'
for case in $CASES; do
  IFS=: read -r mode batch conns <<<"$case"
  declare -A r
  for target in am firebreak; do
    if [ $target = am ]; then start_am; else start_firebreak; fi
    out=$(TARGET=$target MODE=$mode BATCH=$batch URL_PATH=$URL_PATH wrk -t1 -c"$conns" -d"${DUR}s" --timeout 10s -s bench/intake/alerts.lua "$URL" | grep '^RESULT')
    r[$target]="$out $(peak_mb)"
    stop
  done
  read -r _ _ am_err am_rate am50 am90 am99 am_mb <<<"${r[am]}"
  read -r _ _ fb_err fb_rate fb50 fb90 fb99 fb_mb <<<"${r[firebreak]}"
  ratio=$(python3 -c "print(f'{$fb_rate/$am_rate:.2f}' if $am_rate else '-')")
  printf '| %s | %s | %s | %.0f | %.0f | %s | %s / %s / %s | %s / %s / %s | %s | %s | %s |\n' \
    "$mode" "$batch" "$conns" "$am_rate" "$fb_rate" "$ratio" "$am50" "$am90" "$am99" "$fb50" "$fb90" "$fb99" "$am_mb" "$fb_mb" "$fb_err"
done
