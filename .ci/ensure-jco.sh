#!/usr/bin/env bash
# Installs the pinned component-model toolchain (jco, componentize-js; examples/components/package.json
# and its lock) with `npm ci`, so that the component fixtures, the reference host (jco transpile +
# Node) and the conformance harness (jco parse) run on a fresh machine. Idempotent: skips when
# node_modules matches the lock. Fails with a message when Node/npm are missing or npm cannot install.
set -euo pipefail
dir="$(cd "$(dirname "$0")/../examples/components" && pwd)"
command -v node >/dev/null && command -v npm >/dev/null || {
  echo "ensure-jco: node and npm are needed (Debian: apt-get install nodejs npm; Node 20 is tested)" >&2; exit 1; }
stamp="$dir/node_modules/.asterai-lock.sha256"
want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -d "$dir/node_modules/@bytecodealliance/jco" ]; then
  exit 0
fi
echo "ensure-jco: npm ci in examples/components" >&2
(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || {
  echo "ensure-jco: npm ci failed in $dir (is the npm registry reachable?)" >&2; exit 1; }
echo "$want" > "$stamp"
