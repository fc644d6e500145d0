#!/usr/bin/env bash
# Builds the pinned OpenTofu release from the Go module proxy into $2.
# OpenTofu's go.mod replaces hcl/v2 with its fork, so `go install pkg@version`
# is refused; building inside the downloaded module (as the main module) keeps
# the replace and the module's own go.sum.
set -euo pipefail
version=${1:?usage: build-tofu.sh VERSION OUTPUT}
out=${2:?usage: build-tofu.sh VERSION OUTPUT}
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac

echo "building OpenTofu v${version} from the Go module proxy (about 5 minutes on 2 cores when the cache is cold)" >&2
dir=$(go mod download -json "github.com/opentofu/opentofu@v${version}" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$dir" ] || { echo "build-tofu: could not download github.com/opentofu/opentofu@v${version}; is the Go module proxy reachable (GOPROXY)?" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
cd "$dir"
GOFLAGS=-mod=readonly go build -trimpath \
  -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" \
  -o "$out.tmp" ./cmd/tofu
# Read the whole output before printing its first line: piping into `head`
# lets tofu die of SIGPIPE, which pipefail turns into a failed build.
banner=$(TF_CLI_CONFIG_FILE= "$out.tmp" version)
mv "$out.tmp" "$out"
echo "${banner%%$'\n'*}" >&2
