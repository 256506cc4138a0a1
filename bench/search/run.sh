#!/usr/bin/env bash
# Search benchmark (see docs/benchmarks.md, "Search").
#
# Starts the packaged registry (default build: PostgreSQL; blobs on disk, search needs none) in a
# schema of its own (asterai_search_bench, dropped and recreated), lets it migrate, bulk-loads
# BENCH_PACKAGES synthetic packages with psql \copy (namespaces, packages, releases, their WIT
# interfaces and the search projection, as publishes would have left them), then measures over HTTP:
#   1. latency of each typical query from one client (p50/p95/p99/max of BENCH_REQUESTS requests);
#   2. throughput of all of them round-robin from BENCH_CLIENTS closed-loop clients for BENCH_SECONDS.
# Writes bench/results/search.txt. Everything runs on 127.0.0.1, bounded in time, and whatever it
# started is stopped on exit.
#
# Settings (environment): BENCH_PACKAGES (100000), BENCH_REQUESTS (200), BENCH_CLIENTS (4),
# BENCH_SECONDS (20), BENCH_XMX (256m), BENCH_JDBC_BASE (jdbc:postgresql://127.0.0.1:5432/test),
# BENCH_DB_USER (postgres), BENCH_OUT (bench/results/search.txt), BENCH_KEEP_SCHEMA (set: keep the loaded
# schema afterwards, to look at plans with psql).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PACKAGES=${BENCH_PACKAGES:-100000}
REQUESTS=${BENCH_REQUESTS:-200}
CLIENTS=${BENCH_CLIENTS:-4}
SECONDS_MIX=${BENCH_SECONDS:-20}
XMX=${BENCH_XMX:-256m}
JDBC_BASE=${BENCH_JDBC_BASE:-jdbc:postgresql://127.0.0.1:5432/test}
DB_USER=${BENCH_DB_USER:-postgres}
OUT=${BENCH_OUT:-$ROOT/bench/results/search.txt}
SCHEMA=asterai_search_bench
APP=$ROOT/registry-server/target/quarkus-app

log() { printf '[search-bench %s] %s\n' "$(date +%T)" "$*" >&2; }
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

TMP=$(mktemp -d /tmp/asterai-search-bench.XXXXXX)
chmod 755 "$TMP"
REG_PID=
# work on a snapshot of the packaged app: colleagues may rebuild target/ meanwhile
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
    [ -n "${BENCH_KEEP_SCHEMA:-}" ] || "${PSQL[@]}" -c "drop schema if exists $SCHEMA cascade" >/dev/null 2>&1
    [ "$rc" != 0 ] && [ -f "$TMP/registry.log" ] && { echo "== registry.log" >&2; tail -n 40 "$TMP/registry.log" >&2; }
    rm -rf "$TMP"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

CP="$APP/app/*:$APP/lib/main/*"
mkdir -p "$TMP/classes"
javac -nowarn -d "$TMP/classes" -cp "$CP" "$ROOT/bench/search/SearchBench.java" > "$TMP/javac.log" 2>&1 \
    || { grep -v '^Note:' "$TMP/javac.log" >&2; die "compiling SearchBench failed (javac's output above)"; }
[ -f "$TMP/classes/SearchBench.class" ] || die "SearchBench.java did not compile"
CLIENT=(java -Xmx512m -XX:+UseSerialGC -cp "$TMP/classes:$CP" SearchBench)

# ---------------------------------------------------------------- registry (migrates the empty schema)
"${PSQL[@]}" -c "drop schema if exists $SCHEMA cascade" -c "create schema $SCHEMA" >/dev/null
PORT=$("${CLIENT[@]}" port)
MGMT_PORT=$("${CLIENT[@]}" port)
log "starting the registry on 127.0.0.1:$PORT (-Xmx$XMX)"
env QUARKUS_HTTP_PORT="$PORT" QUARKUS_HTTP_HOST=127.0.0.1 \
    QUARKUS_DATASOURCE_JDBC_URL="$JDBC_BASE?currentSchema=$SCHEMA" QUARKUS_DATASOURCE_USERNAME="$DB_USER" \
    QUARKUS_FLYWAY_SCHEMAS="$SCHEMA" QUARKUS_FLYWAY_DEFAULT_SCHEMA="$SCHEMA" \
    ASTERAI_BLOB_STORE=filesystem ASTERAI_DATA_DIR="$TMP/data" ASTERAI_ADMIN_TOKEN=ast_search-bench-admin-0123456789abcdef ASTERAI_MANAGEMENT_PORT="$MGMT_PORT" \
    java "-Xmx$XMX" -jar "$APP/quarkus-run.jar" > "$TMP/registry.log" 2>&1 &
REG_PID=$!
REG="http://127.0.0.1:$PORT"
for _ in $(seq 1 480); do
    kill -0 "$REG_PID" 2>/dev/null || die "the registry exited"
    [ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 "http://127.0.0.1:$MGMT_PORT/q/health/ready" || true)" = 200 ] && break
    sleep 0.25
done
[ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 "http://127.0.0.1:$MGMT_PORT/q/health/ready" || true)" = 200 ] || die "registry not ready"
grep -q "pg_trgm" "$TMP/registry.log" || true

# ---------------------------------------------------------------- data
log "generating $PACKAGES packages"
"${CLIENT[@]}" gen "$TMP/csv" "$PACKAGES"
log "loading with \\copy"
t0=$(date +%s.%N)
"${PSQL[@]}" > /dev/null <<SQL
set search_path = $SCHEMA;
\copy namespaces (id, name, created_at) from '$TMP/csv/namespaces.csv' csv
\copy packages (id, namespace_id, name, kind, description, created_at, updated_at, downloads) from '$TMP/csv/packages.csv' csv
\copy releases (id, package_id, version, version_key, kind, manifest_json, manifest_digest, manifest_size, wasm_digest, wasm_size, wit_digest, wit_size, key_id, signature, published_at, yanked, yanked_at, downloads) from '$TMP/csv/releases.csv' csv
\copy release_interfaces (release_id, direction, item) from '$TMP/csv/release_interfaces.csv' csv
\copy package_search (package_id, namespace, name, full_name, kind, latest_release_id, version, description, keywords, exports, imports, export_terms, import_terms, key_id, updated_at, downloads) from '$TMP/csv/package_search.csv' csv
\copy package_search_exports (package_id, item, interface_name, interface_version) from '$TMP/csv/package_search_exports.csv' csv
select setval(pg_get_serial_sequence('namespaces', 'id'), (select max(id) from namespaces));
select setval(pg_get_serial_sequence('packages', 'id'), (select max(id) from packages));
select setval(pg_get_serial_sequence('releases', 'id'), (select max(id) from releases));
vacuum analyze;
SQL
LOAD_S=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')
COUNTS=$("${PSQL[@]}" -At -c "set search_path = $SCHEMA" -c "select (select count(*) from packages) || ' packages, ' || (select count(*) from releases) || ' releases, ' || (select count(*) from release_interfaces) || ' interface rows, ' || (select count(*) from package_search) || ' searchable'")
SIZE=$("${PSQL[@]}" -At -c "select pg_size_pretty(sum(pg_total_relation_size(c.oid))) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = '$SCHEMA' and c.relname like 'package_search%'")
TRGM=$("${PSQL[@]}" -At -c "select coalesce((select 'pg_trgm ' || extversion from pg_extension where extname = 'pg_trgm'), 'no pg_trgm')")
log "loaded in $LOAD_S s: $COUNTS"

# ---------------------------------------------------------------- measure
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
log "latency, $REQUESTS requests per query"
LAT=$(timeout 900 "${CLIENT[@]}" latency "$REG" "$REQUESTS")
log "throughput, $CLIENTS clients for $SECONDS_MIX s"
timeout $((SECONDS_MIX + 60)) "${CLIENT[@]}" mix "$REG" "$CLIENTS" 5 > /dev/null
MIX=$(timeout $((SECONDS_MIX + 60)) "${CLIENT[@]}" mix "$REG" "$CLIENTS" "$SECONDS_MIX")
MIX1=$(timeout $((SECONDS_MIX + 60)) "${CLIENT[@]}" mix "$REG" 1 "$SECONDS_MIX")
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
GIT_REV=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
GIT_DIRTY=$(cd "$ROOT" && git status --porcelain -- registry-server/src protocol/src 2>/dev/null | grep -q . && echo " (sources modified)" || true)

mkdir -p "$(dirname "$OUT")"
cat > "$OUT.tmp" <<EOF2
Asterai search benchmark (bench/search/run.sh)
date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)
commit:      $GIT_REV$GIT_DIRTY
machine:     nproc=$(nproc), memory $(awk '/^MemTotal:/{printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)
cpu:         $(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo)
java:        $(java -version 2>&1 | head -1)
database:    $("${PSQL[@]}" -At -c 'select version()' | cut -d' ' -f1-2), $TRGM, schema $SCHEMA on 127.0.0.1 (shared with the client and the registry)
registry:    quarkus-app built $APP_BUILT; java -Xmx$XMX -jar quarkus-run.jar; HTTP on 127.0.0.1
data:        $COUNTS; bulk-loaded with \\copy in $LOAD_S s; search tables and indexes $SIZE
load avg:    start $LOAD_START | end $LOAD_END

1. Latency per query, one client, $REQUESTS sequential requests after 20 warm-up requests (HTTP round trip,
   default per_page=20; "total" is how many packages match)
$LAT

2. Throughput, all queries above round-robin, closed loop, after a 5 s warm-up
   $CLIENTS clients: $MIX
   1 client : $MIX1
EOF2
mv "$OUT.tmp" "$OUT"
cat "$OUT"
