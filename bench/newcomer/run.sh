#!/usr/bin/env bash
# How long a newcomer waits: a fresh clone, the README's first command, then signing in and opening a demo incident.
# Usage: bench/newcomer/run.sh [repo] [port]   (repo defaults to this checkout; run it on an idle machine)
set -euo pipefail
repo=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
port=${2:-18090}
base="http://127.0.0.1:$port"
work=$(mktemp -d -t fb-newcomer.XXXXXX)
trap 'pkill -f "urls $base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
start=$(date +%s.%N)
git clone -q "$repo" "$work/firebreak"
cd "$work/firebreak"
dotnet run --project src/Firebreak.Server -- serve --demo --urls "$base" --data "$work/data" >"$work/server.log" 2>&1 &
until curl -sf "$base/health/ready" >/dev/null; do sleep 0.5; done
ready=$(date +%s.%N)
jar="$work/jar"
token=$(curl -s -c "$jar" -b "$jar" "$base/login" | grep -o '<input[^>]*__RequestVerificationToken[^>]*>' | grep -o 'value="[^"]*"' | sed 's/value="//;s/"$//')
curl -sf -o /dev/null -c "$jar" -b "$jar" -X POST "$base/auth/login" --data-urlencode "__RequestVerificationToken=$token" \
  --data-urlencode "username=kofi" --data-urlencode "password=firebreak-demo" --data-urlencode "returnUrl=/"
curl -sf -o /dev/null -c "$jar" -b "$jar" "$base/incidents/1"
done_at=$(date +%s.%N)
printf 'clone + build + start with demo data: %.1f s\nsign in + first incident page (server side): %.1f s\n' \
  "$(echo "$ready - $start" | bc)" "$(echo "$done_at - $ready" | bc)"
grep -i "warn" "$work/server.log" || echo "no warnings at first start"
