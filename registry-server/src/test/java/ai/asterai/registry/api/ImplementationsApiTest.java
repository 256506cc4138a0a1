package ai.asterai.registry.api;

import static ai.asterai.registry.api.SearchFixtures.component;
import static ai.asterai.registry.api.SearchFixtures.interfacePackage;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /v1/interfaces/{ns}:{pkg}/{iface}/implementations: discovery by interface for the agent. */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class ImplementationsApiTest {

    @Test
    void newestCompatibleInterfaceVersionFirst() {
        Fixtures.Publisher p = Fixtures.publisher();
        String ns = p.namespace();
        for (String v : List.of("1.0.0", "1.1.0", "2.0.0")) {
            interfacePackage(p, "kv", v, "Key-value store", "store");
        }
        component(p, "old", "1.0.0", "Old store", List.of(), "export " + ns + ":kv/store@1.0.0;");
        component(p, "newer", "3.1.0", "Newer store", List.of(), "export " + ns + ":kv/store@1.1.0;");
        component(p, "next", "0.1.0", "Next store", List.of(), "export " + ns + ":kv/store@2.0.0;");
        component(p, "user", "1.0.0", "Uses a store", List.of(), "import " + ns + ":kv/store@2.0.0;");
        // moved from 1.x to 2.x in its latest release: found only under 2.x
        component(p, "moved", "1.0.0", "Moved store", List.of(), "export " + ns + ":kv/store@1.0.0;");
        component(p, "moved", "2.0.0", "Moved store", List.of(), "export " + ns + ":kv/store@2.0.0;");
        // its latest release is yanked: the one before counts
        component(p, "yanked", "1.0.0", "Yanked store", List.of(), "export " + ns + ":kv/store@1.0.0;");
        component(p, "yanked", "1.1.0", "Yanked store", List.of(), "export run: func();");
        SearchFixtures.yank(p, "yanked", "1.1.0");

        String base = "/v1/interfaces/" + ns + ":kv/store/implementations";
        given().get(base).then().statusCode(200).contentType("application/json")
                .body("interface", equalTo(ns + ":kv/store")).body("version", nullValue()).body("total", equalTo(5))
                .body("next", nullValue())
                .body("results.name", contains(ns + ":moved", ns + ":next", ns + ":newer", ns + ":old", ns + ":yanked"))
                .body("results.interfaceVersion", contains("2.0.0", "2.0.0", "1.1.0", "1.0.0", "1.0.0"));
        given().get(base + "?version=^1.0").then().statusCode(200).body("version", equalTo("^1.0"))
                .body("results.name", contains(ns + ":newer", ns + ":old", ns + ":yanked"))
                .body("total", equalTo(3));
        given().get(base + "?version=~1.0.0").then().body("results.name", contains(ns + ":old", ns + ":yanked"));
        given().get(base + "?version=3").then().body("results", empty()).body("total", equalTo(0));

        Map<String, Object> first = given().get(base + "?version=^1.1").then().extract().jsonPath().getMap("results[0]");
        assertEquals(ns + ":newer", first.get("name"));
        assertEquals("3.1.0", first.get("version"));
        assertEquals(ns + ":kv/store@1.1.0", first.get("interface"));
        assertEquals("1.1.0", first.get("interfaceVersion"));
        assertEquals("Newer store", first.get("description"));
        assertEquals(0, first.get("downloads"));
        assertEquals(p.key().publicKey().keyId(), first.get("keyId"));

        given().get(base + "?per_page=2").then().body("results", org.hamcrest.Matchers.hasSize(2))
                .body("next", equalTo(base + "?page=2&per_page=2"));
        given().get(base + "?per_page=2&page=3").then().body("results.name", contains(ns + ":yanked")).body("next", nullValue());
        given().urlEncodingEnabled(false).get(base + "?version=%5E1.0&per_page=1").then().body("next", equalTo(base + "?version=%5E1.0&page=2&per_page=1"));
    }

    @Test
    void unknownInterfaceHasNoImplementations() {
        given().get("/v1/interfaces/nobody:nothing/none/implementations").then().statusCode(200)
                .body("results", empty()).body("total", equalTo(0));
    }

    @Test
    void badInputIs400NamingTheParameter() {
        Map<String, String> cases = Map.of(
                "/v1/interfaces/nocolon/x/implementations", "interface",
                "/v1/interfaces/a:b/C/implementations", "interface",
                "/v1/interfaces/a:b/c@1.0.0/implementations", "interface",
                "/v1/interfaces/a:b/c/implementations?version=banana", "version",
                "/v1/interfaces/a:b/c/implementations?version=%5E", "version",
                "/v1/interfaces/a:b/c/implementations?per_page=0", "per_page",
                "/v1/interfaces/a:b/c/implementations?page=x", "page");
        cases.forEach((path, field) -> given().urlEncodingEnabled(false).get(path).then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo(field)).body("detail", notNullValue()));
    }
}
