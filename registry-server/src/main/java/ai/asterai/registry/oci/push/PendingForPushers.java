package ai.asterai.registry.oci.push;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.oci.OciMediaTypes;
import ai.asterai.protocol.oci.OciNames;
import ai.asterai.registry.config.RegistryConfig;
import ai.asterai.registry.oci.OciException;
import ai.asterai.registry.oci.auth.Challenge;
import ai.asterai.registry.oci.auth.OciTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A pending manifest is invisible to everyone but those who may push to its repository: clients read
 * back what they pushed (oras GETs the manifest right after its PUT), so a {@code GET}/{@code HEAD} of a
 * manifest carrying push credentials for the repository is answered with the pending bytes. Anonymous
 * readers, {@code /v1}, search and the tag list never see it.
 */
public class PendingForPushers {
    private static final Pattern MANIFEST = Pattern.compile("/v2/([^/]+)/([^/]+)/manifests/([^/]+)");
    private final OciTokens tokens;
    private final ManifestStore store;
    private final RegistryConfig config;

    public PendingForPushers(OciTokens tokens, ManifestStore store, RegistryConfig config) {
        this.tokens = tokens;
        this.store = store;
        this.config = config;
    }

    @ServerRequestFilter
    public Optional<Response> pending(ContainerRequestContext request) {
        String method = request.getMethod();
        String authorization = request.getHeaderString("Authorization");
        if (authorization == null || !("GET".equals(method) || "HEAD".equals(method))) {
            return Optional.empty();
        }
        Matcher m = MANIFEST.matcher(request.getUriInfo().getPath());
        if (!m.matches() || !PackageName.isValidLabel(m.group(1)) || !PackageName.isValidLabel(m.group(2))) {
            return Optional.empty();
        }
        String repository = m.group(1) + "/" + m.group(2);
        String reference = m.group(3);
        try {
            tokens.requirePush(authorization, repository, Challenge.of(config.publicUrl().orElse(null), request.getUriInfo().getBaseUri()));
        } catch (OciException e) {
            return Optional.empty(); // not a pusher of this repository: the read routes answer as for anyone
        }
        Optional<ManifestStore.Row> row = QuarkusTransaction.requiringNew().call(() -> {
            if (reference.startsWith("sha256:") && OciNames.isDigestSyntax(reference)) {
                return store.byDigest(repository, reference);
            }
            List<ManifestStore.Row> tagged = OciNames.isTag(reference) ? store.pendingTagged(repository, reference) : List.of();
            return tagged.isEmpty() ? Optional.<ManifestStore.Row>empty() : Optional.of(tagged.get(tagged.size() - 1));
        }).filter(r -> r.releaseId() == null);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = row.get().content();
        Response.ResponseBuilder r = Response.ok().type(OciMediaTypes.IMAGE_MANIFEST)
                .header("Docker-Content-Digest", Digest.of(bytes).toString()).header("Content-Length", bytes.length);
        return Optional.of("HEAD".equals(method) ? r.build() : r.entity(bytes).build());
    }
}
