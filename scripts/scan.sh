#!/usr/bin/env bash
# Second opinion on the HCL: Trivy's misconfiguration checks (the successor of
# tfsec, the scanner users already run) over the main root per environment
# (with its tfvars, so module inputs resolve) and over bootstrap/. Fails on
# any HIGH or CRITICAL finding that policies/scanner-triage.yaml does not
# accept (each accepted one has an owner, a reason and an expiry; an expired
# one fails again).
#
# Usage: scripts/scan.sh [ENV ...]   (default: all five environments)
# Trivy is built once from the Go module proxy into bin/trivy
# (scripts/build-trivy.sh); TRIVY=/path/to/trivy uses another build. Offline:
# the checks embedded in the binary are used, nothing is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."
version=0.74.0
trivy=$(realpath -m "${TRIVY:-bin/trivy}")
if [ ! -x "$trivy" ]; then
  scripts/build-trivy.sh "$version" "$trivy"
fi
envs=("$@")
[ ${#envs[@]} -gt 0 ] || envs=(develop testing staging production sandbox)

cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
# Trivy does not read symlinked .tf files (aquasecurity/trivy#7456), and the
# modules link the inputs they share from modules/inputs: without them it
# would see undeclared variables and lose track of what they feed. So it
# scans a copy of the tree (tracked and new files, not internal/ or cmd/)
# with every link replaced by its file, at the same relative paths.
triage=$PWD/policies/scanner-triage.yaml
tree=$cache/tree
mkdir -p "$tree"
git ls-files -z --cached --others --exclude-standard -- . ':!internal' ':!cmd' |
  tar --null --dereference -T - -cf - | tar -xf - -C "$tree"
cd "$tree"
scan() {
  "$trivy" config --quiet --cache-dir "$cache" --skip-check-update \
    --severity HIGH,CRITICAL --exit-code 1 \
    --ignorefile "$triage" --format table "$@"
}

status=0
for env in "${envs[@]}"; do
  echo "== trivy config: main root, $env" >&2
  # Only the main root's files: bootstrap/ is a root of its own (below).
  scan --tf-vars "terraform.$env.tfvars.json" --skip-dirs bootstrap --skip-dirs internal --skip-dirs .lookcard --skip-dirs bin . || status=1
done
# bootstrap/ is applied once per account; its one required input names the
# account (and so the state bucket), which Trivy needs to tie the bucket to
# its public access block and encryption.
for env in "${envs[@]}"; do
  echo "== trivy config: bootstrap/, account $env" >&2
  printf 'account_name = "%s"\n' "$env" > "$cache/bootstrap.tfvars"
  scan --tf-vars "$cache/bootstrap.tfvars" bootstrap || status=1
done
exit $status
