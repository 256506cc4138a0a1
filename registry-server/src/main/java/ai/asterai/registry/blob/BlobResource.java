package ai.asterai.registry.blob;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.registry.failure.NotFound;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Any stored blob by its digest. */
@Path("/v1/blobs")
public class BlobResource {
    private final BlobResponder responder;

    public BlobResource(BlobResponder responder) {
        this.responder = responder;
    }

    @GET
    @Path("/{digest}")
    public Response blob(@PathParam("digest") String digest, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                         @HeaderParam("Range") String range) {
        Digest d = Digest.parse(digest);
        long size = responder.size(d);
        if (size < 0) {
            throw new NotFound("no blob " + d);
        }
        return responder.serve(d, size, "application/octet-stream", ifNoneMatch, range);
    }
}
