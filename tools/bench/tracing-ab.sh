#!/bin/bash
# Tracing overhead at the exam peak, in the same session. Alternates tools/bench/exam-peak.sh runs with
# tracing at its default (Telemetry:SamplingRatio 0.1, errors kept) and tracing off (--Telemetry:Tracing=false: metrics only,
# no span built), ON OFF OFF ON ..., and prints per run acknowledged/s and the host's CPU ms and KB allocated per acknowledged
# submission (runtime counters from /metrics: far less sensitive to a shared machine than the rate) from before the burst until
# every submission is released (intake and all grading: the A/B figure), and during the burst alone (depends on how much
# grading fell inside the burst, so comparable only between bursts of similar length).
# usage: tools/bench/tracing-ab.sh [students=10000] [pairs=2] [port=7076]   (build first, as for exam-peak.sh, or SKIP_BUILD=1)
# Each run's full exam-peak output is kept in OUT_DIR (default: a new temporary folder, printed at the start).
set -euo pipefail
students=${1:-10000}; pairs=${2:-2}; port=${3:-7076}
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
if [ -z "${SKIP_BUILD:-}" ]; then
  dotnet build -c Release functions/EdTech.LocalHost -nologo -v q >/dev/null
  dotnet build -c Release tools/EdTech.Cli -nologo -v q >/dev/null
fi
out_dir=${OUT_DIR:-$(mktemp -d)}; mkdir -p "$out_dir"; echo "full outputs: $out_dir"
n=0
run() { # $1 label, $2 host args
  local out
  n=$((n + 1))
  out=$(SKIP_BUILD=1 EXTRA_HOST_ARGS="$2" tools/bench/exam-peak.sh "$students" 64 2 "$port" 2>&1 || true)
  printf '%s\n' "$out" > "$out_dir/run$n-$1.txt"
  printf '%-9s %s | %s | %s | %s | %s\n' "$1" \
    "$(grep -m1 '^acknowledged/s' <<<"$out" | awk '{print "ack/s " $2}'), $(grep -m1 '^burst ' <<<"$out" | awk '{print "burst " $2 " s"}')" \
    "to released: $(grep -m1 '^host cost to released' <<<"$out" | sed -E 's/^host cost to released +//; s/ per acknowledged submission.*//')" \
    "burst: $(grep -m1 '^host cost during the burst' <<<"$out" | sed -E 's/^host cost during the burst +//; s/ per acknowledged submission.*//')" \
    "$(grep -m1 '^machine:' <<<"$out" | sed -E 's/.*load average/load/')" \
    "$(grep -m1 -E '^(PASS|FAIL)$' <<<"$out")"
}
for i in $(seq 1 "$pairs"); do
  if [ $((i % 2)) -eq 1 ]; then run "tracing" ""; run "off" "--Telemetry:Tracing=false"
  else run "off" "--Telemetry:Tracing=false"; run "tracing" ""; fi
done
