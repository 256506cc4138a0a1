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
        Fixtures.management().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("object store", "Database connections health check"));
        Fixtures.management().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void prometheusMetrics() {
        Fixtures.Publisher p = Fixtures.publisher();
        p.publish(new Fixtures.Release("metric", "1.0.0", p.key())).then().statusCode(201);
        Fixtures.management().get("/q/metrics").then().statusCode(200)
                .body(containsString("asterai_publishes_total"))
                .body(containsString("http_server_requests_seconds"));
    }

    @Test
    void healthAndMetricsAreNotOnThePublicPort() {
        for (String path : java.util.List.of("/q/metrics", "/q/health", "/q/health/ready", "/q/health/live")) {
            given().get(path).then().statusCode(404).contentType("application/problem+json");
        }
    }

    @Test
    void managementRoutesAnswerOnlyGet() {
        Fixtures.management().delete("/q/health").then().statusCode(405).contentType("application/problem+json")
                .header("Allow", containsString("GET"));
        Fixtures.management().post("/q/metrics").then().statusCode(405).contentType("application/problem+json");
        Fixtures.management().get("/q/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void openApiDocumentListsTheApi() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/v1/packages/{ns}/{name}/versions"))
                .body(containsString("/v1/namespaces/{ns}/keys"));
    }
}
