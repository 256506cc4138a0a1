package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hostile and malformed requests: every one gets a 4xx problem body, none a 5xx, nothing stored. */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class BadInputTest {

    @Test
    void oddNamesInPaths() {
        for (String path : List.of("/v1/packages/..%2F..%2Fetc/passwd", "/v1/packages/UPPER/name", "/v1/packages/a--b/c",
                "/v1/packages/ns/name-", "/v1/packages/ns/" + "n".repeat(64), "/v1/packages/1ns/name",
                "/v1/packages/ns/na%20me", "/v1/packages/ns/na%00me", "/v1/namespaces/..", "/v1/namespaces/%2e%2e",
                "/v1/namespaces/a%2Fb", "/v1/packages/ns/name/versions/1.0", "/v1/packages/ns/name/versions/01.0.0",
                "/v1/packages/ns/name/versions/1.0.0/..%2F..%2Fsecrets", "/v1/blobs/sha256:xyz", "/v1/blobs/md5:abc",
                "/v1/blobs/" + "a".repeat(5000), "/v1/packages/ns/name/versions/1.0.0/other")) {
            given().urlEncodingEnabled(false).get(path).then().statusCode(lessThan(500))
                    .statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        }
        given().get("/v1/packages/UPPER/name").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("namespace"));
        given().get("/v1/packages/ns/name/versions/1.0").then().statusCode(400).body("field", equalTo("version"));
        given().get("/v1/blobs/sha256:xyz").then().statusCode(400).body("field", equalTo("digest"));
        given().get("/v1/blobs/sha256:" + "0".repeat(64)).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void wrongMultipartParts() {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release r = new Fixtures.Release("parts", "1.0.0", p.key());
        String url = "/v1/packages/" + p.namespace() + "/parts/versions";
        // missing wit
        given().header("Authorization", p.bearer())
                .multiPart("manifest", "m.json", r.manifestBytes(p.namespace()), "application/json")
                .multiPart("signature", "s.json", r.signatureBytes(p.namespace()), "application/json")
                .multiPart("wasm", "x.wasm", r.wasm, "application/wasm")
                .post(url).then().statusCode(400).body("field", equalTo("wit"));
        // an extra part
        r.send(given().header("Authorization", p.bearer()).multiPart("evil", "e.bin", new byte[]{1}), p.namespace())
                .then().statusCode(400).body("detail", containsString("unexpected part"));
        // a duplicated part
        r.send(given().header("Authorization", p.bearer()).multiPart("wit", "again.wit", r.witBytes(p.namespace()), "text/plain"), p.namespace())
                .then().statusCode(400).body("detail", containsString("more than once"));
        // a component without wasm
        Fixtures.Release noWasm = new Fixtures.Release("parts", "1.0.0", p.key());
        noWasm.wasm = null;
        p.publish(noWasm).then().statusCode(400).body("field", equalTo("wasm"));
        // not multipart at all
        given().header("Authorization", p.bearer()).contentType("application/json").body("{}").post(url)
                .then().statusCode(415).contentType("application/problem+json");
        given().header("Authorization", p.bearer()).contentType("multipart/form-data; boundary=xyz").body("garbage".getBytes())
                .post(url).then().statusCode(lessThan(500)).statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        given().get("/v1/packages/" + p.namespace() + "/parts").then().statusCode(404);
    }

    @Test
    void nonWasmAndBrokenWasm() {
        Fixtures.Publisher p = Fixtures.publisher();
        for (byte[] bad : List.of("hello world, not wasm".getBytes(), new byte[]{0, 0x61, 0x73}, new byte[0],
                new byte[]{0, 0x61, 0x73, 0x6d, 2, 0, 0, 0},
                // valid header, then a section that claims more bytes than there are
                new byte[]{0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 0x7f, 0x01})) {
            Fixtures.Release r = new Fixtures.Release("notwasm", "1.0.0", p.key());
            r.wasm = bad;
            p.publish(r).then().statusCode(400).contentType("application/problem+json").body("field", equalTo("wasm"));
        }
        given().get("/v1/packages/" + p.namespace() + "/notwasm").then().statusCode(404);
    }

    @Test
    void badManifests() {
        Fixtures.Publisher p = Fixtures.publisher();
        String ns = p.namespace();
        Map<String, String> cases = Map.of(
                "{", "manifest",
                "{\"name\":\"" + ns + ":bm\",\"version\":\"1.0\",\"kind\":\"component\",\"world\":\"a:b/c\"}", "version",
                "{\"name\":\"" + ns + ":other\",\"version\":\"1.0.0\",\"kind\":\"component\",\"world\":\"a:b/c\"}", "manifest.name",
                "{\"name\":\"" + ns + ":bm\",\"version\":\"1.0.0\",\"kind\":\"plugin\"}", "kind",
                "{\"name\":\"" + ns + ":bm\",\"version\":\"1.0.0\",\"kind\":\"component\"}", "manifest.world",
                "{\"name\":\"" + ns + ":bm\",\"version\":\"1.0.0\",\"kind\":\"component\",\"world\":\"a:b/c\",\"evil\":1}", "manifest",
                "{\"name\":\"" + ns + ":bm\",\"version\":\"1.0.0\",\"kind\":\"component\",\"world\":\"a:b/c\",\"permissions\":{\"files\":[{\"guest\":\"../etc\",\"access\":\"rw\"}]}}", "permissions.files",
                "{\"name\":\"" + ns + ":bm\",\"version\":\"1.0.0\",\"kind\":\"component\",\"world\":\"a:b/c\",\"permissions\":{\"hosts\":[\"ftp://x\"]}}", "permissions.hosts",
                "[]", "manifest");
        cases.forEach((manifest, field) -> {
            Fixtures.Release r = new Fixtures.Release("bm", "1.0.0", p.key());
            r.manifest = manifest.getBytes(StandardCharsets.UTF_8);
            p.publish(r).then().statusCode(400).contentType("application/problem+json").body("field", equalTo(field));
        });
        Fixtures.Release big = new Fixtures.Release("bm", "1.0.0", p.key());
        big.manifest = ("{\"description\":\"" + "x".repeat(70_000) + "\"}").getBytes();
        p.publish(big).then().statusCode(400).body("field", equalTo("manifest"));
        Fixtures.Release notUtf8 = new Fixtures.Release("bm", "1.0.0", p.key());
        notUtf8.wit = new byte[]{(byte) 0xff, (byte) 0xfe, 0x00};
        p.publish(notUtf8).then().statusCode(400).body("field", equalTo("wit"));
        given().get("/v1/packages/" + ns + "/bm").then().statusCode(404);
    }

    @Test
    void oversizedBodiesAreRefusedWhileStreaming() throws Exception {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release r = new Fixtures.Release("huge", "1.0.0", p.key());
        r.wasm = Fixtures.moduleOfSize(3 * 1024 * 1024, 3);
        int status = p.publish(r).then().extract().statusCode();
        org.junit.jupiter.api.Assertions.assertEquals(413, status);
        given().get("/v1/packages/" + p.namespace() + "/huge").then().statusCode(404);

        // a body that announces 1 GiB: refused from the header, before the upload
        try (Socket s = new Socket("127.0.0.1", RestAssured.port)) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/packages/" + p.namespace() + "/huge/versions HTTP/1.1\r\nHost: x\r\nAuthorization: "
                    + p.bearer() + "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 1073741824\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            org.junit.jupiter.api.Assertions.assertEquals("HTTP/1.1 413", head);
        }
    }

    @Test
    void truncatedMultipartBody() throws Exception {
        Fixtures.Publisher p = Fixtures.publisher();
        String body = "--b\r\nContent-Disposition: form-data; name=\"wasm\"; filename=\"x.wasm\"\r\n\r\n\0asm";
        try (Socket s = new Socket("127.0.0.1", RestAssured.port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/packages/" + p.namespace() + "/trunc/versions HTTP/1.1\r\nHost: x\r\nAuthorization: "
                    + p.bearer() + "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: " + (body.length() + 500)
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            s.shutdownOutput();
            s.getInputStream().readAllBytes();
        }
        given().get("/v1/packages/" + p.namespace() + "/trunc").then().statusCode(404);
        // the server is still fine
        p.publish(new Fixtures.Release("trunc", "1.0.0", p.key())).then().statusCode(201);
    }

    @Test
    void badNamespaceRequests() {
        given().header("Authorization", Fixtures.ADMIN).contentType("application/json").body(Map.of("name", "Bad_Name"))
                .post("/v1/namespaces").then().statusCode(400).body("field", equalTo("name"));
        given().header("Authorization", Fixtures.ADMIN).contentType("application/json").body("{}")
                .post("/v1/namespaces").then().statusCode(400);
        given().header("Authorization", Fixtures.ADMIN).contentType("application/json").body("[1,2]")
                .post("/v1/namespaces").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", Fixtures.ADMIN).contentType("text/plain").body("acme")
                .post("/v1/namespaces").then().statusCode(415);
        String ns = Fixtures.uniqueNamespace();
        given().header("Authorization", Fixtures.ADMIN).contentType("application/json").body(Map.of("name", ns))
                .post("/v1/namespaces").then().statusCode(201);
        given().header("Authorization", Fixtures.ADMIN).contentType("application/json").body(Map.of("name", ns))
                .post("/v1/namespaces").then().statusCode(409);
        given().delete("/v1/namespaces/" + ns).then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void unknownVersionsAndPackages() {
        Fixtures.Publisher p = Fixtures.publisher();
        given().get("/v1/packages/" + p.namespace() + "/missing").then().statusCode(404).contentType("application/problem+json");
        given().get("/v1/packages/" + p.namespace() + "/missing/versions/1.0.0").then().statusCode(404);
        given().header("Authorization", p.bearer()).post("/v1/packages/" + p.namespace() + "/missing/versions/1.0.0/yank")
                .then().statusCode(404);
        given().header("Authorization", p.bearer()).post("/v1/packages/" + p.namespace() + "/missing/versions/bad/yank")
                .then().statusCode(400);
    }
}
