#!/usr/bin/env bash
# Runtime benchmark: Chicory compiler vs interpreter vs Node's V8 on the same calculator.wasm,
# cold start, warm call overhead, 100 idle instances in a 256 MiB heap, and the on-disk class cache.
# Writes bench/results/runtime.txt. Usage: bench/runtime/run.sh [--no-build]
#
# Engine A/B: bench/runtime/run.sh --engines chicory,endive [--rounds N] runs instead the same
# benchmark (cold start, warm, loader fuzz) against Chicory 1.7.5 and Endive 1.2.0, side by side,
# interleaved round by round (A B, then B A, ...) so that a busy machine weighs on both alike, and
# writes bench/results/runtime-engines.txt: every figure of every run, then per figure the ratio
# second/first engine of each round (median, min, max). Each engine gets a private build: this
# tree's protocol, runtime and agent-client copied under bench/runtime/target/ENGINE, switched with
# bench/runtime/switch-engine.sh, packaged with Maven (nothing is installed in the local
# repository). BENCH_MVN_ARGS is passed to Maven (for example "-o -Dmaven.repo.local=DIR").
# The warm runs (and the V8 control after each) repeat on every JVM in BENCH_JAVAS, by default the
# java on PATH and the newest JDK under /usr/lib/jvm when that is a newer feature version (compiled
# guests run much faster on a newer JIT; docs/runtime.md). Warm runs use the JIT options the
# `asterai` launcher gives `agent` (-XX:-ClipInlining).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"
out="$repo/bench/results/runtime.txt"
mkdir -p "$repo/bench/results"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "bench/runtime: $*" >&2; exit 1; }
command -v mvn >/dev/null || fail "Maven (mvn) is needed to build the benchmark"
engines=""; rounds=5; build=yes
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) build=no ;;
    --engines) engines="${2:?--engines chicory,endive}"; shift ;;
    --rounds) rounds="${2:?--rounds N}"; shift ;;
    *) fail "unknown argument $1 (usage: run.sh [--no-build] [--engines chicory,endive [--rounds N]])" ;;
  esac
  shift
done
if [[ -n $engines ]]; then
  exec "$here/engines.sh" "$engines" "$rounds" "$build"
fi
if [[ $build == yes ]]; then
  # the parent POM, protocol, runtime, client and agent, which agent-client's classpath resolves from the local repository
  mvn -B -q install -pl protocol,runtime,client,agent -am -DskipTests || fail "building protocol, runtime, client and agent failed (Maven's output above)"
fi
# cli-only: the classpath of the runtime, without the registry-server test-jar the client's tests use
mvn -B -q dependency:build-classpath -pl agent-client -Dasterai.cli-only -Dmdep.outputFile="$work/cp.txt" \
  || fail "resolving agent-client's classpath failed (run without --no-build once; Maven's output above)"
DEPS="$(cat "$work/cp.txt")"
# Compile the benchmark into a private folder against the runtime and client jars installed above
# (the shared target/ may be mid-build by someone else); the CLI too, for the wall-time line, if it compiles.
src="$repo/agent-client/src/main/java"
javac -nowarn -d "$work/classes" -cp "$DEPS" -sourcepath "$src" -implicit:class "$here/RuntimeBench.java" > "$work/javac.log" 2>&1 \
  || { grep -v '^Note:' "$work/javac.log" >&2; fail "compiling RuntimeBench failed (javac's output above)"; }
cli=yes
javac -nowarn -d "$work/classes" -cp "$DEPS" -sourcepath "$src" -implicit:class "$repo/agent-client/src/main/java/ai/asterai/client/cli/Main.java" >/dev/null 2>&1 || cli=no
CP="$work/classes:$DEPS"
feature() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$(dirname "$(dirname "$(readlink -f "$(command -v "$1")")")")/release" 2>/dev/null; }
default_javas() {
  local best="" best_v=0 j v
  for j in /usr/lib/jvm/*/bin/java; do
    [ -x "$j" ] || continue
    v=$(feature "$j"); [ -n "$v" ] && [ "$v" -gt "$best_v" ] && { best="$j"; best_v="$v"; }
  done
  echo java
  if [ -n "$best" ] && [ "$best_v" -gt "$(feature java || echo 0)" ]; then echo "$best"; fi
}
bench() { local heap="$1"; shift; java -Dexamples="$repo/examples" "$heap" -cp "$CP" RuntimeBench "$@"; }
cache="$work/class-cache"
{
  echo "# asterai runtime benchmark ($(date -u +%Y-%m-%dT%H:%MZ))"
  echo "# $(java -version 2>&1 | head -1); node $(node --version); $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "# guest: examples/calculator/calculator.wasm (clang -O2 wasm32-wasi); Chicory 1.7.5"
  echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared; cold-start numbers vary with it)"
  echo "# format: key value unit; cold runs are separate JVMs (three each)"
  for engine in compiler interpreter; do
    for i in 1 2 3; do bench -Xmx512m cold "$engine"; done
  done
  echo "# on-disk class cache: first run fills it, the next ones load compiled classes from it"
  for i in 1 2 3 4; do bench -Xmx512m cold compiler "$cache"; done
  for jvm in ${BENCH_JAVAS:-$(default_javas)}; do
    echo "# warm: $("$jvm" -version 2>&1 | head -1), then V8 right after on the same machine"
    "$jvm" -Dexamples="$repo/examples" -Xmx1g -XX:-ClipInlining -cp "$CP" RuntimeBench warm | tee "$work/warm.txt"
    node "$here/node-bench.mjs" "$repo/examples" 2>/dev/null | tee "$work/node.txt"
    # compiled time over V8's time, per CPU-bound guest (the target is at most 1.5)
    for k in fib_total eval_64k_expression; do
      c=$(awk -v k="warm.compiler.$k" '$1 == k {print $2}' "$work/warm.txt")
      n=$(awk -v k="node.$k" '$1 == k {print $2}' "$work/node.txt")
      awk -v c="$c" -v n="$n" -v k="$k" 'BEGIN {printf "ratio.compiler_over_v8.%s %.2f x\n", k, c / n}'
    done
  done
  bench -Xmx256m instances 100
  if [[ $cli == yes ]]; then
    for i in 1 2 3; do
      start=$(date +%s%N)
      ASTERAI_HOME="$work/home" java -cp "$CP" ai.asterai.client.cli.Main run "$repo/examples/calculator" eval '1+2' >/dev/null 2>&1
      echo "cli.asterai_run_eval_wall $(( ($(date +%s%N) - start) / 1000000 )).000 ms"
    done
  fi
} | tee "$out"
echo "written: $out" >&2
