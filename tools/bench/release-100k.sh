#!/bin/bash
# A results release of N graded submissions (default 100,000) on a Release LocalHost: seeds a stopped host's data folder
# (`edtech seed release`), starts the host on it and calls "release now" AT ONCE (as a host restarted mid-term would: the
# start-up reconciliation runs beside the release), then `edtech load release` prints when every sampled student saw the
# score (visibleMs) and when no submission was left graded (allReleasedMs). Also prints the host's peak resident memory,
# sampled every second, and the change-feed and showing failures in the host log.
# usage: tools/bench/release-100k.sh [submissions=100000] [port=7076]
# Extra host arguments: EXTRA_HOST_ARGS (e.g. --Durable:BulkPagesInFlight=32). Build first (or set SKIP_BUILD=1):
#   dotnet build -c Release functions/EdTech.LocalHost && dotnet build -c Release tools/EdTech.Cli
# shellcheck disable=SC2086
set -euo pipefail
submissions=${1:-100000}; port=${2:-7076}
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
if [ -z "${SKIP_BUILD:-}" ]; then
  dotnet build -c Release functions/EdTech.LocalHost -nologo -v q >/dev/null
  dotnet build -c Release tools/EdTech.Cli -nologo -v q >/dev/null
fi
edtech() { dotnet tools/EdTech.Cli/bin/Release/net10.0/edtech.dll "$@"; }
work=$(mktemp -d); mkdir -p "$work/data"
edtech seed release --data "$work/data" --submissions "$submissions" >/dev/null
env ${HOST_ENV:-} dotnet functions/EdTech.LocalHost/bin/Release/net10.0/EdTech.LocalHost.dll --urls "http://127.0.0.1:$port" --data "$work/data" \
  --Logging:LogLevel:Default=Warning --Logging:LogLevel:EdTech.Application.Grading.UnfinishedGradingReconciler=Information \
  ${EXTRA_HOST_ARGS:-} > "$work/host.log" 2>&1 &
hp=$!
# kill -9 and wait: a SIGTERMed host drains on (and writes into $work) after the script has ended.
trap 'kill -9 $hp 2>/dev/null || true; wait $hp 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$port/api/health" && break; sleep 0.25; done
( peak=0; while kill -0 $hp 2>/dev/null; do r=$(awk '/^VmRSS/ {print $2}' "/proc/$hp/status" 2>/dev/null || echo 0); [ "${r:-0}" -gt "$peak" ] && peak=$r && echo "$peak" > "$work/peak"; sleep 1; done ) &
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
set +e
edtech load release --url "http://127.0.0.1:$port" --data "$work/data" --submissions "$submissions"
rc=$?
echo "host peak resident memory (sampled every 1 s): $(awk '{printf "%.0f MB", $1/1024}' "$work/peak" 2>/dev/null)"
echo "start-up reconciliation: $(grep -h 'Re-drove' "$work/host.log" | head -1 | xargs)"
echo "showings failed: $(grep -c 'Showing .* results .* failed' "$work/host.log"); projection deliveries retried: $(grep -c 'Change-feed handler .* failed' "$work/host.log")"
exit $rc
