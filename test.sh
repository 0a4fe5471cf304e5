#!/usr/bin/env bash
# Runs every test of MedSummary on a fresh clone: installs the system tools the tests use, builds, tests,
# and closes with one line "Tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"
scripts/bootstrap.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test MedSummary.sln -c Release "$@" 2>&1 | tee "$log" || status=$?

# dotnet test prints one "Passed!/Failed!  - Failed: F, Passed: P, Skipped: S, Total: T" line per test project.
read -r passed failed skipped < <(grep -E '^(Passed|Failed)! +- Failed:' "$log" | sed -E 's/[^0-9,]//g' | awk -F',' '
  { f += $1; p += $2; s += $3 } END { printf "%d %d %d\n", p, f, s }')
echo "Tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
