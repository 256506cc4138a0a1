package ai.asterai.registry.blob;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.registry.auth.Authenticator;
import ai.asterai.registry.config.RegistryConfig;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Runs the blob collector now, for the administrator (it also runs on its own schedule). */
@Path("/v1/admin/blob-gc")
@Produces(MediaType.APPLICATION_JSON)
public class BlobGcResource {
    private final Authenticator auth;
    private final BlobCollector collector;
    private final RegistryConfig config;

    public BlobGcResource(Authenticator auth, BlobCollector collector, RegistryConfig config) {
        this.auth = auth;
        this.collector = collector;
        this.config = config;
    }

    @POST
    public BlobCollector.Report collect(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                        @QueryParam("min-age") String minAge) {
        auth.requireAdmin(authorization);
        Duration age = minAge == null ? config.blobGc().minAge() : parse(minAge);
        try {
            return collector.collect(age);
        } catch (BlobStoreException e) {
            throw BlobResponder.unavailable(e);
        }
    }

    private static Duration parse(String text) {
        Duration d;
        try {
            d = Duration.parse(text.length() > 40 ? "invalid" : text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("min-age", "min-age must be an ISO-8601 duration such as PT24H or PT0S");
        }
        if (d.isNegative()) {
            throw new InvalidInputException("min-age", "min-age cannot be negative");
        }
        return d;
    }
}
