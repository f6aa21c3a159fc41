#!/usr/bin/env bash
# Memory after a storm of distinct alerts: sends the same never-seen alerts (100 per request, 16 connections) to
# Alertmanager and to Firebreak until each has taken ALERTS of them, then prints peak and current RSS and the ratio.
# Usage: [FB_DB=postgres] bench/intake/rss.sh [ALERTS]   (default 500000)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
TOTAL=${1:-500000}
. bench/intake/common.sh

rss_mb() { awk '/VmRSS:/{printf "%.0f", $2/1024}' /proc/$PID/status; }

# Runs 10 s wrk rounds until the target has accepted TOTAL alerts; prints "accepted seconds peak_mb rss_mb".
storm() {
  local target=$1 sent=0 secs=0 out ok
  while [ "$sent" -lt "$TOTAL" ]; do
    out=$(TARGET=$target MODE=uniq BATCH=100 URL_PATH=$URL_PATH wrk -t1 -c16 -d10s --timeout 10s -s bench/intake/alerts.lua "$URL" | grep '^RESULT')
    read -r _ ok _ <<<"$out"
    sent=$((sent + ok * 100)); secs=$((secs + 10))
  done
  echo "$sent $secs $(peak_mb) $(rss_mb)"
}

echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); $(nproc) cores; Firebreak on $FB_DB; $(prometheus-alertmanager --version 2>&1 | head -1); target $TOTAL distinct alerts"
start_am; read -r am_sent am_secs am_peak am_rss <<<"$(storm am)"; stop
start_firebreak; read -r fb_sent fb_secs fb_peak fb_rss <<<"$(storm firebreak)"; stop
printf '| | alerts accepted | seconds | peak RSS MB | RSS at end MB |\n|---|---|---|---|---|\n'
printf '| Alertmanager | %s | %s | %s | %s |\n| Firebreak | %s | %s | %s | %s |\n' "$am_sent" "$am_secs" "$am_peak" "$am_rss" "$fb_sent" "$fb_secs" "$fb_peak" "$fb_rss"
python3 -c "print(f'Firebreak/Alertmanager peak RSS: {$fb_peak/$am_peak:.2f}')"
