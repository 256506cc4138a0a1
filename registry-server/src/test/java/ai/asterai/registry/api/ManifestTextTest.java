package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.registry.testing.S3ProxyTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #11: a manifest is strict UTF-8 JSON without a BOM; the version metadata embeds its canonical form
 * and the manifest blob stays the uploaded (signed) bytes.
 */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class ManifestTextTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static String manifestText(String ns, String name) {
        return "{\"name\":\"" + ns + ":" + name + "\",\"version\":\"1.0.0\",\"kind\":\"component\","
                + "\"description\":\"caf\u00e9\",\"world\":\"test:" + name + "/" + name + "\"}";
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    @Test
    void manifestsMustBeStrictUtf8JsonWithoutBom() {
        Fixtures.Publisher p = Fixtures.publisher();
        String ns = p.namespace();
        String text = manifestText(ns, "enc");
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("UTF-8 with a BOM", concat(new byte[]{(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, text.getBytes(StandardCharsets.UTF_8)));
        cases.put("UTF-16LE", text.getBytes(StandardCharsets.UTF_16LE));
        cases.put("UTF-16BE", text.getBytes(StandardCharsets.UTF_16BE));
        cases.put("UTF-16 with a BOM", text.getBytes(StandardCharsets.UTF_16));
        cases.put("UTF-32BE", text.getBytes(Charset.forName("UTF-32BE")));
        cases.put("UTF-32LE", text.getBytes(Charset.forName("UTF-32LE")));
        cases.put("Latin-1 (malformed UTF-8)", text.getBytes(StandardCharsets.ISO_8859_1));
        cases.put("an overlong encoding", text.replace("caf\u00e9", "caf\u0000").getBytes(StandardCharsets.UTF_8));
        cases.put("a surrogate encoded in UTF-8", text.replace("caf\u00e9", "caf?").getBytes(StandardCharsets.UTF_8));
        cases.put("trailing content", (text + " {\"x\":1}").getBytes(StandardCharsets.UTF_8));
        cases.put("a duplicate key", text.replace("{", "{\"version\":\"9.9.9\",").getBytes(StandardCharsets.UTF_8));
        // overlong NUL (C0 80) and CESU-8 surrogate (ED A0 80) in place of the placeholder bytes
        cases.put("an overlong encoding", replaceByte(cases.get("an overlong encoding"), (byte) 0, new byte[]{(byte) 0xc0, (byte) 0x80}));
        cases.put("a surrogate encoded in UTF-8", replaceByte(cases.get("a surrogate encoded in UTF-8"), (byte) '?',
                new byte[]{(byte) 0xed, (byte) 0xa0, (byte) 0x80}));
        cases.forEach((what, bytes) -> {
            Fixtures.Release r = new Fixtures.Release("enc", "1.0.0", p.key());
            r.manifest = bytes;
            int status = p.publish(r).then().extract().statusCode();
            assertEquals(400, status, what);
            p.publish(r).then().contentType("application/problem+json").body("field", containsString("manifest"));
        });
        given().get("/v1/packages/" + ns + "/enc").then().statusCode(404);
    }

    static byte[] replaceByte(byte[] in, byte b, byte[] with) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte x : in) {
            if (x == b) {
                out.writeBytes(with);
            } else {
                out.write(x);
            }
        }
        return out.toByteArray();
    }

    @Test
    void versionMetadataCarriesTheCanonicalManifestAndTheBlobTheUploadedBytes() throws Exception {
        Fixtures.Publisher p = Fixtures.publisher();
        String ns = p.namespace();
        // valid, but not as the client writes it: spacing, key order, escapes
        String uploaded = "{ \"version\" : \"1.0.0\",\n\t\"name\":\"" + ns + ":canon\", \"kind\":\"component\",\r\n"
                + "\"description\":\"caf\\u00e9 \u2603 \\\"q\\\"\", \"keywords\": [ ], \"world\":\"test:canon/canon\" }\n";
        Fixtures.Release r = new Fixtures.Release("canon", "1.0.0", p.key());
        r.manifest = uploaded.getBytes(StandardCharsets.UTF_8);
        p.publish(r).then().statusCode(201);
        String meta = given().get("/v1/packages/" + ns + "/canon/versions/1.0.0").then().statusCode(200).extract().asString();
        JsonNode m = JSON.readTree(meta);
        assertEquals("caf\u00e9 \u2603 \"q\"", m.path("manifest").path("description").asText());
        assertEquals(ns + ":canon", m.path("manifest").path("name").asText());
        byte[] served = given().get("/v1/packages/" + ns + "/canon/versions/1.0.0/manifest").then().statusCode(200)
                .extract().asByteArray();
        assertArrayEquals(r.manifest, served, "the manifest blob is the signed bytes, unchanged");
        assertEquals(Digest.of(served).toString(), m.path("parts").path("manifest").path("digest").asText());
    }

    @Inject
    EntityManager em;

    @Test
    void aManifestStoredWithABomBeforeTheFixStillGivesValidMetadata() throws Exception {
        Fixtures.Publisher p = Fixtures.publisher();
        String ns = p.namespace();
        Fixtures.Release r = new Fixtures.Release("legacy", "1.0.0", p.key());
        r.manifest = manifestText(ns, "legacy").getBytes(StandardCharsets.UTF_8);
        // as an earlier registry stored a manifest uploaded with a BOM
        p.publish(r).then().statusCode(201);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update releases set manifest_json = ?1 where manifest_digest = ?2")
                .setParameter(1, "\uFEFF" + manifestText(ns, "legacy")).setParameter(2, Digest.of(r.manifest).toString()).executeUpdate());
        given().get("/packages/" + ns + "/legacy").then().statusCode(200);
        given().header("Authorization", p.bearer()).post("/v1/packages/" + ns + "/legacy/versions/1.0.0/yank").then().statusCode(200);
        given().header("Authorization", p.bearer()).post("/v1/packages/" + ns + "/legacy/versions/1.0.0/unyank").then().statusCode(200);
        String meta = given().get("/v1/packages/" + ns + "/legacy/versions/1.0.0").then().statusCode(200).extract().asString();
        assertEquals("caf\u00e9", JSON.readTree(meta).path("manifest").path("description").asText());
    }
}
