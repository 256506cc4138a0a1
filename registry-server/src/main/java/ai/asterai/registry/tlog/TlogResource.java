package ai.asterai.registry.tlog;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.tlog.Checkpoint;
import ai.asterai.protocol.tlog.Hash;
import ai.asterai.protocol.tlog.Tile;
import ai.asterai.protocol.tlog.SignedNote;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The transparency log over HTTP (docs/transparency.md): its verifier key, its checkpoint, its tiles
 * (C2SP tlog-tiles) and proofs by index and size. Tiles never change once they exist, so full tiles
 * are cacheable forever; the checkpoint is not cacheable.
 */
@Path("/tlog")
public class TlogResource {
    static final String TEXT = "text/plain; charset=utf-8";
    static final String FOREVER = "public, max-age=31536000, immutable";
    private final TransparencyLog log;

    public TlogResource(TransparencyLog log) {
        this.log = log;
    }

    public record InclusionProof(long index, long size, List<String> hashes) {
    }

    public record ConsistencyProof(long from, long to, List<String> hashes) {
    }

    @GET
    @Path("/key")
    @Produces(TEXT)
    public Response key() {
        return Response.ok(log.verifierKey() + "\n", TEXT).header("Cache-Control", "public, max-age=3600").build();
    }

    @GET
    @Path("/checkpoint")
    @Produces(TEXT)
    public Response checkpoint() {
        return Response.ok(log.checkpoint().note(), TEXT).header("Cache-Control", "no-cache").build();
    }

    /**
     * A witness's cosignature: the body is the checkpoint it cosigned, as a signed note carrying its
     * C2SP cosignature/v1 line (other lines are ignored). Answers with the checkpoint as now served.
     */
    @POST
    @Path("/cosignature")
    @Consumes(MediaType.WILDCARD)
    @Produces(TEXT)
    public Response cosignature(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(SignedNote.MAX_BYTES + 1);
        if (bytes.length > SignedNote.MAX_BYTES) {
            throw new InvalidInputException("body", "a cosigned checkpoint has at most " + SignedNote.MAX_BYTES + " bytes");
        }
        log.addCosignatures(bytes);
        return Response.ok(log.checkpoint().note(), TEXT).header("Cache-Control", "no-cache").build();
    }

    @GET
    @Path("/tile/{path: .+}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response tile(@PathParam("path") String path) {
        Tile tile = Tile.parse("tile/" + path);
        byte[] bytes = log.tile(tile);
        // a partial tile's bytes never change either, but a client should move on to the full tile
        return Response.ok(bytes, MediaType.APPLICATION_OCTET_STREAM)
                .header("Cache-Control", tile.full() ? FOREVER : "public, max-age=60").build();
    }

    @GET
    @Path("/proof/inclusion")
    @Produces(MediaType.APPLICATION_JSON)
    public InclusionProof inclusion(@QueryParam("index") String index, @QueryParam("size") String size) {
        long i = number("index", index);
        long n = number("size", size);
        return new InclusionProof(i, n, base64(log.inclusionProof(i, n)));
    }

    @GET
    @Path("/proof/consistency")
    @Produces(MediaType.APPLICATION_JSON)
    public ConsistencyProof consistency(@QueryParam("from") String from, @QueryParam("to") String to) {
        long f = number("from", from);
        long t = number("to", to);
        return new ConsistencyProof(f, t, base64(log.consistencyProof(f, t)));
    }

    private static long number(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(field, "query parameter '" + field + "' is required");
        }
        return Checkpoint.parseSize(field, value);
    }

    private static List<String> base64(List<Hash> hashes) {
        return hashes.stream().map(Hash::base64).toList();
    }
}
