package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.release.KeyStatement;
import ai.asterai.registry.testing.S3ProxyTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #11, hostile input: unusable keys, text that is not strict UTF-8 JSON, control characters,
 * JSON type confusion, tokens for namespaces that do not exist. Each answer is a 4xx problem naming
 * the field, never a 5xx, and nothing is stored.
 */
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
