#!/usr/bin/env bash
# Where Firebreak's CPU goes under one intake load: perf samples of the whole process (managed code through the
# runtime's perf map, SQLite's native code, the kernel's share such as fsync and sockets) while wrk runs.
# Usage: [FB_DB=postgres] bench/intake/profile.sh [SECONDS] [CASE] [OUT_DIR]   CASE like "uniq:100:16"
# Writes OUT_DIR/<case>.perf.data and OUT_DIR/<case>.txt (the top symbols by own time, then by library and thread).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
DUR=${1:-10}
CASE=${2:-"uniq:100:16"}
OUT=${3:-/tmp/fb-profile}
command -v perf >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-perf >/dev/null; }
# W^X off: with it on, perf cannot tie samples in jitted code to the names in the perf map.
EXTRA_ENV=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)
. bench/intake/common.sh
mkdir -p "$OUT"

IFS=: read -r mode batch conns <<<"$CASE"
name="$FB_DB-$mode-$batch-$conns"
start_firebreak
TARGET=firebreak MODE=$mode BATCH=$batch URL_PATH=$URL_PATH wrk -t1 -c"$conns" -d5s --timeout 10s -s bench/intake/alerts.lua "$URL" >/dev/null
TARGET=firebreak MODE=$mode BATCH=$batch URL_PATH=$URL_PATH wrk -t1 -c"$conns" -d"$((DUR + 2))s" --timeout 10s -s bench/intake/alerts.lua "$URL" \
  | grep '^RESULT' > "$OUT/$name.wrk" &
WRK=$!
sleep 1
perf record -q -F 499 -g -p "$PID" -o "$OUT/$name.perf.data" -- sleep "$DUR" 2>/dev/null
wait $WRK
stop
{
  echo "# $CASE on $FB_DB, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD); wrk: $(cat "$OUT/$name.wrk")"
  echo "## by thread"
  perf report -i "$OUT/$name.perf.data" --no-children --sort comm --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -20
  echo "## by library"
  perf report -i "$OUT/$name.perf.data" --no-children --sort dso --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -20
  echo "## by symbol (own time)"
  perf report -i "$OUT/$name.perf.data" --no-children --sort sym --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -60
} > "$OUT/$name.txt"
echo "$OUT/$name.txt"
