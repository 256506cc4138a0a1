package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
// applies to every @QuarkusTest of the module (restrictToAnnotatedClass is false)
@QuarkusTestResource(ai.asterai.registry.testing.PostgresSchemaTestResource.class)
class OperationsTest {
    @Test
    void healthChecksCoverDatabaseAndObjectStore() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("object store", "Database connections health check"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void prometheusMetrics() {
        Fixtures.Publisher p = Fixtures.publisher();
        p.publish(new Fixtures.Release("metric", "1.0.0", p.key())).then().statusCode(201);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("asterai_publishes_total"))
                .body(containsString("http_server_requests_seconds"));
    }

    @Test
    void openApiDocumentListsTheApi() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/v1/packages/{ns}/{name}/versions"))
                .body(containsString("/v1/namespaces/{ns}/keys"));
    }
}
