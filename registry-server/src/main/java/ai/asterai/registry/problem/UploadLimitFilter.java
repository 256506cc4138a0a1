package ai.asterai.registry.problem;

import ai.asterai.registry.config.RegistryConfig;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a request whose declared length is over the upload limit before a byte of its body is
 * read. Bodies without a length are cut off by the HTTP layer's own limit while they stream.
 */
@ApplicationScoped
public class UploadLimitFilter {
    private final long max;

    public UploadLimitFilter(RegistryConfig config) {
        this.max = config.maxUploadSize().asLongValue();
    }

    /**
     * How far past the limit the raw byte count of a body without a length may go. Such a body's
     * multipart parts are cut off at the limit by the parser, which answers with a problem; the
     * HTTP layer's own count (parts plus their framing) must not trip first, since it answers a
     * bare 413 and leaves the resource to fail writing its own answer.
     */
    static final long FRAMING_SLACK = 1024 * 1024;

    void register(@Observes Filters filters) {
        // after the HTTP layer's body limit handler (route order -2), before the resources
        filters.register(ctx -> {
            if (ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH) == null && ctx.get(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY) != null) {
                ctx.put(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY, max + FRAMING_SLACK);
            }
            ctx.next();
        }, 1);
        filters.register(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLong(length)) {
                // the OCI routes answer in the distribution spec's error format (docs/oci.md), the others with a problem
                boolean oci = ctx.request().path() != null && ctx.request().path().startsWith("/v2/");
                String body = oci
                        ? "{\"errors\":[{\"code\":\"SIZE_INVALID\",\"message\":\"request body is larger than the upload limit of " + max + " bytes\"}]}"
                        : "{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                        + "\"detail\":\"request body is larger than the upload limit of " + max + " bytes\"}";
                ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, oci ? "application/json" : Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close").end(body);
                return;
            }
            ctx.next();
        }, 100);
    }

    private boolean tooLong(String length) {
        try {
            return Long.parseLong(length.trim()) > max;
        } catch (NumberFormatException e) {
            return false; // the HTTP layer answers a malformed length itself
        }
    }
}
