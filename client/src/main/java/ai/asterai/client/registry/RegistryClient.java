package ai.asterai.client.registry;

import ai.asterai.client.failure.NetworkException;
import ai.asterai.client.failure.RegistryException;
import ai.asterai.client.failure.NotLoggedInException;
import ai.asterai.client.config.RegistryUrl;
import ai.asterai.client.release.ListedKey;
import ai.asterai.client.release.PublishedVersion;
import ai.asterai.client.release.LogReceipt;
import ai.asterai.client.release.LoggedRelease;
import ai.asterai.client.release.ReleaseRecord;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The registry's HTTP API (docs/api.md) over {@link HttpClient}. Reads are sent without the token;
 * writes carry it as a bearer token. Every failure becomes a {@link RegistryException} (the
 * registry said no, with its problem detail) or a {@link NetworkException} (no usable answer).
 */
public final class RegistryClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(10);
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final int MAX_JSON_BODY = 16 * 1024 * 1024;

    private final RegistryUrl base;
    private final Supplier<String> token;
    private final String userAgent;
    private HttpClient http;

    public RegistryClient(RegistryUrl base, String token, String userAgent) {
        this(base, () -> token, userAgent);
    }

    /** The token is asked for only when a request needs it: reads are public. */
    public RegistryClient(RegistryUrl base, Supplier<String> token, String userAgent) {
        this.base = base;
        this.token = token;
        this.userAgent = userAgent;
    }

    public RegistryUrl url() {
        return base;
    }

    public boolean hasToken() {
        String t = token.get();
        return t != null && !t.isBlank();
    }

    private HttpClient http() {
        if (http == null) {
            HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER);
            if (base.value().startsWith("http://")) {
                // Plain HTTP never uses TLS here (no redirects, next-page links stay on this origin), so
                // skip loading the default trust store: a noticeable part of start-up against a local registry.
                b.sslContext(noTlsContext());
            }
            http = b.build();
        }
        return http;
    }

    private static SSLContext noTlsContext() {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[0], null); // trusts nothing: any TLS handshake would fail
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is unavailable in this Java runtime", e);
        }
    }

    // --- tokens, namespaces, keys

    public Models.TokenInfo whoami() {
        return json(authed(get("/v1/tokens/self")), Models.TokenInfo.class);
    }

    /**
     * A transparency-log resource ({@code key}, {@code checkpoint}, {@code tile/...}, {@code proof/...}
     * below {@code /tlog/}), as the bytes served; the caller parses and verifies them.
     */
    public byte[] tlog(String path) {
        return send(get("/tlog/" + path).setHeader("Accept", "*/*"), true);
    }

    /** Sends a witness's cosigned checkpoint (a signed note) to {@code POST /tlog/cosignature}; returns the checkpoint now served. */
    public byte[] postCosignature(byte[] cosignedNote) {
        return send(request("/tlog/cosignature", REQUEST_TIMEOUT).header("Content-Type", "text/plain; charset=utf-8")
                .setHeader("Accept", "*/*").POST(HttpRequest.BodyPublishers.ofByteArray(cosignedNote)), false);
    }

    public Models.NamespaceInfo createNamespace(String namespace) {
        PackageName.requireLabel("namespace", namespace);
        return json(authed(post("/v1/namespaces", Map.of("name", namespace))), Models.NamespaceInfo.class);
    }

    public Models.NamespaceInfo namespace(String namespace) {
        return json(get("/v1/namespaces/" + PackageName.requireLabel("namespace", namespace)), Models.NamespaceInfo.class);
    }

    /** The namespace's keys, as trust judges them (parsed from the wire here, once). */
    public List<ListedKey> keys(String namespace) {
        List<Models.KeyRecord> listed = json(get("/v1/namespaces/" + PackageName.requireLabel("namespace", namespace) + "/keys"),
                new TypeReference<List<Models.KeyRecord>>() { });
        return listed == null ? List.of() : listed.stream().map(RegistryClient::listedKey).toList();
    }

    public static ListedKey listedKey(Models.KeyRecord k) {
        return new ListedKey(k.keyId(), k.publicKey(), k.label(), k.signerKeyId(), k.signature(), k.createdAt(), k.revokedAt(),
                k.active());
    }

    public Models.KeyRecord addKey(String namespace, Models.AddKeyRequest request) {
        return json(authed(post("/v1/namespaces/" + PackageName.requireLabel("namespace", namespace) + "/keys", request)),
                Models.KeyRecord.class);
    }

    public Models.KeyRecord revokeKey(String namespace, String keyId) {
        return json(authed(post("/v1/namespaces/" + PackageName.requireLabel("namespace", namespace) + "/keys/"
                + keyId + "/revoke", null)), Models.KeyRecord.class);
    }

    // --- packages

    public Models.PackageInfo packageInfo(PackageName pkg) {
        return json(get(packagePath(pkg)), Models.PackageInfo.class);
    }

    /** The package's versions, newest first, as fetch resolves a range against them (parsed from the wire here, once). */
    public List<PublishedVersion> versions(PackageName pkg) {
        return packageInfo(pkg).versions().stream().map(e -> new PublishedVersion(e.version(), e.yanked(), e.publishedAt())).toList();
    }

    /** One release's record, as fetch verifies it and the cache keeps it (parsed from the wire here, once). */
    public ReleaseRecord version(PackageName pkg, Version version) {
        return releaseRecord(versionInfo(pkg, version));
    }

    /** One release's record with its transparency-log receipt. */
    public LoggedRelease loggedVersion(PackageName pkg, Version version) {
        Models.VersionInfo v = versionInfo(pkg, version);
        Models.Transparency t = v.transparency();
        return new LoggedRelease(releaseRecord(v), t == null ? null : new LogReceipt(t.index(), t.checkpoint(), t.inclusion()));
    }

    private Models.VersionInfo versionInfo(PackageName pkg, Version version) {
        return json(get(packagePath(pkg) + "/versions/" + encode(version.toString())), Models.VersionInfo.class);
    }

    public static ReleaseRecord releaseRecord(Models.VersionInfo v) {
        Models.Parts p = v.parts();
        ReleaseRecord.Parts parts = p == null ? null : new ReleaseRecord.Parts(blob(p.wasm()), blob(p.wit()), blob(p.manifest()));
        ReleaseRecord.Signature sig = v.signature() == null ? null : new ReleaseRecord.Signature(v.signature().keyId(), v.signature().signature());
        return new ReleaseRecord(v.name(), v.version(), v.kind(), parts, v.manifest(), sig, v.publishedAt(), v.yanked(), v.yankedAt(),
                v.downloads(), v.witPackage(), v.exports(), v.imports());
    }

    private static ReleaseRecord.Blob blob(Models.Blob b) {
        return b == null ? null : new ReleaseRecord.Blob(b.digest(), b.size());
    }

    public Models.VersionInfo publish(PackageName pkg, MultipartBody body, LongConsumer progress) {
        HttpRequest.Builder req = request(packagePath(pkg) + "/versions", TRANSFER_TIMEOUT)
                .header("Content-Type", body.contentType())
                .POST(body.publisher(progress));
        return json(authed(req), Models.VersionInfo.class);
    }

    public Models.VersionInfo setYanked(PackageName pkg, Version version, boolean yanked) {
        return json(authed(post(packagePath(pkg) + "/versions/" + encode(version.toString())
                + (yanked ? "/yank" : "/unyank"), null)), Models.VersionInfo.class);
    }

    public Models.SearchPage search(String query, String iface) {
        StringBuilder q = new StringBuilder("/v1/search?q=").append(encode(query == null ? "" : query));
        if (iface != null) {
            q.append("&interface=").append(encode(iface));
        }
        return json(get(q.toString()), Models.SearchPage.class);
    }

    /** One component that exports an interface, as discovery lists it (newest compatible first). */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    public record Implementation(String name, String version, String interfaceVersion) {
    }

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record Implementations(List<Implementation> results) {
    }

    /** Components whose latest releases export {@code iface} ({@code ns:pkg/iface[@version range]}). */
    public List<Implementation> implementations(String iface) {
        int at = iface.indexOf('@');
        String id = at < 0 ? iface : iface.substring(0, at);
        StringBuilder path = new StringBuilder("/v1/interfaces/").append(encode(id).replace("%3A", ":").replace("%2F", "/"))
                .append("/implementations");
        if (at >= 0) {
            path.append("?version=").append(encode(iface.substring(at + 1)));
        }
        Implementations found = json(get(path.toString()), Implementations.class);
        return found == null || found.results() == null ? List.of() : found.results();
    }

    /** Follows a {@code next} link; only links back to this registry are followed. */
    public Models.SearchPage searchNext(String next) {
        URI uri = URI.create(base.value() + "/").resolve(next);
        URI origin = URI.create(base.value());
        if (!uri.getScheme().equals(origin.getScheme()) || !uri.getRawAuthority().equals(origin.getRawAuthority())) {
            throw new NetworkException(base.value(), "the registry's next-page link points to another host: " + uri.getHost(), null);
        }
        return json(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("User-Agent", userAgent)
                .header("Accept", "application/json").GET(), Models.SearchPage.class);
    }

    /**
     * Streams one part of a release ({@code wasm}, {@code wit} or {@code manifest}) into {@code out},
     * refusing more than {@code maxBytes}, and returns the SHA-256 of what was received.
     */
    public Digest download(PackageName pkg, Version version, String part, long maxBytes, OutputStream out) {
        HttpRequest req = request(packagePath(pkg) + "/versions/" + encode(version.toString()) + "/" + part, TRANSFER_TIMEOUT)
                .GET().build();
        HttpResponse<InputStream> resp = exchange(req, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = resp.body()) {
            if (resp.statusCode() != 200) {
                throw problem(resp.statusCode(), in.readNBytes(MAX_ERROR_BODY), req.uri());
            }
            MessageDigest md = Digest.sha256();
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new NetworkException(base.value(), "the registry sent more than the " + maxBytes
                            + " bytes its metadata announced for the " + part + " of " + pkg + "@" + version, null);
                }
                md.update(buf, 0, n);
                out.write(buf, 0, n);
            }
            return Digest.fromRaw(md.digest());
        } catch (IOException e) {
            throw network(req.uri(), e);
        }
    }

    // --- plumbing

    private static String packagePath(PackageName pkg) {
        return "/v1/packages/" + pkg.namespace() + "/" + pkg.name();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("User-Agent", userAgent).header("Accept", "application/json");
    }

    private HttpRequest.Builder get(String path) {
        return request(path, REQUEST_TIMEOUT).GET();
    }

    private HttpRequest.Builder post(String path, Object body) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : RegistryJson.mapper().writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("request serialisation failed", e);
        }
        return request(path, REQUEST_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    }

    private HttpRequest.Builder authed(HttpRequest.Builder req) {
        if (!hasToken()) {
            throw new NotLoggedInException(base.toString());
        }
        return req.header("Authorization", "Bearer " + token.get());
    }

    private <T> T json(HttpRequest.Builder req, Class<T> type) {
        return parse(send(req, true), type, req);
    }

    private <T> T json(HttpRequest.Builder req, TypeReference<T> type) {
        byte[] body = send(req, true);
        try {
            return RegistryJson.mapper().readValue(body, type);
        } catch (IOException e) {
            throw unreadable(req);
        }
    }

    private <T> T parse(byte[] body, Class<T> type, HttpRequest.Builder req) {
        try {
            T value = RegistryJson.mapper().readValue(body, type);
            if (value == null) {
                throw unreadable(req);
            }
            return value;
        } catch (IOException e) {
            throw unreadable(req);
        }
    }

    private NetworkException unreadable(HttpRequest.Builder req) {
        return new NetworkException(base.value(), "the registry at " + base + " sent an answer that is not the expected JSON ("
                + req.build().uri().getPath() + ")", null);
    }

    /**
     * Sends and returns the body of a 2xx answer. GETs are retried twice when the registry says it
     * is briefly unavailable (503 or 429 with a short Retry-After) or the connection fails.
     */
    private byte[] send(HttpRequest.Builder builder, boolean retryGets) {
        HttpRequest req = builder.build();
        boolean idempotent = retryGets && req.method().equals("GET");
        for (int attempt = 1; ; attempt++) {
            HttpResponse<InputStream> resp;
            try {
                resp = exchange(req, HttpResponse.BodyHandlers.ofInputStream());
            } catch (NetworkException e) {
                if (idempotent && attempt < 3 && e.getCause() instanceof ConnectException) {
                    pause(Duration.ofMillis(250L * attempt));
                    continue;
                }
                throw e;
            }
            byte[] body;
            try (InputStream in = resp.body()) {
                int limit = resp.statusCode() < 300 ? MAX_JSON_BODY : MAX_ERROR_BODY;
                body = in.readNBytes(limit + 1);
                if (body.length > limit) {
                    throw new NetworkException(base.value(), "the registry's answer to " + req.uri().getPath() + " is too large", null);
                }
            } catch (IOException e) {
                throw network(req.uri(), e);
            }
            int status = resp.statusCode();
            if (status >= 200 && status < 300) {
                return body;
            }
            long retryAfter = resp.headers().firstValueAsLong("Retry-After").orElse(-1);
            if (idempotent && attempt < 3 && (status == 503 || status == 429) && retryAfter >= 0 && retryAfter <= 5) {
                pause(Duration.ofSeconds(Math.max(1, retryAfter)));
                continue;
            }
            throw problem(status, body, req.uri());
        }
    }

    private <T> HttpResponse<T> exchange(HttpRequest req, HttpResponse.BodyHandler<T> handler) {
        try {
            return http().send(req, handler);
        } catch (IOException e) {
            throw network(req.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkException(base.value(), "interrupted while talking to " + base, e);
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private NetworkException network(URI uri, IOException e) {
        String why;
        if (e instanceof HttpConnectTimeoutException) {
            why = "connection timed out";
        } else if (e instanceof HttpTimeoutException) {
            why = "no answer in time";
        } else if (e instanceof ConnectException) {
            why = "connection refused";
        } else {
            why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return new NetworkException(base.value(), "cannot reach the registry at " + base + ": " + oneLine(why), e);
    }

    /** The registry's problem detail, or a plain description when the body is not a problem. */
    private RegistryException problem(int status, byte[] body, URI uri) {
        String detail = null;
        String field = null;
        try {
            ObjectMapper m = RegistryJson.mapper();
            JsonNode n = m.readTree(body);
            if (n != null && n.hasNonNull("detail")) {
                detail = n.get("detail").asText();
                field = n.hasNonNull("field") ? n.get("field").asText() : null;
            }
        } catch (IOException notJson) {
            // fall through to the generic text
        }
        if (detail == null || detail.isBlank()) {
            detail = "the registry answered HTTP " + status + " to " + uri.getPath();
        }
        return new RegistryException(status, oneLine(detail), field, uri.toString());
    }

    /** Text from the network is printed on a terminal: one line, no control characters. */
    public static String oneLine(String s) {
        return oneLine(s, 300);
    }

    public static String oneLine(String s, int max) {
        String t = s.replaceAll("[\\r\\n\\t]+", " ").replaceAll("[\\p{Cntrl}\\u0080-\\u009f]", "?").strip();
        return t.length() > max ? t.substring(0, max) + "..." : t;
    }
}
