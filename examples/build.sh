#!/usr/bin/env bash
# Builds every example component and hostile guest from source with clang and
# wasi-libc (wasm32-wasi reactor modules), reproducibly.
#
#   examples/build.sh            build all modules into their folders
#   examples/build.sh --check    rebuild into a temp dir and compare byte for
#                                byte with the committed .wasm files; also check
#                                that every WIT deps/ copy matches its source
#   examples/build.sh --require  fail (exit 1) instead of skipping when the
#                                toolchain is missing
#
# Then runs examples/components/build.sh with the same arguments: the
# component-model fixtures built with jco and componentize-js (Node/npm; the
# pinned toolchain is installed by .ci/ensure-jco.sh), and their reference
# results.
#
# Needs: clang with the wasm32-wasi target, wasm-ld (lld) and wasi-libc, e.g.
#   apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32
# This script installs nothing itself; examples/components/build.sh installs
# the pinned npm toolchain with .ci/ensure-jco.sh (npm ci).
set -euo pipefail
export LC_ALL=C

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
mode=build
require=0
for arg in "$@"; do
    case "$arg" in
        --check) mode=check ;;
        --require) require=1 ;;
        -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
        *) echo "unknown argument: $arg" >&2; exit 2 ;;
    esac
done

CC="${CC:-clang}"
# Fixed flags: no debug info, no name section, build paths mapped away.
CFLAGS=(--target=wasm32-wasi -mexec-model=reactor -O2 -std=c11 -g0
        -Wall -Wextra -Wno-unused-parameter -DNDEBUG
        "-ffile-prefix-map=$root=." -fno-ident)
LDFLAGS=(-Wl,--strip-all -Wl,--gc-sections)

# name|source dirs (relative to examples/)|output (relative to examples/)[|extra flags]
modules=(
    "calculator|calculator/src common|calculator/calculator.wasm"
    "calculator-v2|calculator/src common|calculator-v2/calculator-v2.wasm|-DCALC_V2"
    "calculator-broken|calculator/src common|calculator-broken/calculator-broken.wasm|-DCALC_BROKEN"
    "llm-openai|llm-openai/src common|llm-openai/llm-openai.wasm"
    "docs-search|docs-search/src common|docs-search/docs-search.wasm"
    "calc-batch|calc-batch/src common|calc-batch/calc-batch.wasm"
    "calculator-core|calculator/src common components/c-calculator/src|components/c-calculator/calculator-core.wasm"
    "memory|memory/src common|memory/memory.wasm"
    "web-fetch|web-fetch/src common|web-fetch/web-fetch.wasm"
    "read-passwd|hostile/read-passwd/src hostile/common common|hostile/read-passwd/read-passwd.wasm"
    "write-outside|hostile/write-outside/src hostile/common common|hostile/write-outside/write-outside.wasm"
    "symlink-escape|hostile/symlink-escape/src hostile/common common|hostile/symlink-escape/symlink-escape.wasm"
    "read-env|hostile/read-env/src hostile/common common|hostile/read-env/read-env.wasm"
    "http-denied|hostile/http-denied/src hostile/common common|hostile/http-denied/http-denied.wasm"
    "grow-memory|hostile/grow-memory/src hostile/common common|hostile/grow-memory/grow-memory.wasm"
    "loop-forever|hostile/loop-forever/src hostile/common common|hostile/loop-forever/loop-forever.wasm"
    "call-undeclared|hostile/call-undeclared/src hostile/common common|hostile/call-undeclared/call-undeclared.wasm"
    "io-roundtrip|bench/io-roundtrip/src common|bench/io-roundtrip/io-roundtrip.wasm"
)

# WIT copies that must equal their source: "copy|source" (relative to the repo root).
wit_copies() {
    local d f pkg
    for d in "$root"/wit/*/deps/* "$root"/examples/*/wit/deps/* "$root"/examples/hostile/*/wit/deps/*; do
        [ -d "$d" ] || continue
        pkg="$(basename "$d")"
        for f in "$d"/*.wit; do
            if [ "$pkg" = test ]; then
                echo "${f#$root/}|examples/hostile/wit/$(basename "$f")"
            else
                echo "${f#$root/}|wit/$pkg/$(basename "$f")"
            fi
        done
    done
    # The calculator releases for hot-swap tests share the calculator's WIT.
    for d in calculator-v2 calculator-broken; do
        echo "examples/$d/wit/calculator.wit|examples/calculator/wit/calculator.wit"
    done
}

toolchain_ok() {
    local t
    t="$(mktemp -d)"
    echo 'int f(void){return 0;}' > "$t/t.c"
    if "$CC" "${CFLAGS[@]}" "${LDFLAGS[@]}" -o "$t/t.wasm" "$t/t.c" >/dev/null 2>&1; then
        rm -rf "$t"; return 0
    fi
    rm -rf "$t"; return 1
}

if ! command -v "$CC" >/dev/null 2>&1 || ! toolchain_ok; then
    echo "examples/build.sh: clang with the wasm32-wasi target, lld and wasi-libc are needed" >&2
    echo "  (apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32)" >&2
    if [ "$require" = 1 ]; then
        echo "examples/build.sh: toolchain missing" >&2
        exit 1
    fi
    echo "toolchain missing, skipped"
    # The component fixtures are built from the committed core modules.
    exec "$here/components/build.sh" "$@"
fi

build_one() { # name srcdirs out [extra flags]
    local name="$1" srcdirs="$2" out="$3" extra="${4:-}" d f
    local srcs=() incs=()
    # Relative paths from examples/ so nothing build-specific is embedded;
    # globs expand in C-locale (sorted) order.
    cd "$here"
    for d in $srcdirs; do
        incs+=("-I$d")
        for f in "$d"/*.c; do
            [ -f "$f" ] || { echo "no C sources in examples/$d" >&2; return 1; }
            srcs+=("$f")
        done
    done
    # shellcheck disable=SC2086 # extra flags are space-separated on purpose
    "$CC" "${CFLAGS[@]}" $extra "${incs[@]}" "${LDFLAGS[@]}" -o "$out" "${srcs[@]}"
}

status=0
if [ "$mode" = build ]; then
    for m in "${modules[@]}"; do
        IFS='|' read -r name srcdirs out extra <<< "$m"
        build_one "$name" "$srcdirs" "$here/$out" "$extra"
        echo "built examples/$out ($(wc -c < "$here/$out") bytes)"
    done
else
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    for m in "${modules[@]}"; do
        IFS='|' read -r name srcdirs out extra <<< "$m"
        build_one "$name" "$srcdirs" "$tmp/$name.wasm" "$extra"
        if [ ! -f "$here/$out" ]; then
            echo "MISSING  examples/$out"; status=1
        elif cmp -s "$tmp/$name.wasm" "$here/$out"; then
            echo "same     examples/$out"
        else
            echo "DIFFERS  examples/$out"; status=1
        fi
    done
    while IFS='|' read -r copy src; do
        if cmp -s "$root/$copy" "$root/$src"; then
            echo "same     $copy"
        else
            echo "DIFFERS  $copy (from $src)"; status=1
        fi
    done < <(wit_copies)
    if [ "$status" = 0 ]; then echo "check passed"; else echo "check FAILED"; fi
fi
"$here/components/build.sh" "$@" || status=1
exit "$status"
