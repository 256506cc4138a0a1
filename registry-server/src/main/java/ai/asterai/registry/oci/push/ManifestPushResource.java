package ai.asterai.registry.oci.push;

import ai.asterai.protocol.name.PackageName;
import ai.asterai.registry.config.PublicUrl;
import ai.asterai.registry.config.RegistryConfig;
import ai.asterai.registry.oci.auth.Challenge;
import ai.asterai.registry.oci.auth.OciTokens;
import ai.asterai.registry.oci.auth.PushCaller;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;

/** Manifest PUT: {@code /v2/<ns>/<name>/manifests/<tag|digest>} (docs/oci.md "Push"). */
@Path("/v2/{ns}/{name}/manifests/{reference}")
@Consumes("*/*")
public class ManifestPushResource {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ManifestPushResource.class);




    private final ManifestPushes pushes;
    private final OciTokens tokens;
    private final RegistryConfig config;
    private final PublicUrl links;

    public ManifestPushResource(ManifestPushes pushes, OciTokens tokens, RegistryConfig config, PublicUrl links) {
        this.pushes = pushes;
        this.tokens = tokens;
        this.config = config;
        this.links = links;
    }

    @PUT
    public Response put(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("ns") String ns,
                        @PathParam("name") String name, @PathParam("reference") String reference,
                        @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length,
                        @Context UriInfo uri, InputStream body) {
        PackageName pkg = PushInput.pkg(ns, name);
        PushCaller caller = tokens.requirePush(authorization, PushInput.repository(ns, name),
                Challenge.of(config.publicUrl().orElse(null), uri.getBaseUri()));
        ManifestPushes.Pushed p;
        try {
            p = pushes.put(caller, pkg, reference, contentType, body, length == null ? -1 : length);
        } catch (ai.asterai.registry.oci.OciException e) {
            LOG.debugf("manifest push to %s:%s refused: %s %s", caller.repository(), PushInput.printable(reference), e.code(), e.getMessage());
            throw e;
        }
        Response.ResponseBuilder r = Response.status(201)
                .header("Location", links.link("/v2/" + caller.repository() + "/manifests/" + p.digest()))
                .header("Docker-Content-Digest", p.digest().toString());
        if (p.subject() != null) {
            r.header("OCI-Subject", p.subject().toString());
        }
        return r.build();
    }
}
