package ai.asterai.registry.problem;

import ai.asterai.protocol.InvalidInputException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into a problem body: 4xx for what the client sent, a bare 500 otherwise. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    public static Response problem(int status, String title, String detail, String field) {
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(Problem.of(status, title, detail, field)).build();
    }

    /**
     * Whether a matched route is one of the OCI distribution API's ({@code /v2}, docs/oci.md): OCI
     * clients read the spec's error format, not problem bodies. Decided here, once, for every {@code /v2}
     * resource (class-local mappers would have to be repeated in each, as they are not inherited).
     */
    private static boolean oci(org.jboss.resteasy.reactive.server.SimpleResourceInfo resource) {
        return resource != null && resource.getResourceClass() != null
                && resource.getResourceClass().getPackageName().startsWith("ai.asterai.registry.oci");
    }

    /** What a failure that stands for "not found" is called on an OCI route: the pull routes read blobs, the others name a repository. */
    private static ai.asterai.protocol.oci.OciErrorCode ociNotFound(org.jboss.resteasy.reactive.server.SimpleResourceInfo resource) {
        return resource.getResourceClass() == ai.asterai.registry.oci.OciResource.class
                ? ai.asterai.protocol.oci.OciErrorCode.BLOB_UNKNOWN : ai.asterai.protocol.oci.OciErrorCode.NAME_UNKNOWN;
    }

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e, org.jboss.resteasy.reactive.server.SimpleResourceInfo resource) {
        if (oci(resource)) {
            return ai.asterai.registry.oci.OciErrors.response(e, ai.asterai.protocol.oci.OciErrorCode.NAME_UNKNOWN);
        }
        return problem(400, "Bad Request", e.getMessage(), e.field());
    }

    /** Every refusal a service makes; the status, title and headers are decided in {@link FailureProblems}. */
    @ServerExceptionMapper
    public Response registryFailure(ai.asterai.registry.failure.RegistryFailure e, org.jboss.resteasy.reactive.server.SimpleResourceInfo resource) {
        if (oci(resource)) {
            return ai.asterai.registry.oci.OciErrors.response(e, ociNotFound(resource));
        }
        return FailureProblems.response(e);
    }

    // Jackson's own mappers are registered for these exact types, so each needs its own mapper here.
    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        if (e instanceof MismatchedInputException m) {
            return badJsonShape(m);
        }
        return badJsonSyntax(e);
    }

    @ServerExceptionMapper
    public Response badJsonSyntax(com.fasterxml.jackson.core.JsonParseException e) {
        return badJsonSyntax((JsonProcessingException) e);
    }

    private static Response badJsonSyntax(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m != null && m.startsWith("Duplicate field")) {
            return problem(400, "Bad Request", "request body has a field twice: " + m, null);
        }
        return problem(400, "Bad Request", "request body is not valid JSON", null);
    }

    @ServerExceptionMapper
    public Response badJsonShape(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath() == null ? java.util.List.<com.fasterxml.jackson.databind.JsonMappingException.Reference>of() : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        String field = path.toString();
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            return problem(400, "Bad Request", "request body has an unknown field '" + u.getPropertyName() + "'", field);
        }
        if (field.isEmpty()) {
            String m = e.getOriginalMessage();
            return problem(400, "Bad Request", m != null && m.startsWith("Trailing token")
                    ? "request body has content after its JSON value" : "request body does not have the expected JSON shape", null);
        }
        return problem(400, "Bad Request", "request body has a value of the wrong type at '" + field + "'", field);
    }

    @ServerExceptionMapper
    public Response unknownJsonField(com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
        return badJsonShape(e);
    }

    @ServerExceptionMapper
    public Response badJsonValue(com.fasterxml.jackson.databind.exc.InvalidFormatException e) {
        return badJsonShape(e);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, io.vertx.core.http.HttpServerRequest request,
                                   org.jboss.resteasy.reactive.server.SimpleResourceInfo resource) {
        if (oci(resource)) {
            return ai.asterai.registry.oci.OciErrors.response(e, ai.asterai.protocol.oci.OciErrorCode.NAME_UNKNOWN);
        }
        if (request != null && (request.path().equals("/v2") || request.path().startsWith("/v2/"))) {
            // no OCI route matched (a 404 or 405 of the router): OCI clients read the spec's error format
            return ai.asterai.registry.oci.OciErrors.noRoute(request.path(), e);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        String title = Response.Status.fromStatusCode(status) != null ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
        String detail = switch (status) {
            case 400 -> "the request is malformed";
            case 404 -> "no such resource";
            case 405 -> "method not allowed on this resource";
            case 406 -> "cannot produce the requested media type";
            case 413 -> "request body is too large";
            case 415 -> "unsupported content type";
            default -> title;
        };
        Response.ResponseBuilder r = Response.status(status).type(Problem.MEDIA_TYPE).entity(Problem.of(status, title, detail, null));
        if (status == 413) {
            r.header("Connection", "close"); // the rest of the body is not read
        }
        e.getResponse().getHeaders().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Content-Type") && !k.equalsIgnoreCase("Content-Length")) {
                v.forEach(x -> r.header(k, x));
            }
        });
        return r.build();
    }

    /**
     * A persistence failure. By its SQLState: a data exception (class 22: a value the database cannot
     * hold, such as NUL in text or a string too long) is the request's fault, a 400; an integrity
     * violation (class 23) is a 409 (a 400 for NOT NULL and CHECK); a statement the database does not
     * understand (42, 0A) is our bug, a 500. Everything else (connection 08, rollback 40, resources 53,
     * operator 57, no state: pool exhausted, timeouts) is an outage: 503, nothing was committed, retry.
     */
    @ServerExceptionMapper
    public Response database(jakarta.persistence.PersistenceException e) {
        String state = sqlState(e);
        String cls = state == null || state.length() < 2 ? "" : state.substring(0, 2);
        switch (cls) {
            case "22" -> {
                LOG.warnf("database refused a value (SQLState %s): %s", state, e.getMessage());
                return problem(400, "Bad Request", "the request holds a value that cannot be stored (SQLState " + state + ")", null);
            }
            case "23" -> {
                LOG.warnf("integrity constraint (SQLState %s): %s", state, e.getMessage());
                return "23502".equals(state) || "23514".equals(state)
                        ? problem(400, "Bad Request", "the request holds a value that cannot be stored (SQLState " + state + ")", null)
                        : problem(409, "Conflict", "the request conflicts with what is stored (SQLState " + state + ")", null);
            }
            case "42", "0A" -> {
                return unexpected(e);
            }
            default -> {
                LOG.errorf("database failure (SQLState %s): %s", state, e.getMessage());
                return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "5")
                        .entity(Problem.of(503, "Service Unavailable", "the database is unavailable; nothing was changed, try again", null)).build();
            }
        }
    }

    /** The first SQLState on the cause chain (Hibernate's JDBC exceptions, then the driver's), or null. */
    static String sqlState(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof org.hibernate.JDBCException j && j.getSQLState() != null) {
                return j.getSQLState();
            }
            if (t instanceof java.sql.SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return null;
    }

    /**
     * Raw I/O failures reach here only while the request body is read (server-side file I/O is
     * wrapped in UncheckedIOException): a malformed, truncated or oversized body.
     */
    @ServerExceptionMapper
    public Response requestBody(java.io.IOException e, org.jboss.resteasy.reactive.server.SimpleResourceInfo resource) {
        if (oci(resource)) {
            return ai.asterai.registry.oci.auth.OciRouteFailures.requestBody(e);
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("too large")) {
            return Response.fromResponse(problem(413, "Content Too Large", "request body is larger than the upload limit", null))
                    .header("Connection", "close").build();
        }
        LOG.debugf("unreadable request body: %s", m);
        return problem(400, "Bad Request", "request body is malformed or was cut short", null);
    }

    /** The multipart parser's own limit on parts ({@code quarkus.http.limits.max-parameters}) says only this. */
    private static final java.util.regex.Pattern PART_LIMIT = java.util.regex.Pattern.compile("Param limit of (\\d+) was exceeded");

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        java.util.regex.Matcher tooManyParts = e.getClass() == RuntimeException.class && e.getMessage() != null
                ? PART_LIMIT.matcher(e.getMessage()) : null;
        if (tooManyParts != null && tooManyParts.matches()) {
            return problem(400, "Bad Request", "the request has more than " + tooManyParts.group(1)
                    + " multipart parts; a publish has the parts wasm, wit, manifest, signature", null);
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure %s", id);
        return problem(500, "Internal Server Error", "unexpected failure; reference " + id, null);
    }
}
