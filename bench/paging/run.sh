#!/usr/bin/env bash
# bench/paging/run.sh [INCIDENTS] [SPREAD_SECONDS] — the paging engine under load, next to Alertmanager.
#  1. latency: ROUNDS (default 5) rounds of 200 distinct alerts one by one → time until the first notification reaches
#     a local webhook receiver, Firebreak (durable commit, escalation step, notification) and Alertmanager (group_wait
#     0, in memory) one straight after the other in each round, the one not measured paused (SIGSTOP). Each first takes
#     1,000 unmeasured alerts, so Firebreak's JIT has compiled the path as it has on a running server. Their service's
#     second step is an hour on, so no page but the measured one's goes out meanwhile. rounds.py sums up.
#  2. storm: INCIDENTS (default 10000) incidents opened evenly over SPREAD_SECONDS (default 600), each paging at once
#     and again one minute later; firing delay (due → handed to the channel) from Firebreak's own histogram.
# FB_DB=postgres runs Firebreak on a durable local PostgreSQL. Loopback only; every process stopped by PID.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
INCIDENTS=${1:-10000}
SPREAD=${2:-600}
# The receiver listens on loopback, which notifications may reach only when an admin allows it.
EXTRA_ENV=(Firebreak__Notifications__BurstLimit=100000000 Firebreak__Notifications__AllowedHosts=127.0.0.1)
source bench/intake/common.sh
ANCHOR=$ROOT/../shared/anchors/alertmanager
python3 bench/paging/receiver.py 9099 & RPID=$!
trap 'kill $RPID 2>/dev/null; cleanup' EXIT INT TERM

ROUNDS=${ROUNDS:-5}
echo "## Alertmanager: alert → webhook"
rm -rf "$WORK/am"; mkdir -p "$WORK/am" "$WORK/rounds"
prometheus-alertmanager --config.file="$ANCHOR/alertmanager.yml" --storage.path="$WORK/am/data" --web.listen-address=127.0.0.1:19093 \
  --cluster.listen-address= --log.level=warn > "$WORK/am/log" 2>&1 &
AMPID=$!
# Each kill may find its process gone already; under set -e a failing command would end the trap before cleanup.
trap 'kill -CONT $AMPID 2>/dev/null || true; kill $AMPID 2>/dev/null || true; kill $RPID 2>/dev/null || true; [ -z "$PID" ] || kill -CONT "$PID" 2>/dev/null || true; cleanup' EXIT INT TERM
wait_ready http://127.0.0.1:19093/-/ready
am() { python3 bench/paging/drive.py latency --target am --host 127.0.0.1:19093 --path /api/v2/alerts --settle-s 3 "$@"; }
am --warmup 1000 --n 0
kill -STOP $AMPID

echo "## Firebreak ($FB_DB): alert → incident → escalation step → webhook"
start_firebreak
api() { curl -sf -X "$1" "$URL$2" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' ${3:+-d "$3"} >/dev/null; }
mkdir -p "$WORK/cfg"
cat > "$WORK/cfg/bench.yaml" <<YML
users:
  - { username: pager, name: Bench Pager, role: responder }
services:
  - { key: bench, name: Bench service }
  - { key: storm, name: Storm service }
YML
env "${DB_ENV[@]}" dotnet "$DLL" config apply "$WORK/cfg" --data "$WORK/fb" >/dev/null
api POST /api/v1/users/pager/contact-methods '{"kind":"webhook","address":"http://127.0.0.1:9099/fb"}'
# Until 2026-12-07 the warm-up's second steps, a minute on, paged during the measured alerts (on Firebreak only:
# Alertmanager has no later steps), and resolving them made work that ran during the next measured alerts instead.
api PUT /api/v1/escalation-policies/bench '{"name":"Bench","steps":[{"targets":["user:pager"],"delay":"60m"},{"targets":["user:pager"],"delay":"60m"}]}'
api PUT /api/v1/services/bench/escalation-policy '{"policy":"bench"}'
api PUT /api/v1/escalation-policies/storm '{"name":"Storm","steps":[{"targets":["user:pager"],"delay":"1m"},{"targets":["user:pager"],"delay":"1m"}]}'
api PUT /api/v1/services/storm/escalation-policy '{"policy":"storm"}'
integration() {
  curl -sf -X POST "$URL/api/v1/integrations" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$1\",\"kind\":\"alertmanager\",\"service\":\"$1\",\"groupBy\":[\"id\"]}" | python3 -c 'import sys,json;print(json.load(sys.stdin)["key"])'
}
KEY=$(integration bench)
STORM_KEY=$(integration storm)
fb() { python3 bench/paging/drive.py latency --target fb --host 127.0.0.1:18080 --path "/integrations/alertmanager/$KEY" "$@"; }
fb --warmup 1000 --n 0

for r in $(seq 1 "$ROUNDS"); do
  kill -STOP "$PID"; kill -CONT "$AMPID"
  am --dump "$WORK/rounds/am-$r.json" | grep RESULT
  kill -STOP "$AMPID"; kill -CONT "$PID"
  fb --dump "$WORK/rounds/fb-$r.json" | grep RESULT
done
kill -CONT "$AMPID"; kill "$AMPID"; wait "$AMPID" 2>/dev/null || true
python3 bench/paging/rounds.py "$WORK/rounds" "$ROUNDS"

echo "## Firebreak ($FB_DB): $INCIDENTS incidents over $SPREAD s, two steps each"
curl -s "$URL/metrics" > "$WORK/before-storm.txt"
python3 bench/paging/drive.py storm --host 127.0.0.1:18080 --path "/integrations/alertmanager/$STORM_KEY" --n "$INCIDENTS" --spread-s "$SPREAD"
# The warm-up's and the measured incidents page once (their second step is an hour on); the storm's page twice.
# The queue itself never empties, since open incidents keep standing work (comms cadence reminders).
expected=$((1000 + 200 * ROUNDS + 2 * INCIDENTS))
for _ in $(seq 1 600); do
  sent=$(curl -s "$URL/metrics" | awk '/^firebreak_notifications_total\{channel="webhook",outcome="sent"\}/{print $2}')
  [ "${sent%.*}" -ge "$expected" ] 2>/dev/null && break
  sleep 1
done
curl -s "$URL/metrics" | python3 bench/paging/histogram.py firebreak_work_firing_delay_seconds kind "$WORK/before-storm.txt"
curl -s "$URL/metrics" | grep -E '^firebreak_notifications_total'
echo "receiver: $(curl -s http://127.0.0.1:9099/stats)"
echo "peak RSS: $(peak_mb) MB"
