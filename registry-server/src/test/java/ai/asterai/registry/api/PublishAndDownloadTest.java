package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.registry.blob.BlobStore;
import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class PublishAndDownloadTest {

    @Test
    void publishThenReadEveryPart() {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release r = new Fixtures.Release("calc", "1.2.3", p.key());
        r.wasm = Fixtures.moduleOfSize(10_000, 1);
        String wasmDigest = Digest.of(r.wasm).toString();

        p.publish(r).then().statusCode(201)
                .header("Location", containsString("/v1/packages/" + p.namespace() + "/calc/versions/1.2.3"))
                .body("name", equalTo(p.namespace() + ":calc"))
                .body("version", equalTo("1.2.3"))
                .body("kind", equalTo("component"))
                .body("parts.wasm.digest", equalTo(wasmDigest))
                .body("parts.wasm.size", equalTo(r.wasm.length))
                .body("parts.wit.digest", equalTo(Digest.of(r.witBytes(p.namespace())).toString()))
                .body("manifest.world", equalTo("test:calc/calc"))
                .body("signature.keyId", equalTo(p.key().publicKey().keyId()))
                .body("yanked", equalTo(false));

        String base = "/v1/packages/" + p.namespace() + "/calc";
        given().get(base).then().statusCode(200).body("latest", equalTo("1.2.3"))
                .body("versions.version", contains("1.2.3")).body("kind", equalTo("component"))
                .body("description", equalTo("A test package called calc"));
        given().get(base + "/versions/1.2.3").then().statusCode(200).body("parts.manifest.digest", equalTo(Digest.of(r.manifestBytes(p.namespace())).toString()));

        byte[] wasm = given().get(base + "/versions/1.2.3/wasm").then().statusCode(200)
                .header("ETag", "\"" + wasmDigest + "\"").contentType("application/wasm")
                .header("Accept-Ranges", "bytes").extract().asByteArray();
        assertArrayEquals(r.wasm, wasm);
        assertArrayEquals(r.witBytes(p.namespace()), given().get(base + "/versions/1.2.3/wit").then().statusCode(200).extract().asByteArray());
        assertArrayEquals(r.manifestBytes(p.namespace()),
                given().get(base + "/versions/1.2.3/manifest").then().statusCode(200).extract().asByteArray());
        assertArrayEquals(r.wasm, given().get("/v1/blobs/" + wasmDigest).then().statusCode(200).extract().asByteArray());

        // revalidation and ranges
        given().header("If-None-Match", "\"" + wasmDigest + "\"").get(base + "/versions/1.2.3/wasm").then().statusCode(304);
        given().header("If-None-Match", "\"sha256:" + "0".repeat(64) + "\"").get(base + "/versions/1.2.3/wasm").then().statusCode(200);
        byte[] part = given().header("Range", "bytes=100-199").get(base + "/versions/1.2.3/wasm").then().statusCode(206)
                .header("Content-Range", "bytes 100-199/" + r.wasm.length).extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(r.wasm, 100, 200), part);
        byte[] tail = given().header("Range", "bytes=-10").get(base + "/versions/1.2.3/wasm").then().statusCode(206).extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(r.wasm, r.wasm.length - 10, r.wasm.length), tail);
        given().header("Range", "bytes=999999-").get(base + "/versions/1.2.3/wasm").then().statusCode(416)
                .contentType("application/problem+json").header("Content-Range", "bytes */" + r.wasm.length);
        given().header("Range", "bytes=abc").get(base + "/versions/1.2.3/wasm").then().statusCode(416);
    }

    @Test
    void versionsAreImmutableEvenAfterYank() {
        Fixtures.Publisher p = Fixtures.publisher();
        p.publish(new Fixtures.Release("immut", "1.0.0", p.key())).then().statusCode(201);
        Fixtures.Release again = new Fixtures.Release("immut", "1.0.0", p.key());
        again.wasm = Fixtures.moduleOfSize(100, 7);
        p.publish(again).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already exists"));
        // build metadata does not make a new version
        p.publish(new Fixtures.Release("immut", "1.0.0+build.5", p.key())).then().statusCode(409);

        String v = "/v1/packages/" + p.namespace() + "/immut/versions/1.0.0";
        given().header("Authorization", p.bearer()).post(v + "/yank").then().statusCode(200).body("yanked", equalTo(true));
        p.publish(new Fixtures.Release("immut", "1.0.0", p.key())).then().statusCode(409);
        // yanked versions stay downloadable by exact version but are not latest
        given().get(v + "/wasm").then().statusCode(200);
        given().get("/v1/packages/" + p.namespace() + "/immut").then().body("latest", nullValue())
                .body("versions[0].yanked", equalTo(true));
        given().header("Authorization", p.bearer()).post(v + "/unyank").then().statusCode(200).body("yanked", equalTo(false));
        given().get("/v1/packages/" + p.namespace() + "/immut").then().body("latest", equalTo("1.0.0"));
    }

    @Test
    void latestPrefersHighestNonYankedRelease() {
        Fixtures.Publisher p = Fixtures.publisher();
        for (String v : new String[]{"1.0.0", "1.10.0", "1.9.0", "2.0.0-rc.1"}) {
            p.publish(new Fixtures.Release("lat", v, p.key())).then().statusCode(201);
        }
        String base = "/v1/packages/" + p.namespace() + "/lat";
        given().get(base).then().body("latest", equalTo("1.10.0"))
                .body("versions.version", contains("2.0.0-rc.1", "1.10.0", "1.9.0", "1.0.0"));
        given().header("Authorization", p.bearer()).post(base + "/versions/1.10.0/yank").then().statusCode(200);
        given().get(base).then().body("latest", equalTo("1.9.0"));
    }

    @Test
    void interfacePackagesHaveNoWasm() {
        Fixtures.Publisher p = Fixtures.publisher();
        p.publish(new Fixtures.Release("api", "0.1.0", p.key()).iface()).then().statusCode(201)
                .body("kind", equalTo("interface")).body("parts.wasm", nullValue());
        given().get("/v1/packages/" + p.namespace() + "/api/versions/0.1.0/wasm").then().statusCode(404)
                .contentType("application/problem+json");
        // a package keeps its kind
        p.publish(new Fixtures.Release("api", "0.2.0", p.key())).then().statusCode(409).body("detail", containsString("interface"));
    }

    @Test
    void componentModelBinariesAreComparedWithTheirWorld() {
        // an empty component exports nothing: not the world that exports `run` (issue #13; it was
        // accepted by its header alone before), but an empty world
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release r = new Fixtures.Release("comp", "0.1.0", p.key());
        r.wasm = new byte[]{0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};
        p.publish(r).then().statusCode(400).body("field", org.hamcrest.Matchers.equalTo("wasm"))
                .body("detail", org.hamcrest.Matchers.endsWith("world `test:comp/comp` exports `run` but the component does not"));
        r.wit = "package test:comp@0.1.0;\n\nworld comp {\n}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        p.publish(r).then().statusCode(201).body("exports", org.hamcrest.Matchers.empty());
    }

    @Test
    void sameBlobIsStoredOnce() throws IOException {
        Fixtures.Publisher p = Fixtures.publisher();
        byte[] shared = Fixtures.moduleOfSize(5000, 99);
        for (String v : new String[]{"1.0.0", "1.0.1"}) {
            Fixtures.Release r = new Fixtures.Release("dedup", v, p.key());
            r.wasm = shared;
            p.publish(r).then().statusCode(201);
        }
        String key = BlobStore.key(Digest.of(shared));
        try (Stream<Path> files = Files.walk(S3ProxyTestResource.s3().dataDir())) {
            long copies = files.filter(f -> f.toString().endsWith(Digest.of(shared).hex())).count();
            assertEquals(1, copies, "blob " + key + " stored once");
        }
    }

    @Test
    void namespacePageListsKeysAndPackages() {
        Fixtures.Publisher p = Fixtures.publisher();
        p.publish(new Fixtures.Release("one", "1.0.0", p.key())).then().statusCode(201);
        given().get("/v1/namespaces/" + p.namespace()).then().statusCode(200)
                .body("name", equalTo(p.namespace()))
                .body("keys", hasSize(1))
                .body("keys[0].keyId", equalTo(p.key().publicKey().keyId()))
                .body("packages.name", contains(p.namespace() + ":one"));
    }

    @Test
    void downloadsAreCounted() throws InterruptedException {
        Fixtures.Publisher p = Fixtures.publisher();
        p.publish(new Fixtures.Release("dl", "1.0.0", p.key())).then().statusCode(201);
        String v = "/v1/packages/" + p.namespace() + "/dl/versions/1.0.0";
        for (int i = 0; i < 3; i++) {
            given().get(v + "/wasm").then().statusCode(200);
        }
        long deadline = System.currentTimeMillis() + 10_000;
        int downloads = 0;
        while (System.currentTimeMillis() < deadline && downloads < 1) {
            Thread.sleep(200);
            downloads = given().get(v).then().extract().path("downloads");
        }
        Thread.sleep(1_500); // one more flush: repeats by the same client within the window must not add up
        downloads = given().get(v).then().extract().path("downloads");
        assertEquals(1, downloads, "three downloads by one client within the window count once");
    }
}
