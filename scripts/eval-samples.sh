#!/usr/bin/env bash
# Regenerates the evaluation of the bundled samples (rules only unless a chat model is configured):
# eval/results/samples-rules/result.json and report.md, and the charts shown in the README under charts/.
# The result committed before is the baseline: the report's drift section and charts/comparison.png compare with it.
# Extra arguments go to `medsummary eval` (e.g. --config my.json --label prompt-v2).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
out=eval/results/samples-rules
baseline=()
if [[ -f $out/result.json ]]; then
  previous=$(mktemp --suffix=.json)
  trap 'rm -f "$previous"' EXIT
  cp "$out/result.json" "$previous"
  baseline=(--baseline "$previous")
fi
./medsummary eval samples --out "$out" --charts charts --label rules "${baseline[@]}" "$@"
