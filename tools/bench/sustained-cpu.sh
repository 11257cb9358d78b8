#!/bin/bash
# Host CPU per submission and latency at a sustained rate, for one LocalHost publish.
# usage: tools/bench/sustained-cpu.sh <published LocalHost folder> [rate=500] [seconds=60] [port=7072]
# Publish first:  dotnet publish functions/EdTech.LocalHost -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o /tmp/lh
#                 dotnet build -c Release tools/EdTech.Cli
# Prints the generator's figures and "host CPU per submission" (utime+stime of the host between the generator's
# "setup: done" and the end of its release check, divided by rate x seconds). Run on a quiet machine.
set -euo pipefail
host=$1; rate=${2:-500}; secs=${3:-60}; port=${4:-7072}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d); mkdir -p "$work/data"
dotnet "$host/EdTech.LocalHost.dll" --urls "http://127.0.0.1:$port" --data "$work/data" --Logging:LogLevel:Default=Warning \
  --RateLimits:UserTokensPerSecond=100000 --RateLimits:UserBurst=100000 > "$work/host.log" 2>&1 &
hp=$!
trap 'kill $hp 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do sleep 1; curl -s -o /dev/null "http://127.0.0.1:$port/api/health" && break; done
tck=$(getconf CLK_TCK)
cpu() { awk -v t="$tck" '{print ($14+$15)/t}' "/proc/$hp/stat"; }
dotnet "$repo/tools/EdTech.Cli/bin/Release/net10.0/edtech.dll" load sustained --url "http://127.0.0.1:$port" --data "$work/data" \
  --rate "$rate" --seconds "$secs" 2>&1 | while IFS= read -r line; do
  echo "$line" >> "$work/load.log"
  case "$line" in *"setup: done"*) cpu > "$work/cpu0" ;; esac
done
c1=$(cpu); c0=$(cat "$work/cpu0")
# Then until every change-feed consumer has caught up (deferrable work: learner state, statistics, the outbox), so runs that
# defer different amounts of work past the release check are compared on the same total. Capped at 600 s.
db="$work/data/edtech.db"
settled_after=""
for i in $(seq 1 600); do
  lag=$(sqlite3 "$db" "select count(*) from checkpoints where seq < (select max(seq) from documents)" 2>/dev/null || echo 1)
  if [ "$lag" = "0" ]; then sleep 2; lag=$(sqlite3 "$db" "select count(*) from checkpoints where seq < (select max(seq) from documents)"); fi
  [ "$lag" = "0" ] && { settled_after=$i; break; }
  sleep 1
done
c2=$(cpu)
grep -E "acknowledged \(202\)|ack latency|submit->released|released \(full" "$work/load.log"
echo "host CPU $(echo "$c1 - $c0" | bc) s; per submission $(echo "scale=3; ($c1 - $c0) * 1000 / ($rate * $secs)" | bc) ms (to the end of the release check)"
if [ -n "$settled_after" ]; then
  echo "host CPU until every consumer caught up (${settled_after} s after the check): $(echo "$c2 - $c0" | bc) s; per submission $(echo "scale=3; ($c2 - $c0) * 1000 / ($rate * $secs)" | bc) ms"
else
  echo "consumers still behind 600 s after the check: $(sqlite3 "$db" "select consumer || ' ' || seq from checkpoints where seq < (select max(seq) from documents)" | tr '\n' ';')"
fi
echo "writes per submission $(echo "scale=1; $(sqlite3 "$work/data/edtech.db" 'select max(seq) from documents') / ($rate * $secs)" | bc) (store sequence at the end; includes setup)"
