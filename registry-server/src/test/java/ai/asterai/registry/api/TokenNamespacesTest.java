package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #11: tokens are minted only for namespaces that exist, so none gains rights when a namespace is
 * created later.
 */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class TokenNamespacesTest {

    @Test
    void tokensForNamespacesThatDoNotExistAreRefused() {
        String future = Fixtures.uniqueNamespace();
        String existing = Hostile.createNamespace();
        Response res = Hostile.postJson(Fixtures.ADMIN, "/v1/tokens", "{\"namespaces\":[\"" + existing + "\",\"" + future
                + "\"],\"scopes\":[\"publish\",\"keys\"]}");
        res.then().statusCode(400).contentType("application/problem+json").body("field", equalTo("namespaces"))
                .body("detail", containsString(future));
        // it gains nothing when the namespace is created later: there is no such token
        given().header("Authorization", Fixtures.ADMIN).contentType("application/json").body(Map.of("name", future))
                .post("/v1/namespaces").then().statusCode(201);
        // minted now that it exists, it works; and '*' stays the administrator's explicit choice
        Fixtures.token(List.of(existing, future), List.of("publish"), null);
        Fixtures.token(List.of("*"), List.of("publish"), null);
    }
}
