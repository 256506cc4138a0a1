package ai.asterai.registry.auth;

import java.time.OffsetDateTime;
import java.util.Set;

/** Who sent a request: the administrator or the holder of one API token. */
public record Caller(Long tokenId, boolean admin, Set<String> namespaces, Set<Scope> scopes, OffsetDateTime expiresAt) {
    public static Caller administrator() {
        return new Caller(null, true, Set.of("*"), Set.of(Scope.values()), null);
    }

    public boolean may(Scope scope, String namespace) {
        return admin || (scopes.contains(scope) && (namespaces.contains("*") || namespaces.contains(namespace)));
    }

    /** The key rate limits are counted under. */
    public String rateKey() {
        return admin ? "admin" : "token:" + tokenId;
    }
}
