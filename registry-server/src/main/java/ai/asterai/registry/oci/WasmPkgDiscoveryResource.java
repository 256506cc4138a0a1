package ai.asterai.registry.oci;

import ai.asterai.registry.config.PublicUrl;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * wasm-pkg-tools' registry discovery (RFC 8615 well-known URI): tells {@code wkg} this registry speaks
 * OCI and that package {@code ns:name} is repository {@code ns/name} (an empty namespace prefix). The
 * registry's host is named only when {@code asterai.public-url} is configured (never taken from the
 * request's Host header); without it {@code wkg} uses the host it asked.
 */
@Path("/.well-known/wasm-pkg/registry.json")
public class WasmPkgDiscoveryResource {
    private final PublicUrl publicUrl;

    public WasmPkgDiscoveryResource(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    @GET
    public Response registry() {
        Map<String, String> oci = new LinkedHashMap<>();
        String base = publicUrl.link("");
        if (!base.isEmpty()) {
            URI u = URI.create(base);
            oci.put("registry", u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort());
        }
        oci.put("namespacePrefix", "");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("preferredProtocol", "oci");
        body.put("oci", oci);
        return Response.ok(body).type("application/json").build();
    }
}
