package ai.asterai.registry.oci;

import ai.asterai.protocol.InvalidInputException;
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
import ai.asterai.registry.failure.RegistryFailure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The pull side of the OCI distribution spec v1.1 (docs/oci.md): anonymous reads of every public
 * release as OCI artifacts. Every failure answers in the spec's error format.
 */
@Path("/v2")
public class OciResource {
    static final String API_VERSION_HEADER = "Docker-Distribution-API-Version";
    static final String API_VERSION = "registry/2.0";
    static final String DIGEST_HEADER = "Docker-Content-Digest";
    /** Largest page of tags or repositories; a larger {@code n} is served in pages of this size (with a Link). */
    static final int MAX_PAGE = 1000;
    private static final String CACHE_IMMUTABLE = "public, max-age=31536000, immutable";

    private final OciRegistry registry;
    private final BlobResponder blobs;
    private final PublicUrl publicUrl;

    public OciResource(OciRegistry registry, BlobResponder blobs, PublicUrl publicUrl) {
        this.registry = registry;
        this.blobs = blobs;
        this.publicUrl = publicUrl;
    }

    // the registry's other failures on these routes: the spec's format, never a problem body
    @ServerExceptionMapper
    public Response registryFailure(RegistryFailure e) {
        return OciErrors.response(e, OciErrorCode.BLOB_UNKNOWN);
    }

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e) {
        return OciErrors.response(e, OciErrorCode.NAME_UNKNOWN);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        return OciErrors.response(e, OciErrorCode.NAME_UNKNOWN);
    }

    /** {@code /v2/} (and {@code /v2}): this registry speaks the distribution API; reads need no credentials. */
    @GET
    public Response base() {
        return Response.ok("{}").type("application/json").header(API_VERSION_HEADER, API_VERSION).build();
    }

    // ------------------------------------------------------------------ manifests

    @GET
    @Path("/{repo: .+}/manifests/{reference}")
    public Response manifest(@PathParam("repo") String repo, @PathParam("reference") String reference,
                             @HeaderParam(HttpHeaders.ACCEPT) List<String> accept) {
        return manifestResponse(repo, reference, accept, true);
    }

    @HEAD
    @Path("/{repo: .+}/manifests/{reference}")
    public Response manifestHead(@PathParam("repo") String repo, @PathParam("reference") String reference,
                                 @HeaderParam(HttpHeaders.ACCEPT) List<String> accept) {
        return manifestResponse(repo, reference, accept, false);
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
    @Path("/{repo: .+}/blobs/{digest}")
    public Response blob(@PathParam("repo") String repo, @PathParam("digest") String digest,
                         @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @HeaderParam("Range") String range) {
        PackageName pkg = OciReference.repository(repo);
        Digest d = OciReference.digest(digest, OciErrorCode.BLOB_UNKNOWN);
        OciContent c = registry.blob(pkg, d);
        if (c instanceof OciContent.Stored s) {
            return blobs.serve(s.digest(), s.size(), "application/octet-stream", ifNoneMatch, range);
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

    @HEAD
    @Path("/{repo: .+}/blobs/{digest}")
    public Response blobHead(@PathParam("repo") String repo, @PathParam("digest") String digest) {
        PackageName pkg = OciReference.repository(repo);
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
    @Path("/{repo: .+}/tags/list")
    public Response tags(@PathParam("repo") String repo, @QueryParam("n") String n, @QueryParam("last") String last) {
        PackageName pkg = OciReference.repository(repo);
        List<String> all = registry.tags(pkg);
        String name = OciNames.repository(pkg);
        Page page = Page.of(all, n, last);
        Response.ResponseBuilder r = Response.ok(new TagList(name, page.items())).type("application/json");
        if (page.more()) {
            r.header("Link", next("/v2/" + name + "/tags/list", page));
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
    @Path("/{repo: .+}/referrers/{digest}")
    public Response referrers(@PathParam("repo") String repo, @PathParam("digest") String digest,
                              @QueryParam("artifactType") String artifactType) {
        PackageName pkg = OciReference.repository(repo);
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
