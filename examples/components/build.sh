#!/usr/bin/env bash
# Builds the component-model fixtures with real toolchains (jco, componentize-js; pinned in
# package.json and package-lock.json, installed by .ci/ensure-jco.sh) and the expected results
# of their calls from the reference host (jco transpile + Node, reference/host.mjs).
#
#   examples/components/build.sh            build every fixture and write each expected.json
#   examples/components/build.sh --check    rebuild into a temp dir and compare with the committed
#                                           files (see below); regenerate each expected.json from
#                                           the committed component and compare
#   examples/components/build.sh --require  fail (exit 1) instead of skipping when Node/npm or the
#                                           toolchain install is missing
#
# Called by examples/build.sh (after the C modules: c-calculator/calculator-core.wasm is one).
#
# Reproducibility. `jco embed` + `jco new` are byte-for-byte reproducible: --check compares the C
# calculator components byte for byte. componentize-js is NOT: two builds of the same source on
# the same machine differ (its work directory has a random name, /tmp/<12 hex>/, which ends up in
# the component, and the snapshot of the engine's heap differs in size too; measured in
# docs/examples.md). For those fixtures --check compares what is reproducible instead, and says
# so: the rebuilt component's world (`jco wit`) must equal the committed one's, both must embed
# the current JavaScript source verbatim, and the rebuilt component must give the committed
# expected.json under the reference host.
set -euo pipefail
export LC_ALL=C

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mode=build
require=0
for arg in "$@"; do
    case "$arg" in
        --check) mode=check ;;
        --require) require=1 ;;
        -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
        *) echo "unknown argument: $arg" >&2; exit 2 ;;
    esac
done

skip() {
    echo "examples/components/build.sh: $1" >&2
    if [ "$require" = 1 ]; then exit 1; fi
    echo "component toolchain missing, skipped"
    exit 0
}
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || skip "node and npm are needed (Node 20 is tested)"
bash "$root/.ci/ensure-jco.sh" || skip "could not install the pinned jco/componentize-js (.ci/ensure-jco.sh)"

cd "$here"
jco=("$here/node_modules/.bin/jco")

# A wit dir written DIR+wasi is DIR plus the WASI 0.2.12 packages (io, clocks, filesystem) of the
# pinned jco as deps/, assembled in a temp dir: a world that imports WASI itself needs them, and they
# are not copied into the repository.
# JavaScript components: name|source|wit dir|world|output[|--wasi or --http (fetch through wasi:http)]
js_components=(
    "js-kitchen-sink|js-kitchen-sink/src/kitchen-sink.js|js-kitchen-sink/wit|kitchen-sink|js-kitchen-sink/kitchen-sink.wasm"
    "js-wasi|js-wasi/src/wasi-clock.js|js-wasi/wit|wasi-clock|js-wasi/wasi-clock.wasm|--wasi"
    "js-app|js-app/src/js-app.js|js-app/wit+wasi|js-app|js-app/js-app.wasm|--http"
    "js-fetch|js-fetch/src/fetch.js|js-fetch/wit|js-fetch|js-fetch/js-fetch.wasm|--http"
)
# Components from core modules (jco embed + jco new): name|core module|wit dir|world|output[|--wasi-reactor]
core_components=(
    "c-calculator|c-calculator/calculator-core.wasm|../calculator/wit|calculator|c-calculator/calculator.wasm"
    "c-calculator-wasi|../calculator/calculator.wasm|../calculator/wit|calculator|c-calculator/calculator-wasi.wasm|--wasi-reactor"
    # the hostile guests that need neither files nor HTTP, as components (ComponentSandboxLimitsTest)
    "hostile-read-env|../hostile/read-env/read-env.wasm|../hostile/read-env/wit|read-env|hostile/read-env.wasm|--wasi-reactor"
    "hostile-grow-memory|../hostile/grow-memory/grow-memory.wasm|../hostile/grow-memory/wit|grow-memory|hostile/grow-memory.wasm|--wasi-reactor"
    "hostile-loop-forever|../hostile/loop-forever/loop-forever.wasm|../hostile/loop-forever/wit|loop-forever|hostile/loop-forever.wasm|--wasi-reactor"
    "hostile-call-undeclared|../hostile/call-undeclared/call-undeclared.wasm|../hostile/call-undeclared/wit|call-undeclared|hostile/call-undeclared.wasm|--wasi-reactor"
    # the guest of bench/wasi-io (a file written and read back through wasi:io streams)
    "bench-io-roundtrip|../bench/io-roundtrip/io-roundtrip.wasm|../bench/io-roundtrip/wit|io-roundtrip|bench/io-roundtrip.wasm|--wasi-reactor"
    "memory|../memory/memory.wasm|../memory/wit|memory|memory/memory.wasm|--wasi-reactor"
    "hostile-read-passwd|../hostile/read-passwd/read-passwd.wasm|../hostile/read-passwd/wit|read-passwd|hostile/read-passwd.wasm|--wasi-reactor"
    "hostile-write-outside|../hostile/write-outside/write-outside.wasm|../hostile/write-outside/wit|write-outside|hostile/write-outside.wasm|--wasi-reactor"
    "hostile-symlink-escape|../hostile/symlink-escape/symlink-escape.wasm|../hostile/symlink-escape/wit|symlink-escape|hostile/symlink-escape.wasm|--wasi-reactor"
    "hostile-http-denied|../hostile/http-denied/http-denied.wasm|../hostile/http-denied/wit|http-denied|hostile/http-denied.wasm|--wasi-reactor"
    "web-fetch|../web-fetch/web-fetch.wasm|../web-fetch/wit|web-fetch|web-fetch/web-fetch.wasm|--wasi-reactor"
)
# Reference results: component|wit dir|world|calls|expected[|host flags, space-separated: --wasi,
# --preopen GUEST=HOST, --serve (reference/host.mjs)]. A component listed with the
# expected.json of another (the calculator with WASI imports) is only checked against it, never
# writes it: both builds of the calculator must give the same results.
references=(
    "js-kitchen-sink/kitchen-sink.wasm|js-kitchen-sink/wit|kitchen-sink|js-kitchen-sink/calls.json|js-kitchen-sink/expected.json"
    "c-calculator/calculator.wasm|../calculator/wit|calculator|c-calculator/calls.json|c-calculator/expected.json"
    "c-calculator/calculator-wasi.wasm|../calculator/wit|calculator|c-calculator/calls.json|c-calculator/expected.json|--wasi"
    "js-wasi/wasi-clock.wasm|js-wasi/wit|wasi-clock|js-wasi/calls.json|js-wasi/expected.json|--wasi"
    "js-app/js-app.wasm|js-app/wit+wasi|js-app|js-app/calls.json|js-app/expected.json|--wasi --preopen /data=js-app/data --serve"
)

witdirs="$(mktemp -d)"
trap 'rm -rf "$witdirs"' EXIT
# The wit dir an entry names (see above).
witdir() {
    case "$1" in
        *+wasi)
            local d="$witdirs/${1%+wasi}"
            if [ ! -d "$d" ]; then
                mkdir -p "$d/deps"
                cp -R "${1%+wasi}/." "$d/"
                for p in io clocks filesystem; do
                    cp -R "$here/node_modules/@bytecodealliance/jco/lib/wit/builtin/0.2.12/wasi-$p" "$d/deps/"
                done
            fi
            echo "$d" ;;
        *) echo "$1" ;;
    esac
}

build_js() { # source wit world out [--wasi | --wasi-http]
    node "$here/componentize.mjs" "$1" "$(witdir "$2")" "$3" "$4" ${5:+"$5"}
}

build_core() { # core wit world out [--wasi-reactor]
    local t
    t="$(mktemp -d)"
    "${jco[@]}" embed "$1" --wit "$2" -n "$3" -o "$t/embedded.wasm" >/dev/null
    "${jco[@]}" new "$t/embedded.wasm" ${5:+"$5"} -o "$4" >/dev/null
    rm -rf "$t"
}

status=0
if [ "$mode" = build ]; then
    for c in "${core_components[@]}"; do
        IFS='|' read -r name core wit world out flag <<< "$c"
        [ -f "$core" ] || { echo "missing core module examples/components/$core (run examples/build.sh)" >&2; exit 1; }
        build_core "$core" "$wit" "$world" "$out" "$flag"
        echo "built examples/components/$out ($(wc -c < "$out") bytes)"
    done
    for c in "${js_components[@]}"; do
        IFS='|' read -r name src wit world out flag <<< "$c"
        build_js "$src" "$wit" "$world" "$out" "$flag"
        echo "built examples/components/$out ($(wc -c < "$out") bytes)"
    done
    written=" "
    for r in "${references[@]}"; do
        IFS='|' read -r comp wit world calls expected flag <<< "$r"
        check=()
        case "$written" in *" $expected "*) check=(--check) ;; esac
        # shellcheck disable=SC2086 # host flags are words
        node reference/host.mjs "${check[@]}" $flag --component "$comp" --wit "$(witdir "$wit")" --world "$world" \
            --calls "$calls" --out "$expected" || exit 1
        written="$written$expected "
    done
else
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp" "$witdirs"' EXIT
    for c in "${core_components[@]}"; do
        IFS='|' read -r name core wit world out flag <<< "$c"
        build_core "$core" "$wit" "$world" "$tmp/$name.wasm" "$flag"
        if [ ! -f "$out" ]; then
            echo "MISSING  examples/components/$out"; status=1
        elif cmp -s "$tmp/$name.wasm" "$out"; then
            echo "same     examples/components/$out"
        else
            echo "DIFFERS  examples/components/$out"; status=1
        fi
    done
    for c in "${js_components[@]}"; do
        IFS='|' read -r name src wit world out flag <<< "$c"
        if [ ! -f "$out" ]; then echo "MISSING  examples/components/$out"; status=1; continue; fi
        build_js "$src" "$wit" "$world" "$tmp/$name.wasm" "$flag" 2>/dev/null
        if cmp -s "$tmp/$name.wasm" "$out"; then
            echo "same     examples/components/$out"
            continue
        fi
        # componentize-js is not reproducible: compare what is.
        ok=1
        "${jco[@]}" wit "$out" > "$tmp/$name.committed.wit"
        "${jco[@]}" wit "$tmp/$name.wasm" > "$tmp/$name.rebuilt.wit"
        if ! cmp -s "$tmp/$name.committed.wit" "$tmp/$name.rebuilt.wit"; then
            echo "DIFFERS  examples/components/$out: its world (jco wit) is not the rebuilt one's"; ok=0
        fi
        if ! node reference/embeds.mjs "$src" "$out" "$tmp/$name.wasm"; then
            echo "DIFFERS  examples/components/$out: it does not embed the current $src"; ok=0
        fi
        for r in "${references[@]}"; do
            IFS='|' read -r comp rwit rworld calls expected rflag <<< "$r"
            [ "$comp" = "$out" ] || continue
            # shellcheck disable=SC2086 # host flags are words
            if ! node reference/host.mjs --check $rflag --component "$tmp/$name.wasm" --wit "$(witdir "$rwit")" --world "$rworld" \
                    --calls "$calls" --out "$expected" --work "$tmp/ref-$name" 2>"$tmp/$name.ref.log" >"$tmp/$name.ref.out"; then
                cat "$tmp/$name.ref.log"
                echo "DIFFERS  examples/components/$out: the rebuilt component does not give $expected"; ok=0
            fi
        done
        if [ "$ok" = 1 ]; then
            echo "rebuilt  examples/components/$out (not byte for byte: componentize-js is not reproducible; same world, same embedded source, same reference results)"
        else
            status=1
        fi
    done
    for r in "${references[@]}"; do
        IFS='|' read -r comp wit world calls expected flag <<< "$r"
        # shellcheck disable=SC2086 # host flags are words
        if node reference/host.mjs --check $flag --component "$comp" --wit "$(witdir "$wit")" --world "$world" \
                --calls "$calls" --out "$expected" 2>"$tmp/ref.log" >"$tmp/ref.out"; then
            echo "same     examples/components/$expected (the reference host on $comp)"
        else
            cat "$tmp/ref.log"; status=1
        fi
    done
    if [ "$status" = 0 ]; then echo "components check passed"; else echo "components check FAILED"; fi
fi
exit "$status"
