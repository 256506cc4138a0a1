#!/usr/bin/env bash
# Transparency-log benchmark at scale (see docs/benchmarks.md, "Transparency log").
#
# Starts the packaged registry (PostgreSQL, blobs on disk) in a schema of its own (asterai_tlog_bench,
# dropped and recreated), lets it migrate, loads BENCH_ENTRIES entries straight into tlog_entries,
# tlog_hashes and tlog_head with COPY (a namespace, its key, then releases signed by that key, and every
# complete subtree hash, as appends would have left them), then measures over HTTP:
#   1. inclusion and consistency proofs from the server routes against the full tree: size and latency
#      (BENCH_REQUESTS each), and the client's verification time of each (Java, protocol's Merkle);
#   2. what `asterai log verify` does over the whole log (bundles, LogAudit: re-hash, parse, verify every
#      signature, compare with the signed root), and with --from for the last 10,000 entries.
# Writes bench/results/tlog.txt. Runs on 127.0.0.1, bounded in time; stops what it started on exit.
#
# Settings (environment): BENCH_ENTRIES (1000000), BENCH_REQUESTS (500), BENCH_VERIFY_TIMEOUT (1800 s),
# BENCH_XMX (512m), BENCH_JDBC_BASE (jdbc:postgresql://127.0.0.1:5432/test), BENCH_DB_USER (postgres),
# BENCH_OUT (bench/results/tlog.txt).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ENTRIES=${BENCH_ENTRIES:-1000000}
REQUESTS=${BENCH_REQUESTS:-500}
VERIFY_TIMEOUT=${BENCH_VERIFY_TIMEOUT:-1800}
XMX=${BENCH_XMX:-512m}
JDBC_BASE=${BENCH_JDBC_BASE:-jdbc:postgresql://127.0.0.1:5432/test}
DB_USER=${BENCH_DB_USER:-postgres}
OUT=${BENCH_OUT:-$ROOT/bench/results/tlog.txt}
SCHEMA=asterai_tlog_bench
APP=$ROOT/registry-server/target/quarkus-app

log() { printf '[tlog-bench %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

command -v java >/dev/null || die "java is missing"
command -v psql >/dev/null || die "psql is missing (apt-get install postgresql-client)"
command -v curl >/dev/null || die "curl is missing (apt-get install curl)"
bash "$ROOT/.ci/ensure-postgres.sh"

# ---------------------------------------------------------------- build (when missing or older than the sources)
stale=""
if [ -f "$APP/quarkus-run.jar" ]; then
    stale=$(find "$ROOT/registry-server/src/main" "$ROOT/protocol/src/main" -newer "$APP/quarkus-run.jar" -type f -print -quit)
fi
if [ ! -f "$APP/quarkus-run.jar" ] || [ -n "$stale" ]; then
    log "building registry-server (mvn package -pl registry-server -am)"
    (cd "$ROOT" && mvn -B -q package -pl registry-server -am -Dmaven.test.skip=true) >&2
fi
[ -f "$APP/quarkus-run.jar" ] || die "no $APP/quarkus-run.jar"

TMP=$(mktemp -d /tmp/asterai-tlog-bench.XXXXXX)
chmod 755 "$TMP"
REG_PID=
cp -a "$APP" "$TMP/quarkus-app"
APP_BUILT=$(date -u -r "$APP/app" +%Y-%m-%dT%H:%M:%SZ)
APP=$TMP/quarkus-app
PSQL=(psql -h 127.0.0.1 -p 5432 -U "$DB_USER" -d "${JDBC_BASE##*/}" -v ON_ERROR_STOP=1 -q -X)

cleanup() {
    local rc=$?
    set +e
    if [ -n "$REG_PID" ] && kill -0 "$REG_PID" 2>/dev/null; then
        kill "$REG_PID"; for _ in $(seq 1 100); do kill -0 "$REG_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$REG_PID" 2>/dev/null
    fi
    "${PSQL[@]}" -c "drop schema if exists $SCHEMA cascade" >/dev/null 2>&1
    [ "$rc" != 0 ] && [ -f "$TMP/registry.log" ] && { echo "== registry.log" >&2; tail -n 40 "$TMP/registry.log" >&2; }
    rm -rf "$TMP"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

CP="$APP/app/*:$APP/lib/main/*"
mkdir -p "$TMP/classes"
javac -nowarn -d "$TMP/classes" -cp "$CP" "$ROOT/bench/tlog/TlogBench.java" > "$TMP/javac.log" 2>&1 \
    || { grep -v '^Note:' "$TMP/javac.log" >&2; die "compiling TlogBench failed (javac's output above)"; }
CLIENT=(java -Xmx2g -cp "$TMP/classes:$CP" TlogBench)

# ---------------------------------------------------------------- registry (migrates the empty schema)
"${PSQL[@]}" -c "drop schema if exists $SCHEMA cascade" -c "create schema $SCHEMA" >/dev/null
PORT=$("${CLIENT[@]}" port)
MGMT_PORT=$("${CLIENT[@]}" port)
log "starting the registry on 127.0.0.1:$PORT (-Xmx$XMX)"
env QUARKUS_HTTP_PORT="$PORT" QUARKUS_HTTP_HOST=127.0.0.1 \
    QUARKUS_DATASOURCE_JDBC_URL="$JDBC_BASE?currentSchema=$SCHEMA" QUARKUS_DATASOURCE_USERNAME="$DB_USER" \
    QUARKUS_FLYWAY_SCHEMAS="$SCHEMA" QUARKUS_FLYWAY_DEFAULT_SCHEMA="$SCHEMA" \
    ASTERAI_BLOB_STORE=filesystem ASTERAI_DATA_DIR="$TMP/data" ASTERAI_ADMIN_TOKEN=ast_tlog-bench-admin-0123456789abcdef \
    ASTERAI_MANAGEMENT_PORT="$MGMT_PORT" ASTERAI_TLOG_ORIGIN=tlog-bench.localhost \
    java "-Xmx$XMX" -jar "$APP/quarkus-run.jar" > "$TMP/registry.log" 2>&1 &
REG_PID=$!
REG="http://127.0.0.1:$PORT"
for _ in $(seq 1 480); do
    kill -0 "$REG_PID" 2>/dev/null || die "the registry exited"
    [ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 "http://127.0.0.1:$MGMT_PORT/q/health/ready" || true)" = 200 ] && break
    sleep 0.25
done
[ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 "http://127.0.0.1:$MGMT_PORT/q/health/ready" || true)" = 200 ] || die "registry not ready"

# ---------------------------------------------------------------- data
log "loading $ENTRIES entries"
LOADED=$("${CLIENT[@]}" load "$JDBC_BASE?currentSchema=$SCHEMA" "$DB_USER" "$ENTRIES")
"${PSQL[@]}" -c "set search_path = $SCHEMA" -c "vacuum analyze tlog_entries" -c "vacuum analyze tlog_hashes" >/dev/null
SIZE=$("${PSQL[@]}" -At -c "select pg_size_pretty(sum(pg_total_relation_size(c.oid))) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = '$SCHEMA' and c.relname like 'tlog%'")
log "loaded: $LOADED; tables and indexes $SIZE"

# ---------------------------------------------------------------- measure
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
log "proofs: $REQUESTS of each"
PROOFS=$(timeout 900 "${CLIENT[@]}" proofs "$REG" "$REQUESTS")
TAIL=$(( ENTRIES / 2 < 10000 ? ENTRIES / 2 : 10000 ))
log "log verify --from $((ENTRIES - TAIL))"
FROM=$(timeout 600 "${CLIENT[@]}" verify "$REG" $((ENTRIES - TAIL)))
log "full log verify (at most $VERIFY_TIMEOUT s)"
FULL=$(timeout "$VERIFY_TIMEOUT" "${CLIENT[@]}" verify "$REG" 0 || echo "did not finish within $VERIFY_TIMEOUT s")
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
GIT_REV=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)

mkdir -p "$(dirname "$OUT")"
cat > "$OUT.tmp" <<EOF2
Asterai transparency-log benchmark (bench/tlog/run.sh)
date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)
commit:      $GIT_REV
machine:     nproc=$(nproc), memory $(awk '/^MemTotal:/{printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)
cpu:         $(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo)
java:        $(java -version 2>&1 | head -1)
database:    $("${PSQL[@]}" -At -c 'select version()' | cut -d' ' -f1-2), schema $SCHEMA on 127.0.0.1 (shared with the client and the registry)
registry:    quarkus-app built $APP_BUILT; java -Xmx$XMX -jar quarkus-run.jar; HTTP on 127.0.0.1
data:        $LOADED; tlog tables and indexes $SIZE
load avg:    start $LOAD_START | end $LOAD_END

1. Proofs against the full tree ($REQUESTS random indexes / old sizes, one client, after 50 warm-up requests each)
$PROOFS

2. log verify (bundles over HTTP, LogAudit: re-hash, parse and check every entry, every Ed25519 signature)
   --from: $FROM
   full:   $FULL
EOF2
mv "$OUT.tmp" "$OUT"
cat "$OUT"
