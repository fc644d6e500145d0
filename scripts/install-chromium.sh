#!/usr/bin/env bash
# Installs Debian's Chromium for the browser test of `lookcard graph`
# (internal/graph: the HTML page is loaded in headless Chromium over the
# Chrome DevTools Protocol). Idempotent: does nothing when /usr/bin/chromium
# exists. Quiet on success; on failure, says why and exits non-zero.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

fail() {
  echo "install-chromium: $*" >&2
  exit 1
}

SUDO=
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || fail "$CHROMIUM is missing and installing it needs root (run as root or install sudo)"
  SUDO="sudo -n"
fi
command -v apt-get >/dev/null 2>&1 || fail "$CHROMIUM is missing and apt-get is not available: install Debian's chromium package by hand"

log=$(mktemp)
trap 'rm -f "$log"' EXIT

export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update -qq >"$log" 2>&1; then
  cat "$log" >&2
  fail "apt-get update failed (see above); Chromium was not installed"
fi
if ! $SUDO apt-get install -y -qq chromium >"$log" 2>&1; then
  cat "$log" >&2
  fail "apt-get install chromium failed (see above)"
fi
[ -x "$CHROMIUM" ] || fail "the chromium package is installed but $CHROMIUM is missing"
