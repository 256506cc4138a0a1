package ai.asterai.registry.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.registry.failure.Conflict;
import ai.asterai.registry.failure.Forbidden;
import ai.asterai.registry.failure.NotFound;
import ai.asterai.registry.failure.RangeNotSatisfiable;
import ai.asterai.registry.failure.RateLimited;
import ai.asterai.registry.failure.RegistryFailure;
import ai.asterai.registry.failure.Unauthenticated;
import ai.asterai.registry.failure.Unavailable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The edge's mapping of domain failures, without Quarkus: statuses, titles and headers the API documents. */
class FailureProblemsTest {
    private static final List<RegistryFailure> ONE_OF_EACH = List.of(
            new NotFound("package 'a:b' does not exist"), new Conflict("namespace 'a' already exists"),
            new Forbidden("only the registry administrator may do this"), new Unauthenticated("invalid API token"),
            new RateLimited("publish:token:1", 3, Duration.ofHours(1), 181),
            new Unavailable("object store", 5, "the object store is unavailable; try again", null),
            new RangeNotSatisfiable(10));

    @Test
    void everyKindOfFailureHasAStatusAndTitle() {
        Set<Class<?>> permitted = Arrays.stream(RegistryFailure.class.getPermittedSubclasses()).collect(Collectors.toSet());
        assertEquals(permitted, ONE_OF_EACH.stream().map(Object::getClass).collect(Collectors.toSet()),
                "a new kind of failure needs a status here and a line in this test");
        assertEquals(List.of(404, 409, 403, 401, 429, 503, 416), ONE_OF_EACH.stream().map(FailureProblems::status).toList());
        assertEquals(List.of("Not Found", "Conflict", "Forbidden", "Unauthorized", "Too Many Requests", "Service Unavailable",
                "Range Not Satisfiable"), ONE_OF_EACH.stream().map(FailureProblems::title).toList());
    }

    @Test
    void headersCarryTheFailuresContext() {
        assertEquals(Map.of("WWW-Authenticate", "Bearer realm=\"asterai\""), FailureProblems.headers(ONE_OF_EACH.get(3)));
        assertEquals(Map.of("Retry-After", "181"), FailureProblems.headers(ONE_OF_EACH.get(4)));
        assertEquals(Map.of("Retry-After", "5"), FailureProblems.headers(ONE_OF_EACH.get(5)));
        assertEquals(Map.of(), FailureProblems.headers(new Unavailable("object store", 0, "blob missing", null)));
        assertEquals(Map.of("Content-Range", "bytes */10"), FailureProblems.headers(ONE_OF_EACH.get(6)));
        assertEquals(Map.of(), FailureProblems.headers(ONE_OF_EACH.get(0)));
    }

    @Test
    void theBodyIsAProblemWithTheDetailAsWritten() {
        RateLimited r = (RateLimited) ONE_OF_EACH.get(4);
        assertTrue(r.detail().contains("rate limit"), r.detail());
        assertEquals("publish rate limit of 3 per 3600 s reached; retry in 181 s", r.detail());
    }
}
