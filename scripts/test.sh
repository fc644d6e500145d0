#!/usr/bin/env bash
# The README's test command (`make test`): formatting, vet, and every Go test,
# which include the native OpenTofu tests of each module and environment and
# an offline plan of all five environments.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${LOOKCARD_PROVIDER_SCHEMAS:-}" ]; then
  echo "make test: LOOKCARD_PROVIDER_SCHEMAS is not set; point it at the directory holding aws.json and cloudflare.json" >&2
  exit 1
fi
export LOOKCARD_REQUIRE_TOOLS=1   # a missing tool fails the suite instead of skipping it

echo "== Chromium for the graph page's browser test (Debian package; skipped when present)"
scripts/install-chromium.sh

echo "== gofmt"
unformatted=$(gofmt -l cmd internal)
if [ -n "$unformatted" ]; then
  echo "gofmt would change (run gofmt -w cmd internal):"; echo "$unformatted"; exit 1
fi

echo "== go vet"
go vet ./...

echo "== tofu fmt -check -recursive"
bin/lookcard fmt --check

echo "== actionlint (GitHub Actions workflows)"
go tool actionlint .github/workflows/*.yml

echo "== offline plan of every environment (the cost, compliance and graph tests read them)"
for env in develop testing staging production sandbox; do
  bin/lookcard plan --env "$env" --offline --json > /dev/null
done

echo "== go test"
go test -count=1 -timeout 60m ./...
