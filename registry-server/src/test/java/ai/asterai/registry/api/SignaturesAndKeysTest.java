package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.release.SignatureBundle;
import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class SignaturesAndKeysTest {

    @Test
    void unsignedPublishIsRefused() {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release r = new Fixtures.Release("unsigned", "1.0.0", p.key());
        given().header("Authorization", p.bearer())
                .multiPart("manifest", "m.json", r.manifestBytes(p.namespace()), "application/json")
                .multiPart("wit", "p.wit", r.witBytes(p.namespace()), "text/plain")
                .multiPart("wasm", "x.wasm", r.wasm, "application/wasm")
                .post("/v1/packages/" + p.namespace() + "/unsigned/versions")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("signature"));
        notPublished(p, "unsigned");
    }

    @Test
    void signatureByAKeyOfAnotherNamespaceIsRefused() {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Publisher other = Fixtures.publisher();
        p.publish(new Fixtures.Release("wrongkey", "1.0.0", other.key())).then().statusCode(400)
                .body("field", equalTo("signature")).body("detail", containsString("not a key of namespace"));
        notPublished(p, "wrongkey");
    }

    @Test
    void digestMismatchIsRefused() {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release r = new Fixtures.Release("mismatch", "1.0.0", p.key());
        r.signedWasm = Fixtures.moduleOfSize(200, 1);
        r.wasm = Fixtures.moduleOfSize(200, 2);
        p.publish(r).then().statusCode(400).body("field", equalTo("signature")).body("detail", containsString("does not verify"));
        notPublished(p, "mismatch");
    }

    @Test
    void tamperedSignatureIsRefused() {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release r = new Fixtures.Release("tampered", "1.0.0", p.key());
        SignatureBundle good = SignatureBundle.parse(r.signatureBytes(p.namespace()));
        byte[] sig = good.signatureBytes();
        sig[10] ^= 0x01;
        r.signature = new SignatureBundle(good.keyId(), Base64.getEncoder().encodeToString(sig)).toJson();
        p.publish(r).then().statusCode(400).body("field", equalTo("signature"));
        r.signature = "{\"keyId\":\"zz\",\"signature\":\"AA==\"}".getBytes();
        p.publish(r).then().statusCode(400).body("field", equalTo("signature"));
        r.signature = "garbage".getBytes();
        p.publish(r).then().statusCode(400).body("field", equalTo("signature"));
        notPublished(p, "tampered");
    }

    @Test
    void tamperedManifestIsRefused() {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release r = new Fixtures.Release("tman", "1.0.0", p.key());
        byte[] sig = r.signatureBytes(p.namespace());
        r.manifest = new String(r.manifestBytes(p.namespace())).replace("A test package", "An evil package").getBytes();
        r.signature = sig;
        p.publish(r).then().statusCode(400).body("field", equalTo("signature"));
    }

    @Test
    void rotationSignedByCurrentKeyIsAcceptedAndRevocationKeepsHistory() {
        Fixtures.Publisher p = Fixtures.publisher();
        String ns = p.namespace();
        p.publish(new Fixtures.Release("rot", "1.0.0", p.key())).then().statusCode(201);

        SigningKey next = SigningKey.generate();
        given().header("Authorization", p.bearer()).contentType("application/json").body(Fixtures.vouch(ns, p.key(), next))
                .post("/v1/namespaces/" + ns + "/keys").then().statusCode(201)
                .body("signerKeyId", equalTo(p.key().publicKey().keyId())).body("active", equalTo(true));
        given().header("Authorization", p.bearer()).post("/v1/namespaces/" + ns + "/keys/" + p.key().publicKey().keyId() + "/revoke")
                .then().statusCode(200).body("active", equalTo(false)).body("revokedAt", notNullValue());
        given().header("Authorization", p.bearer()).post("/v1/namespaces/" + ns + "/keys/" + p.key().publicKey().keyId() + "/revoke")
                .then().statusCode(409);

        // the revoked key signs nothing new; the new key does; the old release stays
        p.publish(new Fixtures.Release("rot", "1.1.0", p.key())).then().statusCode(400).body("detail", containsString("revoked"));
        p.publish(new Fixtures.Release("rot", "1.1.0", next)).then().statusCode(201);
        given().get("/v1/packages/" + ns + "/rot/versions/1.0.0").then().statusCode(200)
                .body("signature.keyId", equalTo(p.key().publicKey().keyId()));
        given().get("/v1/namespaces/" + ns + "/keys").then().statusCode(200).body("", hasSize(2))
                .body("[0].active", equalTo(false)).body("[1].active", equalTo(true));
    }

    @Test
    void keyAdditionsMustBeVouchedFor() {
        Fixtures.Publisher p = Fixtures.publisher();
        String ns = p.namespace();
        SigningKey stranger = SigningKey.generate();
        SigningKey next = SigningKey.generate();
        // unsigned, by a token: refused
        given().header("Authorization", p.bearer()).contentType("application/json")
                .body(Map.of("publicKey", next.publicKey().toString()))
                .post("/v1/namespaces/" + ns + "/keys").then().statusCode(403);
        // unsigned, by the admin, while an active key exists: refused
        given().header("Authorization", Fixtures.ADMIN).contentType("application/json")
                .body(Map.of("publicKey", next.publicKey().toString()))
                .post("/v1/namespaces/" + ns + "/keys").then().statusCode(403);
        // vouched for by a key outside the namespace: refused
        given().header("Authorization", p.bearer()).contentType("application/json").body(Fixtures.vouch(ns, stranger, next))
                .post("/v1/namespaces/" + ns + "/keys").then().statusCode(403);
        // a signature over another statement: refused
        Map<String, Object> wrong = new java.util.HashMap<>(Fixtures.vouch(ns, p.key(), next));
        wrong.put("publicKey", stranger.publicKey().toString());
        given().header("Authorization", p.bearer()).contentType("application/json").body(wrong)
                .post("/v1/namespaces/" + ns + "/keys").then().statusCode(400).body("field", equalTo("signature"));
        // the same key twice: conflict
        given().header("Authorization", p.bearer()).contentType("application/json").body(Fixtures.vouch(ns, p.key(), p.key()))
                .post("/v1/namespaces/" + ns + "/keys").then().statusCode(409);
        given().get("/v1/namespaces/" + ns + "/keys").then().body("", hasSize(1));
    }

    @Test
    void badKeyRequests() {
        Fixtures.Publisher p = Fixtures.publisher();
        String ns = p.namespace();
        given().header("Authorization", p.bearer()).contentType("application/json").body(Map.of("publicKey", "ed25519:AAAA"))
                .post("/v1/namespaces/" + ns + "/keys").then().statusCode(400).body("field", equalTo("publicKey"));
        given().header("Authorization", p.bearer()).contentType("application/json").body("{not json")
                .post("/v1/namespaces/" + ns + "/keys").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", p.bearer()).post("/v1/namespaces/" + ns + "/keys/nothex/revoke").then().statusCode(400);
        given().header("Authorization", p.bearer()).post("/v1/namespaces/" + ns + "/keys/" + "0".repeat(32) + "/revoke").then().statusCode(404);
        given().get("/v1/namespaces/nosuchns/keys").then().statusCode(404);
    }

    private static void notPublished(Fixtures.Publisher p, String name) {
        given().get("/v1/packages/" + p.namespace() + "/" + name).then().statusCode(404);
    }
}
