package ai.asterai.registry.blob;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.registry.failure.Unavailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.jboss.logging.Logger;

/**
 * Answers a request for stored bytes. The ETag is the digest, so a client holding the bytes
 * revalidates for free; ranges let large downloads resume; small blobs come from memory.
 */
@ApplicationScoped
public class BlobResponder {
    private static final Logger LOG = Logger.getLogger(BlobResponder.class);
    private static final String CACHE_FOREVER = "public, max-age=31536000, immutable";
    private final BlobStore store;
    private final BlobCache cache;

    public BlobResponder(BlobStore store, BlobCache cache) {
        this.store = store;
        this.cache = cache;
    }

    /** Size of a stored blob, or -1; a blob held in memory costs no round trip to the store. */
    public long size(Digest digest) {
        long cached = cache.cachedSize(digest);
        if (cached >= 0) {
            return cached;
        }
        try {
            return store.size(digest);
        } catch (BlobStoreException e) {
            throw unavailable(e);
        }
    }

    public Response serve(Digest digest, long size, String type, String ifNoneMatch, String rangeHeader) {
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
            throw new Unavailable("object store", 0, "blob " + digest + " is missing from the object store", null);
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

    public static Unavailable unavailable(BlobStoreException e) {
        LOG.errorf("object store read failed: %s", e.getMessage());
        return new Unavailable("object store", 5, "the object store is unavailable; try again", e);
    }
}
