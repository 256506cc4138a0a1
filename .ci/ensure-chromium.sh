#!/usr/bin/env bash
# Makes sure headless Chromium and its WebDriver are installed (Debian's chromium + chromium-driver),
# for the registry's browser test. Idempotent; never fails the build: when Chromium cannot be
# installed (not root, no package source), it says so and the browser test skips with that reason.
set -uo pipefail
source "$(dirname "$0")/apt-install.sh"
SKIPS="the browser test will skip"
apt_install "ensure-chromium: chromium/chromium-driver" '[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]' chromium chromium-driver
exit 0
