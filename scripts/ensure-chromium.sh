#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser test (test/browser.test.ts).
# Installs the `chromium` package with apt-get when it is missing: non-interactive and quiet, with
# an `apt-get update` first (a fresh container has no package lists). Needs root or sudo; prints
# the browser's version on success and exits non-zero, with the reason, when it cannot install.
set -euo pipefail

browser=/usr/bin/chromium
if [ -x "$browser" ]; then
  "$browser" --version 2>/dev/null || true
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo -n)
else
  echo "ensure-chromium: $browser is missing and this user cannot run apt-get (not root, no sudo)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "ensure-chromium: installing Debian's chromium with apt-get" >&2
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null

if [ ! -x "$browser" ]; then
  echo "ensure-chromium: apt-get finished but $browser is still missing" >&2
  exit 1
fi
"$browser" --version 2>/dev/null || true
