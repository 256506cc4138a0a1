package ai.asterai.registry.auth;

import ai.asterai.registry.config.RegistryConfig;
import ai.asterai.registry.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Resolves the bearer token of a request to a {@link Caller}, and enforces scopes. */
@ApplicationScoped
public class Authenticator {
    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer realm=\"asterai\"");
    private final String adminHash;

    public Authenticator(AdminTokenBootstrap bootstrap) {
        this.adminHash = bootstrap.adminToken().map(TokenSecrets::hash).orElse(null);
    }

    @Transactional
    public Caller authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new ProblemException(401, "Unauthorized", "this request needs an API token: Authorization: Bearer <token>", null, CHALLENGE);
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ProblemException(401, "Unauthorized", "Authorization must use the Bearer scheme", null, CHALLENGE);
        }
        String secret = authorization.substring(7).trim();
        if (secret.length() > 200) {
            throw new ProblemException(401, "Unauthorized", "invalid API token", null, CHALLENGE);
        }
        String hash = TokenSecrets.hash(secret);
        if (adminHash != null && TokenSecrets.sameHash(adminHash, hash)) {
            return Caller.administrator();
        }
        ApiToken t = ApiToken.findByHash(hash);
        if (t == null || t.revokedAt != null) {
            throw new ProblemException(401, "Unauthorized", "invalid API token", null, CHALLENGE);
        }
        if (t.expiresAt != null && !t.expiresAt.isAfter(OffsetDateTime.now())) {
            throw new ProblemException(401, "Unauthorized", "API token expired at " + t.expiresAt, null, CHALLENGE);
        }
        Set<String> ns = Arrays.stream(t.namespaces.split(",")).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        Arrays.stream(t.scopes.split(",")).filter(s -> !s.isEmpty()).map(Scope::parse).forEach(scopes::add);
        return new Caller(t.id, false, ns, Set.copyOf(scopes), t.expiresAt);
    }

    public Caller require(String authorization, Scope scope, String namespace) {
        Caller c = authenticate(authorization);
        if (!c.may(scope, namespace)) {
            throw ProblemException.forbidden("this token has no '" + scope.wire() + "' scope for namespace '" + namespace + "'");
        }
        return c;
    }

    public Caller requireAdmin(String authorization) {
        Caller c = authenticate(authorization);
        if (!c.admin()) {
            throw ProblemException.forbidden("only the registry administrator may do this");
        }
        return c;
    }
}
