package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #11: request bodies and manifests are bound strictly: no scalar coercion, no unknown or duplicate
 * fields, no trailing content, and JSON bodies need Content-Type: application/json.
 */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class StrictJsonTest {

    @Test
    void requestBodiesAreBoundStrictly() {
        Fixtures.Publisher p = Fixtures.publisher();
        String ns = p.namespace();
        String key = SigningKey.generate().publicKey().toString();
        Map<String, String> namespaceBodies = new LinkedHashMap<>();
        namespaceBodies.put("{\"name\": true}", "name");
        namespaceBodies.put("{\"name\": 5}", "name");
        namespaceBodies.put("{\"name\": 5.5}", "name");
        namespaceBodies.put("{\"name\": [\"a\"]}", "name");
        namespaceBodies.put("{\"name\": \"dup1\", \"name\": \"dup2\"}", null);
        namespaceBodies.put("{\"name\": \"extra\", \"owner\": \"me\"}", null);
        namespaceBodies.put("{\"name\": \"trailing\"} {\"name\": \"x\"}", null);
        namespaceBodies.put("{\"name\": \"trailing\"} x", null);
        namespaceBodies.forEach((body, field) -> {
            Response res = Hostile.postJson(Fixtures.ADMIN, "/v1/namespaces", body);
            assertEquals(400, res.statusCode(), body + " -> " + res.asString());
            res.then().contentType("application/problem+json");
            if (field != null) {
                res.then().body("field", equalTo(field));
            }
        });
        for (String n : List.of("true", "dup1", "dup2", "extra", "trailing")) {
            given().get("/v1/namespaces/" + n).then().statusCode(404);
        }
        Hostile.postJson(p.bearer(), "/v1/namespaces/" + ns + "/keys", "{\"publicKey\":\"" + key + "\",\"label\":5}")
                .then().statusCode(400).body("field", equalTo("label"));
        Hostile.postJson(p.bearer(), "/v1/namespaces/" + ns + "/keys", "{\"publicKey\":\"" + key + "\",\"label\":false}")
                .then().statusCode(400).body("field", equalTo("label"));
        Map<String, String> tokenBodies = new LinkedHashMap<>();
        tokenBodies.put("{\"namespaces\":[\"" + ns + "\"],\"scopes\":[\"publish\"],\"expiresInDays\":\"5\"}", "expiresInDays");
        tokenBodies.put("{\"namespaces\":[\"" + ns + "\"],\"scopes\":[\"publish\"],\"expiresInDays\":5.5}", "expiresInDays");
        tokenBodies.put("{\"namespaces\":[\"" + ns + "\"],\"scopes\":[\"publish\"],\"expiresInDays\":true}", "expiresInDays");
        tokenBodies.put("{\"namespaces\":[\"" + ns + "\"],\"scopes\":[true]}", "scopes[0]");
        tokenBodies.put("{\"namespaces\":\"" + ns + "\",\"scopes\":[\"publish\"]}", "namespaces");
        tokenBodies.put("{\"namespaces\":[\"" + ns + "\"],\"scopes\":[\"publish\"],\"description\":7}", "description");
        tokenBodies.put("{\"namespaces\":[\"" + ns + "\"],\"scopes\":[\"publish\"],\"admin\":true}", null);
        tokenBodies.forEach((body, field) -> {
            Response res = Hostile.postJson(Fixtures.ADMIN, "/v1/tokens", body);
            assertEquals(400, res.statusCode(), body + " -> " + res.asString());
            if (field != null) {
                res.then().body("field", equalTo(field));
            }
        });
        // manifests: wrong types are refused, not stored as strings
        Map<String, String> manifests = new LinkedHashMap<>();
        manifests.put("\"keywords\":[5]", "manifest.keywords");
        manifests.put("\"keywords\":\"math\"", "manifest.keywords");
        manifests.put("\"description\":5", "manifest.description");
        manifests.put("\"license\":true", "manifest.license");
        manifests.put("\"permissions\":{\"memory\":\"1024\"}", "manifest.permissions.memory");
        manifests.put("\"permissions\":{\"memory\":1024.5}", "manifest.permissions.memory");
        manifests.put("\"permissions\":{\"timeMs\":1e3}", "manifest.permissions.timeMs");
        manifests.put("\"permissions\":{\"env\":[1]}", "manifest.permissions.env");
        manifests.forEach((extra, field) -> {
            Fixtures.Release r = new Fixtures.Release("types", "1.0.0", p.key());
            r.manifest = ("{\"name\":\"" + ns + ":types\",\"version\":\"1.0.0\",\"kind\":\"component\",\"world\":\"test:types/types\","
                    + extra + "}").getBytes(StandardCharsets.UTF_8);
            Response res = p.publish(r);
            assertEquals(400, res.statusCode(), extra + " -> " + res.asString());
            res.then().body("field", equalTo(field));
        });
        Fixtures.Release numericName = new Fixtures.Release("types", "1.0.0", p.key());
        numericName.manifest = ("{\"name\":\"" + ns + ":types\",\"version\":100,\"kind\":\"component\",\"world\":\"test:types/types\"}")
                .getBytes(StandardCharsets.UTF_8);
        p.publish(numericName).then().statusCode(400).body("field", equalTo("manifest.version"));
        given().get("/v1/packages/" + ns + "/types").then().statusCode(404);
    }

    @Test
    void jsonBodiesNeedTheJsonContentType() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String type : new String[]{null, "text/plain", "application/x-www-form-urlencoded", "application/octet-stream"}) {
            String ns = Fixtures.uniqueNamespace();
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/v1/namespaces"))
                    .header("Authorization", Fixtures.ADMIN)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + ns + "\"}"));
            if (type != null) {
                b.header("Content-Type", type);
            }
            HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(415, res.statusCode(), type + " -> " + res.body());
            assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            given().get("/v1/namespaces/" + ns).then().statusCode(404);
        }
    }
}
