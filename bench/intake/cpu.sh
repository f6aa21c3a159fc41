#!/usr/bin/env bash
# CPU per request under wrk, Alertmanager and Firebreak (with its PostgreSQL server's processes when FB_DB=postgres):
# steadier than alerts/s for changes to the request path, because wrk shares this machine's cores and moves the rate
# run to run; and on two shared cores, the CPU a request costs bounds how many a second fit.
# Usage: [FB_DB=postgres] [WARMUP=5] [TARGETS="am firebreak"] bench/intake/cpu.sh [SECONDS] [CASES]
#        CASES like "dup:1:16 dup:1:2" (mode:batch:connections); TARGETS=firebreak alone for comparing two builds;
#        TARGETS="am floor firebreak" adds the floor (bench/intake/floor, on FB_DB too): what a bare durable server
#        costs for the same load, so what Firebreak costs beyond it is its own work.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
DUR=${1:-10}
CASES=${2:-"dup:1:16 dup:1:2"}
WARMUP=${WARMUP:-5}
TARGETS=${TARGETS:-am firebreak}
. bench/intake/common.sh

# The target's own process, plus every process of the bench's PostgreSQL cluster when Firebreak (or the floor) runs on it.
pids() {
  echo "$PID"
  if [ "$1" != am ] && [ -n "$PGDATA_DIR" ]; then
    local postmaster
    postmaster=$(head -n 1 "$PGDATA_DIR/postmaster.pid")
    echo "$postmaster"; pgrep -P "$postmaster" || true
  fi
}
ticks() { local t=0; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo $t; }
cpu_ticks() { ticks $(pids "$1"); }
pg_ticks() { if [ "$1" != am ] && [ -n "$PGDATA_DIR" ]; then ticks $(pids "$1" | tail -n +2); else echo 0; fi; }

printf '| mode | batch | conns | target | alerts/s | CPU µs/request (of it PostgreSQL) | CPU ÷ AM | alerts/s ÷ AM |\n|---|---|---|---|---|---|---|---|\n'
for case in $CASES; do
  IFS=: read -r mode batch conns <<<"$case"
  declare -A rate=() cpu=() pg=()
  for target in $TARGETS; do
    case $target in am) start_am ;; floor) start_floor ;; *) start_firebreak ;; esac
    TARGET=$target MODE=$mode BATCH=$batch URL_PATH=$URL_PATH wrk -t1 -c"$conns" -d"${WARMUP}s" --timeout 10s -s bench/intake/alerts.lua "$URL" >/dev/null
    # PostgreSQL's backends for the measured load are open by now (Firebreak's pool keeps them).
    before=$(cpu_ticks $target); pg_before=$(pg_ticks $target)
    out=$(TARGET=$target MODE=$mode BATCH=$batch URL_PATH=$URL_PATH wrk -t1 -c"$conns" -d"${DUR}s" --timeout 10s -s bench/intake/alerts.lua "$URL" | grep '^RESULT')
    after=$(cpu_ticks $target); pg_after=$(pg_ticks $target)
    read -r _ ok _ r _ _ _ <<<"$out"
    rate[$target]=$r
    cpu[$target]=$(python3 -c "print(f'{($after - $before) / $(getconf CLK_TCK) / $ok * 1e6:.0f}')")
    pg[$target]=$(python3 -c "print(f'{($pg_after - $pg_before) / $(getconf CLK_TCK) / $ok * 1e6:.0f}')")
    stop
  done
  for target in $TARGETS; do
    printf '| %s | %s | %s | %s | %.0f | %s (%s) | %s | %s |\n' "$mode" "$batch" "$conns" "$target" "${rate[$target]}" "${cpu[$target]}" "${pg[$target]}" \
      "$(python3 -c "print(f'{${cpu[$target]} / ${cpu[am]:-0}:.2f}' if ${cpu[am]:-0} else '-')")" \
      "$(python3 -c "print(f'{${rate[$target]} / ${rate[am]:-0}:.2f}' if ${rate[am]:-0} else '-')")"
  done
done
