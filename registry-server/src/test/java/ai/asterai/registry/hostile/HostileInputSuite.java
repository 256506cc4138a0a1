package ai.asterai.registry.hostile;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.crypto.PublicKey;
import ai.asterai.protocol.crypto.SignatureVerifier;
import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.release.KeyStatement;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.release.PackageKind;
import ai.asterai.protocol.release.Permissions;
import ai.asterai.protocol.release.ReleaseEnvelope;
import ai.asterai.protocol.release.SignatureBundle;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Issue #11's hostile-input suite, as an attacker would run it against a running registry: more
 * than 1,000 distinct bad requests over every route of docs/api.md (paths, methods, tokens, JSON
 * bodies, multipart publishes, hostile wasm, query strings, raw HTTP), then every legitimate release
 * downloaded again and checked against its digests and signature. It records what it saw; the
 * caller decides what must hold ({@link Report#violations()} must be empty).
 */
public final class HostileInputSuite {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HUGE = 256L << 20;

    private final String base;
    private final String admin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Report report = new Report();
    private final List<Published> legit = new ArrayList<>();
    private String ns;
    private SigningKey key;
    private String publishToken;
    private String readOnlyToken;

    /** One legitimate release, as the suite published it. */
    private record Published(String ns, String name, String version, byte[] manifest, byte[] wasm, byte[] wit, PublicKey key) {
    }

    /** What happened: counts by status class, and each request that broke a rule. */
    public static final class Report {
        private final Set<String> distinct = new LinkedHashSet<>();
        private final Map<Integer, Integer> byStatus = new java.util.TreeMap<>();
        private final List<String> violations = new ArrayList<>();
        private int sent;
        private int releasesChecked;

        void record(String id, int status) {
            sent++;
            distinct.add(id);
            byStatus.merge(status, 1, Integer::sum);
        }

        void violation(String what) {
            violations.add(what);
        }

        public int sent() {
            return sent;
        }

        public int distinct() {
            return distinct.size();
        }

        public Map<Integer, Integer> byStatus() {
            return byStatus;
        }

        public List<String> violations() {
            return violations;
        }

        public int releasesChecked() {
            return releasesChecked;
        }

        public long count5xx() {
            return byStatus.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
        }

        @Override
        public String toString() {
            return sent + " requests (" + distinct.size() + " distinct), by status " + byStatus + ", "
                    + releasesChecked + " releases re-verified, " + violations.size() + " violations";
        }
    }

    public HostileInputSuite(String baseUrl, String adminToken) {
        this.base = baseUrl.replaceAll("/$", "");
        this.admin = adminToken.replaceFirst("^Bearer ", "");
    }

    /**
     * Runs the suite against a registry: {@code java HostileInputSuite URL ADMIN_TOKEN}. Needs only
     * protocol, Jackson and BouncyCastle on the class path (the asterai command's lib/ has them).
     * Prints the report; exits 1 when a rule was broken or fewer than 1,000 distinct requests ran.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: HostileInputSuite REGISTRY_URL ADMIN_TOKEN");
            System.exit(2);
        }
        Report r = new HostileInputSuite(args[0], args[1]).run();
        System.out.println("hostile input suite: " + r);
        r.violations().forEach(v -> System.out.println("  violation: " + v));
        System.exit(r.violations().isEmpty() && r.distinct() >= 1000 ? 0 : 1);
    }

    public Report run() throws IOException, InterruptedException {
        setUp();
        paths();
        ociPaths();
        methods();
        tokens();
        jsonBodies();
        keys();
        publishes();
        queries();
        rawHttp();
        verifyReleases();
        return report;
    }

    // ------------------------------------------------------------------ set-up: legitimate data

    private void setUp() throws IOException, InterruptedException {
        ns = "hostile" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        key = SigningKey.generate();
        expect("setup namespace", send("POST", "/v1/namespaces", admin, "application/json", json(Map.of("name", ns))), 201);
        expect("setup key", send("POST", "/v1/namespaces/" + ns + "/keys", admin, "application/json",
                json(Map.of("publicKey", key.publicKey().toString(), "label", "first"))), 201);
        HttpResponse<byte[]> t = send("POST", "/v1/tokens", admin, "application/json", json(Map.of(
                "description", "hostile suite", "namespaces", List.of(ns), "scopes", List.of("publish", "yank", "keys"), "expiresInDays", 1)));
        expect("setup token", t, 201);
        publishToken = JSON.readTree(t.body()).get("token").asText();
        HttpResponse<byte[]> r = send("POST", "/v1/tokens", admin, "application/json", json(Map.of(
                "description", "read only", "namespaces", List.of(ns), "scopes", List.of("yank"), "expiresInDays", 1)));
        expect("setup token 2", r, 201);
        readOnlyToken = JSON.readTree(r.body()).get("token").asText();
        for (int i = 0; i < 3; i++) {
            publishLegit("tool" + i, "1.0." + i);
        }
        publishLegit("tool0", "2.0.0");
        if (COMPONENTS != null) {
            // component-model binaries built by real toolchains (examples/components)
            publishLegit(componentRelease("calculator", read("components/c-calculator/calculator.wasm"), calculatorWit(),
                    "asterai:calculator/calculator@0.1.0"));
            publishLegit(componentRelease("kitchen-sink", read("components/js-kitchen-sink/kitchen-sink.wasm"),
                    new String(read("components/js-kitchen-sink/wit/kitchen-sink.wit"), StandardCharsets.UTF_8),
                    "asterai:kitchen-sink/kitchen-sink@0.1.0"));
        } else {
            System.out.println("hostile input suite: no examples/components here; component cases skipped");
        }
    }

    /** examples/ above the working directory (or -Dasterai.examples.dir), or null. */
    private static final java.nio.file.Path COMPONENTS = findExamples();

    private static java.nio.file.Path findExamples() {
        String configured = System.getProperty("asterai.examples.dir");
        if (configured != null) {
            return java.nio.file.Path.of(configured);
        }
        java.nio.file.Path d = java.nio.file.Path.of("").toAbsolutePath();
        while (d != null && !java.nio.file.Files.isRegularFile(d.resolve("examples/components/c-calculator/calculator.wasm"))) {
            d = d.getParent();
        }
        return d == null ? null : d.resolve("examples");
    }

    private static byte[] read(String relative) {
        try {
            return java.nio.file.Files.readAllBytes(COMPONENTS.resolve(relative));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The calculator's WIT with the one interface it uses of asterai:agent inline (no registry state needed). */
    private static String calculatorWit() {
        return new String(read("calculator/wit/calculator.wit"), StandardCharsets.UTF_8)
                + "\npackage asterai:agent@0.1.0 {\n  interface tool {\n"
                + "    record tool-info { name: string, description: string, parameters-schema: string }\n"
                + "    describe: func() -> tool-info;\n    call: func(arguments-json: string) -> result<string, string>;\n  }\n}\n";
    }

    private Release componentRelease(String name, byte[] wasm, String wit, String world) {
        Release r = new Release(name, "0.1.0");
        r.wasm = wasm;
        r.wit = wit.getBytes(StandardCharsets.UTF_8);
        r.manifest = new Manifest(ns + ":" + name, "0.1.0", "component", "A hostile-suite component " + name, List.of("test"),
                "Apache-2.0", world, Permissions.NONE).toJson();
        return r;
    }

    private void publishLegit(String name, String version) throws IOException, InterruptedException {
        publishLegit(new Release(name, version));
    }

    private void publishLegit(Release r) throws IOException, InterruptedException {
        String name = r.name;
        String version = r.version;
        HttpResponse<byte[]> res = publish(r, publishToken);
        expect("legit publish " + name + "@" + version, res, 201);
        legit.add(new Published(ns, name, version, r.manifest, r.wasm, r.wit, key.publicKey()));
    }

    // ------------------------------------------------------------------ the probes

    /** Hostile path segments in every templated route. */
    private static final List<String> SEGMENTS = List.of(
            "..", "%2e%2e", "%2E%2E%2F%2E%2E", "%00", "a%00b", "%ff", "%c0%ae", "A", "UPPER", "-lead", "trail-", "a--b",
            "1", "%20", "a%20b", "%0d%0aX-Injected:%201", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "'%20or%201=1--",
            "a%2Fb", "x".repeat(300), "%E2%80%AE", "%F0%9F%98%80", "ns:pkg", "a.b", "_", "%25", "%u0041", "~", "*");

    private void paths() throws IOException, InterruptedException {
        List<String> templates = List.of(
                "/v1/namespaces/{}", "/v1/namespaces/{}/keys", "/v1/packages/{}/tool0", "/v1/packages/" + "{ns}/{}",
                "/v1/packages/{ns}/tool0/versions/{}", "/v1/packages/{ns}/tool0/versions/{}/wasm",
                "/v1/packages/{ns}/tool0/versions/{}/wit", "/v1/packages/{ns}/tool0/versions/{}/manifest",
                "/v1/blobs/{}", "/v1/blobs/sha256:{}", "/v1/interfaces/{}/x/implementations",
                "/v1/interfaces/{ns}:tool0/{}/implementations", "/packages/{ns}/{}", "/namespaces/{}", "/v1/tokens/{}");
        for (String t : templates) {
            for (String seg : SEGMENTS) {
                String path = t.replace("{ns}", ns).replace("{}", seg);
                HttpResponse<byte[]> r = sendOrNull("GET", path, null, null, null);
                if (r != null) {
                    readProbe("GET " + path, r);
                }
            }
        }
        // writes through hostile paths: must never succeed
        for (String seg : SEGMENTS) {
            for (String t : List.of("/v1/namespaces/{}/keys", "/v1/packages/{ns}/tool0/versions/{}/yank",
                    "/v1/packages/{ns}/tool0/versions/{}/unyank", "/v1/namespaces/{ns}/keys/{}/revoke", "/v1/tokens/{}")) {
                String path = t.replace("{ns}", ns).replace("{}", seg);
                String method = t.startsWith("/v1/tokens") ? "DELETE" : "POST";
                if (method.equals("DELETE") && seg.equals("1")) {
                    continue; // a real token id: deleting it would be legitimate
                }
                HttpResponse<byte[]> r = sendOrNull(method, path, admin, "application/json", "{}".getBytes());
                if (r != null) {
                    refused(method + " " + path, r);
                }
            }
        }
    }

    private void methods() throws IOException, InterruptedException {
        List<String> paths = List.of("/v1/namespaces", "/v1/namespaces/" + ns, "/v1/namespaces/" + ns + "/keys",
                "/v1/packages/" + ns + "/tool0", "/v1/packages/" + ns + "/tool0/versions/1.0.0",
                "/v1/packages/" + ns + "/tool0/versions/1.0.0/wasm", "/v1/search", "/v1/tokens", "/v1/tokens/self",
                "/v1/admin/blob-gc", "/q/health", "/q/openapi", "/q/metrics", "/", "/v1/blobs/sha256:" + "0".repeat(64));
        for (String p : paths) {
            for (String m : List.of("PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "POST")) {
                if (m.equals("POST") && (p.equals("/v1/namespaces") || p.equals("/v1/tokens") || p.equals("/v1/admin/blob-gc")
                        || p.endsWith("/keys"))) {
                    continue; // real routes; probed with bad bodies below
                }
                HttpResponse<byte[]> r = sendOrNull(m, p, null, null, null);
                if (r != null) {
                    String id = m + " " + p;
                    report.record(id, r.statusCode());
                    if (r.statusCode() >= 500) {
                        report.violation(id + " -> " + r.statusCode());
                    } else if (r.statusCode() < 400 && !m.equals("OPTIONS")) {
                        report.violation(id + " -> " + r.statusCode() + " (a wrong method was served)");
                    } else if (r.statusCode() >= 400) {
                        problemBody(id, r);
                    }
                }
            }
        }
    }

    private static final List<String> BAD_TOKENS = List.of("", "Bearer", "Bearer ", "Bearer x", "Basic YTpi",
            "Bearer ast_" + "a".repeat(40), "Bearer ast_\u0000", "bearer ast_test", "Bearer " + "a".repeat(8000),
            "Bearer ast_ü", "Token ast_x", "Bearer  ast_x", "Bearer ast_x, Bearer ast_y");

    private void tokens() throws IOException, InterruptedException {
        List<String[]> routes = List.of(
                new String[]{"POST", "/v1/namespaces"}, new String[]{"POST", "/v1/tokens"}, new String[]{"GET", "/v1/tokens/self"},
                new String[]{"DELETE", "/v1/tokens/1"}, new String[]{"POST", "/v1/namespaces/" + ns + "/keys"},
                new String[]{"POST", "/v1/packages/" + ns + "/tool0/versions/1.0.0/yank"},
                new String[]{"POST", "/v1/packages/" + ns + "/tool0/versions"}, new String[]{"POST", "/v1/admin/blob-gc"});
        for (String[] route : routes) {
            for (String auth : BAD_TOKENS) {
                HttpResponse<byte[]> r = sendOrNull(route[0], route[1], auth.isEmpty() ? null : "RAW:" + auth, "application/json",
                        json(Map.of("name", "x" + UUID.randomUUID().toString().substring(0, 6))));
                if (r != null) {
                    refused(route[0] + " " + route[1] + " auth=" + abbreviate(auth), r);
                }
            }
            // a real token without the rights
            HttpResponse<byte[]> r = send(route[0], route[1], readOnlyToken, "application/json", "{}".getBytes());
            if (!route[1].endsWith("/yank") && !route[1].equals("/v1/tokens/self")) {
                refused(route[0] + " " + route[1] + " with a token lacking the scope", r);
            } else {
                report.record(route[0] + " " + route[1] + " scoped", r.statusCode());
                noServerError(route[0] + " " + route[1], r);
            }
        }
    }

    /** Bad JSON for each JSON route: syntax, types, unknown fields, control characters, sizes, encodings. */
    private static List<byte[]> badJson(String field) {
        List<String> texts = new ArrayList<>(List.of("", "null", "[]", "\"x\"", "5", "{", "}", "{\"" + field + "\":",
                "{\"" + field + "\": true}", "{\"" + field + "\": 5}", "{\"" + field + "\": null}", "{\"" + field + "\": []}",
                "{\"" + field + "\": {}}", "{\"" + field + "\": \"\"}", "{\"" + field + "\": \"a\\u0000b\"}",
                "{\"" + field + "\": \"a\\u0007b\"}", "{\"" + field + "\": \"\\ud800\"}", "{\"" + field + "\": \"" + "x".repeat(70_000) + "\"}",
                "{\"" + field + "\": \"ok\", \"" + field + "\": \"again\"}", "{\"" + field + "\": \"ok\", \"unknownField\": 1}",
                "{\"" + field + "\": \"ok\"} trailing", "{\"" + field + "\": 1e999}", "{\"" + field + "\": -0}",
                "[".repeat(10_000) + "]".repeat(10_000), "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000),
                "{\"" + field + "\": \"<script>\"}", "{\"" + field + "\": \"../../etc/passwd\"}"));
        List<byte[]> out = new ArrayList<>();
        for (String t : texts) {
            out.add(t.getBytes(StandardCharsets.UTF_8));
        }
        out.add(concat(new byte[]{(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, ("{\"" + field + "\": \"bomname\"}").getBytes(StandardCharsets.UTF_8)));
        out.add(("{\"" + field + "\": \"utf16\"}").getBytes(StandardCharsets.UTF_16));
        out.add(new byte[]{'{', '"', (byte) 0xff, (byte) 0xfe, '"', ':', '1', '}'});
        out.add(new byte[]{'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xc0, (byte) 0xaf, '"', '}'});
        return out;
    }

    private void jsonBodies() throws IOException, InterruptedException {
        Map<String, String> routes = new LinkedHashMap<>();
        routes.put("/v1/namespaces", "name");
        routes.put("/v1/tokens", "description");
        routes.put("/v1/namespaces/" + ns + "/keys", "publicKey");
        int i = 0;
        for (Map.Entry<String, String> route : routes.entrySet()) {
            for (byte[] body : badJson(route.getValue())) {
                HttpResponse<byte[]> r = send("POST", route.getKey(), admin, "application/json", body);
                refused("POST " + route.getKey() + " bad json #" + i++, r);
            }
            for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x")) {
                HttpResponse<byte[]> r = send("POST", route.getKey(), admin, type, json(Map.of(route.getValue(), "x")));
                refused("POST " + route.getKey() + " as " + type, r);
            }
        }
        // token bodies that type-check but must be refused
        List<Map<String, Object>> tokenBodies = List.of(
                Map.of("description", "x", "namespaces", List.of("doesnotexist" + UUID.randomUUID().toString().substring(0, 6)), "scopes", List.of("publish")),
                Map.of("description", "x", "namespaces", List.of(ns), "scopes", List.of("root")),
                Map.of("description", "x", "namespaces", List.of(ns), "scopes", List.of("publish"), "expiresInDays", -1),
                Map.of("description", "x", "namespaces", List.of(ns), "scopes", List.of("publish"), "expiresInDays", 100_000),
                Map.of("description", "x", "namespaces", List.of(5), "scopes", List.of("publish")),
                Map.of("description", "x", "namespaces", List.of(ns), "scopes", List.of(5)),
                Map.of("description", "x", "namespaces", List.of("../x"), "scopes", List.of("publish")),
                Map.of("description", "x", "namespaces", List.of(), "scopes", List.of()));
        for (Map<String, Object> b : tokenBodies) {
            refused("POST /v1/tokens " + b, send("POST", "/v1/tokens", admin, "application/json", json(b)));
        }
        for (String name : List.of("true", "A", "a".repeat(200), "-x", "x-", "a--b", "1abc", "wasi", "ab\u0000", "ns:x", "a b", "é")) {
            HttpResponse<byte[]> r = send("POST", "/v1/namespaces", admin, "application/json", json(Map.of("name", name)));
            if (r.statusCode() == 201) {
                // some of these may be legal names; a second create of the same name must then conflict
                report.record("POST /v1/namespaces name=" + abbreviate(name), 201);
                refused("POST /v1/namespaces again name=" + abbreviate(name),
                        send("POST", "/v1/namespaces", admin, "application/json", json(Map.of("name", name))));
            } else {
                refused("POST /v1/namespaces name=" + abbreviate(name), r);
            }
        }
        for (Object bad : List.of(true, 5, List.of("x"), Map.of("a", 1))) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", bad);
            refused("POST /v1/namespaces name=" + bad, send("POST", "/v1/namespaces", admin, "application/json", json(body)));
        }
    }

    /** Public keys no signature can be checked against, and vouching signatures that do not hold. */
    private void keys() throws IOException, InterruptedException {
        // a namespace with no key yet: its first key needs no vouching, so only the key itself is judged
        String fresh = "hostilekeys" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        expect("setup keys namespace", send("POST", "/v1/namespaces", admin, "application/json", json(Map.of("name", fresh))), 201);
        List<byte[]> raws = new ArrayList<>();
        raws.add(new byte[32]);                                   // all zeros (a small-order point)
        byte[] identity = new byte[32];
        identity[0] = 1;
        raws.add(identity);                                       // the identity point
        byte[] minusOne = new byte[32];
        minusOne[0] = (byte) 0xec;
        for (int i = 1; i < 31; i++) {
            minusOne[i] = (byte) 0xff;
        }
        minusOne[31] = 0x7f;
        raws.add(minusOne);                                       // y = p - 1: order 2
        byte[] nonCanonical = new byte[32];
        java.util.Arrays.fill(nonCanonical, (byte) 0xff);
        nonCanonical[31] = 0x7f;
        raws.add(nonCanonical);                                   // y >= p
        byte[] offCurve = new byte[32];
        offCurve[0] = 2;
        raws.add(offCurve);                                       // y = 2: no x on the curve
        byte[] signedZero = identity.clone();
        signedZero[31] = (byte) 0x80;
        raws.add(signedZero);                                     // x = 0 with the sign bit set
        int i = 0;
        for (byte[] raw : raws) {
            String pk = "ed25519:" + Base64.getEncoder().encodeToString(raw);
            refused("POST keys unusable #" + i++, send("POST", "/v1/namespaces/" + fresh + "/keys", admin, "application/json",
                    json(Map.of("publicKey", pk, "label", "bad"))));
        }
        for (String pk : List.of("ed25519:", "ed25519:AAAA", "ed25519:" + "A".repeat(44), "ed25519:!!!!", "rsa:AAAA",
                "ed25519:" + Base64.getEncoder().encodeToString(new byte[33]), key.publicKey().toString() + " ")) {
            refused("POST keys malformed " + abbreviate(pk), send("POST", "/v1/namespaces/" + fresh + "/keys", admin,
                    "application/json", json(Map.of("publicKey", pk, "label", "bad"))));
        }
        SigningKey other = SigningKey.generate();
        byte[] wrongSig = other.sign(new KeyStatement(ns, other.publicKey(), key.publicKey().keyId()).canonicalBytes());
        refused("POST keys vouched by a forged signature", send("POST", "/v1/namespaces/" + ns + "/keys", publishToken,
                "application/json", json(Map.of("publicKey", other.publicKey().toString(), "label", "x",
                        "signerKeyId", key.publicKey().keyId(), "signature", Base64.getEncoder().encodeToString(wrongSig)))));
    }

    private void publishes() throws IOException, InterruptedException {
        List<Release> bad = new ArrayList<>();
        // hostile wasm: declared lengths, truncations, wrong headers, components
        for (byte[] w : hostileWasm()) {
            Release r = new Release("badwasm", "1.0.0");
            r.setWasm(w);
            bad.add(r);
        }
        // manifests
        for (String m : List.of("", "{}", "null", "[]", "{\"name\": true}", "{\"name\":\"" + "{ns}" + ":badman\",\"version\":\"1.0.0\",\"kind\":\"component\",\"world\":\"test:badman/badman\",\"extra\":1}",
                "{\"name\":\"{ns}:badman\",\"version\":\"01.0.0\",\"kind\":\"component\",\"world\":\"test:badman/badman\"}",
                "{\"name\":\"{ns}:badman\",\"version\":\"1.0.0\",\"kind\":\"plugin\",\"world\":\"test:badman/badman\"}",
                "{\"name\":\"{ns}:badman\",\"version\":\"1.0.0\",\"kind\":\"component\",\"world\":\"test:badman/badman\",\"description\":\"a\\u0000b\"}",
                "{\"name\":\"{ns}:badman\",\"version\":\"1.0.0\",\"kind\":\"component\",\"world\":\"test:badman/badman\",\"keywords\":[5]}",
                "{\"name\":\"{ns}:badman\",\"version\":\"1.0.0\",\"kind\":\"component\",\"world\":\"test:badman/badman\",\"permissions\":{\"memory\":-1}}",
                "{\"name\":\"{ns}:other\",\"version\":\"1.0.0\",\"kind\":\"component\",\"world\":\"test:badman/badman\"}")) {
            Release r = new Release("badman", "1.0.0");
            r.manifest = m.replace("{ns}", ns).getBytes(StandardCharsets.UTF_8);
            bad.add(r);
        }
        Release bom = new Release("bomman", "1.0.0");
        bom.manifest = concat(new byte[]{(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, bom.manifest);
        bad.add(bom);
        Release utf16 = new Release("utf16man", "1.0.0");
        utf16.manifest = new String(utf16.manifest, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16);
        bad.add(utf16);
        // WIT
        StringBuilder chain = new StringBuilder("package test:chain@1.0.0;\n");
        for (int i = 0; i < 5000; i++) {
            chain.append("interface i").append(i).append(" { use i").append(i + 1).append(".{t}; }\n");
        }
        chain.append("interface i5000 { type t = u32; }\nworld chain { export i0; }\n");
        for (String wit : List.of("", "package", "package test:x@1.0.0; world {", "\u0000", chain.toString(),
                "package test:badwit@1.0.0;\nworld badwit { export run: func() -> " + "list<".repeat(3000) + "u8" + ">".repeat(3000) + "; }\n")) {
            Release r = new Release("badwit", "1.0.0");
            r.wit = wit.getBytes(StandardCharsets.UTF_8);
            bad.add(r);
        }
        // signatures
        for (String sig : List.of("", "{}", "{\"keyId\": 5}", "{\"keyId\":\"" + "0".repeat(32) + "\",\"signature\":\"AAAA\"}",
                "{\"keyId\":\"" + key.publicKey().keyId() + "\",\"signature\":\"" + Base64.getEncoder().encodeToString(new byte[64]) + "\"}",
                "{\"keyId\":\"" + key.publicKey().keyId() + "\",\"signature\":\"!!\"}")) {
            Release r = new Release("badsig", "1.0.0");
            r.signature = sig.getBytes(StandardCharsets.UTF_8);
            bad.add(r);
        }
        bad.addAll(badComponents());
        Release stranger = new Release("stranger", "1.0.0");
        stranger.signWith(SigningKey.generate());
        bad.add(stranger);
        Release again = new Release("tool0", "1.0.0"); // exists: immutable
        bad.add(again);
        Release againWithBuild = new Release("tool0", "1.0.0+build.5");
        bad.add(againWithBuild);
        int i = 0;
        String token = publishToken;
        for (Release r : bad) {
            if (i > 0 && i % 40 == 0) {
                token = freshPublishToken(); // each reaches the checks, not the per-token publish rate limit (60 a minute)
            }
            refused("publish bad #" + i++ + " " + r.name, publish(r, token));
        }
        // multipart shapes
        Release ok = new Release("shape", "1.0.0");
        i = 0;
        for (byte[] body : badMultiparts(ok)) {
            refused("publish multipart shape #" + i++, send("POST", "/v1/packages/" + ns + "/shape/versions", publishToken,
                    "multipart/form-data; boundary=" + BOUNDARY, body));
        }
        for (String type : List.of("application/json", "multipart/form-data", "multipart/form-data; boundary=", "text/plain")) {
            refused("publish as " + type, send("POST", "/v1/packages/" + ns + "/shape/versions", publishToken, type, multipart(ok.parts(ns))));
        }
        // the right body to the wrong places
        for (String path : List.of("/v1/packages/" + ns + "/other/versions", "/v1/packages/nonexistentns/shape/versions",
                "/v1/packages/" + ns + "/Shape/versions", "/v1/packages/" + ns + "/shape/versions/1.0.0")) {
            refused("publish to " + path, send("POST", path, publishToken, "multipart/form-data; boundary=" + BOUNDARY, multipart(ok.parts(ns))));
        }
        // nothing of the bad ones became visible
        for (String name : List.of("badwasm", "badman", "bomman", "utf16man", "badwit", "badsig", "stranger", "shape", "other", "badcomp")) {
            HttpResponse<byte[]> r = send("GET", "/v1/packages/" + ns + "/" + name, null, null, null);
            report.record("GET package after bad publishes " + name, r.statusCode());
            if (r.statusCode() != 404) {
                report.violation("package " + name + " became visible after bad publishes: " + r.statusCode());
            }
        }
    }

    /**
     * Damaged and disagreeing components: the calculator (jco new) cut short, with one bit flipped
     * where the component's own sections are (every flip kept is one protocol's reader refuses:
     * a flip inside a core function body can leave a valid binary), and with a WIT whose world
     * differs from the binary's.
     */
    private List<Release> badComponents() {
        List<Release> out = new ArrayList<>();
        if (COMPONENTS == null) {
            return out;
        }
        byte[] good = read("components/c-calculator/calculator.wasm");
        String wit = calculatorWit();
        String world = "asterai:calculator/calculator@0.1.0";
        for (int cut : new int[] {8, 9, 12, 100, 1000, good.length / 2, 55108, 55200, good.length - 100, good.length - 1}) {
            out.add(componentRelease("badcomp", java.util.Arrays.copyOf(good, cut), wit, world));
        }
        java.util.Random random = new java.util.Random(11);
        int flips = 0;
        for (int tries = 0; tries < 400 && flips < 40; tries++) {
            byte[] bad = good.clone();
            int at = tries < 8 ? tries : 55108 + random.nextInt(good.length - 55108);
            bad[at] ^= (byte) (1 << random.nextInt(8));
            try {
                ai.asterai.protocol.component.ComponentWorld.of(ai.asterai.protocol.component.Components.read(bad));
                continue; // still a valid component: not certainly bad input
            } catch (ai.asterai.protocol.InvalidInputException expected) {
                flips++;
            }
            out.add(componentRelease("badcomp", bad, wit, world));
        }
        out.add(componentRelease("badcomp", good, wit.replace("export asterai:agent/tool@0.1.0;", ""), world));
        out.add(componentRelease("badcomp", good, wit.replace("fib: func(n: u32) -> u64;", "fib: func(n: u32) -> u32;"), world));
        out.add(componentRelease("badcomp", good, wit.replace("export calc;", "export calc;\n    import asterai:agent/tool@0.1.0;"
                + "\n    export extra: func();"), world));
        // a component for an interface release, and a component in place of another's WIT
        Release iface = componentRelease("badcomp", good, "package " + ns + ":badcomp@0.1.0;\ninterface i { f: func(); }\n", world);
        iface.manifest = new Manifest(ns + ":badcomp", "0.1.0", "interface", "x", List.of(), null, null, Permissions.NONE).toJson();
        out.add(iface);
        out.add(componentRelease("badcomp", good, "package test:badcomp@0.1.0;\n\nworld badcomp {\n  export run: func() -> string;\n}\n",
                "test:badcomp/badcomp"));
        return out;
    }

    private String freshPublishToken() throws IOException, InterruptedException {
        HttpResponse<byte[]> t = send("POST", "/v1/tokens", admin, "application/json", json(Map.of(
                "description", "hostile suite, more publishes", "namespaces", List.of(ns), "scopes", List.of("publish"), "expiresInDays", 1)));
        expect("setup another publish token", t, 201);
        return JSON.readTree(t.body()).get("token").asText();
    }

    private static List<byte[]> hostileWasm() {
        List<byte[]> out = new ArrayList<>();
        long[][] shapes = {
                {0, 5, HUGE}, {0, 5, 0xffffffffL}, {11, 7, 1, 1, HUGE}, {2, 6, 1, HUGE}, {7, 6, 1, HUGE},
                {1, 7, 1, 0x60, 0xffffffffL}, {9, 5, 0xffffffffL}, {10, 5, 0xffffffffL}, {3, 5, 0xffffffffL},
                {6, 5, 0xffffffffL}, {5, 5, 0xffffffffL}, {4, 5, 0xffffffffL}, {1, HUGE}, {0, 0xffffffffL},
                {12, 1, 5}, {99, 0}, {1, 1, 0, 1, 1, 0}, {0, 6, 4, 'n', 'a', 'm', 'e', 1}};
        for (long[] s : shapes) {
            out.add(module(s));
        }
        out.add(new byte[0]);
        out.add(new byte[]{0, 0x61, 0x73});
        out.add(new byte[]{0, 0x61, 0x73, 0x6d, 2, 0, 0, 0});
        out.add(new byte[]{0x7f, 'E', 'L', 'F', 1, 0, 0, 0});
        out.add("not wasm at all".getBytes(StandardCharsets.UTF_8));
        byte[] nested = module(0, 5, HUGE);
        byte[] comp = new byte[10 + nested.length];
        System.arraycopy(new byte[]{0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 1, (byte) nested.length}, 0, comp, 0, 10);
        System.arraycopy(nested, 0, comp, 10, nested.length);
        out.add(comp);
        out.add(new byte[]{0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 4, 0x7f});
        out.add(new byte[]{0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 42, 0});
        return out;
    }

    private static byte[] module(long... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{0, 0x61, 0x73, 0x6d, 1, 0, 0, 0});
        for (long v : parts) {
            do {
                int b = (int) (v & 0x7f);
                v >>>= 7;
                out.write(v != 0 ? b | 0x80 : b);
            } while (v != 0);
        }
        return out.toByteArray();
    }

    private static final String BOUNDARY = "hostileBoundary7MA4YWxkTrZu0gW";

    private List<byte[]> badMultiparts(Release ok) {
        List<byte[]> out = new ArrayList<>();
        List<Part> parts = ok.parts(ns);
        out.add(new byte[0]);
        out.add("--".concat(BOUNDARY).getBytes(StandardCharsets.UTF_8));
        out.add(multipart(parts.subList(1, parts.size())));                       // missing manifest
        List<Part> dup = new ArrayList<>(parts);
        dup.add(parts.get(0));
        out.add(multipart(dup));                                                   // duplicate part
        List<Part> extra = new ArrayList<>(parts);
        extra.add(new Part("surprise", "x.bin", "application/octet-stream", new byte[]{1}, null));
        out.add(multipart(extra));                                                 // unknown part
        List<Part> many = new ArrayList<>(parts);
        for (int i = 0; i < 1100; i++) {
            many.add(new Part("p" + i, null, null, new byte[]{'x'}, null));
        }
        out.add(multipart(many));                                                  // more than 1,000 parts
        for (String enc : List.of("base64", "quoted-printable", "x-unknown")) {
            List<Part> encoded = new ArrayList<>();
            for (Part p : parts) {
                encoded.add(new Part(p.name, p.filename, p.type, p.name.equals("wasm")
                        ? Base64.getEncoder().encode(p.bytes) : p.bytes, p.name.equals("wasm") ? enc : null));
            }
            out.add(multipart(encoded));                                           // Content-Transfer-Encoding
        }
        byte[] full = multipart(parts);
        out.add(java.util.Arrays.copyOf(full, full.length / 2));                   // truncated
        List<Part> noFilename = new ArrayList<>();
        for (Part p : parts) {
            noFilename.add(new Part(p.name, null, p.type, p.bytes, null));
        }
        out.add(multipart(noFilename));
        out.add(new String(full, StandardCharsets.ISO_8859_1).replace(BOUNDARY, "other").getBytes(StandardCharsets.ISO_8859_1));
        return out;
    }

    private void queries() throws IOException, InterruptedException {
        List<String> values = List.of("", "%00", "%ff", "x".repeat(300), "-1", "0", "999999999999", "1e3", "NaN", "%27%3B--",
                "%3Cscript%3E", "a%20b", "%E2%80%AE", "*", "%25", "ns:pkg/iface@", "ns:pkg/iface@x", "::", "a%0d%0ab");
        for (String param : List.of("q", "interface", "namespace", "keyword", "sort", "page", "per_page")) {
            for (String v : values) {
                String path = "/v1/search?" + param + "=" + v;
                readProbe("GET " + path, send("GET", path, null, null, null));
            }
        }
        for (String param : List.of("version", "page", "per_page")) {
            for (String v : values) {
                String path = "/v1/interfaces/" + ns + ":tool0/api/implementations?" + param + "=" + v;
                readProbe("GET " + path, send("GET", path, null, null, null));
            }
        }
        for (String v : List.of("", "x", "-PT1H", "P99999999999D", "%00", "PT0S%20")) {
            HttpResponse<byte[]> r = send("POST", "/v1/admin/blob-gc?min-age=" + v, admin, null, null);
            report.record("POST blob-gc min-age=" + v, r.statusCode());
            noServerError("POST blob-gc min-age=" + v, r);
        }
        for (String v : List.of("", "x", "%00", "%ff", "x".repeat(2000))) {
            readProbe("GET /?q=" + abbreviate(v), send("GET", "/?q=" + v, null, null, null));
            readProbe("GET /?page=" + abbreviate(v), send("GET", "/?page=" + v, null, null, null));
        }
        // byte ranges on a real download
        String wasm = "/v1/packages/" + ns + "/tool0/versions/1.0.0/wasm";
        for (String range : List.of("bytes=", "bytes=-", "bytes=5-1", "bytes=0-0,1-1", "bytes=999999999-", "items=0-1",
                "bytes=-0", "bytes=0-99999999999999999999", "bytes=a-b")) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + wasm)).header("Range", range).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            report.record("GET wasm Range: " + range, r.statusCode());
            noServerError("GET wasm Range: " + range, r);
        }
    }

    /** What the HTTP client will not send: no Host, huge URIs and headers, bad request lines. */
    private void rawHttp() throws IOException {
        URI u = URI.create(base);
        String host = u.getHost() + ":" + u.getPort();
        List<String> requests = List.of(
                "GET /v1/search HTTP/1.1\r\nConnection: close\r\n\r\n",
                "GET /v1/search HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
                "GET /v1/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n",
                "GET /v1/search HTTP/1.1\r\nHost: " + host + "\r\nX-Big: " + "a".repeat(40_000) + "\r\nConnection: close\r\n\r\n",
                "POST /v1/namespaces HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 999999999999\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{}",
                "POST /v1/namespaces HTTP/1.1\r\nHost: " + host + "\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\nConnection: close\r\n\r\n0\r\n\r\n",
                "GET /../../etc/passwd HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n",
                "GET /v1/search HTTP/1.0\r\n\r\n");
        int i = 0;
        for (String req : requests) {
            int status = rawStatus(u.getHost(), u.getPort(), req.getBytes(StandardCharsets.ISO_8859_1));
            String id = "raw #" + i++;
            report.record(id, status);
            if (status >= 500) {
                report.violation(id + " -> " + status);
            }
        }
    }

    private static int rawStatus(String host, int port, byte[] request) throws IOException {
        try (Socket s = new Socket(host, port)) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before it has read everything
            }
            InputStream in = s.getInputStream();
            byte[] head = in.readNBytes(12);
            String line = new String(head, StandardCharsets.ISO_8859_1);
            return line.startsWith("HTTP/1.") && line.length() >= 12 ? Integer.parseInt(line.substring(9, 12)) : 0;
        } catch (java.net.SocketException reset) {
            return 0; // the connection was closed: not a 5xx
        }
    }

    /** Every legitimate release, downloaded again: digests and signature as a client checks them. */
    private void verifyReleases() throws IOException, InterruptedException {
        for (Published p : legit) {
            String v = "/v1/packages/" + p.ns + "/" + p.name + "/versions/" + p.version;
            HttpResponse<byte[]> meta = send("GET", v, null, null, null);
            if (meta.statusCode() != 200) {
                report.violation("legitimate release " + p.name + "@" + p.version + " is gone: " + meta.statusCode());
                continue;
            }
            JsonNode m = JSON.readTree(meta.body());
            byte[] wasm = send("GET", v + "/wasm", null, null, null).body();
            byte[] wit = send("GET", v + "/wit", null, null, null).body();
            byte[] manifest = send("GET", v + "/manifest", null, null, null).body();
            boolean same = java.util.Arrays.equals(wasm, p.wasm) && java.util.Arrays.equals(wit, p.wit) && java.util.Arrays.equals(manifest, p.manifest)
                    && m.at("/parts/wasm/digest").asText().equals(Digest.of(wasm).toString())
                    && m.at("/parts/wit/digest").asText().equals(Digest.of(wit).toString())
                    && m.at("/parts/manifest/digest").asText().equals(Digest.of(manifest).toString());
            ReleaseEnvelope env = new ReleaseEnvelope(new PackageName(p.ns, p.name), Version.parse(p.version), PackageKind.COMPONENT,
                    Digest.of(manifest), Digest.of(wasm), Digest.of(wit));
            boolean signed = m.at("/signature/keyId").asText().equals(p.key.keyId())
                    && SignatureVerifier.verify(p.key, env.canonicalBytes(), Base64.getDecoder().decode(m.at("/signature/signature").asText()));
            if (!same || !signed) {
                report.violation("legitimate release " + p.name + "@" + p.version + " changed: bytes " + same + ", signature " + signed);
            }
            report.releasesChecked++;
        }
    }

    // ------------------------------------------------------------------ rules

    /** The OCI read routes (docs/oci.md) through the same hostile segments: never a 5xx; errors in the spec's format. */
    private void ociPaths() throws IOException, InterruptedException {
        List<String> templates = List.of("/v2/{}/tool0/manifests/1.0.0", "/v2/{ns}/{}/manifests/latest",
                "/v2/{ns}/tool0/manifests/{}", "/v2/{ns}/tool0/blobs/{}", "/v2/{ns}/tool0/blobs/sha256:{}",
                "/v2/{ns}/tool0/referrers/{}", "/v2/{ns}/tool0/tags/list?n={}", "/v2/{ns}/tool0/tags/list?last={}",
                "/v2/_catalog?n={}", "/v2/{ns}/tool0/{}");
        for (String t : templates) {
            for (String seg : SEGMENTS) {
                String path = t.replace("{ns}", ns).replace("{}", seg);
                for (String method : List.of("GET", "HEAD")) {
                    HttpResponse<byte[]> r = sendOrNull(method, path, null, null, null);
                    if (r == null) {
                        continue;
                    }
                    String id = method + " " + path;
                    report.record(id, r.statusCode());
                    noServerError(id, r);
                    // a ".." segment can lead out of /v2 once the path is normalised: that answer is the v1 one
                    boolean leavesV2 = seg.contains("..") || seg.toLowerCase(java.util.Locale.ROOT).contains("%2e");
                    if (method.equals("GET") && r.statusCode() >= 400 && !leavesV2) {
                        ociErrorBody(id, r);
                    }
                }
            }
        }
    }

    private void ociErrorBody(String id, HttpResponse<byte[]> r) {
        try {
            JsonNode code = JSON.readTree(r.body()).path("errors").path(0).path("code");
            if (!code.isTextual()) {
                report.violation(id + " -> " + r.statusCode() + " without an OCI error body: " + abbreviate(new String(r.body(), StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            report.violation(id + " -> OCI error body is not JSON");
        }
    }

    private void expect(String id, HttpResponse<byte[]> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(id + ": expected " + status + ", got " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
        }
    }

    /** A bad request: must be a 4xx with a problem body. */
    private void refused(String id, HttpResponse<byte[]> r) {
        report.record(id, r.statusCode());
        if (r.statusCode() >= 500) {
            report.violation(id + " -> " + r.statusCode() + " " + abbreviate(new String(r.body(), StandardCharsets.UTF_8)));
        } else if (r.statusCode() < 400) {
            report.violation(id + " -> " + r.statusCode() + " (accepted) " + abbreviate(new String(r.body(), StandardCharsets.UTF_8)));
        } else {
            problemBody(id, r);
        }
    }

    /** A read of possibly odd input: any answer but a 5xx; errors carry a problem (or an HTML page on web routes). */
    private void readProbe(String id, HttpResponse<byte[]> r) {
        report.record(id, r.statusCode());
        noServerError(id, r);
        if (r.statusCode() >= 400 && !isHtml(r)) {
            problemBody(id, r);
        }
    }

    private void noServerError(String id, HttpResponse<byte[]> r) {
        if (r.statusCode() >= 500) {
            report.violation(id + " -> " + r.statusCode() + " " + abbreviate(new String(r.body(), StandardCharsets.UTF_8)));
        }
    }

    private static boolean isHtml(HttpResponse<byte[]> r) {
        return r.headers().firstValue("Content-Type").orElse("").startsWith("text/html");
    }

    private void problemBody(String id, HttpResponse<byte[]> r) {
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            report.violation(id + " -> " + r.statusCode() + " without a problem body (Content-Type '" + type + "')");
            return;
        }
        try {
            JsonNode n = JSON.readTree(r.body());
            if (n.get("status") == null || n.get("status").asInt() != r.statusCode() || n.get("title") == null) {
                report.violation(id + " -> problem body lacks status/title: " + abbreviate(new String(r.body(), StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            report.violation(id + " -> problem body is not JSON");
        }
    }

    // ------------------------------------------------------------------ HTTP

    private HttpResponse<byte[]> send(String method, String path, String token, String type, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", token.startsWith("RAW:") ? token.substring(4) : token.startsWith("ast_") ? "Bearer " + token : token);
        }
        if (type != null) {
            b.header("Content-Type", type);
        }
        b.header("Accept", "application/json, application/problem+json");
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** As {@link #send}, or null for what the HTTP client itself refuses to send (an invalid URI or header). */
    private HttpResponse<byte[]> sendOrNull(String method, String path, String token, String type, byte[] body)
            throws IOException, InterruptedException {
        try {
            return send(method, path, token, type, body);
        } catch (IllegalArgumentException clientRefused) {
            return null;
        }
    }

    private HttpResponse<byte[]> publish(Release r, String token) throws IOException, InterruptedException {
        return send("POST", "/v1/packages/" + ns + "/" + r.name + "/versions", token, "multipart/form-data; boundary=" + BOUNDARY,
                multipart(r.parts(ns)));
    }

    private record Part(String name, String filename, String type, byte[] bytes, String encoding) {
    }

    private static byte[] multipart(List<Part> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : parts) {
            StringBuilder h = new StringBuilder("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"").append(p.name).append('"');
            if (p.filename != null) {
                h.append("; filename=\"").append(p.filename).append('"');
            }
            h.append("\r\n");
            if (p.type != null) {
                h.append("Content-Type: ").append(p.type).append("\r\n");
            }
            if (p.encoding != null) {
                h.append("Content-Transfer-Encoding: ").append(p.encoding).append("\r\n");
            }
            out.writeBytes(h.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(p.bytes);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A release to publish; fields can be bent into bad input. */
    private final class Release {
        final String name;
        final String version;
        byte[] wasm = module();
        byte[] wit;
        byte[] manifest;
        byte[] signature;
        SigningKey signer = key;
        byte[] signedWasm;

        Release(String name, String version) {
            this.name = name;
            this.version = version;
            String v = version.replaceAll("\\+.*", "");
            this.wit = ("package test:" + name + "@" + v + ";\n\nworld " + name + " {\n  export run: func() -> string;\n}\n")
                    .getBytes(StandardCharsets.UTF_8);
            this.manifest = new Manifest(ns + ":" + name, version, "component", "A hostile-suite package " + name, List.of("test"),
                    "Apache-2.0", "test:" + name + "/" + name, Permissions.NONE).toJson();
        }

        void setWasm(byte[] w) {
            wasm = w;
        }

        void signWith(SigningKey k) {
            signer = k;
        }

        List<Part> parts(String namespace) {
            byte[] sig = signature;
            if (sig == null) {
                byte[] w = signedWasm != null ? signedWasm : wasm;
                ReleaseEnvelope env = new ReleaseEnvelope(new PackageName(namespace, name), Version.parse(version), PackageKind.COMPONENT,
                        Digest.of(manifest), Digest.of(w), Digest.of(wit));
                sig = SignatureBundle.sign(signer, env.canonicalBytes()).toJson();
            }
            return List.of(new Part("manifest", "manifest.json", "application/json", manifest, null),
                    new Part("wit", "package.wit", "text/plain", wit, null),
                    new Part("signature", "signature.json", "application/json", sig, null),
                    new Part("wasm", name + ".wasm", "application/wasm", wasm, null));
        }
    }

    // ------------------------------------------------------------------ helpers

    private static byte[] json(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String abbreviate(String s) {
        String t = s.replaceAll("[\\p{Cntrl}]", "?");
        return t.length() > 80 ? t.substring(0, 80) + "…(" + s.length() + ")" : t;
    }
}
