#!/usr/bin/env bash
# Intake throughput: Firebreak (durable, SQLite synchronous=FULL) vs Prometheus Alertmanager (in memory), same load.
# Usage: [FB_DB=postgres] [WARMUP=5] bench/intake/run.sh [SECONDS] [CASES]   CASES like "dup:1:2 uniq:100:16" (mode:batch:connections)
# Everything runs on 127.0.0.1; every process started here is stopped by PID. Prints one table row per case.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
DUR=${1:-20}
WARMUP=${WARMUP:-5}
CASES=${2:-"dup:1:2 dup:1:16 dup:100:2 dup:100:16 uniq:1:2 uniq:1:16 uniq:100:2 uniq:100:16"}
. bench/intake/common.sh

echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); $(nproc) cores; Firebreak on $FB_DB; $(prometheus-alertmanager --version 2>&1 | head -1); $(wrk --version 2>&1 | head -1 | cut -c1-20); ${DUR}s per run after ${WARMUP}s unmeasured"
printf '| mode | batch | conns | AM alerts/s | FB alerts/s | FB/AM | AM p50/p90/p99 ms | FB p50/p90/p99 ms | AM peak MB | FB peak MB | FB errors |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|\n'
for case in $CASES; do
  IFS=: read -r mode batch conns <<<"$case"
  declare -A r
  for target in am firebreak; do
    if [ $target = am ]; then start_am; else start_firebreak; fi
    # Unmeasured warm-up with the same load: a running server has compiled its hot path; a cold one spends its first
    # seconds in the JIT, which would be the p99 of a short run rather than what senders see.
    TARGET=$target MODE=$mode BATCH=$batch URL_PATH=$URL_PATH wrk -t1 -c"$conns" -d"${WARMUP}s" --timeout 10s -s bench/intake/alerts.lua "$URL" >/dev/null
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
