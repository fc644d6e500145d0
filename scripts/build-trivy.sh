#!/usr/bin/env bash
# Builds the pinned Trivy release (the IaC scanner of scripts/scan.sh) from
# the Go module proxy into $2. Like build-tofu.sh it builds inside the
# downloaded module, so Trivy's own go.mod (replaces) and go.sum apply.
# Recent releases use encoding/json/v2, experimental on Go 1.26:
# GOEXPERIMENT=jsonv2 turns it on.
set -euo pipefail
version=${1:?usage: build-trivy.sh VERSION OUTPUT}
out=${2:?usage: build-trivy.sh VERSION OUTPUT}
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac

echo "building Trivy v${version} from the Go module proxy (long: a large module graph; once per machine)" >&2
dir=$(go mod download -json "github.com/aquasecurity/trivy@v${version}" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$dir" ] || { echo "build-trivy: could not download github.com/aquasecurity/trivy@v${version}; is the Go module proxy reachable (GOPROXY)?" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
cd "$dir"
GOEXPERIMENT=jsonv2 GOFLAGS=-mod=readonly go build -trimpath \
  -ldflags "-s -w -X github.com/aquasecurity/trivy/pkg/version/app.ver=${version}" \
  -o "$out.tmp" ./cmd/trivy
banner=$("$out.tmp" --version)
mv "$out.tmp" "$out"
echo "${banner%%$'\n'*}" >&2
