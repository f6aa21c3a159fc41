#!/usr/bin/env bash
# bench/status/run.sh [SECONDS] — the public status page (issue 14): /status and /status/api/v2/summary.json under wrk
# (16 connections, 2 threads, SECONDS per case, default 15) from Firebreak and from nginx (Debian package) serving the
# same bytes as static files, in the same run; then Firebreak again while its page changes once a second through the
# API (a component's status, then a public incident update), so it re-renders under load.
# Firebreak starts with the demo data (components in groups, open incidents) and one public incident posted on top.
# Each target first gets WARM seconds (default 5) of unmeasured load, so Firebreak's JIT has compiled the path.
# Loopback only; every process started here is stopped by PID on exit.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
DUR=${1:-15}
WARM=${WARM:-5}
CONNS=16
THREADS=2
FB_ARGS=(--demo --examples "$ROOT/examples")
# As a published install (scripts/install.sh) runs: from the build output ASP.NET Core would also route every path with
# a file extension through its development fallback for static assets, one stat() of wwwroot per request.
EXTRA_ENV=(ReloadStaticAssetsAtRuntime=false)
source bench/intake/common.sh
NGINX_PID=""
UPDATES_PID=""
stop_extra() {
  [ -n "$UPDATES_PID" ] && kill "$UPDATES_PID" 2>/dev/null && wait "$UPDATES_PID" 2>/dev/null
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
  return 0
}
trap 'stop_extra; cleanup' EXIT INT TERM

start_firebreak
FB=$URL
api() { curl -sf -X "$1" "$FB$2" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$3" >/dev/null; }
# The first open demo incident goes public, so summary.json carries an incident; one component shows an outage.
INCIDENT=$(curl -sf "$FB/api/v1/incidents" -H "Authorization: Bearer $TOKEN" |
  python3 -c 'import sys,json;print(next(i["number"] for i in json.load(sys.stdin) if i["status"] not in ("resolved","closed")))')
api POST "/api/v1/incidents/$INCIDENT/public-updates" '{"status":"investigating","title":"Connection errors at the edge","body":"Some connections to the website fail; we are looking into it."}'
api POST "/api/v1/incidents/$INCIDENT/public-updates" '{"status":"identified","body":"A certificate rotation went wrong on part of the edge; we are rolling it back."}'
api PUT /api/v1/status-components/website/status '{"status":"partial_outage"}'

# nginx serves the bytes Firebreak answered, under the same paths, with the same Content-Type and Cache-Control.
WWW=$WORK/www
mkdir -p "$WWW" "$WORK/nginx"
declare -A FILE=([/status]=status.html [/status/api/v2/summary.json]=summary.json) TYPE=()
for path in /status /status/api/v2/summary.json; do
  TYPE[$path]=$(curl -sf -o "$WWW/${FILE[$path]}" -w '%{content_type}' "$FB$path")
done
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["incidents"] and d["components"], "summary.json has no incident"' "$WWW/summary.json"
NGINX_USER=""
if [ "$(id -u)" = 0 ]; then chmod 755 "$WORK"; chown www-data:www-data "$WORK/nginx"; NGINX_USER=www-data; fi
{
  # Debian's nginx.conf (worker_processes auto, sendfile, tcp_nopush, gzip) with its paths in the temp dir; access_log
  # off, nginx at its fastest, because Firebreak writes no line per request either.
  cat <<CONF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 768; }
http {
  sendfile on;
  tcp_nopush on;
  types_hash_max_size 2048;
  access_log off;
  gzip on;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  server {
    listen 127.0.0.1:18090;
CONF
  for path in "${!FILE[@]}"; do
    printf '    location = %s { types { } default_type "%s"; add_header Cache-Control "public, max-age=10"; alias %s; }\n' \
      "$path" "${TYPE[$path]}" "$WWW/${FILE[$path]}"
  done
  printf '  }\n}\n'
} > "$WORK/nginx/nginx.conf"
# Unprivileged: as root, setpriv drops to www-data and execs nginx, so NGINX_PID is nginx's master.
${NGINX_USER:+setpriv --reuid=$NGINX_USER --regid=$NGINX_USER --clear-groups} \
  nginx -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
NG=http://127.0.0.1:18090
wait_ready "$NG/status"
for path in "${!FILE[@]}"; do
  cmp -s <(curl -sf "$NG$path") <(curl -sf "$FB$path") || { echo "nginx and Firebreak differ at $path" >&2; exit 1; }
  [ "$(curl -sf -o /dev/null -w '%{content_type}' "$NG$path")" = "${TYPE[$path]}" ] || { echo "Content-Type differs at $path" >&2; exit 1; }
done

# One wrk run: prints "<req/s> <p50 ms> <p99 ms> <errors> <bytes per response>".
load() {
  wrk -t"$THREADS" -c"$CONNS" -d"${WARM}s" "$1" >/dev/null
  wrk -t"$THREADS" -c"$CONNS" -d"${DUR}s" --timeout 10s --latency -s bench/status/result.lua "$1" | awk '/^RESULT/{print $2, $3, $4, $5, $6}'
}
# While Firebreak is loaded: its page changes once a second through the API, for the whole warm-up and run.
load_changing() {
  python3 bench/status/updates.py "$FB" "$TOKEN" "$2" $((WARM + DUR)) "$3" > "$WORK/updates.out" &
  UPDATES_PID=$!
  local out; out=$(load "$FB$1")
  wait "$UPDATES_PID"; UPDATES_PID=""
  read -r _ kind sent ok < "$WORK/updates.out"
  [ "$sent" = "$ok" ] || { echo "only $ok of $sent $kind changes succeeded" >&2; exit 1; }
  echo "$out $sent"
}

echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); commit $(git rev-parse --short HEAD); $(nproc) cores; Firebreak on $FB_DB (Release);" \
  "$(nginx -v 2>&1 | cut -d' ' -f3); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2); wrk -t$THREADS -c$CONNS, ${WARM}s warm-up + ${DUR}s per case"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| case | nginx req/s | Firebreak req/s | FB/nginx | nginx p50 / p99 ms | Firebreak p50 / p99 ms | errors (nginx/FB) | bytes per answer (nginx/FB) |\n'
printf '|---|---|---|---|---|---|---|---|\n'
row() {  # case, nginx result, firebreak result
  read -r n_rate n50 n99 n_err n_bytes _ <<<"$2"
  read -r f_rate f50 f99 f_err f_bytes _ <<<"$3"
  printf '| %s | %.0f | %.0f | %s | %s / %s | %s / %s | %s / %s | %s / %s |\n' "$1" "$n_rate" "$f_rate" \
    "$(python3 -c "print(f'{$f_rate/$n_rate:.2f}')")" "$n50" "$n99" "$f50" "$f99" "$n_err" "$f_err" "$n_bytes" "$f_bytes"
}
declare -A NGINX_OUT NAME=([/status]="/status (HTML)" [/status/api/v2/summary.json]=summary.json)
PATHS=(/status /status/api/v2/summary.json)
for path in "${PATHS[@]}"; do
  NGINX_OUT[$path]=$(load "$NG$path")
  row "${NAME[$path]}" "${NGINX_OUT[$path]}" "$(load "$FB$path")"
done
# Changing cases last, public updates after component changes: each update makes the documents longer (bytes column).
for path in "${PATHS[@]}"; do
  out=$(load_changing "$path" component website)
  row "${NAME[$path]}, a component's status changing every second (${out##* } changes)" "${NGINX_OUT[$path]}" "$out"
done
for path in "${PATHS[@]}"; do
  out=$(load_changing "$path" public-update "$INCIDENT")
  row "${NAME[$path]}, a public incident update every second (${out##* } updates)" "${NGINX_OUT[$path]}" "$out"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Firebreak peak RSS: $(peak_mb) MB"
