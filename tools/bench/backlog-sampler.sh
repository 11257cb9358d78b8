#!/bin/bash
# Samples the change-feed backlog gauges (edtech_changefeed_backlog, feed positions per consumer) and the accepted-submissions
# counter from a LocalHost's /metrics (--Telemetry:Prometheus:Enabled=true) every 0.25 s until the host goes away; one line
# per sample: epoch seconds, acc=N, consumer=positions ... Start it before tools/bench/exam-peak.sh, on the same port.
# usage: tools/bench/backlog-sampler.sh [port=7074] [out=backlog.txt]
port=${1:-7074}; out=${2:-backlog.txt}
: > "$out"
for _ in $(seq 1 400); do curl -s -o /dev/null "http://127.0.0.1:$port/api/health" && break; sleep 0.25; done
while true; do
  m=$(curl -s --max-time 2 "http://127.0.0.1:$port/metrics") || break
  [ -z "$m" ] && break
  t=$(date +%s.%N)
  acc=$(echo "$m" | grep '^edtech_submissions_accepted' | awk '{s+=$2} END {print s+0}')
  bl=$(echo "$m" | grep '^edtech_changefeed_backlog' | sed -E 's/.*edtech_changefeed_handler="([^"]+)".*\} ([0-9.e+]+).*/\1=\2/' | tr '\n' ' ')
  echo "$t acc=$acc $bl" >> "$out"
  sleep 0.25
done
