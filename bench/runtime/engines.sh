#!/usr/bin/env bash
# Engine A/B of the runtime benchmark, started by `bench/runtime/run.sh --engines A,B [--rounds N]`
# (the method is described there and in docs/benchmarks.md). Writes bench/results/runtime-engines.txt.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
fail() { echo "bench/runtime: $*" >&2; exit 1; }
IFS=, read -r -a list <<< "$1"
rounds="$2"; build="$3"
[[ ${#list[@]} -ge 1 ]] || fail "--engines: chicory, endive or both"
out="$repo/bench/results/runtime-engines.txt"
mkdir -p "$repo/bench/results"
base="$here/target"
raw="$(mktemp)"
trap 'rm -f "$raw"' EXIT
label() {
  case "$1" in chicory|endive) ;; *) fail "unknown engine $1 (chicory or endive)" ;; esac
  # the engine's jars the build resolved (the compiler's version can differ: -Dendive.compiler.version)
  if [[ -d $base/$1/agent-client/target/lib ]]; then
    (cd "$base/$1/agent-client/target/lib" && ls wasm-*.jar runtime-*.jar wasi-*.jar compiler-*.jar 2>/dev/null | sed 's/\.jar$//' | tr '\n' ' ')
  fi
}
for e in "${list[@]}"; do
  label "$e" >/dev/null
  t="$base/$e"
  if [[ $build == yes || ! -f $t/classpath ]]; then
    echo "bench/runtime: building the runtime on $e in $t" >&2
    rm -rf "$t"; mkdir -p "$t/registry-server"
    (cd "$repo" && tar --exclude=target --exclude=node_modules -cf - pom.xml protocol runtime client agent agent-client) | tar -xf - -C "$t"
    cp "$repo/registry-server/pom.xml" "$t/registry-server/"   # the reactor reads every module's POM
    "$here/switch-engine.sh" "$e" "$t"
    # shellcheck disable=SC2086
    mvn -B -q ${BENCH_MVN_ARGS:-} -f "$t/pom.xml" package -pl agent-client -am -Dasterai.cli-only -DskipTests -Dmaven.test.skip=true \
      || fail "building the runtime on $e failed (Maven's output above)"
    cp="$t/agent-client/target/classes:$(find "$t/agent-client/target/lib" -name '*.jar' | sort | tr '\n' ':')"
    javac -nowarn -d "$t/bench-classes" -cp "$cp" "$here/RuntimeBench.java" > "$t/javac.log" 2>&1 \
      || { grep -v '^Note:' "$t/javac.log" >&2; fail "compiling RuntimeBench on $e failed (javac's output above)"; }
    echo "$t/bench-classes:$cp" > "$t/classpath"
  fi
done
# one JVM per run; every line of a run is prefixed with its engine and round
run() {
  local e="$1" r="$2" heap="$3"; shift 3
  java -Dexamples="$repo/examples" "$heap" -XX:-ClipInlining -cp "$(cat "$base/$e/classpath")" RuntimeBench "$@" 2>"$base/$e/stderr.txt" \
    | sed "s/^/$e $r /" | tee -a "$raw" \
    || echo "# $e round $r: RuntimeBench $* failed: $(grep -m1 -E 'Exception|Error' "$base/$e/stderr.txt")"
}
{
  echo "# asterai runtime benchmark, engine A/B ($(date -u +%Y-%m-%dT%H:%MZ), tree $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo ?))"
  echo "# $(java -version 2>&1 | head -1); $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  for e in "${list[@]}"; do echo "# $e: $(label "$e")"; done
  echo "# guest: examples/calculator/calculator.wasm; $rounds rounds, each: cold compiler, cold interpreter, warm, loader,"
  echo "# every step once per engine, in the order A B in odd rounds and B A in even ones; one JVM per run"
  echo "# (-XX:-ClipInlining as the asterai launcher gives agents; cold and loader -Xmx512m, warm -Xmx1g)"
  echo "# format: ENGINE ROUND key value unit"
  for ((r = 1; r <= rounds; r++)); do
    order=("${list[@]}")
    if (( r % 2 == 0 )); then order=(); for ((i = ${#list[@]} - 1; i >= 0; i--)); do order+=("${list[$i]}"); done; fi
    echo "# round $r: ${order[*]}; load average $(cut -d' ' -f1-3 /proc/loadavg)"
    for step in "cold compiler" "cold interpreter" "warm" "loader 5000"; do
      for e in "${order[@]}"; do
        # shellcheck disable=SC2086
        case "$step" in warm) run "$e" "$r" -Xmx1g $step ;; *) run "$e" "$r" -Xmx512m $step ;; esac
      done
    done
  done
  echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [[ ${#list[@]} -ge 2 ]]; then
    a="${list[0]}"; b="${list[1]}"
    echo "# summary: median of each engine over the rounds, and the ratio $b/$a round by round (median, min, max);"
    echo "# a ratio below 1 means $b took less (for throughput, 'modules/s', above 1 means $b did more)"
    printf '# %-52s %12s %12s   %s\n' key "$a" "$b" "ratio $b/$a: median [min-max]"
    awk -v a="$a" -v b="$b" '
      function median(arr, n,   i, j, t) {
        for (i = 2; i <= n; i++) { t = arr[i]; for (j = i - 1; j >= 1 && arr[j] > t; j--) arr[j + 1] = arr[j]; arr[j + 1] = t }
        return n % 2 ? arr[(n + 1) / 2] : (arr[n / 2] + arr[n / 2 + 1]) / 2
      }
      NF == 5 && $4 ~ /^-?[0-9.]+$/ && ($1 == a || $1 == b) { v[$1, $2, $3] = $4; unit[$3] = $5; if (!($3 in seen)) { seen[$3] = 1; keys[++nk] = $3 } if ($2 > maxr) maxr = $2 }
      END {
        for (k = 1; k <= nk; k++) {
          key = keys[k]; na = nb = nr = 0; lo = 1e300; hi = -1e300
          delete va; delete vb; delete rr
          for (r = 1; r <= maxr; r++) {
            if ((a, r, key) in v) va[++na] = v[a, r, key]
            if ((b, r, key) in v) vb[++nb] = v[b, r, key]
            if ((a, r, key) in v && (b, r, key) in v && v[a, r, key] > 0) {
              x = v[b, r, key] / v[a, r, key]; rr[++nr] = x; if (x < lo) lo = x; if (x > hi) hi = x
            }
          }
          if (nr == 0) continue
          printf "%-54s %12.3f %12.3f   %.2f [%.2f-%.2f] %s\n", key, median(va, na), median(vb, nb), median(rr, nr), lo, hi, unit[key]
        }
      }' "$raw"
  fi
} | tee "$out"
echo "written: $out" >&2
