#!/usr/bin/env bash
# System packages the tests need beyond the virtual environment: Debian's Chromium for the
# browser tests (never a browser downloaded by Playwright). Idempotent: a second run only checks.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
else
  echo "note: /usr/bin/chromium is missing, so the browser tests will be skipped" >&2
  echo "      (and fail under CI=true). Install it with: sudo apt-get install chromium" >&2
fi
