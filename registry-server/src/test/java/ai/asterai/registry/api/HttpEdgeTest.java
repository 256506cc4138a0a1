package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The edges of HTTP itself: what the HTTP layer refuses (request line, headers, body size, Host),
 * multipart framing (part count, part encodings), methods on the operations routes, and links
 * built from the request. Every error is a problem body and no client mistake is logged as ERROR.
 */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class HttpEdgeTest {
    private final List<LogRecord> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureErrors() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    private void assertNoErrorLogged() throws InterruptedException {
        Thread.sleep(300); // the server may log just after it answered
        assertTrue(errors.isEmpty(), () -> "ERROR logged for a client mistake: " + errors.stream()
                .map(r -> r.getLoggerName() + ": " + r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown())).toList());
    }

    private static void assertProblem(RawHttp.Response r, int status) {
        assertEquals(status, r.status(), () -> "status of " + r);
        assertEquals("application/problem+json", r.contentType(), () -> "content type of " + r);
        assertTrue(r.body().contains("\"status\":" + status), () -> "problem body of " + r);
    }

    // --- multipart framing

    @Test
    void manyMultipartPartsAreRefusedWithA400() throws Exception {
        Fixtures.Publisher p = Fixtures.publisher();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < 1001; i++) {
            body.writeBytes(("--b\r\nContent-Disposition: form-data; name=\"x" + i + "\"; filename=\"x\"\r\n\r\nx\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes("--b--\r\n".getBytes(StandardCharsets.US_ASCII));
        given().header("Authorization", p.bearer()).contentType("multipart/form-data; boundary=b").body(body.toByteArray())
                .post("/v1/packages/" + p.namespace() + "/many/versions").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("multipart parts"));
        assertNoErrorLogged();
    }

    @Test
    void anEmptyOrMissingMultipartBoundaryIsA400() throws Exception {
        // found by the hostile-input suite: the multipart parser failed with a 500 on "boundary="
        Fixtures.Publisher p = Fixtures.publisher();
        for (String type : List.of("multipart/form-data; boundary=", "multipart/form-data", "multipart/form-data; boundary=\"\"",
                "multipart/form-data; boundary=" + "b".repeat(71))) {
            given().header("Authorization", p.bearer()).header("Content-Type", type).body("--x\r\n".getBytes(StandardCharsets.US_ASCII))
                    .post("/v1/packages/" + p.namespace() + "/nob/versions").then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString("boundary"));
        }
        assertNoErrorLogged();
    }

    @Test
    void jsonBodiesWithAByteOrderMarkOrInUtf16AreRefused() {
        // Jackson skips a UTF-8 BOM and reads UTF-16 on its own: both created namespaces before
        byte[] json = "{\"name\": \"bomname\"}".getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[json.length + 3];
        bom[0] = (byte) 0xef;
        bom[1] = (byte) 0xbb;
        bom[2] = (byte) 0xbf;
        System.arraycopy(json, 0, bom, 3, json.length);
        for (byte[] body : List.of(bom, "{\"name\": \"utf16name\"}".getBytes(StandardCharsets.UTF_16),
                "{\"name\": \"utf16le\"}".getBytes(StandardCharsets.UTF_16LE))) {
            given().header("Authorization", Fixtures.ADMIN).contentType("application/json").body(body)
                    .post("/v1/namespaces").then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo("body"));
        }
        for (String name : List.of("bomname", "utf16name", "utf16le")) {
            given().get("/v1/namespaces/" + name).then().statusCode(404);
        }
    }

    @Test
    void largeHeadersOverHttp2AreAnsweredAsOverHttp1() throws Exception {
        // Java's client upgrades to HTTP/2 (h2c), whose codec cut an 8 KiB header off with a bare 431
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_2).build();
        // the first request upgrades the connection; the next travels as HTTP/2 frames
        java.net.http.HttpResponse<String> upgrade = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + RestAssured.port + "/v1/search")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(java.net.http.HttpClient.Version.HTTP_2, upgrade.version());
        java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + RestAssured.port + "/v1/tokens/self"))
                .header("Authorization", "Bearer ast_" + "a".repeat(9000)).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void encodedPartsAreRefused() throws Exception {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release r = new Fixtures.Release("encoded", "1.0.0", p.key());
        String ns = p.namespace();
        for (String[] c : List.of(new String[]{"wasm", "base64"}, new String[]{"manifest", "quoted-printable"},
                new String[]{"wit", "x-gzip"})) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (String part : List.of("manifest", "wit", "signature", "wasm")) {
                byte[] bytes = switch (part) {
                    case "manifest" -> r.manifestBytes(ns);
                    case "wit" -> r.witBytes(ns);
                    case "signature" -> r.signatureBytes(ns);
                    default -> r.wasm;
                };
                String encoding = part.equals(c[0]) ? c[1] : null;
                if ("base64".equals(encoding)) {
                    bytes = Base64.getMimeEncoder().encode(bytes);
                }
                body.writeBytes(("--b\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"" + part + "\"\r\n"
                        + (encoding == null ? "" : "Content-Transfer-Encoding: " + encoding + "\r\n") + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                body.writeBytes(bytes);
                body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            body.writeBytes("--b--\r\n".getBytes(StandardCharsets.US_ASCII));
            given().header("Authorization", p.bearer()).contentType("multipart/form-data; boundary=b").body(body.toByteArray())
                    .post("/v1/packages/" + ns + "/encoded/versions").then().statusCode(400)
                    .contentType("application/problem+json").body("field", equalTo(c[0]))
                    .body("detail", containsString("Content-Transfer-Encoding"));
        }
        // identity encodings are fine
        r.send(given().header("Authorization", p.bearer()), ns).then().statusCode(201);
        assertNoErrorLogged();
    }

    // --- methods on the operations routes

    @Test
    void operationsRoutesAnswerOnlyGet() throws Exception {
        given().post("/q/openapi").then().statusCode(405).contentType("application/problem+json")
                .header("Allow", containsString("GET"));
        given().delete("/q/openapi").then().statusCode(405).contentType("application/problem+json");
        given().accept("application/json").get("/q/openapi").then().statusCode(200);
        given().head("/q/openapi").then().statusCode(200);
        assertNoErrorLogged();
    }

    // --- what the HTTP layer refuses

    @Test
    void requestWithoutHostIsAProblem() throws Exception {
        RawHttp.Response r = RawHttp.send(RestAssured.port, "GET /v1/search HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertProblem(r, 400);
        assertNoErrorLogged();
    }

    @Test
    void tooLongRequestLineIsAProblem() throws Exception {
        RawHttp.Response r = RawHttp.send(RestAssured.port,
                "GET /v1/search?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertProblem(r, 414);
        assertNoErrorLogged();
    }

    @Test
    void tooLargeHeadersAreAProblem() throws Exception {
        RawHttp.Response r = RawHttp.send(RestAssured.port,
                "GET /v1/search HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(40_000) + "\r\nConnection: close\r\n\r\n");
        assertProblem(r, 431);
        assertNoErrorLogged();
    }

    @Test
    void streamedBodyOverTheLimitIsAProblemAndNoError() throws Exception {
        Fixtures.Publisher p = Fixtures.publisher();
        // chunked: no length to refuse up front, so the limit (2M in tests) applies while it streams
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        chunks.writeBytes("--b\r\nContent-Disposition: form-data; name=\"wasm\"; filename=\"x.wasm\"\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] block = new byte[64 * 1024];
        for (int i = 0; i < 48; i++) {
            chunks.writeBytes(block);
        }
        byte[] payload = chunks.toByteArray();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int off = 0; off < payload.length; off += 16 * 1024) {
            int n = Math.min(16 * 1024, payload.length - off);
            body.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            body.write(payload, off, n);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        RawHttp.Response r = RawHttp.send(RestAssured.port, "POST /v1/packages/" + p.namespace() + "/big/versions HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: " + p.bearer() + "\r\nContent-Type: multipart/form-data; boundary=b\r\nTransfer-Encoding: chunked\r\n\r\n",
                body.toByteArray());
        assertProblem(r, 413);
        given().get("/v1/packages/" + p.namespace() + "/big").then().statusCode(404);
        assertNoErrorLogged();
    }

    // --- links

    @Test
    void locationIsNotBuiltFromTheHostHeader() throws Exception {
        String ns = Fixtures.uniqueNamespace();
        String json = "{\"name\":\"" + ns + "\"}";
        RawHttp.Response r = RawHttp.send(RestAssured.port, "POST /v1/namespaces HTTP/1.1\r\nHost: evil.example\r\n"
                + "Authorization: " + Fixtures.ADMIN + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length()
                + "\r\nConnection: close\r\n\r\n" + json);
        assertEquals(201, r.status(), r.toString());
        assertEquals("/v1/namespaces/" + ns, r.header("Location"));
        assertFalse(r.toString().contains("evil.example"));

        Fixtures.Publisher p = Fixtures.publisher();
        String location = p.publish(new Fixtures.Release("located", "1.0.0", p.key())).then().statusCode(201).extract().header("Location");
        assertEquals("/v1/packages/" + p.namespace() + "/located/versions/1.0.0", location);
    }
}
