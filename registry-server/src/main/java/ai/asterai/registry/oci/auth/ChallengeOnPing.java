package ai.asterai.registry.oci.auth;

import ai.asterai.registry.config.RegistryConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * {@code GET /v2/} stays 200 for anonymous readers but names the token endpoint in
 * {@code WWW-Authenticate}: docker-style clients (skopeo) learn the challenge from this ping only,
 * and without it would push without credentials.
 */
public class ChallengeOnPing {
    private final RegistryConfig config;

    public ChallengeOnPing(RegistryConfig config) {
        this.config = config;
    }

    @ServerResponseFilter
    public void announce(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (("/v2/".equals(path) || "/v2".equals(path)) && response.getStatus() == 200
                && !response.getHeaders().containsKey("WWW-Authenticate")) {
            response.getHeaders().add("WWW-Authenticate",
                    Challenge.of(config.publicUrl().orElse(null), request.getUriInfo().getBaseUri()).header());
        }
    }
}
