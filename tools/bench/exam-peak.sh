#!/bin/bash
# Exam peak: a Release LocalHost on a fresh data folder with Prometheus /metrics on, then `edtech load peak`:
# N students (default 20,000) submit ONCE each in one wrk burst (64 connections, 2 threads, tools/bench/peak.lua), then it
# waits until every submission is released and visible (write model, each student's view, the gradebook) with the right score,
# and prints acknowledged/s, p99, time to released-and-visible, end-to-end/s and the work per submission from /metrics.
# usage: tools/bench/exam-peak.sh [students=20000] [connections=64] [threads=2] [port=7074]
# Reference ceiling (optional, outside the repo): CEILING_SCRIPT=/path/to/ceiling.sh  -> also prints ack/s / its durable ack.
# Extra host arguments: EXTRA_HOST_ARGS; extra environment for the host only (e.g. GC settings): HOST_ENV="DOTNET_GCgen0size=0x4000000". Build first (or set SKIP_BUILD=1):
#   dotnet build -c Release functions/EdTech.LocalHost && dotnet build -c Release tools/EdTech.Cli
set -euo pipefail
students=${1:-20000}; connections=${2:-64}; threads=${3:-2}; port=${4:-7074}
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null 2>&1 || { echo "wrk is missing (apt-get install wrk)"; exit 2; }
if [ -z "${SKIP_BUILD:-}" ]; then
  dotnet build -c Release functions/EdTech.LocalHost -nologo -v q >/dev/null
  dotnet build -c Release tools/EdTech.Cli -nologo -v q >/dev/null
fi
work=$(mktemp -d); mkdir -p "$work/data"
# Per-user buckets off: the teacher's check reads the submissions list page by page, far above a person's rate.
# shellcheck disable=SC2086
env ${HOST_ENV:-} dotnet functions/EdTech.LocalHost/bin/Release/net10.0/EdTech.LocalHost.dll --urls "http://127.0.0.1:$port" --data "$work/data" \
  --Logging:LogLevel:Default=Warning --Telemetry:Prometheus:Enabled=true \
  --RateLimits:UserTokensPerSecond=100000 --RateLimits:UserBurst=100000 ${EXTRA_HOST_ARGS:-} > "$work/host.log" 2>&1 &
hp=$!
# kill -9 and wait: a SIGTERMed host drains on (and writes into $work) after the script has ended.
trap 'kill -9 $hp 2>/dev/null || true; wait $hp 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$port/api/health" && break; sleep 0.5; done
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "host: pid $hp, Release, data $work/data, /metrics on"
set +e
dotnet tools/EdTech.Cli/bin/Release/net10.0/edtech.dll load peak --url "http://127.0.0.1:$port" --data "$work/data" \
  --students "$students" --connections "$connections" --threads "$threads" --wrk-script tools/bench/peak.lua \
  ${CEILING_SCRIPT:+--ceiling-script "$CEILING_SCRIPT"}
rc=$?
echo "host resident memory at the end: $(awk '/^VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$hp/status") (peak $(awk '/^VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$hp/status"))"
exit $rc
