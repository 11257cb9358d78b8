#!/bin/bash
# One line of memory figures for a running .NET process: resident set (VmRSS), and from the runtime's own counters the
# managed heap after the last collection, the memory the GC has committed, and the GC's fragmentation; with GCDUMP_DIR
# set, also a heap dump (dotnet-gcdump: forces a full collection first, so it changes the next RSS figure).
# usage: tools/bench/memory-probe.sh <pid> <label>      (memory-bursts.sh runs it after each burst when AFTER_BURST names it)
# Needs dotnet-counters (and dotnet-gcdump for dumps) 10.0.750501: dotnet tool install --tool-path <dir> dotnet-counters --version 10.0.750501
# and that <dir> on PATH (or DOTNET_TOOLS=<dir>).
set -euo pipefail
pid=$1; label=$2
tools=${DOTNET_TOOLS:-}; [ -n "$tools" ] && PATH="$tools:$PATH"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet-counters collect -p "$pid" --refresh-interval 1 --duration 00:00:00:04 --format csv -o "$out/c.csv" \
  --counters "System.Runtime[dotnet.gc.last_collection.heap.size,dotnet.gc.last_collection.memory.committed_size,dotnet.gc.last_collection.heap.fragmentation.size,dotnet.process.memory.working_set]" > /dev/null 2>&1 || true
# Sum the generations of the last sample of each counter (heap size and fragmentation are reported per generation, one
# CSV row each, the generation in the counter-name column).
mb() { awk -F, -v n="$1" 'index($3, n) { last[$3] = $NF } END { s = 0; for (k in last) s += last[k]; printf "%.0f", s / 1048576 }' "$out/c.csv" 2>/dev/null || echo "?"; }
rss=$(awk '/^VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status")
echo "$label: RSS $rss MB; managed heap $(mb dotnet.gc.last_collection.heap.size) MB; GC committed $(mb dotnet.gc.last_collection.memory.committed_size) MB; fragmentation $(mb dotnet.gc.last_collection.heap.fragmentation.size) MB"
if [ -n "${GCDUMP_DIR:-}" ]; then
  mkdir -p "$GCDUMP_DIR"
  dotnet-gcdump collect -p "$pid" -o "$GCDUMP_DIR/$label.gcdump" > /dev/null 2>&1 || echo "$label: gcdump failed"
fi
