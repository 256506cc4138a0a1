package ai.asterai.registry.problem;

import ai.asterai.registry.failure.Conflict;
import ai.asterai.registry.failure.Forbidden;
import ai.asterai.registry.failure.NotFound;
import ai.asterai.registry.failure.RangeNotSatisfiable;
import ai.asterai.registry.failure.RateLimited;
import ai.asterai.registry.failure.RegistryFailure;
import ai.asterai.registry.failure.Unauthenticated;
import ai.asterai.registry.failure.Unavailable;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The one place a domain failure becomes an HTTP status, a title and the headers that go with it. */
public final class FailureProblems {
    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer realm=\"asterai\"");

    private FailureProblems() {
    }

    /** Java 17 has no pattern switch: FailureProblemsTest checks every permitted kind has a status. */
    public static int status(RegistryFailure f) {
        if (f instanceof NotFound) return 404;
        if (f instanceof Conflict) return 409;
        if (f instanceof Forbidden) return 403;
        if (f instanceof Unauthenticated) return 401;
        if (f instanceof RateLimited) return 429;
        if (f instanceof Unavailable) return 503;
        if (f instanceof RangeNotSatisfiable) return 416;
        throw new IllegalStateException("no status for " + f.getClass().getName());
    }

    public static String title(RegistryFailure f) {
        return switch (status(f)) {
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 403 -> "Forbidden";
            case 401 -> "Unauthorized";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            case 416 -> "Range Not Satisfiable";
            default -> throw new IllegalStateException("no title for " + status(f));
        };
    }

    public static Map<String, String> headers(RegistryFailure f) {
        if (f instanceof Unauthenticated) {
            return CHALLENGE;
        }
        if (f instanceof RateLimited r) {
            return Map.of("Retry-After", Long.toString(r.retryAfterSeconds()));
        }
        if (f instanceof Unavailable u && u.retryAfterSeconds() > 0) {
            return Map.of("Retry-After", Long.toString(u.retryAfterSeconds()));
        }
        if (f instanceof RangeNotSatisfiable r) {
            return Map.of("Content-Range", "bytes */" + r.size());
        }
        return Map.of();
    }

    public static Response response(RegistryFailure f) {
        int status = status(f);
        Response.ResponseBuilder r = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, title(f), f.detail(), null));
        headers(f).forEach(r::header);
        return r.build();
    }
}
