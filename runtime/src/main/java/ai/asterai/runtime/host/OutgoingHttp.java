package ai.asterai.runtime.host;

import ai.asterai.runtime.sandbox.AuditEvent;
import ai.asterai.runtime.sandbox.EffectivePermissions;
import ai.asterai.runtime.sandbox.RuntimeLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Outgoing HTTP for components, the only network they ever get. Each hop (the first request and every
 * redirect, followed here, never by the client) must match a declared and granted
 * {@code scheme://host:port}; a host that resolves to a loopback or private address also needs a
 * declared and granted pattern naming exactly that host. Bodies and time are capped. Denials are
 * audited and returned as {@code denied}.
 *
 * <p>The check resolves the host name and the client connects after resolving it again; Java caches
 * successful lookups (30 s by default), which narrows but does not close a DNS-rebinding window.
 */
public final class OutgoingHttp {
    /** What the guest asked for; {@code body} and {@code timeoutMs} may be null. */
    public record Request(String method, String url, List<Map.Entry<String, String>> headers, byte[] body, Long timeoutMs) {
    }

    public sealed interface Outcome permits Response, Failure {
    }

    public record Response(int status, List<Map.Entry<String, String>> headers, byte[] body) implements Outcome {
    }

    /** {@code kind} is a case of the WIT {@code error} variant; {@code message} null for timeout/too-large. */
    public record Failure(String kind, String message) implements Outcome {
        static Failure denied(String m) {
            return new Failure("denied", m);
        }
    }

    /** Resolves host names (replaceable in tests). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "te", "trailer", "keep-alive", "proxy-connection");
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final HttpClient client;
    private final Resolver resolver;

    public OutgoingHttp() {
        this(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(10)).build(), InetAddress::getAllByName);
    }

    public OutgoingHttp(HttpClient client, Resolver resolver) {
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the client must not follow redirects itself");
        }
        this.client = client;
        this.resolver = resolver;
    }

    public Outcome send(HostContext ctx, Request request) {
        RuntimeLimits limits = ctx.limits();
        long timeoutMs = request.timeoutMs() == null ? limits.httpDefaultTimeout().toMillis()
                : Math.min(request.timeoutMs(), limits.maxTime().toMillis());
        long deadline = System.nanoTime() + Math.max(1, timeoutMs) * 1_000_000L;
        if (!TOKEN.matcher(request.method()).matches()) {
            return new Failure("failed", "invalid method '" + request.method() + "'");
        }
        for (Map.Entry<String, String> h : request.headers()) {
            if (!TOKEN.matcher(h.getKey()).matches() || h.getValue().indexOf('\r') >= 0 || h.getValue().indexOf('\n') >= 0) {
                return new Failure("failed", "invalid header '" + h.getKey() + "'");
            }
            if (RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                return new Failure("failed", "header '" + h.getKey() + "' is set by the host");
            }
        }
        URI uri;
        try {
            uri = parse(request.url());
        } catch (IllegalArgumentException e) {
            return new Failure("invalid-url", e.getMessage());
        }
        String method = request.method();
        byte[] body = request.body();
        for (int hop = 0; hop <= limits.httpMaxRedirects(); hop++) {
            Failure refused = check(ctx, uri, hop == 0 ? null : request.url());
            if (refused != null) {
                return refused;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return new Failure("timeout", null);
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(left))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            request.headers().forEach(h -> b.header(h.getKey(), h.getValue()));
            HttpResponse<InputStream> response;
            try {
                response = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpTimeoutException e) {
                return new Failure("timeout", null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HostCallInterrupted("HTTP request to " + EffectivePermissions.HostAccess.origin(uri), e);
            } catch (IOException e) {
                return new Failure("failed", describe(e));
            } catch (IllegalArgumentException e) {
                return new Failure("failed", e.getMessage());
            }
            int status = response.statusCode();
            if (REDIRECTS.contains(status) && response.headers().firstValue("location").isPresent()) {
                closeQuietly(response.body());
                String location = response.headers().firstValue("location").get();
                try {
                    uri = parse(uri.resolve(location.strip()).toString());
                } catch (IllegalArgumentException e) {
                    return new Failure("invalid-url", "redirect to '" + location + "': " + e.getMessage());
                }
                if (status == 303 || ((status == 301 || status == 302) && method.equals("POST"))) {
                    method = "GET";
                    body = null;
                }
                continue;
            }
            byte[] bytes;
            try (InputStream in = response.body()) {
                bytes = readCapped(in, limits.httpMaxBody());
            } catch (HttpTimeoutException e) {
                return new Failure("timeout", null);
            } catch (IOException e) {
                return new Failure("failed", describe(e));
            }
            if (bytes == null) {
                return new Failure("too-large", null);
            }
            return new Response(status, headers(response.headers()), bytes);
        }
        return new Failure("failed", "more than " + limits.httpMaxRedirects() + " redirects");
    }

    /** Null when {@code uri} may be requested; else the denial (already audited). */
    private Failure check(HostContext ctx, URI uri, String redirectedFrom) {
        EffectivePermissions.HostAccess hosts = ctx.permissions().hosts();
        String origin = EffectivePermissions.HostAccess.origin(uri);
        String prefix = redirectedFrom == null ? "" : "redirect to " + origin + ": ";
        var denial = hosts.denial(uri);
        if (denial.isPresent()) {
            ctx.audit().record(AuditEvent.denied(ctx.component(), "http", uri.toString(), prefix + denial.get()));
            return Failure.denied(prefix + denial.get());
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            return new Failure("failed", "cannot resolve " + uri.getHost());
        }
        for (InetAddress a : addresses) {
            if (AddressPolicy.isPrivate(a) && !hosts.exactlyAllowed(uri)) {
                String reason = prefix + uri.getHost() + " resolves to the local or private address " + a.getHostAddress()
                        + ", which is allowed only when that exact host is declared and granted";
                ctx.audit().record(AuditEvent.denied(ctx.component(), "http", uri.toString(), reason));
                return Failure.denied(reason);
            }
        }
        return null;
    }

    static URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("only http and https URLs are allowed");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("the URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("URLs with user info are not allowed");
        }
        try {
            return withoutFragment(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getReason());
        }
    }

    private static URI withoutFragment(URI uri) throws URISyntaxException {
        String s = uri.toString();
        int hash = s.indexOf('#');
        return new URI(hash < 0 ? s : s.substring(0, hash));
    }

    private static byte[] readCapped(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16384];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static List<Map.Entry<String, String>> headers(HttpHeaders headers) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        headers.map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                values.forEach(v -> out.add(Map.entry(name.toLowerCase(Locale.ROOT), v)));
            }
        });
        return out;
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the redirect's body is not needed; a failure to close it does not affect the next hop
        }
    }
}
