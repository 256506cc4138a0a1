#!/usr/bin/env bash
# The component reference host's costs (issue #13), for comparison with the Java component runtime:
#   - one componentize-js build of examples/components/js-kitchen-sink (not in a loop: ~50 s of CPU)
#   - the fixtures' sizes
#   - `jco transpile` of the 12 MB kitchen-sink component and of the calculator component (RUNS each)
#   - Node cold start of the transpiled kitchen-sink, transpile excluded: a fresh `node` process per
#     run; inside it, import of the transpiled JS, WebAssembly.compile of its core modules,
#     instantiate, and the first call (values#greet), each timed (RUNS runs)
# Writes bench/results/component-reference.txt.
#
#   bench/component-reference/run.sh [RUNS] [--no-build]    (default 5 runs)
set -euo pipefail
export LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
runs=5
build=1
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    *) runs=$a ;;
  esac
done
out="$root/bench/results/component-reference.txt"
bash "$root/.ci/ensure-jco.sh"
cd "$root/examples/components"
node "$root/bench/component-reference/measure.mjs" "$runs" "$build" | tee "$out"
echo "wrote ${out#$root/}" >&2
