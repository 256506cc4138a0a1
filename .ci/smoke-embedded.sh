#!/usr/bin/env bash
# Smoke test of the README's start command: start the embedded registry, publish a signed
# component with the asterai command, pull it back (verified), download it raw, stop.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export ASTERAI_HOME="$work/home"
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$root/asterai-registry" --data "$work/data" --port "$port" --management-port "$mport" > "$work/registry.log" 2>&1 &
pid=$!
url="http://127.0.0.1:$port"
for _ in $(seq 1 240); do
  curl -fsS "http://127.0.0.1:$mport/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/registry.log"; echo "smoke: the registry exited" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$mport/q/health/ready" >/dev/null || { cat "$work/registry.log"; echo "smoke: registry not ready" >&2; exit 1; }

asterai() { "$root/asterai" "$@"; }
asterai login --registry "$url" --token "$(cat "$work/data/admin-token")"
asterai keygen --name smoke
asterai namespace create asterai
asterai key add asterai --key smoke
# the calculator's WIT uses these interface packages: the registry resolves them from itself
asterai publish "$root/wit/log" --key smoke
asterai publish "$root/wit/agent" --key smoke
asterai publish "$root/examples/calculator" --key smoke
path=$(asterai pull asterai:calculator@^0.1)
echo "pulled to $path"
expected=$(sha256sum "$root/examples/calculator/calculator.wasm" | cut -d' ' -f1)
actual=$(curl -fsS "$url/v1/packages/asterai/calculator/versions/0.1.0/wasm" | sha256sum | cut -d' ' -f1)
[ "$expected" = "$actual" ] || { echo "smoke: downloaded bytes differ from the published ones" >&2; exit 1; }
# republishing the same version is refused with a clear message
if asterai publish "$root/examples/calculator" --key smoke 2> "$work/err"; then
  echo "smoke: a second publish of 0.1.0 was accepted" >&2; exit 1
fi
grep -q "already published" "$work/err" || { cat "$work/err"; echo "smoke: unexpected error text" >&2; exit 1; }
# search, discovery and the web pages on the embedded (H2) build: its own search strategy
# (bodies are read whole before grep: grep -q stops early and curl would fail on the closed pipe)
expect() { # expect URL TEXT MESSAGE
  local body; body=$(curl -fsS "$1") || { echo "smoke: $1 failed" >&2; exit 1; }
  grep -qF -- "$2" <<< "$body" || { echo "smoke: $3" >&2; exit 1; }
}
expect "$url/v1/search?q=arithmetic" '"name":"asterai:calculator"' "search does not find the calculator"
expect "$url/v1/search?interface=asterai:agent/tool&keyword=math" '"total":1' "the interface and keyword filters do not find the calculator"
expect "$url/v1/interfaces/asterai:agent/tool/implementations?version=%5E0.1" '"name":"asterai:calculator"' \
  "discovery by interface does not find the calculator"
searched=$(asterai search calculator)
grep -q "asterai:calculator" <<< "$searched" || { echo "smoke: asterai search does not list the calculator" >&2; exit 1; }
expect "$url/?q=calculator" 'href="/packages/asterai/calculator"' "the search page does not link the calculator"
expect "$url/packages/asterai/calculator" "asterai pull asterai:calculator@0.1.0" "the package page lacks the pull command"
# the transparency log on the embedded build (H2: its head row is the sequencer's lock): namespace,
# key and three releases are entries; the key is the one the start logged; proofs are served
expect "$url/tlog/checkpoint" "$(curl -fsS "$url/tlog/key" | cut -d+ -f1)" "the checkpoint does not name the log's origin"
tlog_size=$(curl -fsS "$url/tlog/checkpoint" | sed -n 2p)
[ "$tlog_size" -ge 5 ] || { echo "smoke: the transparency log has $tlog_size entries, not at least 5" >&2; exit 1; }
grep -qF "transparency log verifier key: $(curl -fsS "$url/tlog/key")" "$work/registry.log" \
  || { echo "smoke: the start did not log the log's verifier key" >&2; exit 1; }
expect "$url/tlog/proof/inclusion?index=0&size=$tlog_size" '"hashes":[' "no inclusion proof from the embedded log"
expect "$url/tlog/proof/consistency?from=1&to=$tlog_size" '"hashes":[' "no consistency proof from the embedded log"
expect "$url/v1/packages/asterai/calculator/versions/0.1.0" '"transparency":{"index":' "version metadata has no log receipt"
curl -fsS "$url/tlog/tile/entries/000.p/$tlog_size" | grep -qa "asterai-log-v1 namespace-created" \
  || { echo "smoke: the entry bundle lacks the namespace entry" >&2; exit 1; }
# the blob collector on the embedded build (H2, blobs as files): a two-day-old blob no release names
# goes, the published ones stay
orphan_hex=$(printf 'orphan %s' "$port" | sha256sum | cut -d' ' -f1)
orphan="$work/data/blobs/sha256/${orphan_hex:0:2}/$orphan_hex"
mkdir -p "$(dirname "$orphan")"
printf 'orphan %s' "$port" > "$orphan"
touch -d '2 days ago' "$orphan"
report=$(curl -fsS -X POST -H "Authorization: Bearer $(cat "$work/data/admin-token")" "$url/v1/admin/blob-gc")
grep -qF '"deleted":1' <<< "$report" || { echo "smoke: blob collection did not delete the orphan: $report" >&2; exit 1; }
[ ! -e "$orphan" ] || { echo "smoke: the orphan blob is still there" >&2; exit 1; }
actual=$(curl -fsS "$url/v1/packages/asterai/calculator/versions/0.1.0/wasm" | sha256sum | cut -d' ' -f1)
[ "$expected" = "$actual" ] || { echo "smoke: the calculator is gone after blob collection" >&2; exit 1; }
# issue #11's hostile-input suite against the embedded build (H2, file blobs, the shipped 256 MiB
# heap): over 1,000 bad requests, no 5xx, nothing wrongly accepted, every legitimate release intact.
# Compiled with the asterai command's own jars (protocol, Jackson, BouncyCastle): no Maven needed.
lib=$(ls -d "$root"/agent-client/target/lib)
javac -nowarn -d "$work/hostile" -cp "$lib/*" "$root/registry-server/src/test/java/ai/asterai/registry/hostile/HostileInputSuite.java"
java -cp "$work/hostile:$lib/*" ai.asterai.registry.hostile.HostileInputSuite "$url" "$(cat "$work/data/admin-token")" \
  || { tail -50 "$work/registry.log"; echo "smoke: the hostile-input suite found violations (above)" >&2; exit 1; }
kill -0 "$pid" 2>/dev/null || { tail -50 "$work/registry.log"; echo "smoke: the registry died under hostile input" >&2; exit 1; }
actual=$(curl -fsS "$url/v1/packages/asterai/calculator/versions/0.1.0/wasm" | sha256sum | cut -d' ' -f1)
[ "$expected" = "$actual" ] || { echo "smoke: the calculator changed under hostile input" >&2; exit 1; }
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
echo "smoke: embedded registry OK (publish, pull, download, search, pages, blob collection, hostile input, stop)"
