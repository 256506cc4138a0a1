package ai.asterai.registry.oci;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.oci.OciDescriptor;
import ai.asterai.protocol.oci.OciErrorCode;
import ai.asterai.protocol.oci.OciIndex;
import ai.asterai.protocol.oci.OciMediaTypes;
import ai.asterai.protocol.oci.OciNames;
import ai.asterai.registry.blob.BlobResponder;
import ai.asterai.registry.blob.ByteRange;
import ai.asterai.registry.config.PublicUrl;
import ai.asterai.registry.release.DownloadCompletion;
import ai.asterai.registry.release.DownloadCounter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The pull side of the OCI distribution spec v1.1 (docs/oci.md): anonymous reads of every public
 * release as OCI artifacts. Every failure answers in the spec's error format.
 *
 * <p>Routes take the repository as two literal segments {@code {ns}/{name}}, not a regular expression
 * over the path ({@code {repo: .+}}): the router tried such a template with backtracking on every
 * request, which cost a blob download a quarter of its throughput (docs/benchmarks.md). A repository
 * of another shape matches no route; {@link OciErrors#noRoute} still names it NAME_INVALID or NAME_UNKNOWN.
 */
@Path("/v2")
public class OciResource {
    static final String API_VERSION_HEADER = "Docker-Distribution-API-Version";
    static final String API_VERSION = "registry/2.0";
    static final String DIGEST_HEADER = "Docker-Content-Digest";
    /** Largest page of tags or repositories; a larger {@code n} is served in pages of this size (with a Link). */
    static final int MAX_PAGE = 1000;
    private static final String CACHE_IMMUTABLE = "public, max-age=31536000, immutable";
    private static final java.util.regex.Pattern CONTENT_RANGE = java.util.regex.Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

    private final OciRegistry registry;
    private final BlobResponder blobs;
    private final PublicUrl publicUrl;
    private final DownloadCounter downloads;

    public OciResource(OciRegistry registry, BlobResponder blobs, PublicUrl publicUrl, DownloadCounter downloads) {
        this.registry = registry;
        this.blobs = blobs;
        this.publicUrl = publicUrl;
        this.downloads = downloads;
    }

    // the registry's other failures on these routes: the spec's format, never a problem body



    /** {@code /v2/} (and {@code /v2}): this registry speaks the distribution API; reads need no credentials. */
    @GET
    public Response base() {
        return Response.ok("{}").type("application/json").header(API_VERSION_HEADER, API_VERSION).build();
    }

    // ------------------------------------------------------------------ manifests

    @GET
    @Path("/{ns}/{name}/manifests/{reference}")
    public Response manifest(@PathParam("ns") String ns, @PathParam("name") String name, @PathParam("reference") String reference,
                             @HeaderParam(HttpHeaders.ACCEPT) List<String> accept) {
        return manifestResponse(ns + "/" + name, reference, accept, true);
    }

    @HEAD
    @Path("/{ns}/{name}/manifests/{reference}")
    public Response manifestHead(@PathParam("ns") String ns, @PathParam("name") String name, @PathParam("reference") String reference,
                                 @HeaderParam(HttpHeaders.ACCEPT) List<String> accept) {
        return manifestResponse(ns + "/" + name, reference, accept, false);
    }

    private Response manifestResponse(String repo, String reference, List<String> accept, boolean body) {
        PackageName pkg = OciReference.repository(repo);
        OciReference.Ref ref = OciReference.reference(reference);
        OciContent.Generated m = registry.manifest(pkg, ref);
        if (!accepts(accept, OciMediaTypes.IMAGE_MANIFEST)) {
            throw new OciException(OciErrorCode.MANIFEST_UNKNOWN, "the manifest exists only as " + OciMediaTypes.IMAGE_MANIFEST
                    + ", which the Accept header does not list");
        }
        Response.ResponseBuilder r = (body ? Response.ok(m.bytes()) : Response.ok())
                .type(OciMediaTypes.IMAGE_MANIFEST)
                .header(HttpHeaders.CONTENT_LENGTH, m.size())
                .header(DIGEST_HEADER, m.digest().toString())
                .header(HttpHeaders.ETAG, "\"" + m.digest() + "\"");
        if (ref.isDigest()) {
            r.header(HttpHeaders.CACHE_CONTROL, CACHE_IMMUTABLE); // a tag moves (latest); a digest never does
        }
        return r.build();
    }

    /** Whether an Accept header (absent: anything) admits {@code type}. */
    static boolean accepts(List<String> accept, String type) {
        if (accept == null || accept.isEmpty()) {
            return true;
        }
        boolean any = false;
        for (String header : accept) {
            for (String item : header.split(",")) {
                String t = item.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
                if (t.isEmpty()) {
                    continue;
                }
                any = true;
                if (t.equals(type) || t.equals("*/*") || t.equals("application/*")) {
                    return true;
                }
            }
        }
        return !any;
    }

    // ------------------------------------------------------------------ blobs

    @GET
    @Path("/{ns}/{name}/blobs/{digest}")
    public Response blob(@PathParam("ns") String ns, @PathParam("name") String name, @PathParam("digest") String digest,
                         @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @HeaderParam("Range") String range,
                         @jakarta.ws.rs.core.Context io.vertx.ext.web.RoutingContext http) {
        PackageName pkg = OciReference.repository(ns + "/" + name);
        Digest d = OciReference.digest(digest, OciErrorCode.BLOB_UNKNOWN);
        OciContent c = registry.blob(pkg, d);
        if (c instanceof OciContent.Stored s) {
            Response resp = blobs.serve(s.digest(), s.size(), "application/octet-stream", ifNoneMatch, range);
            if (s.mediaType().equals(OciMediaTypes.WASM_LAYER) && reachesTheEnd(resp)) {
                // a pull of the component counts as a download as on /v1: once its last byte is written, once per client and window
                String client = http.request().remoteAddress() == null ? "unknown" : http.request().remoteAddress().hostAddress();
                DownloadCompletion.whenWritten(http, () -> downloads.countOnce(s.releaseId(), client));
            }
            return resp;
        }
        byte[] bytes = ((OciContent.Generated) c).bytes();
        ByteRange r = ByteRange.parse(range, bytes.length);
        Response.ResponseBuilder b = r == null
                ? Response.ok(bytes).header(HttpHeaders.CONTENT_LENGTH, bytes.length)
                : Response.status(206).entity(Arrays.copyOfRange(bytes, (int) r.start(), (int) r.end() + 1))
                .header(HttpHeaders.CONTENT_LENGTH, r.length())
                .header("Content-Range", "bytes " + r.start() + "-" + r.end() + "/" + bytes.length);
        return b.type("application/octet-stream").header(DIGEST_HEADER, d.toString()).header("Accept-Ranges", "bytes")
                .header(HttpHeaders.ETAG, "\"" + d + "\"").header(HttpHeaders.CACHE_CONTROL, CACHE_IMMUTABLE).build();
    }

    /** A 200, or a 206 whose range runs to the last byte (a resumed download that finishes). */
    private static boolean reachesTheEnd(Response resp) {
        if (resp.getStatus() == 200) {
            return true;
        }
        Object range = resp.getStatus() == 206 ? resp.getHeaders().getFirst("Content-Range") : null;
        java.util.regex.Matcher m = range == null ? null : CONTENT_RANGE.matcher(range.toString());
        return m != null && m.matches() && Long.parseLong(m.group(2)) + 1 == Long.parseLong(m.group(3));
    }

    @HEAD
    @Path("/{ns}/{name}/blobs/{digest}")
    public Response blobHead(@PathParam("ns") String ns, @PathParam("name") String name, @PathParam("digest") String digest) {
        PackageName pkg = OciReference.repository(ns + "/" + name);
        Digest d = OciReference.digest(digest, OciErrorCode.BLOB_UNKNOWN);
        OciContent c = registry.blob(pkg, d);
        return Response.ok().type("application/octet-stream").header(HttpHeaders.CONTENT_LENGTH, c.size())
                .header(DIGEST_HEADER, d.toString()).header("Accept-Ranges", "bytes")
                .header(HttpHeaders.ETAG, "\"" + d + "\"").build();
    }

    // ------------------------------------------------------------------ listings

    /** The JSON body of a tags list ({@code name}, {@code tags}). */
    public record TagList(String name, List<String> tags) {
    }

    /** The JSON body of the catalog. */
    public record Catalog(List<String> repositories) {
    }

    @GET
    @Path("/{ns}/{name}/tags/list")
    public Response tags(@PathParam("ns") String ns, @PathParam("name") String name, @QueryParam("n") String n, @QueryParam("last") String last) {
        PackageName pkg = OciReference.repository(ns + "/" + name);
        List<String> all = registry.tags(pkg);
        String repository = OciNames.repository(pkg);
        Page page = Page.of(all, n, last);
        Response.ResponseBuilder r = Response.ok(new TagList(repository, page.items())).type("application/json");
        if (page.more()) {
            r.header("Link", next("/v2/" + repository + "/tags/list", page));
        }
        return r.build();
    }

    @GET
    @Path("/_catalog")
    public Response catalog(@QueryParam("n") String n, @QueryParam("last") String last) {
        Page page = Page.of(registry.catalog(), n, last);
        Response.ResponseBuilder r = Response.ok(new Catalog(page.items())).type("application/json");
        if (page.more()) {
            r.header("Link", next("/v2/_catalog", page));
        }
        return r.build();
    }

    private String next(String path, Page page) {
        return "<" + publicUrl.link(path + "?n=" + page.size() + "&last="
                + URLEncoder.encode(page.items().get(page.items().size() - 1), StandardCharsets.UTF_8)) + ">; rel=\"next\"";
    }

    /** One page of a lexically sorted list: the entries after {@code last}, at most {@code n} (and {@link #MAX_PAGE}). */
    record Page(List<String> items, int size, boolean more) {
        static Page of(List<String> sorted, String n, String last) {
            int size = limit(n);
            List<String> after = last == null ? sorted : sorted.stream().filter(s -> s.compareTo(last) > 0).toList();
            List<String> items = after.subList(0, Math.min(size, after.size()));
            return new Page(items, size, !items.isEmpty() && after.size() > items.size());
        }

        private static int limit(String n) {
            if (n == null || n.isEmpty()) {
                return MAX_PAGE;
            }
            if (!n.matches("[0-9]{1,40}")) {
                throw new OciException(OciErrorCode.UNSUPPORTED, "n must be a non-negative integer, got '" + PackageName.printable(n) + "'");
            }
            return n.length() > 6 ? MAX_PAGE : Math.min(Integer.parseInt(n), MAX_PAGE);
        }
    }

    // ------------------------------------------------------------------ referrers

    @GET
    @Path("/{ns}/{name}/referrers/{digest}")
    public Response referrers(@PathParam("ns") String ns, @PathParam("name") String name, @PathParam("digest") String digest,
                              @QueryParam("artifactType") String artifactType) {
        PackageName pkg = OciReference.repository(ns + "/" + name);
        Digest d = OciReference.digest(digest, OciErrorCode.MANIFEST_UNKNOWN);
        List<OciDescriptor> referrers = registry.referrers(pkg, d);
        if (artifactType != null) {
            referrers = referrers.stream().filter(x -> artifactType.equals(x.artifactType())).toList();
        }
        Response.ResponseBuilder r = Response.ok(new OciIndex(referrers).toJson()).type(OciMediaTypes.IMAGE_INDEX);
        if (artifactType != null) {
            r.header("OCI-Filters-Applied", "artifactType");
        }
        return r.build();
    }
}
