#!/usr/bin/env bash
# wasi:http benchmark (issue #14): a GET round trip to a local server from a component, in the Java
# runtime and under the reference host (jco transpile + Node, wasi:http from preview2-shim), pair by
# pair in one run. The component is examples/components/js-fetch/js-fetch.wasm (componentize-js;
# fetch() goes out through wasi:http/outgoing-handler). Writes bench/results/wasi-http.txt.
#
#   bench/wasi-http/run.sh [--rounds N] [--calls N] [--engines "compiler interpreter"]
#   (defaults: 5 rounds of 50 calls per side, compiler only; every engine named gets its own JVM
#   and its own Node process, both warmed up with an untimed block first)
#
# Builds protocol and runtime with the reactor into their own target/ folders (nothing is installed
# in the local repository); BENCH_MVN_ARGS goes to Maven (e.g. -o). Needs Java 17, Maven, Node and
# npm (.ci/ensure-jco.sh installs the pinned jco and preview2-shim into examples/components).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"
out="$repo/bench/results/wasi-http.txt"
mkdir -p "$repo/bench/results"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "bench/wasi-http: $*" >&2; exit 1; }
rounds=5; calls=50; engines="compiler"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="${2:?--rounds N}"; shift ;;
    --calls) calls="${2:?--calls N}"; shift ;;
    --engines) engines="${2:?--engines \"compiler interpreter\"}"; shift ;;
    *) fail "unknown argument $1 (usage: run.sh [--rounds N] [--calls N] [--engines \"compiler interpreter\"])" ;;
  esac
  shift
done
command -v mvn >/dev/null || fail "Maven (mvn) is needed to build the benchmark"
command -v node >/dev/null || fail "Node is needed for the reference host (jco transpile + Node)"
fixture="$repo/examples/components/js-fetch/js-fetch.wasm"
[[ -f $fixture ]] || fail "$fixture is missing (examples/components/build.sh builds it)"
bash "$repo/.ci/ensure-jco.sh" || fail "jco could not be installed (see above)"
# shellcheck disable=SC2086
mvn -B -q ${BENCH_MVN_ARGS:-} -pl runtime -am -DskipTests compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$work/cp.txt" >"$work/mvn.log" 2>&1 || { tail -40 "$work/mvn.log" >&2; fail "building the runtime failed (Maven's output above)"; }
CP="$repo/runtime/target/classes:$repo/protocol/target/classes:$(cat "$work/cp.txt")"
javac -nowarn -d "$work/classes" -cp "$CP" "$here/WasiHttpBench.java" >"$work/javac.log" 2>&1 \
  || { grep -v '^Note:' "$work/javac.log" >&2; fail "compiling WasiHttpBench failed (javac's output above)"; }
CP="$work/classes:$CP"
# the transpiled JavaScript goes to the temp dir, next to a link to examples/components/node_modules
# (Node finds preview2-shim there); under examples/ its 12 MB core module would become a seed of the
# protocol's fuzz tests, which walk examples/ for .wasm files
transpiled="$work/transpiled"
ln -s "$repo/examples/components/node_modules" "$work/node_modules"
"$repo/examples/components/node_modules/.bin/jco" transpile "$fixture" -o "$transpiled" --name component --no-typescript --quiet \
  || fail "jco transpile of $fixture failed"
{
  echo "# asterai wasi:http benchmark ($(date -u +%Y-%m-%dT%H:%MZ), tree $(git rev-parse --short HEAD 2>/dev/null || echo ?))"
  echo "# $(java -version 2>&1 | head -1); node $(node --version); $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); Chicory 1.7.5"
  echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared)"
  echo "# component: examples/components/js-fetch/js-fetch.wasm ($(wc -c < "$fixture") bytes), fetcher.get(url) = fetch(url) + text()"
  echo "# server: JDK HttpServer on 127.0.0.1 in the Java process (TCP_NODELAY), 27-byte body; the same server for both sides"
  echo "# per call: Java times LoadedComponent.call (JSON in and out); Node times fetcher.get inside Node;"
  echo "# java.httpclient_only: the JDK HttpClient (what the host's OutgoingHttp uses) alone against the same server, no guest"
  echo "# $rounds rounds of $calls calls per side after an untimed warm-up block; Java first in odd rounds, Node first in even"
  echo "# format: key value unit"
  for engine in $engines; do
    java -XX:-ClipInlining -Xmx2g -cp "$CP" WasiHttpBench "$repo/examples" "$transpiled" "$engine" "$rounds" "$calls"
  done
  echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out"
echo "wrote ${out#$repo/}" >&2
