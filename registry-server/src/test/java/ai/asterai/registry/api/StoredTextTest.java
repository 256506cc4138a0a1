package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #11: control characters and lone surrogates in stored text are refused with a 400 naming the field,
 * never a 503 from the database.
 */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class StoredTextTest {

    @Test
    void controlCharactersInStoredTextAreRefused() {
        Fixtures.Publisher p = Fixtures.publisher();
        String ns = p.namespace();
        for (String bad : List.of("\\u0000", "\\u0007", "\\u001b[31m", "\\u007f", "\\u0085", "\\u009b", "\\ud800", "x\\udc00y", "\\r")) {
            Fixtures.Release r = new Fixtures.Release("ctl", "1.0.0", p.key());
            r.manifest = ("{\"name\":\"" + ns + ":ctl\",\"version\":\"1.0.0\",\"kind\":\"component\",\"description\":\"a"
                    + bad + "b\",\"world\":\"test:ctl/ctl\"}").getBytes(StandardCharsets.UTF_8);
            p.publish(r).then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo("manifest.description"));
            Hostile.postJson(Fixtures.ADMIN, "/v1/tokens", "{\"description\":\"t" + bad + "\",\"namespaces\":[\"" + ns
                    + "\"],\"scopes\":[\"publish\"]}").then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo("description"));
            Hostile.postJson(Fixtures.ADMIN, "/v1/namespaces/" + ns + "/keys", "{\"publicKey\":\"" + SigningKey.generate().publicKey()
                    + "\",\"label\":\"l" + bad + "\"}").then().statusCode(400).body("field", equalTo("label"));
        }
        given().get("/v1/packages/" + ns + "/ctl").then().statusCode(404);
        // tab and newline are text in a description
        Fixtures.Release ok = new Fixtures.Release("ctl", "1.0.0", p.key());
        ok.manifest = ("{\"name\":\"" + ns + ":ctl\",\"version\":\"1.0.0\",\"kind\":\"component\",\"description\":\"line one\\n"
                + "\\tline two\",\"world\":\"test:ctl/ctl\"}").getBytes(StandardCharsets.UTF_8);
        p.publish(ok).then().statusCode(201);
        given().get("/v1/packages/" + ns + "/ctl/versions/1.0.0").then().statusCode(200)
                .body("manifest.description", equalTo("line one\n\tline two"));
        // a query parameter with NUL is not an outage either
        given().get("/v1/search?q=a%00b").then().statusCode(org.hamcrest.Matchers.lessThan(500));
    }
}
