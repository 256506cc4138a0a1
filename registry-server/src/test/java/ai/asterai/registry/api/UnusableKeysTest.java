package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.release.KeyStatement;
import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #11: Ed25519 public keys that are not usable (small order, off the curve, not canonical) are refused
 * when added, and any stored before verify nothing (a 400, never a 500).
 */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class UnusableKeysTest {
    /** The eight small-order points, non-canonical encodings and an off-curve value. */
    static final List<String> UNUSABLE_KEYS = List.of(
            "0100000000000000000000000000000000000000000000000000000000000000",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0000000000000000000000000000000000000000000000000000000000000080",
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
            "0100000000000000000000000000000000000000000000000000000000000080",
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "0200000000000000000000000000000000000000000000000000000000000000");

    @Inject
    EntityManager em;

    static String keyText(String hex) {
        return "ed25519:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }

    static String keyId(String hex) throws Exception {
        byte[] h = MessageDigest.getInstance("SHA-256").digest(HexFormat.of().parseHex(hex));
        return HexFormat.of().formatHex(h, 0, 16);
    }

    @Test
    void unusableKeysAreRefusedWhenAdded() {
        String ns = Hostile.createNamespace();
        for (String hex : UNUSABLE_KEYS) {
            given().header("Authorization", Fixtures.ADMIN).contentType("application/json")
                    .body(Map.of("publicKey", keyText(hex), "label", "bad"))
                    .post("/v1/namespaces/" + ns + "/keys").then().statusCode(400)
                    .contentType("application/problem+json").body("field", equalTo("publicKey"));
        }
        given().get("/v1/namespaces/" + ns + "/keys").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void keysStoredBeforeTheCheckVerifyNothing() throws Exception {
        Fixtures.Publisher p = Fixtures.publisher();
        String identity = UNUSABLE_KEYS.get(0);
        String badId = keyId(identity);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into namespace_keys (namespace_id, key_id,"
                        + " public_key, label, created_at) select id, ?1, ?2, 'legacy', ?3 from namespaces where name = ?4")
                .setParameter(1, badId).setParameter(2, keyText(identity)).setParameter(3, OffsetDateTime.now())
                .setParameter(4, p.namespace()).executeUpdate());
        // a publish naming the stored small-order key: the signature does not verify (it was a 500)
        Fixtures.Release r = new Fixtures.Release("legacykey", "1.0.0", p.key());
        r.signature = ("{\"keyId\":\"" + badId + "\",\"signature\":\"" + Base64.getEncoder().encodeToString(new byte[64])
                + "\"}").getBytes(StandardCharsets.UTF_8);
        p.publish(r).then().statusCode(400).contentType("application/problem+json").body("field", equalTo("signature"));
        given().get("/v1/packages/" + p.namespace() + "/legacykey").then().statusCode(404);
        // a new key vouched for by the stored small-order key: refused the same way
        SigningKey added = SigningKey.generate();
        given().header("Authorization", p.bearer()).contentType("application/json")
                .body(Map.of("publicKey", added.publicKey().toString(), "signerKeyId", badId,
                        "signature", Base64.getEncoder().encodeToString(new byte[64])))
                .post("/v1/namespaces/" + p.namespace() + "/keys").then().statusCode(400).body("field", equalTo("signature"));
        // a good vouch still works
        byte[] sig = p.key().sign(new KeyStatement(p.namespace(), added.publicKey(), p.key().publicKey().keyId()).canonicalBytes());
        given().header("Authorization", p.bearer()).contentType("application/json")
                .body(Map.of("publicKey", added.publicKey().toString(), "signerKeyId", p.key().publicKey().keyId(),
                        "signature", Base64.getEncoder().encodeToString(sig)))
                .post("/v1/namespaces/" + p.namespace() + "/keys").then().statusCode(201);
    }
}
