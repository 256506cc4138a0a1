package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input on every OCI read route: each answer is a 4xx in the distribution spec's error format
 * ({@code {"errors":[{"code":...}]}}) with the code the spec gives it; never a 5xx, never a problem body.
 */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class OciBadInputTest {
    private static final String SHA512 = "sha512:" + "ab".repeat(64);
    private static final String ZERO = "sha256:" + "0".repeat(64);
    private String repo;
    private byte[] wasm;

    @BeforeEach
    void publish() {
        if (repo != null) {
            return;
        }
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release r = new Fixtures.Release("target", "1.0.0", p.key());
        r.wasm = Fixtures.moduleOfSize(5000, 1);
        p.publish(r).then().statusCode(201);
        repo = "/v2/" + p.namespace() + "/target";
        wasm = r.wasm;
    }

    /** GET (and HEAD) the raw path; the status and, for GET, the spec code must be as expected. */
    private static void expect(String path, int status, String code) {
        expect(path, Map.of(), status, code);
    }

    private static void expect(String path, Map<String, String> headers, int status, String code) {
        Response get = given().urlEncodingEnabled(false).headers(headers).get(path);
        assertEquals(status, get.statusCode(), "GET " + path + ": " + get.asString());
        assertTrue(get.contentType().startsWith("application/json"), "GET " + path + ": " + get.contentType());
        assertEquals(code, get.path("errors[0].code"), "GET " + path + ": " + get.asString());
        assertTrue(get.<String>path("errors[0].message").length() > 0, path);
        if (path.contains("/manifests/") || path.contains("/blobs/")) {
            Response head = given().urlEncodingEnabled(false).headers(headers).head(path);
            assertEquals(status, head.statusCode(), "HEAD " + path);
        }
    }

    @Test
    void repositoryNames() {
        String tail = "/manifests/1.0.0";
        for (String bad : List.of("UPPER/name", "ns/Name", "ns/na%20me", "ns/na%00me", "ns/-name", "ns/name-",
                "..%2F..%2Fetc/passwd", "ns/name%2F..%2F..", "ns/" + "n".repeat(300), "ns/na:me")) {
            expect("/v2/" + bad + tail, 400, "NAME_INVALID");
        }
        // in the spec's grammar, but no package can have it
        for (String unknown : List.of("a/b/c", "single", "ns//name", "1ns/name", "ns/a--b", "ns/a.b", "ns/a_b", "nosuchns/x")) {
            expect("/v2/" + unknown + tail, 404, "NAME_UNKNOWN");
            expect("/v2/" + unknown + "/blobs/" + ZERO, 404, "NAME_UNKNOWN");
            expect("/v2/" + unknown + "/tags/list", 404, "NAME_UNKNOWN");
        }
    }

    @Test
    void digests() {
        for (String route : List.of("/manifests/", "/blobs/")) {
            for (String bad : List.of("sha256:xyz", "sha256:" + "A".repeat(64), "sha256:" + "0".repeat(63), "sha256:",
                    "md5:abc", "SHA256:" + "0".repeat(64), "sha256:" + "0".repeat(64) + "%00", ":abc", "sha256::",
                    "sha512:abc", "foo+bar:" + "0".repeat(64), "sha256:" + "a".repeat(5000))) {
                expect(repo + route + bad, 400, "DIGEST_INVALID");
            }
        }
        expect(repo + "/manifests/" + SHA512, 404, "MANIFEST_UNKNOWN");
        expect(repo + "/blobs/" + SHA512, 404, "BLOB_UNKNOWN");
        expect(repo + "/manifests/" + ZERO, 404, "MANIFEST_UNKNOWN");
        expect(repo + "/blobs/" + ZERO, 404, "BLOB_UNKNOWN");
        // a blob of another repository is not this one's
        expect(repo + "/manifests/" + Digest.of(wasm), 404, "MANIFEST_UNKNOWN");
        expect(repo + "/referrers/sha256:xyz", 400, "DIGEST_INVALID");
        expect(repo + "/referrers/md5:abc", 400, "DIGEST_INVALID");
    }

    @Test
    void tags() {
        for (String bad : List.of("a".repeat(129), "-lead", ".lead", "1.0.0+build", "t%00", "t%20x", "latest%0d%0aX-1",
                "v1.0.0", "1.0", "01.0.0", "1.0.0_", "2.0.0", "LATEST")) {
            expect(repo + "/manifests/" + bad, 404, "MANIFEST_UNKNOWN");
        }
        // a manifest is only served as what it is
        expect(repo + "/manifests/1.0.0", Map.of("Accept", "application/vnd.docker.distribution.manifest.v2+json"), 404, "MANIFEST_UNKNOWN");
        given().accept("application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json;q=0.5")
                .get(repo + "/manifests/1.0.0").then().statusCode(200);
    }

    @Test
    void pagination() {
        for (String list : List.of(repo + "/tags/list", "/v2/_catalog")) {
            for (String n : List.of("-1", "abc", "1.5", "%20", "0x10", "1e3")) {
                expect(list + "?n=" + n, 400, "UNSUPPORTED");
            }
            // a huge n is served in pages of at most 1000
            given().urlEncodingEnabled(false).get(list + "?n=99999999999999999999999999999999").then().statusCode(200);
            given().urlEncodingEnabled(false).get(list + "?n=2147483648").then().statusCode(200);
            given().urlEncodingEnabled(false).get(list + "?last=%00%ff").then().statusCode(200);
            given().urlEncodingEnabled(false).get(list + "?last=" + "z".repeat(4000)).then().statusCode(200);
        }
    }

    @Test
    void ranges() {
        String blob = repo + "/blobs/" + Digest.of(wasm);
        for (String range : List.of("bytes=9999999-", "bytes=100-50", "bytes=abc", "bytes=-0", "bytes=" + wasm.length + "-",
                "bytes=-", "bytes=99999999999999999999999-")) {
            Response r = given().header("Range", range).get(blob);
            assertEquals(416, r.statusCode(), range + ": " + r.asString());
            assertEquals("bytes */" + wasm.length, r.header("Content-Range"), range);
            assertEquals("UNSUPPORTED", r.path("errors[0].code"), range);
        }
        // forms a server may ignore: the whole blob
        for (String range : List.of("bytes=0-1,5-6", "items=0-1", "")) {
            given().header("Range", range).get(blob).then().statusCode(200);
        }
        given().header("Range", "bytes=0-99999999").get(blob).then().statusCode(206);
    }

    @Test
    void referrersOfUnknownSubjectsAndOddFilters() {
        given().get(repo + "/referrers/" + ZERO).then().statusCode(200).contentType("application/vnd.oci.image.index.v1+json");
        given().urlEncodingEnabled(false).get(repo + "/referrers/" + ZERO + "?artifactType=%00%ff").then().statusCode(200);
        expect("/v2/nosuch/repo/referrers/" + ZERO, 404, "NAME_UNKNOWN");
    }

    @Test
    void noRouteAnswersWithAServerError() {
        List<String> paths = new ArrayList<>(List.of("/v2/_catalog/x", "/v2/ns", "/v2/ns/name", "/v2/ns/name/tags", "/v2/ns/name/manifests/",
                "/v2/ns/name/blobs/", "/v2/ns/name/referrers/", "/v2/ns/%2e%2e/manifests/1.0.0", repo + "/manifests/%2e%2e", "/v2/../v1/blobs/" + ZERO, "/v2/%2e%2e/%2e%2e/etc/passwd",
                repo + "/manifests/1.0.0/extra", repo + "/unknown/x", "/v2/" + "a/".repeat(500) + "manifests/x"));
        for (String path : paths) {
            for (String method : List.of("GET", "HEAD", "DELETE")) {
                Response r = given().urlEncodingEnabled(false).request(method, path);
                assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, method + " " + path + " -> " + r.statusCode());
                if (!method.equals("HEAD") && !path.startsWith("/v2/../")) { // that one is a /v1 path once normalised
                    assertTrue(r.path("errors[0].code") != null, method + " " + path + ": " + r.asString());
                }
            }
        }
    }
}
