package ai.asterai.registry.auth;

import ai.asterai.registry.failure.Forbidden;
import ai.asterai.registry.failure.Unauthenticated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Resolves the bearer token of a request to a {@link Caller}, and enforces scopes. */
@ApplicationScoped
public class Authenticator {
    private final String adminHash;
    private final TokenStore tokens;

    public Authenticator(AdminTokenBootstrap bootstrap, TokenStore tokens) {
        this.tokens = tokens;
        this.adminHash = bootstrap.adminToken().map(TokenSecrets::hash).orElse(null);
    }

    @Transactional
    public Caller authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new Unauthenticated("this request needs an API token: Authorization: Bearer <token>");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Unauthenticated("Authorization must use the Bearer scheme");
        }
        String secret = authorization.substring(7).trim();
        if (secret.length() > 200) {
            throw new Unauthenticated("invalid API token");
        }
        String hash = TokenSecrets.hash(secret);
        if (adminHash != null && TokenSecrets.sameHash(adminHash, hash)) {
            return Caller.administrator();
        }
        ApiToken t = tokens.byHash(hash);
        if (t == null || t.revokedAt != null) {
            throw new Unauthenticated("invalid API token");
        }
        if (t.expiresAt != null && !t.expiresAt.isAfter(OffsetDateTime.now())) {
            throw new Unauthenticated("API token expired at " + t.expiresAt);
        }
        Set<String> ns = Arrays.stream(t.namespaces.split(",")).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        Arrays.stream(t.scopes.split(",")).filter(s -> !s.isEmpty()).map(Scope::parse).forEach(scopes::add);
        return new Caller(t.id, false, ns, Set.copyOf(scopes), t.expiresAt);
    }

    public Caller require(String authorization, Scope scope, String namespace) {
        Caller c = authenticate(authorization);
        if (!c.may(scope, namespace)) {
            throw new Forbidden("this token has no '" + scope.wire() + "' scope for namespace '" + namespace + "'");
        }
        return c;
    }

    public Caller requireAdmin(String authorization) {
        Caller c = authenticate(authorization);
        if (!c.admin()) {
            throw new Forbidden("only the registry administrator may do this");
        }
        return c;
    }
}
