#!/usr/bin/env bash
# Start-up time of the asterai command, through the ./asterai launcher as a person runs it:
#   - `asterai --version`                       (goal: under 400 ms on the project machine)
#   - `asterai search hello` against a local registry (a full HTTP round trip)
#   - `asterai info bench:hello`                (three round trips and a WIT summary)
#   - `asterai pull bench:hello@^1 --offline`   (cache lookup and full re-verification)
# The registry is the embedded one (./asterai-registry: H2, blobs on disk) on a free loopback port,
# stopped at the end. Writes bench/results/cli-startup.txt.
#
#   bench/cli-startup.sh [RUNS]      (default 20 timed rounds, after 3 warm-up rounds)
set -euo pipefail
export LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-20}
out="$root/bench/results/cli-startup.txt"
work=$(mktemp -d)
registry_pid=""
cleanup() {
  if [ -n "$registry_pid" ]; then kill "$registry_pid" 2>/dev/null || true; wait "$registry_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

export ASTERAI_HOME="$work/home"
asterai="$root/asterai"
"$asterai" --version >/dev/null   # builds on first use and trains the class-data archive

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$root/asterai-registry" --data "$work/registry" --port "$port" --management-port "$mport" >"$work/registry.log" 2>&1 &
registry_pid=$!
url="http://127.0.0.1:$port"
for _ in $(seq 240); do
  curl -fs "http://127.0.0.1:$mport/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$registry_pid" 2>/dev/null || { echo "error: the registry exited:" >&2; cat "$work/registry.log" >&2; exit 1; }
  sleep 0.5
done
curl -fs "http://127.0.0.1:$mport/q/health/ready" >/dev/null || { echo "error: the registry did not become ready" >&2; exit 1; }

# one small published component to look at
"$asterai" login --registry "$url" --token "$(cat "$work/registry/admin-token")" >/dev/null
"$asterai" keygen >/dev/null
"$asterai" namespace create bench >/dev/null
"$asterai" key add bench >/dev/null
project="$work/hello"
mkdir -p "$project/wit"
printf '\0asm\1\0\0\0' >"$project/hello.wasm"
printf 'package bench:hello@1.0.0;\n\ninterface api {\n    greet: func(who: string) -> string;\n}\n\nworld main {\n    export api;\n}\n' \
  >"$project/wit/hello.wit"
cat >"$project/asterai.toml" <<'EOF'
[package]
name = "bench:hello"
version = "1.0.0"
kind = "component"
description = "Start-up benchmark component"
world = "bench:hello/main@1.0.0"
wasm = "hello.wasm"
wit = "wit"
EOF
"$asterai" publish "$project" >/dev/null
"$asterai" pull bench:hello@^1 >/dev/null 2>&1

baseline=$(mktemp -d)
printf 'public class Hello { public static void main(String[] a) { System.out.println("hi"); } }\n' >"$baseline/Hello.java"
javac -d "$baseline" "$baseline/Hello.java"

search_note="(a real search)"
if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/v1/search?q=hello")" = 404 ]; then
  search_note="(the registry has no /v1/search yet: this times the request and its one-line 404 error)"
fi

# Each round runs every command once, so all of them are sampled over the same stretch of time:
# on a machine shared with other work, that keeps the comparison fair even when the load moves.
labels=("JVM hello world (baseline, no app)" "asterai --version" "asterai --help"
        "asterai search hello (local registry)" "asterai info bench:hello (local registry)"
        "asterai pull bench:hello@^1 --offline" "asterai search hello without the CDS archive")
run_case() {
  case "$1" in
    0) java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$baseline" Hello ;;
    1) "$asterai" --version ;;
    2) "$asterai" --help ;;
    3) "$asterai" search hello ;;
    4) "$asterai" info bench:hello ;;
    5) "$asterai" pull bench:hello@^1 --offline ;;
    6) ASTERAI_NO_CDS=1 "$asterai" search hello ;;
  esac
}
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
times="$work/times"
mkdir -p "$times"
for round in $(seq $((runs + 3))); do
  for i in "${!labels[@]}"; do
    t0=$(date +%s%N)
    code=0
    run_case "$i" >/dev/null 2>&1 || code=$?
    t1=$(date +%s%N)
    [ "$round" -le 3 ] && continue   # warm-up rounds
    echo $(( (t1 - t0) / 1000000 )) >>"$times/$i"
    echo "$code" >"$times/$i.code"
  done
done

mkdir -p "$(dirname "$out")"
{
  echo "# asterai start-up, $(date -u +%Y-%m-%dT%H:%MZ), $runs interleaved rounds after 3 warm-up rounds"
  echo "# machine: $(nproc) cores, load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end (shared with other work)"
  echo "# java: $(java -version 2>&1 | head -1); launcher flags: C1 only, serial GC, class-data sharing archive"
  echo
  for i in "${!labels[@]}"; do
    printf '%-44s ' "${labels[$i]}"
    sort -n "$times/$i" | awk -v code="$(cat "$times/$i.code")" '{a[NR]=$1} END {
      printf "min %4d ms   median %4d ms   p90 %4d ms   (exit %d)\n", a[1], a[int((NR+1)/2)], a[int(NR*0.9+0.5)], code }'
  done
  echo
  echo "# search: $search_note"
  echo "# --version alone is answered before any command model is built; the launcher does not map the"
  echo "# archive for it (measured: mapping it costs more than the few classes it would save)."
} | tee "$out"
rm -rf "$baseline"
