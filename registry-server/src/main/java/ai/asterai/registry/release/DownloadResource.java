package ai.asterai.registry.release;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.registry.blob.BlobCache;
import ai.asterai.registry.blob.BlobStore;
import ai.asterai.registry.blob.BlobStoreException;
import ai.asterai.registry.problem.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Serves stored bytes: the parts of a release and raw blobs by digest. The ETag is the digest, so
 * a client holding the bytes revalidates for free; ranges let large downloads resume.
 */
@Path("/v1")
public class DownloadResource {
    private static final Logger LOG = Logger.getLogger(DownloadResource.class);
    private static final String CACHE_FOREVER = "public, max-age=31536000, immutable";
    private final ReleaseQueries queries;
    private final BlobStore store;
    private final BlobCache cache;
    private final DownloadCounter counter;

    public DownloadResource(ReleaseQueries queries, BlobStore store, BlobCache cache, DownloadCounter counter) {
        this.queries = queries;
        this.store = store;
        this.cache = cache;
        this.counter = counter;
    }

    @GET
    @Path("/packages/{ns}/{name}/versions/{version}/{part}")
    public Response part(@PathParam("ns") String ns, @PathParam("name") String name, @PathParam("version") String version,
                         @PathParam("part") String part, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                         @HeaderParam("Range") String range) {
        PackageName pkg = new PackageName(ns, name);
        Release r = queries.release(pkg, Version.parse(version));
        String digest;
        long size;
        String type;
        switch (part) {
            case "wasm" -> {
                if (r.wasmDigest == null) {
                    throw ProblemException.notFound("'" + pkg + "@" + r.version + "' is an interface package and has no wasm");
                }
                digest = r.wasmDigest;
                size = r.wasmSize;
                type = "application/wasm";
            }
            case "wit" -> {
                digest = r.witDigest;
                size = r.witSize;
                type = "text/plain; charset=utf-8";
            }
            case "manifest" -> {
                digest = r.manifestDigest;
                size = r.manifestSize;
                type = "application/json";
            }
            default -> throw ProblemException.notFound("no part '" + PackageName.printable(part) + "'; parts are wasm, wit, manifest");
        }
        Response resp = serve(Digest.parse(digest), size, type, ifNoneMatch, range);
        if ("wasm".equals(part) && resp.getStatus() == 200) {
            counter.count(r.id);
        }
        return resp;
    }

    @GET
    @Path("/blobs/{digest}")
    public Response blob(@PathParam("digest") String digest, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                         @HeaderParam("Range") String range) {
        Digest d = Digest.parse(digest);
        long size;
        try {
            size = store.size(d);
        } catch (BlobStoreException e) {
            throw unavailable(e);
        }
        if (size < 0) {
            throw ProblemException.notFound("no blob " + d);
        }
        return serve(d, size, "application/octet-stream", ifNoneMatch, range);
    }

    private Response serve(Digest digest, long size, String type, String ifNoneMatch, String rangeHeader) {
        String etag = "\"" + digest + "\"";
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER).build();
        }
        ByteRange range = ByteRange.parse(rangeHeader, size);
        try {
            byte[] whole = cache.get(digest, size);
            Response.ResponseBuilder b;
            if (range == null) {
                Object body = whole != null ? whole : open(digest, 0, -1);
                b = Response.ok(body).header(HttpHeaders.CONTENT_LENGTH, size);
            } else {
                Object body = whole != null
                        ? java.util.Arrays.copyOfRange(whole, (int) range.start(), (int) range.end() + 1)
                        : open(digest, range.start(), range.length());
                b = Response.status(206).entity(body).header(HttpHeaders.CONTENT_LENGTH, range.length())
                        .header("Content-Range", "bytes " + range.start() + "-" + range.end() + "/" + size);
            }
            return b.type(type).header(HttpHeaders.ETAG, etag).header("Accept-Ranges", "bytes")
                    .header(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER).header("Docker-Content-Digest", digest.toString()).build();
        } catch (BlobStoreException e) {
            throw unavailable(e);
        }
    }

    private InputStream open(Digest digest, long offset, long length) throws BlobStoreException {
        InputStream in = store.open(digest, offset, length);
        if (in == null) {
            LOG.errorf("blob %s is referenced by a release but missing from the object store", digest);
            throw new ProblemException(503, "Service Unavailable", "blob " + digest + " is missing from the object store", null, Map.of());
        }
        return in;
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String t : ifNoneMatch.split(",")) {
            String s = t.trim();
            if (s.startsWith("W/")) {
                s = s.substring(2);
            }
            if (s.equals(etag) || s.equals("*")) {
                return true;
            }
        }
        return false;
    }

    private static ProblemException unavailable(BlobStoreException e) {
        LOG.errorf("object store read failed: %s", e.getMessage());
        return new ProblemException(503, "Service Unavailable", "the object store is unavailable; try again", null, Map.of("Retry-After", "5"));
    }
}
