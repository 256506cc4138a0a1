package ai.asterai.registry.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.registry.api.Fixtures;
import ai.asterai.registry.failure.RateLimited;
import ai.asterai.registry.problem.FailureProblems;
import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
    EntityManager em;

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
    void windowsAreCountedPerBucketAndReset() {
        // a clock the test moves: windows are tested without sleeping
        MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
        RateLimiter limiter = new RateLimiter(new SqlRateLimitStore(em), clock);
        String bucket = "test:" + UUID.randomUUID();
        Duration window = Duration.ofMinutes(10);
        limiter.hit(bucket, 2, window);
        clock.advance(Duration.ofMinutes(3));
        limiter.hit(bucket, 2, window);
        clock.advance(Duration.ofMinutes(4));
        RateLimited e = assertThrows(RateLimited.class, () -> limiter.hit(bucket, 2, window));
        assertEquals(429, FailureProblems.status(e));
        assertEquals("181", FailureProblems.headers(e).get("Retry-After")); // 3 minutes left in the window, plus one second
        limiter.hit("other:" + UUID.randomUUID(), 2, window);
        clock.advance(Duration.ofMinutes(2).plusSeconds(59));
        assertThrows(RateLimited.class, () -> limiter.hit(bucket, 2, window));
        clock.advance(Duration.ofSeconds(1));
        limiter.hit(bucket, 2, window); // a new window
        limiter.hit(bucket, 2, window);
        assertThrows(RateLimited.class, () -> limiter.hit(bucket, 2, window));
    }

    /** A fixed clock that only moves when told to. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
