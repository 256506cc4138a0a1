#!/usr/bin/env bash
# Makes sure Go and Debian's golang.org/x/mod (sumdb/note, sumdb/tlog) are installed: the independent
# implementation the registry's transparency-log test checks the served log with (built offline,
# GO111MODULE=off GOPATH=/usr/share/gocode). Idempotent; never fails the build: without them the
# test skips and says why.
set -uo pipefail
source "$(dirname "$0")/apt-install.sh"
SKIPS="the Go transparency-log check will skip"
apt_install "ensure-go: golang-go/golang-golang-x-mod-dev" \
  'command -v go >/dev/null 2>&1 && [ -d /usr/share/gocode/src/golang.org/x/mod/sumdb/tlog ]' golang-go golang-golang-x-mod-dev
exit 0
