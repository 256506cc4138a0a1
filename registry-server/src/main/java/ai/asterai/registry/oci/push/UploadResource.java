package ai.asterai.registry.oci.push;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.registry.config.PublicUrl;
import ai.asterai.registry.config.RegistryConfig;
import ai.asterai.registry.oci.auth.Challenge;
import ai.asterai.registry.oci.auth.OciTokens;
import ai.asterai.registry.oci.auth.PushCaller;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Optional;

/** Blob uploads: {@code /v2/<ns>/<name>/blobs/uploads/...} (docs/oci.md "Push"). */
@Path("/v2/{ns}/{name}/blobs/uploads")
@Consumes("*/*")
public class UploadResource {




    private final BlobUploads uploads;
    private final OciTokens tokens;
    private final RegistryConfig config;
    private final PublicUrl links;

    public UploadResource(BlobUploads uploads, OciTokens tokens, RegistryConfig config, PublicUrl links) {
        this.uploads = uploads;
        this.tokens = tokens;
        this.config = config;
        this.links = links;
    }

    private PushCaller authorize(String authorization, String ns, String name, UriInfo uri) {
        String repository = PushInput.repository(ns, name);
        PushCaller caller = tokens.requirePush(authorization, repository, Challenge.of(config.publicUrl().orElse(null), uri.getBaseUri()));
        uploads.countRequest(caller);
        return caller;
    }

    @POST
    @Path("/")
    public Response start(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("ns") String ns,
                          @PathParam("name") String name, @QueryParam("digest") String digest, @QueryParam("mount") String mount,
                          @QueryParam("from") String from, @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length,
                          @Context UriInfo uri, InputStream body) {
        PushCaller caller = authorize(authorization, ns, name, uri);
        String repository = caller.repository();
        if (mount != null) {
            Digest d = PushInput.digest(mount);
            if (from != null) {
                int slash = from.indexOf('/');
                PushInput.repository(slash < 0 ? from : from.substring(0, slash), slash < 0 ? "" : from.substring(slash + 1));
            }
            Optional<BlobUploads.Stored> mounted = uploads.mount(d);
            if (mounted.isPresent()) {
                return created(repository, mounted.get());
            }
            // not mountable: the spec's fallback is an ordinary upload session
        } else if (digest != null) {
            return created(repository, uploads.monolithic(PushInput.digest(digest), body, length == null ? -1 : length));
        }
        UploadStore.Session s = uploads.start(repository);
        return session(Response.accepted(), s).build();
    }

    @PATCH
    @Path("/{id}")
    public Response patch(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("ns") String ns,
                          @PathParam("name") String name, @PathParam("id") String id, @HeaderParam("Content-Range") String range,
                          @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length, @Context UriInfo uri, InputStream body) {
        PushCaller caller = authorize(authorization, ns, name, uri);
        UploadStore.Session s = uploads.append(caller.repository(), id, range, body, length == null ? -1 : length);
        return session(Response.accepted(), s).build();
    }

    @PUT
    @Path("/{id}")
    public Response finish(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("ns") String ns,
                           @PathParam("name") String name, @PathParam("id") String id, @QueryParam("digest") String digest,
                           @HeaderParam("Content-Range") String range, @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length,
                           @Context UriInfo uri, InputStream body) {
        PushCaller caller = authorize(authorization, ns, name, uri);
        Digest expected = PushInput.digest(digest);
        return created(caller.repository(), uploads.finish(caller.repository(), id, expected, range, body, length == null ? -1 : length));
    }

    @GET
    @Path("/{id}")
    public Response status(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("ns") String ns,
                           @PathParam("name") String name, @PathParam("id") String id, @Context UriInfo uri) {
        PushCaller caller = tokens.requirePush(authorization, PushInput.repository(ns, name),
                Challenge.of(config.publicUrl().orElse(null), uri.getBaseUri()));
        return session(Response.noContent(), uploads.session(caller.repository(), id)).build();
    }

    @DELETE
    @Path("/{id}")
    public Response cancel(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("ns") String ns,
                           @PathParam("name") String name, @PathParam("id") String id, @Context UriInfo uri) {
        PushCaller caller = tokens.requirePush(authorization, PushInput.repository(ns, name),
                Challenge.of(config.publicUrl().orElse(null), uri.getBaseUri()));
        uploads.cancel(caller.repository(), id);
        return Response.noContent().build();
    }

    private Response.ResponseBuilder session(Response.ResponseBuilder r, UploadStore.Session s) {
        return r.header("Location", links.link("/v2/" + s.repository() + "/blobs/uploads/" + s.id()))
                .header("Range", BlobUploads.rangeHeader(s.size())).header("Docker-Upload-UUID", s.id());
    }

    private Response created(String repository, BlobUploads.Stored blob) {
        return Response.status(201).header("Location", links.link("/v2/" + repository + "/blobs/" + blob.digest()))
                .header("Docker-Content-Digest", blob.digest().toString()).build();
    }
}
