#!/usr/bin/env bash
# Lints an OpenAPI document with Redocly (recommended) and Spectral (oas), both pinned in eval/openapi-lint.
# Exits non-zero on any error or warning that eval/openapi-lint/.redocly.lint-ignore.yaml does not explain.
# Usage: scripts/openapi-lint.sh path/to/v1.json   (the client tests write the live document to obj/openapi/v1.json)
set -euo pipefail
doc=$(realpath "$1")
cd "$(dirname "$0")/../eval/openapi-lint"
if [ ! -x node_modules/.bin/redocly ] || [ ! -x node_modules/.bin/spectral ]; then
  npm ci --no-audit --no-fund --loglevel=error >&2
fi

# The ignore file names the document v1.json: lint a copy of that name beside it.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$doc" "$work/v1.json"
cp redocly.yaml .redocly.lint-ignore.yaml "$work/"

status=0
(cd "$work" && "$OLDPWD/node_modules/.bin/redocly" lint v1.json --format=stylish > redocly.out 2>&1) || status=1
cat "$work/redocly.out"
grep -qE "You have [0-9]+ warnings?" "$work/redocly.out" && status=1
node_modules/.bin/spectral lint --ruleset .spectral.yaml --fail-severity=warn "$work/v1.json" || status=1
if [ "$status" -ne 0 ]; then
  echo "openapi-lint: findings above" >&2
fi
exit "$status"
