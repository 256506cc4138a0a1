package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.asterai.registry.auth.TokenSecrets;
import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class AuthTest {
    @Inject
    EntityManager em;

    @Test
    void writesNeedAToken() {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release r = new Fixtures.Release("auth", "1.0.0", p.key());
        r.send(given(), p.namespace()).then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"))
                .contentType("application/problem+json");
        r.send(given().header("Authorization", "Bearer ast_nonsense"), p.namespace()).then().statusCode(401);
        r.send(given().header("Authorization", "Basic dXNlcjpwdw=="), p.namespace()).then().statusCode(401);
        r.send(given().header("Authorization", "Bearer " + "x".repeat(5000)), p.namespace()).then().statusCode(401);
        given().contentType("application/json").body(Map.of("name", "nope")).post("/v1/namespaces").then().statusCode(401);
        given().header("Authorization", p.bearer()).contentType("application/json").body(Map.of("name", "nope2"))
                .post("/v1/namespaces").then().statusCode(403);
        given().header("Authorization", p.bearer()).contentType("application/json")
                .body(Map.of("namespaces", List.of("*"), "scopes", List.of("publish"))).post("/v1/tokens").then().statusCode(403);
    }

    @Test
    void scopesAndNamespacesAreEnforced() {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Publisher other = Fixtures.publisher();
        String yankOnly = Fixtures.token(List.of(p.namespace()), List.of("yank"), null);
        Fixtures.Release r = new Fixtures.Release("scoped", "1.0.0", p.key());
        r.send(given().header("Authorization", "Bearer " + yankOnly), p.namespace()).then().statusCode(403)
                .body("detail", containsString("publish"));
        r.send(given().header("Authorization", other.bearer()), p.namespace()).then().statusCode(403);
        p.publish(r).then().statusCode(201);
        String v = "/v1/packages/" + p.namespace() + "/scoped/versions/1.0.0";
        given().header("Authorization", other.bearer()).post(v + "/yank").then().statusCode(403);
        given().header("Authorization", "Bearer " + yankOnly).post(v + "/yank").then().statusCode(200);
        String publishOnly = Fixtures.token(List.of(p.namespace()), List.of("publish"), 30);
        given().header("Authorization", "Bearer " + publishOnly).post(v + "/unyank").then().statusCode(403);
        given().header("Authorization", "Bearer " + publishOnly).contentType("application/json")
                .body(Map.of("publicKey", "ed25519:ebVWLo/mVPlAeLES6KmLp5AfhTrmlb7X4OORC60ElmQ="))
                .post("/v1/namespaces/" + p.namespace() + "/keys").then().statusCode(403);
        given().header("Authorization", "Bearer " + publishOnly).get("/v1/tokens/self").then().statusCode(200)
                .body("scopes", equalTo(List.of("publish"))).body("namespaces", equalTo(List.of(p.namespace())))
                .body("admin", equalTo(false));
    }

    @Test
    void expiredAndRevokedTokensAreRefused() {
        Fixtures.Publisher p = Fixtures.publisher();
        String token = Fixtures.token(List.of(p.namespace()), List.of("publish"), 1);
        expire(TokenSecrets.hash(token));
        new Fixtures.Release("exp", "1.0.0", p.key()).send(given().header("Authorization", "Bearer " + token), p.namespace())
                .then().statusCode(401).body("detail", containsString("expired"));

        String t2 = Fixtures.token(List.of(p.namespace()), List.of("publish"), null);
        int id = given().header("Authorization", "Bearer " + t2).get("/v1/tokens/self").then().statusCode(200).extract().path("id");
        given().header("Authorization", Fixtures.ADMIN).delete("/v1/tokens/" + id).then().statusCode(204);
        given().header("Authorization", "Bearer " + t2).get("/v1/tokens/self").then().statusCode(401);
        given().header("Authorization", Fixtures.ADMIN).delete("/v1/tokens/abc").then().statusCode(400);
        given().header("Authorization", Fixtures.ADMIN).delete("/v1/tokens/999999999").then().statusCode(404);
    }

    @Test
    @Transactional
    void tokensAreStoredOnlyAsHashes() {
        String token = Fixtures.token(List.of("*"), List.of("publish"), null);
        List<?> rows = em.createNativeQuery("select token_hash from api_tokens").getResultList();
        assertFalse(rows.stream().anyMatch(h -> token.contains(String.valueOf(h)) || String.valueOf(h).contains(token)));
        assertEquals(1L, ((Number) em.createNativeQuery("select count(*) from api_tokens where token_hash = ?1")
                .setParameter(1, TokenSecrets.hash(token)).getSingleResult()).longValue());
    }

    @Test
    void badTokenRequests() {
        for (Map<String, Object> body : List.<Map<String, Object>>of(
                Map.of("namespaces", List.of(), "scopes", List.of("publish")),
                Map.of("namespaces", List.of("Bad!"), "scopes", List.of("publish")),
                Map.of("namespaces", List.of("a"), "scopes", List.of("root")),
                Map.of("namespaces", List.of("a"), "scopes", List.of()),
                Map.of("namespaces", List.of("a"), "scopes", List.of("publish"), "expiresInDays", 0),
                Map.of("namespaces", "a", "scopes", List.of("publish")))) {
            given().header("Authorization", Fixtures.ADMIN).contentType("application/json").body(body)
                    .post("/v1/tokens").then().statusCode(400).contentType("application/problem+json");
        }
    }

    void expire(String hash) {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update api_tokens set expires_at = ?1 where token_hash = ?2")
                .setParameter(1, java.time.OffsetDateTime.now().minusDays(1)).setParameter(2, hash).executeUpdate());
    }
}
