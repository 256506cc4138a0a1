package ai.asterai.registry.namespace;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.registry.auth.Authenticator;
import ai.asterai.registry.auth.Caller;
import ai.asterai.registry.auth.Scope;
import ai.asterai.registry.config.PublicUrl;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;

@Path("/v1/namespaces")
@Produces(MediaType.APPLICATION_JSON)
public class NamespaceResource {
    private final Authenticator auth;
    private final NamespaceService namespaces;
    private final PublicUrl publicUrl;
    private final PackageListing packages;

    public NamespaceResource(Authenticator auth, NamespaceService namespaces, PublicUrl publicUrl, PackageListing packages) {
        this.packages = packages;
        this.auth = auth;
        this.namespaces = namespaces;
        this.publicUrl = publicUrl;
    }

    public record CreateNamespace(String name) {
    }

    public record KeyView(String keyId, String publicKey, String label, String signerKeyId, String signature,
                          OffsetDateTime createdAt, OffsetDateTime revokedAt, boolean active) {
        static KeyView of(NamespaceKey k) {
            return new KeyView(k.keyId, k.publicKey, k.label, k.signerKeyId, k.signature, k.createdAt, k.revokedAt, k.active());
        }
    }

    public record PackageSummary(String name, String kind, String description, OffsetDateTime updatedAt) {
    }

    public record NamespaceView(String name, OffsetDateTime createdAt, List<KeyView> keys, List<PackageSummary> packages) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, CreateNamespace req) {
        auth.requireAdmin(authorization);
        if (req == null) {
            throw new InvalidInputException("name", "request body {\"name\": ...} is required");
        }
        Namespace ns = namespaces.create(req.name());
        return Response.status(201).header(HttpHeaders.LOCATION, publicUrl.link("/v1/namespaces/" + ns.name)).entity(view(ns)).build();
    }

    @GET
    @Path("/{ns}")
    public NamespaceView get(@PathParam("ns") String name) {
        return view(namespaces.require(name));
    }

    @POST
    @Path("/{ns}/keys")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addKey(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("ns") String name,
                           NamespaceService.AddKey req) {
        ai.asterai.protocol.name.PackageName.requireLabel("namespace", name);
        Caller caller = auth.require(authorization, Scope.KEYS, name);
        NamespaceKey k = namespaces.addKey(caller, name, req);
        return Response.status(201).header(HttpHeaders.LOCATION, publicUrl.link("/v1/namespaces/" + name + "/keys"))
                .entity(KeyView.of(k)).build();
    }

    @GET
    @Path("/{ns}/keys")
    public List<KeyView> keys(@PathParam("ns") String name) {
        Namespace ns = namespaces.require(name);
        return namespaces.keys(ns).stream().map(KeyView::of).toList();
    }

    @POST
    @Path("/{ns}/keys/{keyId}/revoke")
    public KeyView revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("ns") String name,
                          @PathParam("keyId") String keyId) {
        ai.asterai.protocol.name.PackageName.requireLabel("namespace", name);
        auth.require(authorization, Scope.KEYS, name);
        return KeyView.of(namespaces.revoke(name, keyId));
    }

    private NamespaceView view(Namespace ns) {
        List<KeyView> keys = namespaces.keys(ns).stream().map(KeyView::of).toList();
        List<PackageSummary> pkgs = packages.packagesOf(ns.id, ns.name);
        return new NamespaceView(ns.name, ns.createdAt, keys, pkgs);
    }
}
