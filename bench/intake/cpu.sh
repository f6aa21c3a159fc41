#!/usr/bin/env bash
# CPU per request of the Firebreak process under wrk: steadier than alerts/s for changes to the request path, because
# wrk shares this machine's cores and moves the rate run to run.
# Usage: [FB_DB=postgres] bench/intake/cpu.sh [SECONDS] [CASES]   CASES like "dup:1:16 dup:1:2" (mode:batch:connections)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
DUR=${1:-10}
CASES=${2:-"dup:1:16 dup:1:2"}
. bench/intake/common.sh

cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
for case in $CASES; do
  IFS=: read -r mode batch conns <<<"$case"
  start_firebreak
  TARGET=firebreak MODE=$mode BATCH=$batch URL_PATH=$URL_PATH wrk -t1 -c"$conns" -d5s --timeout 10s -s bench/intake/alerts.lua "$URL" >/dev/null
  before=$(cpu_ticks)
  out=$(TARGET=firebreak MODE=$mode BATCH=$batch URL_PATH=$URL_PATH wrk -t1 -c"$conns" -d"${DUR}s" --timeout 10s -s bench/intake/alerts.lua "$URL" | grep '^RESULT')
  after=$(cpu_ticks)
  read -r _ ok _ rate p50 _ p99 <<<"$out"
  python3 -c "t = $(getconf CLK_TCK); print(f'$mode/$batch/$conns: {$ok} requests, {$rate:.0f} alerts/s, p50 $p50 p99 $p99 ms, CPU {($after - $before) / t / $ok * 1e6:.0f} us a request')"
  stop
done
