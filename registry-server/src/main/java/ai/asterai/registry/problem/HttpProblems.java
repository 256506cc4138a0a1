package ai.asterai.registry.problem;

import io.quarkus.vertx.http.ManagementInterface;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Problem bodies for what the HTTP layer itself refuses, before or outside the REST resources: a
 * request line or headers over the limits, a missing {@code Host}, a method the operations routes
 * do not answer, a route that does not exist on the management port,
 * and any failure that reaches the router. Client mistakes are logged at DEBUG, never as ERROR.
 *
 * <p>The limits answered here are below the HTTP decoder's own (application.properties), so a
 * request over them gets a problem body; only a request line or header block beyond the decoder's
 * limits (64 KiB) is cut off by it with a bare status.
 */
@ApplicationScoped
public class HttpProblems {
    private static final Logger LOG = Logger.getLogger(HttpProblems.class);
    /** Longest request target answered (longer: 414). */
    public static final int MAX_URI = 8 * 1024;
    /** Largest header block answered (larger: 431). */
    public static final int MAX_HEADERS = 20 * 1024;

    void screenMain(@Observes Filters filters) {
        // before everything else, the upload limit (100) included
        filters.register(ctx -> screen(ctx, false), 1_000);
    }

    void failuresMain(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(HttpProblems::failure);
        errorHandlers(router);
    }

    void management(@Observes ManagementInterface management) {
        Router router = management.router();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> screen(ctx, true));
        router.route().order(Integer.MIN_VALUE).failureHandler(HttpProblems::failure);
        // nothing else matched: a problem instead of the router's page
        router.route().order(Integer.MAX_VALUE).handler(ctx -> send(ctx, 404, "Not Found", "no such resource", Map.of()));
        errorHandlers(router);
    }

    private static void errorHandlers(Router router) {
        router.errorHandler(404, ctx -> send(ctx, 404, "Not Found", "no such resource", Map.of()));
        router.errorHandler(405, ctx -> send(ctx, 405, "Method Not Allowed", "method not allowed on this resource", Map.of()));
        router.errorHandler(400, ctx -> send(ctx, 400, "Bad Request", "the request is malformed", Map.of()));
        router.errorHandler(500, HttpProblems::failure);
    }

    private static void screen(RoutingContext ctx, boolean management) {
        HttpServerRequest req = ctx.request();
        if (req.uri().length() > MAX_URI) {
            close(ctx, 414, "URI Too Long", "the request target is longer than " + MAX_URI + " bytes");
            return;
        }
        if (headerBytes(req) > MAX_HEADERS) {
            close(ctx, 431, "Request Header Fields Too Large", "the request headers are larger than " + MAX_HEADERS + " bytes");
            return;
        }
        if (req.version() == HttpVersion.HTTP_1_1 && req.headers().get(HttpHeaders.HOST) == null) {
            close(ctx, 400, "Bad Request", "an HTTP/1.1 request needs a Host header");
            return;
        }
        String boundaryProblem = multipartBoundaryProblem(req.getHeader(HttpHeaders.CONTENT_TYPE));
        if (boundaryProblem != null) {
            close(ctx, 400, "Bad Request", boundaryProblem);
            return;
        }
        String path = req.path();
        if ((management || path.equals("/q") || path.startsWith("/q/"))
                && req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
            send(ctx, 405, "Method Not Allowed", "only GET and HEAD are answered here", Map.of("Allow", "GET, HEAD"));
            return;
        }
        ctx.next();
    }

    /** RFC 2046's boundary: 1 to 70 characters of its set, not ending in a space. */
    private static final java.util.regex.Pattern BOUNDARY =
            java.util.regex.Pattern.compile("[0-9A-Za-z'()+_,\\-./:=? ]{0,69}[0-9A-Za-z'()+_,\\-./:=?]");

    /**
     * What is wrong with a multipart Content-Type's boundary, or null. Checked here because the
     * multipart parser fails with an unchecked exception (a 500) on an empty boundary.
     */
    static String multipartBoundaryProblem(String contentType) {
        if (contentType == null || !contentType.regionMatches(true, 0, "multipart/", 0, 10)) {
            return null;
        }
        String boundary = null;
        for (String param : contentType.split(";")) {
            String p = param.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
                boundary = p.substring(eq + 1).trim();
                if (boundary.length() >= 2 && boundary.startsWith("\"") && boundary.endsWith("\"")) {
                    boundary = boundary.substring(1, boundary.length() - 1);
                }
            }
        }
        if (boundary == null) {
            return "a multipart body needs a boundary parameter in its Content-Type";
        }
        if (!BOUNDARY.matcher(boundary).matches()) {
            return "the multipart boundary must be 1 to 70 characters (RFC 2046), not ending in a space";
        }
        return null;
    }

    private static int headerBytes(HttpServerRequest req) {
        int n = 0;
        for (Map.Entry<String, String> h : req.headers()) {
            n += h.getKey().length() + h.getValue().length() + 4;
        }
        return n;
    }

    /** A failure that reached the router (the REST resources map their own): 4xx as sent, anything else a 500. */
    private static void failure(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        Throwable cause = ctx.failure();
        int status = ctx.statusCode();
        if (response.ended() || response.closed()) {
            // answered already (or the client is gone): nothing more can be said
            LOG.debugf("failure after the response was sent for %s: %s", ctx.request().path(), cause);
            return;
        }
        if (status < 0 && cause != null && cause.getMessage() != null && cause.getMessage().contains("'Host' header is required")) {
            status = 400;
        }
        if (status >= 400 && status < 500) {
            LOG.debugf("client error %d for %s: %s", status, ctx.request().path(), cause);
            String title = io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase();
            send(ctx, status, title, status == 400 && cause != null && cause.getMessage() != null
                    && cause.getMessage().contains("Host") ? "an HTTP/1.1 request needs a Host header" : title, Map.of());
            return;
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(cause, "unexpected failure %s", id);
        send(ctx, 500, "Internal Server Error", "unexpected failure; reference " + id, Map.of());
    }

    private static void close(RoutingContext ctx, int status, String title, String detail) {
        send(ctx, status, title, detail, Map.of(HttpHeaders.CONNECTION.toString(), "close"));
    }

    public static void send(RoutingContext ctx, int status, String title, String detail, Map<String, String> headers) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        String body = new JsonObject().put("type", "about:blank").put("title", title).put("status", status).put("detail", detail).encode();
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        headers.forEach(response::putHeader);
        response.end(ctx.request().method() == HttpMethod.HEAD ? "" : body);
    }
}
