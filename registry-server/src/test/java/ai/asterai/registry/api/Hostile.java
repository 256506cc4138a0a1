package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Small request helpers for the hostile-input tests (issue #11). */
final class Hostile {
    private Hostile() {
    }

    static String createNamespace() {
        String ns = Fixtures.uniqueNamespace();
        given().header("Authorization", Fixtures.ADMIN).contentType("application/json").body(Map.of("name", ns))
                .post("/v1/namespaces").then().statusCode(201);
        return ns;
    }

    /** POSTs exactly these bytes as application/json. */
    static Response postJson(String auth, String path, String body) {
        return given().header("Authorization", auth).contentType("application/json")
                .body(body.getBytes(StandardCharsets.UTF_8)).post(path);
    }
}
