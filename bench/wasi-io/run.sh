#!/usr/bin/env bash
# wasi:io benchmark (issue #14): the io-roundtrip component (examples/bench/io-roundtrip, C made a
# component with the preview1 adapter) writes 10 MiB to a file in the granted directory /data
# through wasi:filesystem write-via-stream and wasi:io output-stream, reads it back through
# read-via-stream and input-stream, and checks every byte; in our runtime (IoBench.java, a fresh JVM
# per round) and under jco transpile + Node (node-io.mjs, preview2-shim, a fresh node per round).
# Each round runs both, pair by pair (Java first in odd rounds, Node first in even ones), each with
# its own empty data directory; the ratio java/node is taken per round. The guest makes its pattern
# once and compares eight bytes at a time, so the figures are mostly the hosts' I/O paths. Writes
# bench/results/wasi-io.txt.
#
#   bench/wasi-io/run.sh [--rounds N] [--calls N] [--chunk BYTES] [--engine compiler|interpreter]
#   (defaults: 5 rounds, 5 warm calls per process after the first, 65536-byte writes and reads, compiler)
#
# Builds protocol and runtime with the reactor into their own target/ folders (nothing is installed
# in the local repository); BENCH_MVN_ARGS goes to Maven (e.g. -o). Needs Java 17, Maven, Node and
# npm (.ci/ensure-jco.sh installs jco and preview2-shim into examples/components).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"
out="$repo/bench/results/wasi-io.txt"
mkdir -p "$repo/bench/results"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "bench/wasi-io: $*" >&2; exit 1; }
rounds=5; calls=5; chunk=65536; engine=compiler; bytes=$((10 * 1024 * 1024))
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="${2:?--rounds N}"; shift ;;
    --calls) calls="${2:?--calls N}"; shift ;;
    --chunk) chunk="${2:?--chunk BYTES}"; shift ;;
    --engine) engine="${2:?--engine compiler|interpreter}"; shift ;;
    *) fail "unknown argument $1 (usage: run.sh [--rounds N] [--calls N] [--chunk BYTES] [--engine compiler|interpreter])" ;;
  esac
  shift
done
command -v mvn >/dev/null || fail "Maven (mvn) is needed to build the runtime"
command -v node >/dev/null || fail "Node is needed for the reference host (jco transpile + Node)"
component="$repo/examples/components/bench/io-roundtrip.wasm"
[[ -f $component ]] || fail "$component is missing (examples/components/build.sh builds it)"
bash "$repo/.ci/ensure-jco.sh" || fail "jco could not be installed (see above)"
shim="$repo/examples/components/node_modules/@bytecodealliance/preview2-shim/dist/nodejs/index.js"
[[ -f $shim ]] || fail "$shim is missing (.ci/ensure-jco.sh installs it)"
# the reactor resolves the sibling modules to their target/classes, so nothing needs installing
# shellcheck disable=SC2086
mvn -B -q ${BENCH_MVN_ARGS:-} -pl runtime -am -DskipTests compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$work/cp.txt" >"$work/mvn.log" 2>&1 || { tail -40 "$work/mvn.log" >&2; fail "building the runtime failed (Maven's output above)"; }
CP="$repo/runtime/target/classes:$repo/protocol/target/classes:$(cat "$work/cp.txt")"
javac -nowarn -d "$work/classes" -cp "$CP" "$here/IoBench.java" >"$work/javac.log" 2>&1 \
  || { grep -v '^Note:' "$work/javac.log" >&2; fail "compiling IoBench failed (javac's output above)"; }
CP="$work/classes:$CP"
jco="$repo/examples/components/node_modules/.bin/jco"
t0=$(date +%s%N)
"$jco" transpile "$component" -o "$work/transpiled" --name component --instantiation async --no-typescript --quiet \
  || fail "jco transpile of $component failed"
transpile_ms=$(( ($(date +%s%N) - t0) / 1000000 ))

run_java() { # round
  local d="$work/data-java-$1"; mkdir -p "$d"
  java -Xmx1g -cp "$CP" IoBench "$component" "$d" "$bytes" "$chunk" "$calls" "$engine" 2>"$work/err.txt" \
    || fail "IoBench failed in round $1: $(grep -m1 -E 'Exception|Error' "$work/err.txt")"
  [[ $(stat -c %s "$d/io-roundtrip.bin") == "$bytes" ]] || fail "round $1: our runtime left a file of the wrong size"
  rm -rf "$d"
}
run_node() { # round
  local d="$work/data-node-$1"; mkdir -p "$d"
  node "$here/node-io.mjs" "$work/transpiled" "$d" "$bytes" "$chunk" "$calls" "$shim" 2>"$work/err.txt" \
    || fail "node-io.mjs failed in round $1: $(grep -m1 -E 'Error' "$work/err.txt")"
  [[ $(stat -c %s "$d/io-roundtrip.bin") == "$bytes" ]] || fail "round $1: Node left a file of the wrong size"
  rm -rf "$d"
}

{
  echo "# asterai wasi:io benchmark ($(date -u +%Y-%m-%dT%H:%MZ), tree $(git rev-parse --short HEAD 2>/dev/null || echo ?))"
  echo "# $(java -version 2>&1 | head -1); node $(node --version); $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "# $bytes bytes written and read back in $chunk-byte writes and reads, $calls warm calls per process after the first; engine $engine"
  echo "# data directory: $(df -T "$work" | awk 'NR == 2 { print $2 }') under $(dirname "$work")"
  echo "# jco transpile (once, not in the rounds): $transpile_ms ms"
  echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared)"
  for ((r = 1; r <= rounds; r++)); do
    echo "# round $r; load average $(cut -d' ' -f1-3 /proc/loadavg)"
    if (( r % 2 == 1 )); then
      run_java "$r" | sed "s/^/$r /"; run_node "$r" | sed "s/^/$r /"
    else
      run_node "$r" | sed "s/^/$r /"; run_java "$r" | sed "s/^/$r /"
    fi
  done
  echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$work/raw.txt"
# both hosts must have read back and checked every byte (the guest returns the count, or < 0)
results=$(awk '$2 ~ /\.result$/ { print $3 }' "$work/raw.txt" | sort -u)
[[ $results == "$bytes" ]] || fail "a host's guest did not read back $bytes checked bytes: $(echo $results)"
{
  cat "$work/raw.txt"
  echo "# summary over the rounds: median [min-max]; ratio = java / node of the same round"
  awk 'NF == 4 && $1 ~ /^[0-9]+$/ && $4 == "ms" {
         k = $2; v[k] = v[k] " " $3; r[$1, k] = $3; if (!(k in seen)) { seen[k] = 1; keys[++n] = k }
         if (k ~ /^java\./) { s = substr(k, 6); if (!(s in sseen)) { sseen[s] = 1; steps[++ns] = s } }
         rounds[$1] = 1 }
    function med(list, label, unit,   a, m, x, y, t, md) {
      m = split(substr(list, 2), a, " ")
      for (x = 2; x <= m; x++) { t = a[x]; for (y = x - 1; y >= 1 && a[y] + 0 > t + 0; y--) a[y + 1] = a[y]; a[y + 1] = t }
      md = m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
      printf "summary.%s %.3f %s [%.3f-%.3f] n=%d\n", label, md, unit, a[1], a[m], m }
    END {
      for (i = 1; i <= n; i++) med(v[keys[i]], keys[i], "ms")
      for (j = 1; j <= ns; j++) { list = ""
        for (rr in rounds) if (((rr, "java." steps[j]) in r) && ((rr, "node." steps[j]) in r) && r[rr, "node." steps[j]] > 0)
          list = list " " r[rr, "java." steps[j]] / r[rr, "node." steps[j]]
        if (list != "") med(list, "ratio_java_over_node." steps[j], "x") } }' "$work/raw.txt"
} > "$work/out.txt"
{
  cat "$work/out.txt"
  echo "# throughput of the median warm call ($bytes bytes written and as many read back):"
  awk -v b="$bytes" '$1 ~ /^summary\.(java|node)\.warm_call_median$/ {
      split($1, p, "."); printf "summary.%s.warm_MiB_per_s %.1f MiB/s\n", p[2], 2 * b / 1048576 / ($2 / 1000) }' "$work/out.txt"
} > "$out"
grep '^summary' "$out"
echo "written: $out" >&2
