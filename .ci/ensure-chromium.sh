#!/usr/bin/env bash
# Makes sure headless Chromium and its WebDriver are installed (Debian's chromium + chromium-driver),
# for the registry's browser test. Idempotent; never fails the build: when Chromium cannot be
# installed (not root, no package source), it says so and the browser test skips with that reason.
set -uo pipefail

have() { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; }
have && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: chromium/chromium-driver missing and this is not root; the browser test will skip" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
echo "ensure-chromium: installing chromium and chromium-driver..." >&2
if ! apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1; then
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1 || true
fi
if have; then
  echo "ensure-chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1)" >&2
else
  echo "ensure-chromium: could not install chromium/chromium-driver; the browser test will skip" >&2
fi
exit 0
