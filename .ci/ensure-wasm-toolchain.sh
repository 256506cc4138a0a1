#!/usr/bin/env bash
# Makes sure the C to WebAssembly toolchain the examples build with is installed (Debian's clang, lld,
# wasi-libc and the wasm32 compiler runtime; wabt for the .wat test fixtures), so that CI checks that
# every committed example and fixture .wasm rebuilds byte for byte. Idempotent; never fails the build: without root or a package source it
# says so, and examples/build.sh --check then skips with that reason.
set -uo pipefail

packages=(clang lld wasi-libc libclang-rt-14-dev-wasm32 wabt)
have() { command -v clang >/dev/null && command -v wasm-ld >/dev/null && [ -d /usr/include/wasm32-wasi ] && command -v wat2wasm >/dev/null; }
have && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-wasm-toolchain: clang/lld/wasi-libc missing and this is not root; the example rebuild check will skip" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
echo "ensure-wasm-toolchain: installing ${packages[*]}..." >&2
if ! apt-get install -y -qq "${packages[@]}" >/dev/null 2>&1; then
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq "${packages[@]}" >/dev/null 2>&1 || true
fi
if have; then
  echo "ensure-wasm-toolchain: $(clang --version | head -1)" >&2
else
  echo "ensure-wasm-toolchain: could not install the toolchain; the example rebuild check will skip" >&2
fi
exit 0
