import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.release.PackageKind;
import ai.asterai.protocol.release.Permissions;
import ai.asterai.protocol.release.ReleaseEnvelope;
import ai.asterai.protocol.release.SignatureBundle;
import java.io.ByteArrayOutputStream;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The client side of bench/registry/run.sh, talking only to a registry on loopback:
 *
 * <pre>
 * setup   URL ADMIN_TOKEN OUT_DIR              namespace, key, token; publishes bench:component@1.0.0
 *                                              (1 MiB signed core module); writes OUT_DIR/component.wasm
 *                                              and OUT_DIR/state.properties
 * rate    URL PATH RPS WARMUP_S SECONDS        open-loop GETs at a constant rate; latency is measured from
 *                                              each request's scheduled start (no coordinated omission)
 * publish URL STATE_FILE COUNT                 COUNT sequential signed publishes of distinct 1 MiB versions
 * port                                         prints a free loopback TCP port
 * </pre>
 *
 * Compiled by run.sh with javac against the registry's own runtime jars (protocol, BouncyCastle, Jackson).
 */
public final class RegistryBench {
    static final int COMPONENT_SIZE = 1024 * 1024;
    static final String NAME = "component";

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        switch (args[0]) {
            case "setup" -> setup(args[1], args[2], Path.of(args[3]));
            case "rate" -> rate(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "publish" -> publishMany(args[1], Path.of(args[2]), Integer.parseInt(args[3]));
            case "port" -> {
                try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                    System.out.println(s.getLocalPort());
                }
            }
            default -> usage();
        }
    }

    static void usage() {
        System.err.println("usage: RegistryBench setup URL ADMIN OUT_DIR | rate URL PATH RPS WARMUP_S SECONDS | publish URL STATE COUNT");
        System.exit(2);
    }

    // ---------------------------------------------------------------- setup

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static HttpResponse<String> call(String method, String url, String bearer, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String expect(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(what + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static String jsonField(String json, String field) {
        int i = json.indexOf("\"" + field + "\"");
        int start = json.indexOf('"', json.indexOf(':', i) + 1) + 1;
        return json.substring(start, json.indexOf('"', start));
    }

    static void setup(String url, String admin, Path out) throws Exception {
        String ns = "bench";
        expect(call("POST", url + "/v1/namespaces", admin, "application/json", ("{\"name\":\"" + ns + "\"}").getBytes()), 201, "create namespace");
        SigningKey key = SigningKey.generate();
        expect(call("POST", url + "/v1/namespaces/" + ns + "/keys", admin, "application/json",
                ("{\"publicKey\":\"" + key.publicKey() + "\",\"label\":\"bench\"}").getBytes()), 201, "add key");
        String token = jsonField(expect(call("POST", url + "/v1/tokens", admin, "application/json",
                ("{\"description\":\"bench\",\"namespaces\":[\"" + ns + "\"],\"scopes\":[\"publish\"]}").getBytes()), 201, "create token"), "token");
        byte[] wasm = moduleOfSize(COMPONENT_SIZE, 0);
        Files.createDirectories(out);
        Files.write(out.resolve("component.wasm"), wasm);
        Properties p = new Properties();
        p.setProperty("namespace", ns);
        p.setProperty("name", NAME);
        p.setProperty("version", "1.0.0");
        p.setProperty("token", token);
        p.setProperty("key", key.encode());
        p.setProperty("wasmDigest", Digest.of(wasm).toString());
        try (Writer w = Files.newBufferedWriter(out.resolve("state.properties"))) {
            p.store(w, "bench state (throwaway registry)");
        }
        Upload u = upload(ns, "1.0.0", key, wasm);
        HttpResponse<String> r = HTTP.send(u.request(url, token), HttpResponse.BodyHandlers.ofString());
        expect(r, 201, "publish 1.0.0");
        System.out.println("published " + ns + ":" + NAME + "@1.0.0 (" + wasm.length + " bytes wasm, " + Digest.of(wasm) + ")");
    }

    // ---------------------------------------------------------------- publish

    record Upload(String ns, String boundary, byte[] body) {
        HttpRequest request(String url, String token) {
            return HttpRequest.newBuilder(URI.create(url + "/v1/packages/" + ns + "/" + NAME + "/versions"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        }
    }

    static Upload upload(String ns, String version, SigningKey key, byte[] wasm) {
        byte[] wit = ("package bench:" + NAME + "@" + version + ";\n\nworld " + NAME + " {\n  export run: func() -> string;\n}\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] manifest = new Manifest(ns + ":" + NAME, version, "component", "Benchmark component", List.of("bench"),
                "Apache-2.0", "bench:" + NAME + "/" + NAME, Permissions.NONE).toJson();
        ReleaseEnvelope env = new ReleaseEnvelope(new PackageName(ns, NAME), Version.parse(version), PackageKind.COMPONENT,
                Digest.of(manifest), Digest.of(wasm), Digest.of(wit));
        byte[] signature = SignatureBundle.sign(key, env.canonicalBytes()).toJson();
        String boundary = "asteraibench" + Long.toHexString(new Random().nextLong());
        ByteArrayOutputStream out = new ByteArrayOutputStream(wasm.length + 4096);
        part(out, boundary, "manifest", "manifest.json", "application/json", manifest);
        part(out, boundary, "wit", "package.wit", "text/plain", wit);
        part(out, boundary, "signature", "signature.json", "application/json", signature);
        part(out, boundary, "wasm", NAME + ".wasm", "application/wasm", wasm);
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return new Upload(ns, boundary, out.toByteArray());
    }

    static void part(ByteArrayOutputStream out, String boundary, String name, String filename, String type, byte[] data) {
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    static void publishMany(String url, Path stateFile, int count) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(stateFile)) {
            p.load(r);
        }
        String ns = p.getProperty("namespace");
        SigningKey key = SigningKey.parse(p.getProperty("key"));
        String token = p.getProperty("token");
        // Two untimed publishes first (JIT, connection, code paths), then COUNT timed ones.
        int warm = 2;
        long[] nanos = new long[count];
        for (int i = 0; i < warm + count; i++) {
            String version = (i < warm ? "0.0." : "2.0.") + (i < warm ? i : i - warm);
            Upload u = upload(ns, version, key, moduleOfSize(COMPONENT_SIZE, i + 1)); // distinct bytes: nothing is deduplicated
            HttpRequest req = u.request(url, token);
            long t0 = System.nanoTime();
            HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
            long t = System.nanoTime() - t0;
            expect(r, 201, "publish " + version);
            if (i >= warm) {
                nanos[i - warm] = t;
            }
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        System.out.printf(Locale.ROOT, "publishes=%d size=%d p50_ms=%.1f p95_ms=%.1f max_ms=%.1f mean_ms=%.1f min_ms=%.1f%n",
                count, COMPONENT_SIZE, pct(nanos, 50), pct(nanos, 95), nanos[count - 1] / 1e6, mean, nanos[0] / 1e6);
    }

    // ---------------------------------------------------------------- rate

    static void rate(String url, String path, int rps, int warmupSeconds, int seconds) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10)).GET().build();
        if (warmupSeconds > 0) {
            run(client, req, rps, warmupSeconds * rps, null);
        }
        int n = seconds * rps;
        long[] lat = new long[n];
        Result res = run(client, req, rps, n, lat);
        Arrays.sort(lat);
        System.out.printf(Locale.ROOT,
                "requests=%d target_rps=%d achieved_rps=%.1f errors=%d p50_ms=%.2f p90_ms=%.2f p95_ms=%.2f p99_ms=%.2f p99.9_ms=%.2f max_ms=%.2f max_send_lag_ms=%.2f%n",
                n, rps, n / (res.elapsedNanos / 1e9), res.errors, pct(lat, 50), pct(lat, 90), pct(lat, 95), pct(lat, 99), pct(lat, 99.9),
                lat[n - 1] / 1e6, res.maxLagNanos / 1e6);
    }

    record Result(long elapsedNanos, long errors, long maxLagNanos) {
    }

    /**
     * Sends {@code n} requests, request i scheduled at start + i/rps, whether or not earlier ones have
     * answered (open loop). Each latency is completion time minus scheduled time, so a stall of the
     * server or of this sender counts against every request that should have gone out meanwhile.
     */
    static Result run(HttpClient client, HttpRequest req, int rps, int n, long[] lat) throws InterruptedException {
        long period = 1_000_000_000L / rps;
        CountDownLatch done = new CountDownLatch(n);
        AtomicLong errors = new AtomicLong();
        long maxLag = 0;
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < n; i++) {
            long intended = start + i * period;
            long now;
            while ((now = System.nanoTime()) < intended) {
                LockSupport.parkNanos(intended - now);
            }
            maxLag = Math.max(maxLag, now - intended);
            final int idx = i;
            CompletableFuture<HttpResponse<Void>> f = client.sendAsync(req, HttpResponse.BodyHandlers.discarding());
            f.whenComplete((r, ex) -> {
                long t = System.nanoTime() - intended;
                if (ex != null || r.statusCode() != 200) {
                    errors.incrementAndGet();
                }
                if (lat != null) {
                    lat[idx] = t;
                }
                done.countDown();
            });
        }
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("requests still open 30 s after the last was sent");
        }
        return new Result(System.nanoTime() - start, errors.get(), maxLag);
    }

    static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    // ---------------------------------------------------------------- wasm

    /** A valid core module of exactly {@code size} bytes: the 8-byte header and one custom section of seeded noise. */
    static byte[] moduleOfSize(int size, int seed) {
        byte[] name = "pad".getBytes(StandardCharsets.US_ASCII);
        int bodyLen = size - 8 - 1 - 1;
        while (8 + 1 + lebLength(bodyLen) + bodyLen > size) {
            bodyLen--;
        }
        if (8 + 1 + lebLength(bodyLen) + bodyLen != size) {
            throw new IllegalArgumentException("cannot make a module of exactly " + size + " bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(new byte[]{0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
        out.write(0);
        writeLeb(out, bodyLen);
        out.write(name.length);
        out.writeBytes(name);
        byte[] noise = new byte[bodyLen - 1 - name.length];
        new Random(seed).nextBytes(noise);
        out.writeBytes(noise);
        return out.toByteArray();
    }

    static int lebLength(int v) {
        int n = 0;
        do {
            v >>>= 7;
            n++;
        } while (v != 0);
        return n;
    }

    static void writeLeb(ByteArrayOutputStream out, int v) {
        do {
            int b = v & 0x7f;
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    private RegistryBench() {
    }

}
