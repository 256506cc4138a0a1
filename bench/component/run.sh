#!/usr/bin/env bash
# Component runtime benchmark (issue #13, "Performance"): writes bench/results/component.txt.
#   - warm call eval("1+2") on the calculator as a core module (today's path) and as a component
#     binary (jco new over the same C code), in one JVM, alternating blocks: p50/p99 and the ratio
#   - the 12 MB componentize-js kitchen-sink: cold start by step in a fresh JVM (decode, validate,
#     parse/compile the core modules, instantiate, first call), then second instances, warm
#     greet("x"), and the heap of 10 idle instances; each round also runs the same file under Node
#     (jco transpile once, then a fresh node per round: import, compile + instantiate, first call,
#     warm greet), the two interleaved (Java first in odd rounds, Node first in even ones)
#
#   bench/component/run.sh [--rounds N] [--engines "compiler interpreter cached"]
#   (defaults: 3 rounds, all three; "cached" is the compiler with the opt-in DiskClassCache, filled by
#   one untimed run before the rounds, so each round measures a cache hit)
#
# Builds protocol, runtime, client, agent and agent-client with the reactor into their own target/
# folders (nothing is installed in the local repository); BENCH_MVN_ARGS goes to Maven (e.g. -o).
# Needs Java 17, Maven, Node and npm (.ci/ensure-jco.sh installs jco into examples/components).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"
out="$repo/bench/results/component.txt"
mkdir -p "$repo/bench/results"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "bench/component: $*" >&2; exit 1; }
rounds=3; engines="compiler interpreter cached"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="${2:?--rounds N}"; shift ;;
    --engines) engines="${2:?--engines \"compiler interpreter\"}"; shift ;;
    *) fail "unknown argument $1 (usage: run.sh [--rounds N] [--engines \"compiler interpreter\"])" ;;
  esac
  shift
done
command -v mvn >/dev/null || fail "Maven (mvn) is needed to build the benchmark"
command -v node >/dev/null || fail "Node is needed for the reference host (jco transpile + Node)"
fixture="$repo/examples/components/js-kitchen-sink/kitchen-sink.wasm"
[[ -f $fixture ]] || fail "$fixture is missing (examples/components/build.sh builds it)"
[[ -f $repo/examples/components/c-calculator/calculator.wasm ]] || fail "examples/components/c-calculator/calculator.wasm is missing"
bash "$repo/.ci/ensure-jco.sh" || fail "jco could not be installed (see above)"
# the reactor resolves the sibling modules to their target/classes, so nothing needs installing
# shellcheck disable=SC2086
mvn -B -q ${BENCH_MVN_ARGS:-} -pl agent-client -am -Dasterai.cli-only -DskipTests compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$work/cp.txt" >"$work/mvn.log" 2>&1 || { tail -40 "$work/mvn.log" >&2; fail "building the runtime failed (Maven's output above)"; }
CP="$repo/agent-client/target/classes:$(cat "$work/cp.txt")"
javac -nowarn -d "$work/classes" -cp "$CP" "$here/ComponentBench.java" >"$work/javac.log" 2>&1 \
  || { grep -v '^Note:' "$work/javac.log" >&2; fail "compiling ComponentBench failed (javac's output above)"; }
CP="$work/classes:$CP"
jco="$repo/examples/components/node_modules/.bin/jco"
{
  echo "# asterai component runtime benchmark ($(date -u +%Y-%m-%dT%H:%MZ), tree $(git rev-parse --short HEAD 2>/dev/null || echo ?))"
  echo "# $(java -version 2>&1 | head -1); node $(node --version); $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); Chicory 1.7.5"
  echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared)"
  echo "# format: key value unit; one JVM per step (-XX:-ClipInlining, as the launcher gives agents)"
  echo "# warm: calculator eval(\"1+2\"), core module vs component, 7 alternating blocks of 20,000 calls after 3 of warm-up"
  java -Dexamples="$repo/examples" -XX:-ClipInlining -Xmx1g -cp "$CP" ComponentBench warm 7 20000
  t0=$(date +%s%N)
  "$jco" transpile "$fixture" -o "$work/ks" --name component --instantiation async --no-typescript --quiet \
    || fail "jco transpile of $fixture failed"
  echo "node.jco_transpile_once $(( ($(date +%s%N) - t0) / 1000000 )).000 ms"
  if [[ " $engines " == *" cached "* ]]; then
    echo "# filling the class cache (untimed)"
    java -Dexamples="$repo/examples" -XX:-ClipInlining -Xmx3g -cp "$CP" ComponentBench kitchen compiler "$work/class-cache" >/dev/null 2>"$work/err.txt" \
      || fail "filling the class cache failed: $(grep -m1 -E 'Exception|Error' "$work/err.txt")"
  fi
  for ((r = 1; r <= rounds; r++)); do
    echo "# round $r; load average $(cut -d' ' -f1-3 /proc/loadavg)"
    steps=()
    for e in $engines; do steps+=("java:$e"); done
    steps+=("node")
    if (( r % 2 == 0 )); then steps=("node" "${steps[@]:0:${#steps[@]}-1}"); fi
    for s in "${steps[@]}"; do
      case "$s" in
        node) node "$here/node-cold.mjs" "$work/ks" | sed "s/^/$r /" || echo "# round $r: node failed" ;;
        java:*) e="${s#java:}"; args=("$e"); [[ $e == cached ]] && args=(compiler "$work/class-cache")
                java -Dexamples="$repo/examples" -XX:-ClipInlining -Xmx3g -cp "$CP" ComponentBench kitchen "${args[@]}" 2>"$work/err.txt" \
                  | sed "s/^/$r /" || echo "# round $r: ComponentBench kitchen ${s#java:} failed: $(grep -m1 -E 'Exception|Error' "$work/err.txt")" ;;
      esac
    done
  done
  echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$work/raw.txt"
{
  cat "$work/raw.txt"
  echo "# summary over the rounds: median [min-max]"
  awk 'NF == 4 && $1 ~ /^[0-9]+$/ { k = $2; v[k] = v[k] " " $3; u[k] = $4; if (!(k in seen)) { seen[k] = 1; keys[++n] = k } }
    END { for (i = 1; i <= n; i++) { m = split(substr(v[keys[i]], 2), a, " ");
            for (x = 2; x <= m; x++) { t = a[x]; for (y = x - 1; y >= 1 && a[y] + 0 > t + 0; y--) a[y + 1] = a[y]; a[y + 1] = t }
            med = m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
            printf "summary.%s %.3f %s [%.3f-%.3f] n=%d\n", keys[i], med, u[keys[i]], a[1], a[m], m } }' "$work/raw.txt"
} > "$out"
grep '^summary' "$out"
echo "written: $out" >&2
