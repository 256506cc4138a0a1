package ai.asterai.registry.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.registry.api.Fixtures;
import ai.asterai.registry.problem.ProblemException;
import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(PublishRateLimitTest.Limited.class)
@QuarkusTestResource(S3ProxyTestResource.class)
class PublishRateLimitTest {
    public static class Limited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("asterai.publish-rate.limit", "3", "asterai.publish-rate.window", "PT1H");
        }
    }

    @Inject
    RateLimiter limiter;

    @Test
    void fourthPublishWithinTheWindowGets429WithRetryAfter() {
        Fixtures.Publisher p = Fixtures.publisher();
        for (int i = 0; i < 3; i++) {
            p.publish(new Fixtures.Release("pkg", "1.0." + i, p.key()).iface()).then().statusCode(201);
        }
        p.publish(new Fixtures.Release("pkg", "1.0.3", p.key()).iface()).then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("detail", containsString("rate limit"));
        given().get("/v1/packages/" + p.namespace() + "/pkg").then().body("versions.size()", equalTo(3));
    }

    @Test
    void windowsAreCountedPerBucketAndReset() throws InterruptedException {
        String bucket = "test:" + UUID.randomUUID();
        limiter.hit(bucket, 2, Duration.ofMillis(1500));
        limiter.hit(bucket, 2, Duration.ofMillis(1500));
        ProblemException e = assertThrows(ProblemException.class, () -> limiter.hit(bucket, 2, Duration.ofMillis(1500)));
        assertEquals(429, e.status());
        assertTrue(Long.parseLong(e.headers().get("Retry-After")) >= 1);
        limiter.hit("other:" + UUID.randomUUID(), 2, Duration.ofMillis(1500));
        Thread.sleep(1600);
        limiter.hit(bucket, 2, Duration.ofMillis(1500));
    }
}
