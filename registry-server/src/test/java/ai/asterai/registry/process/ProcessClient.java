package ai.asterai.registry.process;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.release.PackageKind;
import ai.asterai.protocol.release.Permissions;
import ai.asterai.protocol.release.ReleaseEnvelope;
import ai.asterai.protocol.release.SignatureBundle;
import ai.asterai.registry.testing.RegistryProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Talks to a {@link RegistryProcess} as a client would, without RestAssured's static state: creates
 * a namespace with a key and a token, and publishes releases whose bodies stream from files.
 */
final class ProcessClient {
    static final ObjectMapper JSON = new ObjectMapper();
    final RegistryProcess registry;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final String namespace = "ns" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final SigningKey key = SigningKey.generate();
    String token;

    ProcessClient(RegistryProcess registry) throws Exception {
        this.registry = registry;
        String admin = "Bearer " + registry.adminToken();
        expect(201, post("/v1/namespaces", admin, Map.of("name", namespace)));
        expect(201, post("/v1/namespaces/" + namespace + "/keys", admin,
                Map.of("publicKey", key.publicKey().toString(), "label", "first")));
        token = JSON.readTree(expect(201, post("/v1/tokens", admin, Map.of("namespaces", List.of(namespace),
                "scopes", List.of("publish", "yank", "keys"), "description", "process test"))).body()).get("token").asText();
    }

    HttpResponse<String> post(String path, String authorization, Object json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(registry.url() + path)).header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(json))).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(registry.url() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> expect(int status, HttpResponse<String> r) {
        if (r.statusCode() != status) {
            throw new AssertionError("expected " + status + " but got " + r.statusCode() + ": " + r.body());
        }
        return r;
    }

    /**
     * Writes a core module of exactly {@code size} bytes (a custom section of pseudo-random padding)
     * to {@code file}; returns its digest.
     */
    static Digest writeModule(Path file, long size, int seed) throws IOException {
        MessageDigest md = Digest.sha256();
        byte[] name = "pad".getBytes(StandardCharsets.US_ASCII);
        long sectionSize = size - 8 - 1 - 5;
        long payload = sectionSize - 1 - name.length;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            byte[] head = new byte[8 + 1 + 5 + 1 + name.length];
            System.arraycopy(new byte[]{0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00}, 0, head, 0, 8);
            head[8] = 0; // custom section
            long v = sectionSize;
            for (int i = 0; i < 5; i++) { // fixed-width LEB128
                head[9 + i] = (byte) ((v & 0x7f) | (i < 4 ? 0x80 : 0));
                v >>>= 7;
            }
            head[14] = (byte) name.length;
            System.arraycopy(name, 0, head, 15, name.length);
            out.write(head);
            md.update(head);
            byte[] chunk = new byte[1 << 16];
            java.util.Random random = new java.util.Random(seed);
            for (long left = payload; left > 0; ) {
                random.nextBytes(chunk);
                int n = (int) Math.min(chunk.length, left);
                out.write(chunk, 0, n);
                md.update(chunk, 0, n);
                left -= n;
            }
        }
        return new Digest(HexFormat.of().formatHex(md.digest()));
    }

    /** A publish request body on disk: manifest, wit, signature and the given wasm file. */
    Path publishBody(String name, String version, Path wasm, Digest wasmDigest, String boundary) throws IOException {
        return publishBody(name, version, wasm, wasmDigest, boundary,
                "package test:" + name + "@" + version + ";\n\nworld " + name + " {\n  export run: func() -> string;\n}\n",
                "test:" + name + "/" + name);
    }

    /** As above with the WIT text and the manifest's world given (a component-model binary and its WIT). */
    Path publishBody(String name, String version, Path wasm, Digest wasmDigest, String boundary, String witText, String world)
            throws IOException {
        byte[] wit = witText.getBytes(StandardCharsets.UTF_8);
        byte[] manifest = new Manifest(namespace + ":" + name, version, "component", "A large test package",
                List.of("test"), "Apache-2.0", world, Permissions.NONE).toJson();
        ReleaseEnvelope env = new ReleaseEnvelope(new PackageName(namespace, name), Version.parse(version), PackageKind.COMPONENT,
                Digest.of(manifest), wasmDigest, Digest.of(wit));
        byte[] signature = SignatureBundle.sign(key, env.canonicalBytes()).toJson();
        Path body = Files.createTempFile("publish-body", ".bin");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(body), 1 << 16)) {
            part(out, boundary, "manifest", "manifest.json", "application/json", manifest);
            part(out, boundary, "wit", "package.wit", "text/plain", wit);
            part(out, boundary, "signature", "signature.json", "application/json", signature);
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"wasm\"; filename=\"" + name
                    + ".wasm\"\r\nContent-Type: application/wasm\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Files.copy(wasm, out);
            out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        return body;
    }

    private static void part(OutputStream out, String boundary, String name, String filename, String type, byte[] content) throws IOException {
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(content);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    HttpResponse<String> publish(String name, Path body, String boundary) throws Exception {
        return publish(registry.url(), name, body, boundary);
    }

    /** Publishes through the registry at {@code url}: another replica on the same database. */
    HttpResponse<String> publish(String url, String name, Path body, String boundary) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + "/v1/packages/" + namespace + "/" + name + "/versions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofFile(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }
}
