#!/bin/bash
# Sustained submissions, open loop (default 1,000/s for 120 s), against a Release LocalHost on a fresh data folder.
# Prints `edtech load sustained`'s report: acknowledged rate and ack latency, and submit->released per 10 s window of send time
# (p50/p99, the first window reported separately, each against its target: p99 < 2 s first, < 1 s after) for EVERY submission,
# from the product's release time (teacher submissions list) minus the client's send time; plus the sampled student-view polls.
# usage: tools/bench/sustained.sh [rate=1000] [seconds=120] [port=7075]
# Extra host arguments: EXTRA_HOST_ARGS. Build first (or set SKIP_BUILD=1):
#   dotnet build -c Release functions/EdTech.LocalHost && dotnet build -c Release tools/EdTech.Cli
set -euo pipefail
rate=${1:-1000}; secs=${2:-120}; port=${3:-7075}
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
if [ -z "${SKIP_BUILD:-}" ]; then
  dotnet build -c Release functions/EdTech.LocalHost -nologo -v q >/dev/null
  dotnet build -c Release tools/EdTech.Cli -nologo -v q >/dev/null
fi
work=$(mktemp -d); mkdir -p "$work/data"
# shellcheck disable=SC2086
dotnet functions/EdTech.LocalHost/bin/Release/net10.0/EdTech.LocalHost.dll --urls "http://127.0.0.1:$port" --data "$work/data" \
  --Logging:LogLevel:Default=Warning --Telemetry:Prometheus:Enabled=true \
  --RateLimits:UserTokensPerSecond=100000 --RateLimits:UserBurst=100000 ${EXTRA_HOST_ARGS:-} > "$work/host.log" 2>&1 &
hp=$!
# kill -9 and wait: a SIGTERMed host drains on (and writes into $work) after the script has ended.
trap 'kill -9 $hp 2>/dev/null || true; wait $hp 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$port/api/health" && break; sleep 0.5; done
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet tools/EdTech.Cli/bin/Release/net10.0/edtech.dll load sustained --url "http://127.0.0.1:$port" --data "$work/data" \
  --rate "$rate" --seconds "$secs" --timeout-seconds 300
