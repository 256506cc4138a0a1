package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Upload requests over /v2 count against a per-token rate, as publishes do on /v1. */
@QuarkusTest
@TestProfile(OciPushRateLimitTest.Limited.class)
@QuarkusTestResource(S3ProxyTestResource.class)
class OciPushRateLimitTest {
    public static class Limited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("asterai.oci-push.upload-rate-limit", "3", "asterai.publish-rate.window", "PT1H");
        }
    }

    @Test
    void theFourthUploadRequestWithinTheWindowGets429() {
        Fixtures.Publisher p = Fixtures.publisher();
        String uploads = "/v2/" + p.namespace() + "/limited/blobs/uploads/";
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", p.bearer()).post(uploads).then().statusCode(202);
        }
        given().header("Authorization", p.bearer()).post(uploads).then().statusCode(429).contentType("application/json")
                .header("Retry-After", notNullValue()).body("errors[0].code", equalTo("TOOMANYREQUESTS"));
        // another token has its own count
        Fixtures.Publisher other = Fixtures.publisher();
        given().header("Authorization", other.bearer()).post("/v2/" + other.namespace() + "/limited/blobs/uploads/").then().statusCode(202);
    }
}
