#!/usr/bin/env bash
# `make bench`: prints the figures the issues ask for, measured by Go
# benchmarks (never by timed tests).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${LOOKCARD_PROVIDER_SCHEMAS:?set LOOKCARD_PROVIDER_SCHEMAS to the directory holding aws.json and cloudflare.json}"

echo "== Provider schema: load + convert the AWS schema (cold), from the converted-schema cache (warm), and GetProviderSchema"
go test -run '^$' -bench 'LoadAWSSchema|GetProviderSchema' -benchtime 5x -benchmem ./internal/providerschema ./internal/offline

echo "== Provider process start: exec to handshake, and to GetProviderSchema answered over gRPC (target: warm under 100 ms)"
go test -run '^$' -bench 'ProviderStart' -benchtime 10x ./cmd/terraform-provider-offline

echo "== Offline plan wall time per environment (lookcard plan --offline)"
go test -run '^$' -bench 'OfflinePlan' -benchtime 1x ./internal/suite

echo "== Engine garbage collection: CPU seconds of an offline develop plan at GOGC=100 (Go's default) and 400 (the Makefile's)"
go test -run '^$' -bench 'EngineGC' -benchtime 2x ./internal/suite
echo "== Engines on one Go processor: CPU seconds and wall time of two module test directories at once, GOMAXPROCS default and 1 (the suite's)"
go test -run '^$' -bench 'EngineProcs' -benchtime 3x ./internal/suite

echo "== Scale: offline plan time and resource count, real catalog vs 200 synthetic services"
go test -run '^$' -bench 'CatalogScale' -benchtime 1x -timeout 60m ./internal/suite

echo "== Graph: build time for the production plan and the 200-service plan"
go test -run '^$' -bench 'BuildGraph' -benchtime 3x -timeout 60m ./internal/graph

echo "== Architecture page: production, headless Chromium, navigation to interactive (target: under 2 s)"
go test -run '^$' -bench 'ArchitecturePage' -benchtime 5x ./internal/graph

echo "== Cost: pricing the production plan and synthetic catalogs"
go test -run '^$' -bench 'Price' -benchtime 5x ./internal/cost

echo "== Compliance: all rules over the production plan, lookcard check vs conftest"
go test -run '^$' -bench 'CheckProduction|Conftest' -benchtime 5x ./internal/compliance
