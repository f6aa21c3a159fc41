#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what is missing, builds with warnings as errors, starts a
# throwaway PostgreSQL, runs every test on both database providers while checking formatting (migrations are a test),
# and ends with one line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v prometheus-alertmanager >/dev/null 2>&1 || need+=(prometheus-alertmanager)
command -v npm >/dev/null 2>&1 || need+=(npm)
# The reverse-proxy tests run their own nginx on a loopback port; the package's system service is not used.
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || need+=(nginx)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# maildev is the real SMTP server the email channel tests send to; pinned in tools/maildev/package-lock.json.
if [ ! -x tools/maildev/node_modules/.bin/maildev ]; then
  echo "Installing: maildev (npm, into tools/maildev)"
  npm ci --no-audit --no-fund --loglevel=error --prefix tools/maildev >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
dotnet restore --nologo -v quiet
dotnet build --no-restore --nologo -v quiet -warnaserror
# Formatting is checked beside the tests rather than before them (it takes a minute of the run); its verdict counts
# all the same. A model change without its migration is caught by MigrationsMatchModelTests, for both providers.
format_log=$(mktemp)
dotnet format --verify-no-changes --no-restore >"$format_log" 2>&1 &
format_pid=$!

source scripts/pg-test-env.sh
trap pg_down EXIT

rm -rf TestResults
rc=0
dotnet test Firebreak.slnx --no-build --nologo --logger "trx" --results-directory TestResults "$@" || rc=$?

passed=0; failed=0; skipped=0
for trx in TestResults/*.trx; do
  [ -f "$trx" ] || continue
  c=$(grep -o '<Counters [^>]*' "$trx" | head -1)
  p=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$c"); f=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$c")
  t=$(sed -E 's/.* total="([0-9]+)".*/\1/' <<<"$c"); e=$(sed -E 's/.* executed="([0-9]+)".*/\1/' <<<"$c")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + t - e))
done
if ! wait "$format_pid"; then
  cat "$format_log" >&2
  echo "Formatting differs from .editorconfig: run dotnet format." >&2
  rc=1
fi
rm -f "$format_log"
if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $rc
