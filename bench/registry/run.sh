#!/usr/bin/env bash
# Registry performance benchmark (see docs/benchmarks.md, "Registry").
#
# Starts S3Proxy and the packaged registry against the local PostgreSQL (schema asterai_bench, dropped
# and recreated), publishes a signed 1 MiB component, serves the same file from nginx, then measures:
#   1. 1 MiB downloads: wrk -t2 -c32 on nginx, on the registry's /v1 part URL and on its OCI /v2 blob
#      URL (the same bytes), side by side, alternating rounds;
#   2. version metadata GET at a fixed 500 req/s (open loop, latency from the scheduled send time);
#   3. 50 sequential publishes of distinct signed 1 MiB versions;
# while sampling the registry's RSS every second. Writes bench/results/registry.txt. Everything is
# on 127.0.0.1, every step is bounded in time, and everything started here is stopped on exit.
#
# Settings (environment):
#   BENCH_XMX           registry -Xmx (256m)          BENCH_JAVA_OPTS    extra registry JVM flags
#   BENCH_WRK_SECONDS   per wrk round (15)            BENCH_ROUNDS       nginx/registry rounds (2)
#   BENCH_RPS           metadata rate (500)           BENCH_RATE_SECONDS metadata duration (20)
#   BENCH_RATE_WARMUP   untimed seconds at that rate first (10)
#   BENCH_PUBLISHES     timed publishes (50)          BENCH_PHASES       "download metadata publish"
#   BENCH_JDBC_BASE     jdbc:postgresql://127.0.0.1:5432/test          BENCH_DB_USER  postgres
#   BENCH_OUT           bench/results/registry.txt
#   BENCH_APP           another quarkus-app directory to measure (e.g. to compare two builds); by
#                       default registry-server/target/quarkus-app, built when missing
#   BENCH_NICE          niceness for every process this starts (0); a negative value (root only)
#                       shields the measurement from other work on a shared machine
#   BENCH_LABEL         free text written into the results (e.g. which build BENCH_APP is)
#   BENCH_QUIET_WAIT    seconds to wait, at most, for the 1-minute load average to fall below
#                       BENCH_QUIET_LOAD (1.0) before measuring (0: start at once)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
XMX=${BENCH_XMX:-256m}
EXTRA_OPTS=${BENCH_JAVA_OPTS:-}
WRK_SECONDS=${BENCH_WRK_SECONDS:-15}
ROUNDS=${BENCH_ROUNDS:-2}
RPS=${BENCH_RPS:-500}
RATE_SECONDS=${BENCH_RATE_SECONDS:-20}
RATE_WARMUP=${BENCH_RATE_WARMUP:-10}
PUBLISHES=${BENCH_PUBLISHES:-50}
PHASES=${BENCH_PHASES:-download metadata publish}
NICENESS=${BENCH_NICE:-0}
NICE=(nice -n "$NICENESS")
JDBC_BASE=${BENCH_JDBC_BASE:-jdbc:postgresql://127.0.0.1:5432/test}
DB_USER=${BENCH_DB_USER:-postgres}
OUT=${BENCH_OUT:-$ROOT/bench/results/registry.txt}
SCHEMA=asterai_bench
ADMIN=ast_bench-admin-token-0123456789abcdefghij
APP=${BENCH_APP:-$ROOT/registry-server/target/quarkus-app}
S3JAR=$ROOT/registry-server/target/s3proxy/s3proxy.jar
if [ -n "${BENCH_APP:-}" ] && [ -f "$BENCH_APP/../s3proxy/s3proxy.jar" ]; then
    S3JAR=$BENCH_APP/../s3proxy/s3proxy.jar
fi

log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- tools
install_pkg() { # install_pkg COMMAND PACKAGE...: the first package apt knows
    local cmd=$1; shift
    command -v "$cmd" >/dev/null 2>&1 && return 0
    [ -x "/usr/sbin/$cmd" ] && return 0
    [ "$(id -u)" = 0 ] || die "$cmd is missing; install one of: $* (as root: apt-get install -y $1)"
    local pkg
    # the whole answer is read before grep: with pipefail, grep -q closing the pipe early made
    # apt-cache die of SIGPIPE and a package that was there look missing
    candidate() { [ -n "$(apt-cache policy "$1" 2>/dev/null | grep 'Candidate: [0-9]')" ]; }
    for pkg in "$@"; do
        if ! candidate "$pkg"; then
            apt-get update -qq >&2 || true
        fi
        if candidate "$pkg"; then
            log "installing $pkg"
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >&2 && return 0
        fi
    done
    die "could not install any of: $*"
}
install_pkg wrk wrk
install_pkg nginx nginx-light nginx
install_pkg curl curl
install_pkg psql postgresql-client
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
command -v java >/dev/null || die "java is missing"

# ---------------------------------------------------------------- build
if [ -z "${BENCH_APP:-}" ] && { [ ! -f "$APP/quarkus-run.jar" ] || [ ! -f "$S3JAR" ]; }; then
    log "building registry-server (mvn package -pl registry-server -am)"
    (cd "$ROOT" && mvn -B -q package -pl registry-server -am -Dmaven.test.skip=true) >&2
fi
[ -f "$APP/quarkus-run.jar" ] || die "no $APP/quarkus-run.jar"
[ -f "$S3JAR" ] || die "no $S3JAR"

# ---------------------------------------------------------------- state and cleanup
TMP=$(mktemp -d /tmp/asterai-bench.XXXXXX)
chmod 755 "$TMP"
S3_PID= REG_PID= NGINX_PID= RSS_PID=
# Another build may rewrite registry-server/target while this runs: work on a copy of the packaged app.
mkdir -p "$TMP/app"
cp -a "$APP" "$TMP/app/quarkus-app"
cp "$S3JAR" "$TMP/app/s3proxy.jar"
APP_BUILT="$(date -u -r "$APP/app" +%Y-%m-%dT%H:%M:%SZ)${BENCH_APP:+ (BENCH_APP=$BENCH_APP)}"
APP=$TMP/app/quarkus-app
S3JAR=$TMP/app/s3proxy.jar
PSQL=(psql -h 127.0.0.1 -p 5432 -U "$DB_USER" -d "${JDBC_BASE##*/}" -v ON_ERROR_STOP=1 -q -X)

stop_pid() { # stop_pid PID [SIGNAL]
    local pid=$1 sig=${2:-TERM}
    [ -n "$pid" ] || return 0
    kill -0 "$pid" 2>/dev/null || return 0
    kill -"$sig" "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
cleanup() {
    local rc=$?
    set +e
    stop_pid "$RSS_PID"
    stop_pid "$NGINX_PID" QUIT
    stop_pid "$REG_PID"
    stop_pid "$S3_PID"
    "${PSQL[@]}" -c "drop schema if exists $SCHEMA cascade" >/dev/null 2>&1
    if [ "$rc" != 0 ]; then
        log "failed (exit $rc); last lines of the logs:"
        for f in "$TMP"/registry.log "$TMP"/s3proxy.log "$TMP"/nginx/error.log; do
            [ -f "$f" ] && { echo "== $f" >&2; tail -n 30 "$f" >&2; }
        done
    fi
    rm -rf "$TMP"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_http() { # wait_http URL SECONDS PID
    local url=$1 secs=$2 pid=$3 i
    for i in $(seq 1 $((secs * 4))); do
        kill -0 "$pid" 2>/dev/null || die "process for $url exited"
        curl -s -o /dev/null -m 1 "$url" && [ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 "$url")" = 200 ] && return 0
        sleep 0.25
    done
    die "$url not ready within $secs s"
}
free_port() { java -cp "$TMP/classes" RegistryBench port; }
phase() { echo "$1" > "$TMP/phase.new"; mv "$TMP/phase.new" "$TMP/phase"; log "phase: $1"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
HZ=$(getconf CLK_TCK)

# ---------------------------------------------------------------- client tool
LIB="$APP/lib/main/*"
mkdir -p "$TMP/classes"
javac -nowarn -d "$TMP/classes" -cp "$LIB" "$ROOT/bench/registry/RegistryBench.java" > "$TMP/javac.log" 2>&1 \
    || { grep -v '^Note:' "$TMP/javac.log" >&2; die "compiling RegistryBench failed (javac's output above)"; }
[ -f "$TMP/classes/RegistryBench.class" ] || die "RegistryBench.java did not compile"
CLIENT=("${NICE[@]}" java -Xmx256m -XX:+UseSerialGC -cp "$TMP/classes:$LIB" RegistryBench)

# Other work on the machine skews every number here; optionally wait (bounded) for a quieter moment.
QUIET_WAIT=${BENCH_QUIET_WAIT:-0}
QUIET_LOAD=${BENCH_QUIET_LOAD:-1.0}
waited=0
while [ "$waited" -lt "$QUIET_WAIT" ] && awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v q="$QUIET_LOAD" 'BEGIN{exit !(l > q)}'; do
    [ "$waited" = 0 ] && log "load average $(cut -d' ' -f1 /proc/loadavg) > $QUIET_LOAD: waiting up to $QUIET_WAIT s"
    sleep 10; waited=$((waited + 10))
done
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- S3Proxy
S3_PORT=$(free_port)
mkdir -p "$TMP/s3data"
cat > "$TMP/s3proxy.conf" <<EOF
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=asterai-bench
s3proxy.credential=asterai-bench-secret-0123456789
jclouds.provider=filesystem
jclouds.filesystem.basedir=$TMP/s3data
EOF
log "starting S3Proxy on 127.0.0.1:$S3_PORT"
"${NICE[@]}" java -Xmx256m -jar "$S3JAR" --properties "$TMP/s3proxy.conf" > "$TMP/s3proxy.log" 2>&1 &
S3_PID=$!
for _ in $(seq 1 240); do
    kill -0 "$S3_PID" 2>/dev/null || die "S3Proxy exited"
    curl -s -o /dev/null -m 1 "http://127.0.0.1:$S3_PORT/" && break
    sleep 0.25
done

# ---------------------------------------------------------------- registry
"${PSQL[@]}" -c "drop schema if exists $SCHEMA cascade" -c "create schema $SCHEMA" >/dev/null
REG_PORT=$(free_port)
MGMT_PORT=$(free_port)
REG_OPTS_SHOWN="-Xmx$XMX${EXTRA_OPTS:+ $EXTRA_OPTS}"
REG_OPTS="$REG_OPTS_SHOWN -Xlog:gc:file=$TMP/gc.log"
log "starting the registry on 127.0.0.1:$REG_PORT ($REG_OPTS)"
# shellcheck disable=SC2086
"${NICE[@]}" env QUARKUS_HTTP_PORT="$REG_PORT" QUARKUS_HTTP_HOST=127.0.0.1 \
    QUARKUS_DATASOURCE_JDBC_URL="$JDBC_BASE?currentSchema=$SCHEMA" QUARKUS_DATASOURCE_USERNAME="$DB_USER" \
    QUARKUS_FLYWAY_SCHEMAS="$SCHEMA" QUARKUS_FLYWAY_DEFAULT_SCHEMA="$SCHEMA" \
    ASTERAI_S3_ENDPOINT="http://127.0.0.1:$S3_PORT" ASTERAI_S3_ACCESS_KEY=asterai-bench \
    ASTERAI_S3_SECRET_KEY=asterai-bench-secret-0123456789 ASTERAI_ADMIN_TOKEN="$ADMIN" \
    ASTERAI_PUBLISH_RATE_LIMIT=1000 ASTERAI_MANAGEMENT_PORT="$MGMT_PORT" \
    java $REG_OPTS -jar "$APP/quarkus-run.jar" > "$TMP/registry.log" 2>&1 &
REG_PID=$!
echo startup > "$TMP/phase"
( while kill -0 "$REG_PID" 2>/dev/null; do
      kb=$(awk '/^VmRSS:/{print $2}' "/proc/$REG_PID/status" 2>/dev/null || true)
      ph=$(cat "$TMP/phase" 2>/dev/null || true)
      [ -n "$kb" ] && printf '%s %s %s\n' "$(date +%s)" "${ph:-unknown}" "$kb"
      sleep 1
  done ) > "$TMP/rss.log" 2>/dev/null &
RSS_PID=$!
# readiness is on the management port; a build from before it existed (given as BENCH_APP, to
# compare with) answers on the main port and ignores ASTERAI_MANAGEMENT_PORT
deadline=$((SECONDS + 120))
while [ "$SECONDS" -lt "$deadline" ]; do
    kill -0 "$REG_PID" 2>/dev/null || die "the registry exited"
    for ready in "http://127.0.0.1:$MGMT_PORT/q/health/ready" "http://127.0.0.1:$REG_PORT/q/health/ready"; do
        [ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 "$ready")" = 200 ] && break 2
    done
    sleep 0.25
done
[ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 "$ready")" = 200 ] || die "the registry was not ready within 120 s"
REG="http://127.0.0.1:$REG_PORT"

phase setup
"${CLIENT[@]}" setup "$REG" "$ADMIN" "$TMP/www" >&2
chmod 755 "$TMP/www"; chmod 644 "$TMP/www/component.wasm"
WASM_PATH=/v1/packages/bench/component/versions/1.0.0/wasm
META_PATH=/v1/packages/bench/component/versions/1.0.0

# ---------------------------------------------------------------- nginx
NGINX_PORT=$(free_port)
mkdir -p "$TMP/nginx"
cat > "$TMP/nginx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 60s;
    keepalive_requests 1000000;
    client_body_temp_path $TMP/nginx/body;
    proxy_temp_path $TMP/nginx/proxy;
    fastcgi_temp_path $TMP/nginx/fastcgi;
    uwsgi_temp_path $TMP/nginx/uwsgi;
    scgi_temp_path $TMP/nginx/scgi;
    types { application/wasm wasm; }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $TMP/www;
        location / { }
    }
}
EOF
log "starting nginx on 127.0.0.1:$NGINX_PORT"
"${NICE[@]}" "$NGINX" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -e "$TMP/nginx/error.log" &
NGINX_PID=$!
wait_http "http://127.0.0.1:$NGINX_PORT/component.wasm" 20 "$NGINX_PID"
NGINX_URL="http://127.0.0.1:$NGINX_PORT/component.wasm"

# both must serve the same bytes
curl -s -o "$TMP/from-nginx.bin" "$NGINX_URL"
curl -s -D "$TMP/registry.headers" -o "$TMP/from-registry.bin" "$REG$WASM_PATH"
cmp -s "$TMP/from-nginx.bin" "$TMP/www/component.wasm" || die "nginx does not serve component.wasm as it is on disk"
cmp -s "$TMP/from-registry.bin" "$TMP/www/component.wasm" \
    || die "the registry serves other bytes than nginx: $(cat "$TMP/registry.headers"; head -c 300 "$TMP/from-registry.bin")"
# the same component as an OCI blob (docs/oci.md): its digest is the layer digest
V2_PATH=/v2/bench/component/blobs/sha256:$(sha256sum "$TMP/www/component.wasm" | cut -d' ' -f1)
curl -s -o "$TMP/from-v2.bin" "$REG$V2_PATH"
cmp -s "$TMP/from-v2.bin" "$TMP/www/component.wasm" || die "the registry's /v2 blob differs: $(head -c 300 "$TMP/from-v2.bin")"

# ---------------------------------------------------------------- 1. downloads
wrk_rps() { # wrk_rps URL SECONDS -> prints "rps transfer p50 p99", full output to $TMP/wrk.last
    timeout $(( $2 + 30 )) "${NICE[@]}" wrk -t2 -c32 -d"$2"s --latency "$1" > "$TMP/wrk.last" 2>&1 || die "wrk failed: $(cat "$TMP/wrk.last")"
    grep -q 'Non-2xx' "$TMP/wrk.last" && die "wrk saw errors: $(cat "$TMP/wrk.last")"
    local rps tr p50 p99 errs
    rps=$(awk '/^Requests\/sec:/{print $2}' "$TMP/wrk.last")
    tr=$(awk '/^Transfer\/sec:/{print $2}' "$TMP/wrk.last")
    p50=$(awk '$1=="50%"{print $2}' "$TMP/wrk.last")
    p99=$(awk '$1=="99%"{print $2}' "$TMP/wrk.last")
    errs=$(awk '/Socket errors/{print}' "$TMP/wrk.last")
    echo "$rps $tr $p50 $p99${errs:+ ($errs)}"
}
has_phase() { case " $PHASES " in *" $1 "*) return 0;; *) return 1;; esac; }
nginx_ticks() { local t=0 p; for p in "$NGINX_PID" $(pgrep -P "$NGINX_PID"); do t=$((t + $(cpu_ticks "$p"))); done; echo "$t"; }
per_req_ms() { awk -v t="$1" -v hz="$HZ" -v n="$2" 'BEGIN{printf "%.2f", (n > 0 ? t / hz * 1000 / n : 0)}'; }
NA="n/a (phase not run)"
DL_RESULTS=("$NA") NG_RPS=0 REG_RPS=0 V2_RPS=0 V2_RATIO=$NA V2_CPU_MS=0 DL_RATIO=$NA REG_DL_CORES=0 NG_CPU_MS=0 REG_CPU_MS=0 LOAD_DL=$NA
META=$NA META_NGINX=$NA META_NG_P99=- META_CORES=0 META_P99=$NA META_ERR=0 LOAD_META=$NA
PUB=$NA PUB_P50=$NA LOAD_PUB=$NA PUB_CPU=$NA

if has_phase download; then
    phase download-warmup
    wrk_rps "$NGINX_URL" 5 > /dev/null
    wrk_rps "$REG$WASM_PATH" 20 > /dev/null
    wrk_rps "$REG$V2_PATH" 10 > /dev/null
    DL_RESULTS=()
    NG_SUM=0 REG_SUM=0 REG_TICKS=0 NG_TICKS=0 NG_REQS=0 REG_REQS=0 V2_SUM=0 V2_TICKS=0 V2_REQS=0
    for r in $(seq 1 "$ROUNDS"); do
        phase "download-nginx-$r"
        t0=$(nginx_ticks)
        line=$(wrk_rps "$NGINX_URL" "$WRK_SECONDS")
        t1=$(nginx_ticks)
        NG_TICKS=$((NG_TICKS + t1 - t0))
        NG_REQS=$((NG_REQS + $(awk '/requests in/{print $1}' "$TMP/wrk.last")))
        DL_RESULTS+=("round $r nginx    : $line")
        NG_SUM=$(awk -v a="$NG_SUM" -v b="${line%% *}" 'BEGIN{print a+b}')
        phase "download-registry-$r"
        t0=$(cpu_ticks "$REG_PID")
        line=$(wrk_rps "$REG$WASM_PATH" "$WRK_SECONDS")
        t1=$(cpu_ticks "$REG_PID")
        REG_TICKS=$((REG_TICKS + t1 - t0))
        REG_REQS=$((REG_REQS + $(awk '/requests in/{print $1}' "$TMP/wrk.last")))
        DL_RESULTS+=("round $r registry : $line")
        REG_SUM=$(awk -v a="$REG_SUM" -v b="${line%% *}" 'BEGIN{print a+b}')
        phase "download-v2-$r"
        t0=$(cpu_ticks "$REG_PID")
        line=$(wrk_rps "$REG$V2_PATH" "$WRK_SECONDS")
        t1=$(cpu_ticks "$REG_PID")
        V2_TICKS=$((V2_TICKS + t1 - t0))
        V2_REQS=$((V2_REQS + $(awk '/requests in/{print $1}' "$TMP/wrk.last")))
        DL_RESULTS+=("round $r OCI /v2 : $line")
        V2_SUM=$(awk -v a="$V2_SUM" -v b="${line%% *}" 'BEGIN{print a+b}')
    done
    V2_RPS=$(awk -v s="$V2_SUM" -v n="$ROUNDS" 'BEGIN{printf "%.0f", s/n}')
    V2_CPU_MS=$(per_req_ms "$V2_TICKS" "$V2_REQS")
    NG_RPS=$(awk -v s="$NG_SUM" -v n="$ROUNDS" 'BEGIN{printf "%.0f", s/n}')
    REG_RPS=$(awk -v s="$REG_SUM" -v n="$ROUNDS" 'BEGIN{printf "%.0f", s/n}')
    DL_RATIO=$(awk -v a="$REG_RPS" -v b="$NG_RPS" 'BEGIN{printf "%.2f", a/b}')
    V2_RATIO=$(awk -v a="$V2_RPS" -v b="$REG_RPS" 'BEGIN{printf "%.2f", a/b}')
    REG_DL_CORES=$(awk -v t="$REG_TICKS" -v hz="$HZ" -v s="$((WRK_SECONDS * ROUNDS))" 'BEGIN{printf "%.2f", t/hz/s}')
    NG_CPU_MS=$(per_req_ms "$NG_TICKS" "$NG_REQS")
    REG_CPU_MS=$(per_req_ms "$REG_TICKS" "$REG_REQS")
    LOAD_DL=$(cut -d' ' -f1-3 /proc/loadavg)
fi

# ---------------------------------------------------------------- 2. metadata at a fixed rate
if has_phase metadata; then
    # control: the same generator at the same rate against nginx serving the same JSON from disk;
    # what it measures is the floor this machine (its load, the generator) puts under any server
    phase metadata-nginx
    curl -s -o "$TMP/www/version.json" "$REG$META_PATH"
    chmod 644 "$TMP/www/version.json"
    META_NGINX=$(timeout $((RATE_SECONDS + 120)) "${CLIENT[@]}" rate "http://127.0.0.1:$NGINX_PORT" /version.json "$RPS" "$RATE_WARMUP" "$RATE_SECONDS")
    phase metadata
    t0=$(cpu_ticks "$REG_PID")
    META=$(timeout $((RATE_SECONDS + 120)) "${CLIENT[@]}" rate "$REG" "$META_PATH" "$RPS" "$RATE_WARMUP" "$RATE_SECONDS")
    t1=$(cpu_ticks "$REG_PID")
    META_CORES=$(awk -v t="$((t1 - t0))" -v hz="$HZ" -v s="$((RATE_SECONDS + RATE_WARMUP))" 'BEGIN{printf "%.2f", t/hz/s}')
    META_P99=$(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' <<< "$META")
    META_ERR=$(sed -n 's/.*errors=\([0-9]*\).*/\1/p' <<< "$META")
    META_NG_P99=$(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' <<< "$META_NGINX")
    LOAD_META=$(cut -d' ' -f1-3 /proc/loadavg)
fi

# ---------------------------------------------------------------- 3. publishes
if has_phase publish; then
    phase publish
    t0=$(cpu_ticks "$REG_PID"); s0=$(cpu_ticks "$S3_PID")
    PUB=$(timeout 900 "${CLIENT[@]}" publish "$REG" "$TMP/www/state.properties" "$PUBLISHES")
    t1=$(cpu_ticks "$REG_PID"); s1=$(cpu_ticks "$S3_PID")
    # CPU time is far less sensitive than latency to other work on a shared machine (the 2 untimed publishes included)
    PUB_CPU="registry process $(per_req_ms "$((t1 - t0))" "$((PUBLISHES + 2))") ms, S3Proxy $(per_req_ms "$((s1 - s0))" "$((PUBLISHES + 2))") ms (PostgreSQL's share not counted)"
    PUB_P50=$(sed -n 's/.*p50_ms=\([0-9.]*\).*/\1/p' <<< "$PUB")
    LOAD_PUB=$(cut -d' ' -f1-3 /proc/loadavg)
fi
phase end
sleep 1.5

# ---------------------------------------------------------------- report
RSS_MAX_KB=$(awk 'BEGIN{m=0} $3>m{m=$3} END{print m}' "$TMP/rss.log")
RSS_MAX_MIB=$(awk -v k="$RSS_MAX_KB" 'BEGIN{printf "%.0f", k/1024}')
RSS_BY_PHASE=$(awk '{p=$2; sub(/-[0-9]+$/, "", p); if ($3>m[p]) m[p]=$3; if (!(p in o)) {o[p]=++n; names[n]=p}}
    END{for (i=1;i<=n;i++) printf "%s %.0f MiB; ", names[i], m[names[i]]/1024}' "$TMP/rss.log")
RSS_SAMPLES=$(wc -l < "$TMP/rss.log")
GC=$(awk '/Pause/ { n++; if (match($0, /[0-9.]+ms$/)) { t += substr($0, RSTART, RLENGTH-2); if (substr($0, RSTART, RLENGTH-2)+0 > mx) mx = substr($0, RSTART, RLENGTH-2)+0 } }
    END { printf "%d pauses, %.0f ms in total, longest %.1f ms", n, t, mx }' "$TMP/gc.log")
verdict() { if [ "$1" = 1 ]; then echo met; else echo MISSED; fi; }
has_phase download || DL_RATIO=0
has_phase metadata || META_P99=1e9
has_phase publish || PUB_P50=1e9
V_DL=$(verdict "$(awk -v r="$DL_RATIO" 'BEGIN{print (r >= 0.5)}')")
V_META=$(verdict "$(awk -v p="$META_P99" -v e="$META_ERR" 'BEGIN{print (p < 10 && e == 0)}')")
V_PUB=$(verdict "$(awk -v p="$PUB_P50" 'BEGIN{print (p < 100)}')")
V_RSS=$(verdict "$(awk -v m="$RSS_MAX_KB" 'BEGIN{print (m < 512 * 1024)}')")
has_phase download || { V_DL=$NA; DL_RATIO=-; }
has_phase metadata || { V_META=$NA; META_P99=-; }
has_phase publish || { V_PUB=$NA; PUB_P50=-; }
GIT_REV=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
GIT_DIRTY=$(cd "$ROOT" && git status --porcelain -- registry-server/src protocol/src 2>/dev/null | grep -q . && echo " (registry-server/protocol sources modified)" || true)

mkdir -p "$(dirname "$OUT")"
cat > "$OUT.tmp" <<EOF
Asterai registry benchmark (bench/registry/run.sh)
date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)
work tree:   $GIT_REV$GIT_DIRTY${BENCH_LABEL:+
label:       $BENCH_LABEL}
machine:     nproc=$(nproc), memory $(awk '/^MemTotal:/{printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)
cpu:         $(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo)
java:        $(java -version 2>&1 | head -1)
tools:       $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2), $("$NGINX" -v 2>&1)
niceness:    $NICENESS (registry, S3Proxy, nginx, wrk, client; PostgreSQL as it runs)
load avg:    start $LOAD_START | after downloads $LOAD_DL | after metadata $LOAD_META | after publishes $LOAD_PUB
registry:    quarkus-app built $APP_BUILT; java $REG_OPTS_SHOWN -Xlog:gc:file=... -jar quarkus-run.jar; PostgreSQL schema $SCHEMA, S3Proxy filesystem store; all on 127.0.0.1

1. Download of a 1 MiB component (wrk -t2 -c32 -d${WRK_SECONDS}s, keep-alive, after warm-up; rounds alternate)
   columns: requests/s, transfer/s, latency p50, latency p99
$(printf '   %s\n' "${DL_RESULTS[@]}")
   nginx mean    : $NG_RPS req/s
   registry mean : $REG_RPS req/s   (registry process used $REG_DL_CORES cores on average)
   CPU per request: registry process $REG_CPU_MS ms, nginx (all processes) $NG_CPU_MS ms (PostgreSQL's share not counted)
   ratio         : $DL_RATIO   target >= 0.50: $V_DL
   OCI /v2 blob  : $V2_RPS req/s, CPU per request $V2_CPU_MS ms (registry process); /v2 over /v1: $V2_RATIO

2. Version metadata GET $META_PATH at a fixed $RPS req/s for ${RATE_SECONDS}s (after ${RATE_WARMUP} s at that rate);
   open loop, latency measured from each request's scheduled send time (corrected for coordinated omission)
   registry: $META
   nginx    : $META_NGINX   (control: the same JSON as a static file, same generator and rate)
   registry process used $META_CORES cores on average
   p99 < 10 ms: $V_META

3. Publish of distinct signed 1 MiB components, sequential, after 2 untimed publishes
   $PUB
   CPU per publish: $PUB_CPU
   p50 < 100 ms: $V_PUB

4. Registry resident memory (VmRSS every 1 s, $RSS_SAMPLES samples from start to end)
   max: $RSS_MAX_MIB MiB   target < 512 MiB: $V_RSS
   by phase: $RSS_BY_PHASE
   GC: $GC

Summary: download ratio $DL_RATIO ($V_DL), /v2 over /v1 $V2_RATIO; metadata p99 $META_P99 ms ($V_META; nginx control $META_NG_P99 ms); publish p50 $PUB_P50 ms ($V_PUB); max RSS $RSS_MAX_MIB MiB ($V_RSS)
EOF
mv "$OUT.tmp" "$OUT"
cat "$OUT"
