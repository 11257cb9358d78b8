#!/usr/bin/env bash
# Mutation testing (Stryker.NET, the local tool pinned in .config/dotnet-tools.json) on the code that decides grades,
# access and durability. NOT part of the per-commit CI (.ci/run): run it by hand or from the scheduled workflow
# (.github/workflows/mutation.yml). docs/mutation.md has the latest figures and the surviving mutants.
#
#   tools/mutation/run.sh                 every scope, in the order below
#   tools/mutation/run.sh domain-grading  one or more named scopes
#   tools/mutation/run.sh --list          the scopes
#
# Each scope is tools/mutation/scopes/<scope>.json (project under test, `mutate` globs, test filter, concurrency)
# run from its test project's folder. Reports: artifacts/mutation/<scope>/reports/mutation-report.json; the
# per-folder score table is printed after each scope and written to artifacts/mutation/<scope>/summary.txt.
# MUTATION_CONCURRENCY overrides the configs' concurrency (default 1: the project's machines have 2 cores).
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# scope -> test project folder (the project under test and the globs are in the scope's json)
declare -A test_project=(
  [domain-grading]=tests/EdTech.Domain.Tests
  [app-submit-access]=tests/EdTech.Application.Tests
  [app-changefeed]=tests/EdTech.Infrastructure.Tests
  [infra-changefeed]=tests/EdTech.Infrastructure.Tests
  [app-grading]=tests/EdTech.Application.Tests
  [orch-release-regrade]=tests/EdTech.Orchestrations.Tests
  [erasure]=tests/EdTech.Application.Tests
  [bff-access]=tests/EdTech.Bff.Tests
)
order=(domain-grading app-submit-access app-changefeed infra-changefeed app-grading orch-release-regrade erasure bff-access)

if [ "${1:-}" = "--list" ]; then printf '%s\n' "${order[@]}"; exit 0; fi
scopes=("$@")
[ ${#scopes[@]} -eq 0 ] && scopes=("${order[@]}")
for s in "${scopes[@]}"; do
  [ -n "${test_project[$s]:-}" ] || { echo "unknown scope '$s' (tools/mutation/run.sh --list)" >&2; exit 2; }
done

dotnet tool restore >/dev/null || { echo "dotnet tool restore failed (.config/dotnet-tools.json)" >&2; exit 1; }

status=0
for s in "${scopes[@]}"; do
  out="$root/artifacts/mutation/$s"
  rm -rf "$out" && mkdir -p "$out"
  echo "=== $s (${test_project[$s]}) ==="
  started=$(date +%s)
  extra=()
  [ -n "${MUTATION_CONCURRENCY:-}" ] && extra+=(--concurrency "$MUTATION_CONCURRENCY")
  (cd "${test_project[$s]}" && dotnet stryker --config-file "$root/tools/mutation/scopes/$s.json" --output "$out" "${extra[@]}") \
    > "$out/stryker.log" 2>&1
  rc=$?
  elapsed=$(( $(date +%s) - started ))
  report="$out/reports/mutation-report.json"
  if [ $rc -ne 0 ] || [ ! -f "$report" ]; then
    echo "$s: Stryker failed (exit $rc) after ${elapsed}s; log: $out/stryker.log" >&2
    tail -20 "$out/stryker.log" >&2
    status=1
    continue
  fi
  { echo "scope: $s  runtime: ${elapsed}s  date: $(date -u +%Y-%m-%dT%H:%MZ)"; python3 tools/mutation/summary.py "$report" --survivors; } | tee "$out/summary.txt"
done
exit $status
