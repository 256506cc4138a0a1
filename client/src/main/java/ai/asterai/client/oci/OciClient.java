package ai.asterai.client.oci;

import ai.asterai.client.failure.NetworkException;
import ai.asterai.client.failure.OciRegistryException;
import ai.asterai.client.failure.VerificationException;
import ai.asterai.client.registry.RegistryClient;
import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.json.StrictJson;
import ai.asterai.protocol.oci.OciDescriptor;
import ai.asterai.protocol.oci.OciIndex;
import ai.asterai.protocol.oci.OciManifest;
import ai.asterai.protocol.oci.OciMediaTypes;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The OCI distribution API ({@code /v2/}) of one registry over {@link HttpClient}: manifests, blobs,
 * uploads and referrers, with the spec's authentication (a {@code Bearer} challenge answered by the
 * token endpoint it names, with Basic credentials when there are some; or plain {@code Basic}).
 *
 * <p>Plain HTTP is used only for a loopback host or when the caller said {@code insecure}; every
 * other registry is spoken to over HTTPS, and a redirect from HTTPS to HTTP is refused. Every answer
 * is bounded before it is read: manifests and indexes by {@link #MAX_MANIFEST}, error bodies and
 * tokens by 64 KiB, blobs by the size their descriptor gives; a blob's digest is computed while it
 * streams and compared before the caller may use it. Redirects (to blob storage) are followed by
 * hand, at most {@link #MAX_REDIRECTS}, and credentials never travel to another host.
 */
public final class OciClient {
    /** The largest manifest or index accepted (the distribution spec asks registries to take at least 4 MiB). */
    public static final int MAX_MANIFEST = 4 * 1024 * 1024;
    static final int MAX_REDIRECTS = 5;
    /** How long an answer may stall before it is given up (java.net.http has no read timeout of its own). */
    public static final Duration DEFAULT_IDLE = Duration.ofSeconds(60);
    private static final int MAX_SMALL_BODY = 64 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = StrictJson.mapper();

    private final OciReference registry;
    private final URI base;
    private final OciCredentials credentials;
    private final boolean insecure;
    private final String userAgent;
    private final HttpClient http;
    /** Authorization header values that worked, by scope (a token is scoped to a repository and its actions). */
    private final Map<String, String> authorizations = new HashMap<>();
    private final Duration idle;

    /** A manifest or index as received: its bytes, their digest and the media type the registry declared. */
    public record Fetched(byte[] bytes, Digest digest, String mediaType) {
    }

    /**
     * @param registry names the registry (host and port); its repository and tag are not used here
     * @param insecure allow plain HTTP to a host that is not loopback
     */
    public OciClient(OciReference registry, OciCredentials credentials, boolean insecure, String userAgent) {
        this(registry, credentials, insecure, userAgent, DEFAULT_IDLE);
    }

    /** {@code idle}: how long a response may send nothing before it is given up. */
    public OciClient(OciReference registry, OciCredentials credentials, boolean insecure, String userAgent, Duration idle) {
        this.idle = idle;
        this.registry = registry;
        this.insecure = insecure;
        this.base = URI.create((registry.isLoopback() || insecure ? "http://" : "https://") + registry.authority());
        this.credentials = credentials == null ? OciCredentials.NONE : credentials;
        this.userAgent = userAgent;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public String authority() {
        return registry.authority();
    }

    // --- pull

    /** {@code GET /v2/}: whether the registry speaks the distribution API (a 401 counts: it asks for credentials). */
    public void ping() {
        HttpResponse<InputStream> r = send(get(URI.create(base + "/v2/")), null, REQUEST_TIMEOUT);
        int status = r.statusCode();
        byte[] body = drain(r);
        if (status != 200 && status != 401) {
            throw error(status, body, r.uri());
        }
    }

    /**
     * The manifest (or index) at a tag or digest, of one of the {@code accepted} media types, at most
     * {@link #MAX_MANIFEST} bytes; when asked by digest its bytes must hash to it. Empty on 404.
     */
    public Optional<Fetched> manifest(String repository, String reference, String... accepted) {
        URI uri = URI.create(base + "/v2/" + repository + "/manifests/" + reference);
        HttpRequest.Builder req = get(uri).header("Accept", String.join(", ", accepted));
        HttpResponse<InputStream> r = send(req, scope(repository, false), REQUEST_TIMEOUT);
        if (r.statusCode() == 404) {
            drain(r);
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw error(r.statusCode(), drain(r), r.uri());
        }
        long announced = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (announced > MAX_MANIFEST) {
            drain(r);
            throw bad(uri, "announces a manifest of " + announced + " bytes, more than the " + MAX_MANIFEST + " accepted");
        }
        byte[] bytes = readBounded(r, MAX_MANIFEST, uri, "manifest");
        if (announced >= 0 && announced != bytes.length) {
            throw bad(uri, "announced " + announced + " bytes but sent " + bytes.length);
        }
        String type = r.headers().firstValue("Content-Type").map(OciClient::bareType).orElse("");
        if (!List.of(accepted).contains(type)) {
            throw bad(uri, "answered with media type '" + printable(type) + "' instead of " + String.join(" or ", accepted));
        }
        Digest got = Digest.of(bytes);
        if (reference.startsWith("sha256:") && !got.toString().equals(reference)) {
            throw new VerificationException(registry.authority() + "/" + repository + "@" + reference,
                    "the registry served a manifest whose digest is " + got);
        }
        Optional<String> claimed = r.headers().firstValue("Docker-Content-Digest");
        if (claimed.isPresent() && !claimed.get().equals(got.toString())) {
            throw new VerificationException(registry.authority() + "/" + repository + ":" + reference,
                    "the registry says the manifest's digest is " + printable(claimed.get()) + " but its bytes hash to " + got);
        }
        return Optional.of(new Fetched(bytes, got, type));
    }

    /**
     * Streams the blob a descriptor names into {@code out}, refusing more or fewer bytes than its size,
     * and fails unless what arrived hashes to its digest. {@code out} must be discarded on failure.
     */
    public void blob(String repository, OciDescriptor d, OutputStream out, LongConsumer progress) {
        URI uri = URI.create(base + "/v2/" + repository + "/blobs/" + d.digest());
        HttpResponse<InputStream> r = followRedirects(get(uri), scope(repository, false));
        if (r.statusCode() != 200) {
            throw error(r.statusCode(), drain(r), r.uri());
        }
        long announced = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (announced >= 0 && announced != d.size()) {
            drain(r);
            throw bad(uri, "announces " + announced + " bytes for a blob whose descriptor says " + d.size());
        }
        MessageDigest md = Digest.sha256();
        long total = 0;
        try (InputStream in = r.body()) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > d.size()) {
                    throw bad(uri, "sent more than the " + d.size() + " bytes the descriptor gives");
                }
                md.update(buf, 0, n);
                out.write(buf, 0, n);
                progress.accept(total);
            }
        } catch (IOException e) {
            throw network(uri, e);
        }
        if (total != d.size()) {
            throw bad(uri, "sent " + total + " of the " + d.size() + " bytes the descriptor gives");
        }
        Digest got = Digest.fromRaw(md.digest());
        if (!got.matches(d.digest())) {
            throw new VerificationException(registry.authority() + "/" + repository + "@" + d.digest(),
                    "digest mismatch: the blob received hashes to " + got + "; it was altered in transit or in storage");
        }
    }

    /** A small blob (a release manifest, a WIT, a signature) read into memory, bounded by {@code max}. */
    public byte[] smallBlob(String repository, OciDescriptor d, long max) {
        if (d.size() > max) {
            throw bad(URI.create(base + "/v2/" + repository + "/blobs/" + d.digest()),
                    "lists a " + d.mediaType() + " blob of " + d.size() + " bytes, more than the " + max + " accepted");
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream((int) d.size());
        blob(repository, d, out, n -> { });
        return out.toByteArray();
    }

    /**
     * The referrers of a manifest with the given artifact type: from the referrers API
     * ({@code GET /v2/<repo>/referrers/<digest>}) when the registry has it, else from the spec's
     * fallback tag {@code sha256-<hex>} (an image index), else none.
     */
    public List<OciDescriptor> referrers(String repository, Digest subject, String artifactType) {
        URI uri = URI.create(base + "/v2/" + repository + "/referrers/" + subject
                + "?artifactType=" + URLEncoder.encode(artifactType, StandardCharsets.UTF_8));
        HttpResponse<InputStream> r = send(get(uri).header("Accept", OciMediaTypes.IMAGE_INDEX), scope(repository, false), REQUEST_TIMEOUT);
        OciIndex index;
        if (r.statusCode() == 200 && r.headers().firstValue("Content-Type").map(OciClient::bareType).orElse("").equals(OciMediaTypes.IMAGE_INDEX)) {
            index = parseIndex(readBounded(r, MAX_MANIFEST, uri, "referrers index"), uri);
        } else if (r.statusCode() == 404 || r.statusCode() == 200) {
            // no referrers API (a 200 of another type is a catch-all page, not an index): the tag schema
            drain(r);
            Optional<Fetched> tagged = manifest(repository, fallbackTag(subject), OciMediaTypes.IMAGE_INDEX);
            if (tagged.isEmpty()) {
                return List.of();
            }
            index = parseIndex(tagged.get().bytes(), uri);
        } else {
            throw error(r.statusCode(), drain(r), r.uri());
        }
        List<OciDescriptor> out = new ArrayList<>();
        for (OciDescriptor d : index.manifests()) {
            if (artifactType.equals(d.artifactType()) && d.mediaType().equals(OciMediaTypes.IMAGE_MANIFEST)) {
                out.add(d);
            }
        }
        return out;
    }

    /** The spec's fallback tag for the referrers of {@code subject}. */
    public static String fallbackTag(Digest subject) {
        return "sha256-" + subject.hex();
    }

    private OciIndex parseIndex(byte[] bytes, URI uri) {
        try {
            return OciIndex.parse(bytes);
        } catch (InvalidInputException e) {
            throw bad(uri, "sent an index that is not valid: " + e.getMessage());
        }
    }

    // --- push

    /** Whether the repository already holds the blob ({@code HEAD}). */
    public boolean hasBlob(String repository, Digest digest) {
        URI uri = URI.create(base + "/v2/" + repository + "/blobs/" + digest);
        HttpResponse<InputStream> r = send(request(uri, REQUEST_TIMEOUT).method("HEAD", HttpRequest.BodyPublishers.noBody()),
                scope(repository, true), REQUEST_TIMEOUT);
        drain(r);
        if (r.statusCode() == 200 || r.statusCode() == 307 || r.statusCode() == 302) {
            return true;
        }
        if (r.statusCode() == 404) {
            return false;
        }
        throw error(r.statusCode(), new byte[0], r.uri());
    }

    /**
     * Uploads a blob unless the repository has it: one {@code PUT} when it fits in {@code chunkSize},
     * else {@code PATCH} chunks with {@code Content-Range} and a closing {@code PUT ?digest=}.
     */
    public void pushBlob(String repository, byte[] content, int chunkSize) {
        Digest digest = Digest.of(content);
        if (hasBlob(repository, digest)) {
            return;
        }
        String scope = scope(repository, true);
        HttpResponse<InputStream> r = send(request(URI.create(base + "/v2/" + repository + "/blobs/uploads/"), REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody()), scope, REQUEST_TIMEOUT);
        byte[] body = drain(r);
        if (r.statusCode() != 202) {
            throw error(r.statusCode(), body, r.uri());
        }
        URI location = location(r);
        int offset = 0;
        if (content.length > chunkSize) {
            while (offset < content.length) {
                int n = Math.min(chunkSize, content.length - offset);
                HttpRequest.Builder patch = request(location, TRANSFER_TIMEOUT)
                        .header("Content-Type", "application/octet-stream")
                        .header("Content-Range", offset + "-" + (offset + n - 1))
                        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(content, offset, n));
                r = send(patch, scope, TRANSFER_TIMEOUT);
                body = drain(r);
                if (r.statusCode() != 202) {
                    throw error(r.statusCode(), body, r.uri());
                }
                location = location(r);
                offset += n;
            }
        }
        URI put = withQuery(location, "digest=" + URLEncoder.encode(digest.toString(), StandardCharsets.UTF_8));
        HttpRequest.BodyPublisher rest = offset == content.length ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(content, offset, content.length - offset);
        r = send(request(put, TRANSFER_TIMEOUT).header("Content-Type", "application/octet-stream").PUT(rest), scope, TRANSFER_TIMEOUT);
        body = drain(r);
        if (r.statusCode() != 201) {
            throw error(r.statusCode(), body, r.uri());
        }
    }

    /** What a manifest {@code PUT} answered: whether the registry processed its subject ({@code OCI-Subject}). */
    public record Pushed(Digest digest, boolean subjectProcessed) {
    }

    public Pushed putManifest(String repository, String reference, String mediaType, byte[] bytes) {
        URI uri = URI.create(base + "/v2/" + repository + "/manifests/" + reference);
        HttpResponse<InputStream> r = send(request(uri, REQUEST_TIMEOUT).header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)), scope(repository, true), REQUEST_TIMEOUT);
        byte[] body = drain(r);
        if (r.statusCode() != 201) {
            throw error(r.statusCode(), body, r.uri());
        }
        Digest digest = Digest.of(bytes);
        Optional<String> claimed = r.headers().firstValue("Docker-Content-Digest");
        if (claimed.isPresent() && !claimed.get().equals(digest.toString())) {
            throw bad(uri, "stored the manifest under digest " + printable(claimed.get()) + " instead of " + digest);
        }
        return new Pushed(digest, r.headers().firstValue("OCI-Subject").isPresent());
    }

    // --- plumbing: requests, authentication, redirects

    private static String scope(String repository, boolean push) {
        return "repository:" + repository + (push ? ":pull,push" : ":pull");
    }

    private HttpRequest.Builder request(URI uri, Duration timeout) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", userAgent);
    }

    private HttpRequest.Builder get(URI uri) {
        return request(uri, REQUEST_TIMEOUT).GET();
    }

    /**
     * Sends with what authorised this scope before; on a 401 answers the challenge (once) and sends
     * again. {@code scope} null: no credentials are offered (the ping).
     */
    private HttpResponse<InputStream> send(HttpRequest.Builder builder, String scope, Duration timeout) {
        String auth = scope == null ? null : authorizations.get(scope);
        HttpResponse<InputStream> r = exchange(withAuth(builder, auth));
        if (r.statusCode() != 401 || scope == null) {
            return r;
        }
        byte[] body = drain(r);
        Optional<String> challenge = r.headers().firstValue("WWW-Authenticate");
        if (challenge.isEmpty()) {
            throw error(401, body, r.uri());
        }
        String answer = answer(Challenge.parse(challenge.get()), scope, r.uri());
        if (answer == null || answer.equals(auth)) {
            throw error(401, body, r.uri());
        }
        authorizations.put(scope, answer);
        return exchange(withAuth(builder, answer));
    }

    private static HttpRequest withAuth(HttpRequest.Builder builder, String auth) {
        HttpRequest.Builder b = builder.copy();
        if (auth != null) {
            b.setHeader("Authorization", auth);
        }
        return b.build();
    }

    /** The Authorization value that answers a challenge, or null when there is nothing to offer. */
    private String answer(Challenge c, String scope, URI uri) {
        Optional<OciCredentials.Basic> basic = credentials.find(registry.authority());
        if (c.scheme().equals("basic")) {
            return basic.map(OciCredentials.Basic::header).orElse(null);
        }
        if (!c.scheme().equals("bearer")) {
            throw bad(uri, "asks for unsupported authentication '" + printable(c.scheme()) + "'");
        }
        String realm = c.params().get("realm");
        if (realm == null) {
            throw bad(uri, "sent a Bearer challenge without a realm");
        }
        URI tokenUri;
        try {
            tokenUri = URI.create(realm);
        } catch (IllegalArgumentException e) {
            throw bad(uri, "sent a Bearer challenge whose realm is not a URL");
        }
        checkTransport(tokenUri, uri);
        StringBuilder q = new StringBuilder();
        if (c.params().containsKey("service")) {
            q.append("service=").append(URLEncoder.encode(c.params().get("service"), StandardCharsets.UTF_8));
        }
        String wanted = c.params().getOrDefault("scope", scope);
        q.append(q.length() > 0 ? "&" : "").append("scope=").append(URLEncoder.encode(wanted, StandardCharsets.UTF_8));
        HttpRequest.Builder req = request(withQuery(tokenUri, q.toString()), REQUEST_TIMEOUT).GET();
        // the password goes only to the realm the registry named, and only over HTTPS (or loopback)
        basic.ifPresent(b -> req.header("Authorization", b.header()));
        HttpResponse<InputStream> r = exchange(req.build());
        byte[] body = readBounded(r, MAX_SMALL_BODY, tokenUri, "token answer");
        if (r.statusCode() != 200) {
            throw error(r.statusCode() == 401 || r.statusCode() == 403 ? 401 : r.statusCode(), body, tokenUri);
        }
        try {
            JsonNode n = JSON.readTree(body);
            JsonNode token = n == null ? null : n.hasNonNull("token") ? n.get("token") : n.get("access_token");
            if (token == null || !token.isTextual() || token.textValue().isEmpty() || token.textValue().length() > 16384
                    || !token.textValue().matches("[\\x21-\\x7e]+")) {
                throw bad(tokenUri, "sent a token answer without a usable token");
            }
            return "Bearer " + token.textValue();
        } catch (IOException e) {
            throw bad(tokenUri, "sent a token answer that is not JSON");
        }
    }

    /** GET that follows redirects to blob storage: same-host hops keep credentials, others drop them. */
    private HttpResponse<InputStream> followRedirects(HttpRequest.Builder builder, String scope) {
        HttpResponse<InputStream> r = send(builder, scope, TRANSFER_TIMEOUT);
        URI current = builder.build().uri();
        for (int hop = 0; hop < MAX_REDIRECTS; hop++) {
            int s = r.statusCode();
            if (s != 301 && s != 302 && s != 303 && s != 307 && s != 308) {
                return r;
            }
            drain(r);
            String location = r.headers().firstValue("Location").orElseThrow(() -> bad(builder.build().uri(), "redirected without a Location"));
            URI next;
            try {
                next = current.resolve(location);
            } catch (IllegalArgumentException e) {
                throw bad(current, "redirected to an invalid Location");
            }
            checkTransport(next, current);
            boolean sameOrigin = next.getScheme().equals(base.getScheme()) && next.getRawAuthority().equals(base.getRawAuthority());
            HttpRequest.Builder nb = request(next, TRANSFER_TIMEOUT).GET();
            String auth = scope == null ? null : authorizations.get(scope);
            if (sameOrigin && auth != null) {
                nb.header("Authorization", auth);
            }
            r = exchange(nb.build());
            current = next;
        }
        drain(r);
        throw bad(builder.build().uri(), "redirected more than " + MAX_REDIRECTS + " times");
    }

    /** HTTPS everywhere except loopback, or with {@code insecure}; never from HTTPS down to HTTP. */
    private void checkTransport(URI target, URI from) {
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || target.getHost() == null) {
            throw bad(from, "pointed to '" + printable(target.toString()) + "', which is not an http(s) URL");
        }
        if (scheme.equals("http") && !insecure && !isLoopbackHost(target.getHost())) {
            throw bad(from, "pointed to plain-HTTP " + target.getHost() + " (only HTTPS is used, except on loopback or with --insecure)");
        }
    }

    private static boolean isLoopbackHost(String host) {
        return host.equals("localhost") || host.matches("127(\\.[0-9]{1,3}){3}") || host.equals("[::1]") || host.equals("::1");
    }

    private URI location(HttpResponse<?> r) {
        String l = r.headers().firstValue("Location").orElseThrow(() -> bad(r.uri(), "started an upload without a Location"));
        URI u;
        try {
            u = r.uri().resolve(l);
        } catch (IllegalArgumentException e) {
            throw bad(r.uri(), "answered with an invalid upload Location");
        }
        if (!base.getScheme().equals(u.getScheme()) || !base.getRawAuthority().equals(u.getRawAuthority())) {
            // credentials go with every upload request: they stay with this registry
            throw bad(r.uri(), "moved the upload to another host (" + printable(String.valueOf(u.getRawAuthority())) + ")");
        }
        return u;
    }

    private static URI withQuery(URI uri, String query) {
        String s = uri.toString();
        return URI.create(s + (uri.getRawQuery() == null ? "?" : "&") + query);
    }

    private HttpResponse<InputStream> exchange(HttpRequest req) {
        try {
            return http.send(req, TimedBody.handler(idle));
        } catch (IOException e) {
            throw network(req.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkException(base.toString(), "interrupted while talking to " + registry.authority(), e);
        }
    }

    private byte[] readBounded(HttpResponse<InputStream> r, int max, URI uri, String what) {
        try (InputStream in = r.body()) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw bad(uri, "sent a " + what + " larger than " + max + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw network(uri, e);
        }
    }

    /** Reads what is left of a body we will not use (bounded), so the connection can be reused. */
    private byte[] drain(HttpResponse<InputStream> r) {
        try (InputStream in = r.body()) {
            return in.readNBytes(MAX_SMALL_BODY);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private NetworkException bad(URI uri, String what) {
        return new NetworkException(base.toString(), "the OCI registry " + registry.authority() + " " + what + " ("
                + printable(uri.getRawPath() == null ? "" : uri.getRawPath()) + ")", null);
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
        return new NetworkException(base.toString(), "cannot read from the OCI registry " + registry.authority() + ": "
                + RegistryClient.oneLine(why) + " (" + printable(uri.getRawPath() == null ? "" : uri.getRawPath()) + ")", e);
    }

    /** The spec's error body ({@code {"errors":[{"code","message"}]}}) as one line, or the status. */
    private OciRegistryException error(int status, byte[] body, URI uri) {
        String code = null;
        String message = null;
        try {
            JsonNode n = JSON.readTree(body);
            JsonNode first = n != null && n.path("errors").isArray() && n.path("errors").size() > 0 ? n.path("errors").get(0) : null;
            if (first != null) {
                code = first.path("code").isTextual() ? first.path("code").textValue() : null;
                message = first.path("message").isTextual() ? first.path("message").textValue() : null;
            }
        } catch (IOException | RuntimeException notSpecJson) {
            // not the spec's error body: the status says enough
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String what = switch (status) {
            case 401 -> "refused the credentials for " + registry.authority() + " (or none were found)";
            case 403 -> "denied access";
            case 404 -> "has no " + printable(path);
            default -> "answered HTTP " + status;
        };
        String detail = "the OCI registry " + registry.authority() + " " + what
                + (code != null ? ": " + printable(code) + (message != null ? " " + printable(message) : "") : "")
                + (status == 404 ? "" : " (" + printable(path) + ")");
        return new OciRegistryException(status, code, RegistryClient.oneLine(detail), uri.toString(), registry.authority());
    }

    /** Text from a registry, fit for one line of a message. */
    static String printable(String s) {
        return RegistryClient.oneLine(String.valueOf(s), 100);
    }

    private static String bareType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    /** One {@code WWW-Authenticate} challenge: its scheme (lowercase) and parameters. */
    record Challenge(String scheme, Map<String, String> params) {
        private static final int MAX_LENGTH = 4096;

        static Challenge parse(String header) {
            if (header.length() > MAX_LENGTH) {
                return new Challenge("unsupported", Map.of());
            }
            String h = header.strip();
            int sp = h.indexOf(' ');
            String scheme = (sp < 0 ? h : h.substring(0, sp)).toLowerCase(Locale.ROOT);
            Map<String, String> params = new LinkedHashMap<>();
            int i = sp < 0 ? h.length() : sp + 1;
            while (i < h.length()) {
                while (i < h.length() && (h.charAt(i) == ' ' || h.charAt(i) == ',')) {
                    i++;
                }
                int eq = h.indexOf('=', i);
                if (eq < 0) {
                    break;
                }
                String key = h.substring(i, eq).strip().toLowerCase(Locale.ROOT);
                i = eq + 1;
                String value;
                if (i < h.length() && h.charAt(i) == '"') {
                    StringBuilder v = new StringBuilder();
                    i++;
                    while (i < h.length() && h.charAt(i) != '"') {
                        if (h.charAt(i) == '\\' && i + 1 < h.length()) {
                            i++;
                        }
                        v.append(h.charAt(i++));
                    }
                    i++;
                    value = v.toString();
                } else {
                    int end = h.indexOf(',', i);
                    end = end < 0 ? h.length() : end;
                    value = h.substring(i, end).strip();
                    i = end;
                }
                if (!key.isEmpty()) {
                    params.putIfAbsent(key, value);
                }
            }
            return new Challenge(scheme, Map.copyOf(params));
        }
    }
}
