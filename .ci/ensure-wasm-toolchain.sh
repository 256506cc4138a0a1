#!/usr/bin/env bash
# Makes sure the C to WebAssembly toolchain the examples build with is installed (Debian's clang, lld,
# wasi-libc and the wasm32 compiler runtime; wabt for the .wat test fixtures), so that CI checks that
# every committed example and fixture .wasm rebuilds byte for byte. Idempotent; never fails the build:
# without root or a package source it says so, and those rebuild checks skip.
set -uo pipefail
source "$(dirname "$0")/apt-install.sh"
SKIPS="the example and fixture rebuild checks will skip"
apt_install "ensure-wasm-toolchain: clang/lld/wasi-libc/wabt" \
  'command -v clang >/dev/null && command -v wasm-ld >/dev/null && [ -d /usr/include/wasm32-wasi ] && command -v wat2wasm >/dev/null' \
  clang lld wasi-libc libclang-rt-14-dev-wasm32 wabt
exit 0
