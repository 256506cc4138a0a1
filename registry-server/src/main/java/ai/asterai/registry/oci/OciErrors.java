package ai.asterai.registry.oci;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.oci.OciErrorCode;
import ai.asterai.registry.failure.Conflict;
import ai.asterai.registry.failure.Forbidden;
import ai.asterai.registry.failure.NotFound;
import ai.asterai.registry.failure.RangeNotSatisfiable;
import ai.asterai.registry.failure.RateLimited;
import ai.asterai.registry.failure.RegistryFailure;
import ai.asterai.registry.failure.Unauthenticated;
import ai.asterai.registry.failure.Unavailable;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The distribution spec's error body, {@code {"errors":[{"code","message","detail"}]}} as
 * {@code application/json}, and how every failure on a {@code /v2} route becomes one: the OCI routes
 * never answer with an RFC 9457 problem (their clients do not read it) and never with a 5xx for what
 * a client sent. The push routes use the same mapping ({@link #response(Throwable, OciErrorCode)}).
 */
public final class OciErrors {
    private static final Logger LOG = Logger.getLogger(OciErrors.class);
    private static final JsonFactory JSON = new JsonFactory();
    public static final String CONTENT_TYPE = "application/json";

    private OciErrors() {
    }

    /** The error body with one error; {@code detail} is left out when null. */
    public static byte[] body(OciErrorCode code, String message, Map<String, String> detail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("errors");
            g.writeStartObject();
            g.writeStringField("code", code.name());
            g.writeStringField("message", message);
            if (detail != null && !detail.isEmpty()) {
                g.writeObjectFieldStart("detail");
                for (Map.Entry<String, String> e : new java.util.TreeMap<>(detail).entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    public static Response response(OciException e) {
        Response.ResponseBuilder r = Response.status(e.status()).type(CONTENT_TYPE).entity(body(e.code(), e.getMessage(), null));
        e.headers().forEach(r::header);
        return r.build();
    }

    /**
     * Any failure on an OCI route as an error response. {@code notFound} is the code a domain
     * {@link NotFound} becomes on that route (NAME_UNKNOWN, MANIFEST_UNKNOWN, BLOB_UNKNOWN), since
     * the service that refused does not know which OCI object was asked for.
     */
    public static Response response(Throwable t, OciErrorCode notFound) {
        return response(translate(t, notFound));
    }

    /** The OCI refusal a failure stands for; anything unexpected is logged and answered as a 500 without details. */
    public static OciException translate(Throwable t, OciErrorCode notFound) {
        if (t instanceof OciException o) {
            return o;
        }
        if (t instanceof InvalidInputException i) {
            OciErrorCode code = "digest".equals(i.field()) ? OciErrorCode.DIGEST_INVALID
                    : "namespace".equals(i.field()) || "name".equals(i.field()) || "repository".equals(i.field())
                    ? OciErrorCode.NAME_INVALID : OciErrorCode.UNSUPPORTED;
            return new OciException(code, 400, i.getMessage(), Map.of());
        }
        if (t instanceof RegistryFailure f) {
            return fromFailure(f, notFound);
        }
        if (t instanceof WebApplicationException w && w.getResponse().getStatus() < 500) {
            int status = w.getResponse().getStatus();
            OciErrorCode code = switch (status) {
                case 401 -> OciErrorCode.UNAUTHORIZED;
                case 403 -> OciErrorCode.DENIED;
                case 404 -> notFound;
                case 413 -> OciErrorCode.SIZE_INVALID;
                case 429 -> OciErrorCode.TOOMANYREQUESTS;
                default -> OciErrorCode.UNSUPPORTED;
            };
            String message = switch (status) {
                case 404 -> "no such route under /v2";
                case 405 -> "method not allowed on this route";
                default -> code.description();
            };
            return new OciException(code, status, message, Map.of());
        }
        String id = java.util.UUID.randomUUID().toString();
        LOG.errorf(t, "unexpected failure on an OCI route %s", id);
        // not a client error: the spec has no code for it, UNSUPPORTED is the closest a client reads
        return new OciException(OciErrorCode.UNSUPPORTED, 500, "unexpected failure; reference " + id, Map.of());
    }

    private static OciException fromFailure(RegistryFailure f, OciErrorCode notFound) {
        if (f instanceof NotFound) {
            return new OciException(notFound, 404, f.detail(), Map.of());
        }
        if (f instanceof Unauthenticated) {
            return new OciException(OciErrorCode.UNAUTHORIZED, 401, f.detail(), Map.of());
        }
        if (f instanceof Forbidden) {
            return new OciException(OciErrorCode.DENIED, 403, f.detail(), Map.of());
        }
        if (f instanceof RateLimited r) {
            return new OciException(OciErrorCode.TOOMANYREQUESTS, 429, f.detail(), Map.of("Retry-After", Long.toString(r.retryAfterSeconds())));
        }
        if (f instanceof RangeNotSatisfiable r) {
            return new OciException(OciErrorCode.UNSUPPORTED, 416, f.detail(), Map.of("Content-Range", "bytes */" + r.size()));
        }
        if (f instanceof Conflict) {
            return new OciException(OciErrorCode.DENIED, 409, f.detail(), Map.of());
        }
        if (f instanceof Unavailable u) {
            // an outage, not the client's fault: 503 with Retry-After, which clients retry
            return new OciException(OciErrorCode.TOOMANYREQUESTS, 503, f.detail(),
                    u.retryAfterSeconds() > 0 ? Map.of("Retry-After", Long.toString(u.retryAfterSeconds())) : Map.of());
        }
        return new OciException(OciErrorCode.UNSUPPORTED, 400, f.detail(), Map.of());
    }
}
