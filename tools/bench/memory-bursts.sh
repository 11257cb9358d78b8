#!/bin/bash
# Resident memory of one LocalHost across exam bursts: is it bounded?
# usage: tools/bench/memory-bursts.sh <published LocalHost folder> [bursts=10] [students=10000] [port=7073]
# Publish first:  dotnet publish functions/EdTech.LocalHost -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o /tmp/lh
#                 dotnet build -c Release tools/EdTech.Cli
# Each burst is `edtech load exam` (a new tenant, N students, one submission each, waits for release); then it waits until
# every change-feed consumer has caught up and the host has been idle for a purge period (70 s), and prints the host's
# resident set (VmRSS) and its peak so far. Extra environment for the host only: HOST_ENV (e.g. "DOTNET_gcServer=1"). Extra host arguments: EXTRA_HOST_ARGS (e.g. "--Durable:CompletedRetention=0"
# to see the curve without purging). AFTER_BURST: a command run after each figure with the host's pid and a label
# (e.g. AFTER_BURST=tools/bench/memory-probe.sh: managed heap and GC committed memory too, and heap dumps with GCDUMP_DIR).
set -euo pipefail
host=$1; bursts=${2:-10}; students=${3:-10000}; port=${4:-7073}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d); mkdir -p "$work/data"
# shellcheck disable=SC2086
env ${HOST_ENV:-} dotnet "$host/EdTech.LocalHost.dll" --urls "http://127.0.0.1:$port" --data "$work/data" --Logging:LogLevel:Default=Warning \
  --Logging:LogLevel:EdTech.LocalHost.IdleMemoryTrimmer=Information \
  --RateLimits:UserTokensPerSecond=100000 --RateLimits:UserBurst=100000 ${EXTRA_HOST_ARGS:-} > "$work/host.log" 2>&1 &
hp=$!
# kill -9 and wait: a SIGTERMed host drains on (and writes into $work) after the script has ended.
trap 'kill -9 $hp 2>/dev/null || true; wait $hp 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do sleep 1; curl -s -o /dev/null "http://127.0.0.1:$port/api/health" && break; done
rss() { awk '/^VmRSS/ {printf "%.0f", $2/1024}' "/proc/$hp/status"; }
hwm() { awk '/^VmHWM/ {printf "%.0f", $2/1024}' "/proc/$hp/status"; }
db="$work/data/edtech.db"
echo "start: RSS $(rss) MB"
if [ -n "${AFTER_BURST:-}" ]; then "$AFTER_BURST" "$hp" start; fi
for b in $(seq 1 "$bursts"); do
  dotnet "$repo/tools/EdTech.Cli/bin/Release/net10.0/edtech.dll" load exam --url "http://127.0.0.1:$port" --data "$work/data" \
    --students "$students" --timeout-seconds 900 > "$work/burst$b.log" 2>&1 || { echo "burst $b failed:"; tail -5 "$work/burst$b.log"; exit 1; }
  for _ in $(seq 1 900); do
    lag=$(sqlite3 "$db" "select count(*) from checkpoints where seq < (select max(seq) from documents)" 2>/dev/null || echo 1)
    [ "$lag" = "0" ] && break
    sleep 1
  done
  sleep 70
  released=$(grep -E "released" "$work/burst$b.log" | tail -1 | tr -s ' ')
  echo "burst $b ($((b * students)) submissions): RSS $(rss) MB (peak $(hwm) MB); $released"
  # The idle trim's last line (IdleMemoryTrimmer): whether it ran after this burst, and what it freed.
  trims=$(grep -c "Idle after a burst" "$work/host.log" || true)
  echo "  idle trims so far: $trims; last: $(grep "Idle after a burst" "$work/host.log" | tail -1 | sed -E 's/^ +//')"
  if [ -n "${AFTER_BURST:-}" ]; then "$AFTER_BURST" "$hp" "burst$b"; fi
done
