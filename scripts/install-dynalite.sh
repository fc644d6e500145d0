#!/usr/bin/env bash
# Installs dynalite (a DynamoDB protocol server on Node.js, pinned with its
# dependencies by scripts/dynalite/package-lock.json) into bin/dynalite for
# internal/statesuite, which starts it for the S3 backend's DynamoDB lock.
# Installs Debian's nodejs and npm first when node is missing (as
# install-chromium.sh does for Chromium). Idempotent: does nothing when the
# installed lock file matches. Quiet on success; on failure, says why and
# exits non-zero. Prints the server's path (bin/dynalite/node_modules/.bin/dynalite).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SRC="$ROOT/scripts/dynalite"
DEST="$ROOT/bin/dynalite"
SERVER="$DEST/node_modules/dynalite/cli.js"

fail() {
  echo "install-dynalite: $*" >&2
  exit 1
}

if [ -f "$SERVER" ] && cmp -s "$SRC/package-lock.json" "$DEST/package-lock.json"; then
  echo "$SERVER"
  exit 0
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  SUDO=
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || fail "node is missing and installing it needs root (run as root or install sudo)"
    SUDO="sudo -n"
  fi
  command -v apt-get >/dev/null 2>&1 || fail "node is missing and apt-get is not available: install Node.js >= 20 and npm by hand"
  export DEBIAN_FRONTEND=noninteractive
  if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq nodejs npm; } >"$log" 2>&1; then
    cat "$log" >&2
    fail "apt-get install nodejs npm failed (see above); dynalite was not installed"
  fi
fi
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 20 ] || fail "dynalite 4 needs Node.js >= 20; $(command -v node) is $(node --version)"

mkdir -p "$DEST"
cp "$SRC/package.json" "$SRC/package-lock.json" "$DEST/"
if ! (cd "$DEST" && npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$DEST/package-lock.json" # not installed: the next run tries again
  fail "npm ci of dynalite failed (see above)"
fi
[ -f "$SERVER" ] || fail "npm installed dynalite but $SERVER is missing"
echo "$SERVER"
