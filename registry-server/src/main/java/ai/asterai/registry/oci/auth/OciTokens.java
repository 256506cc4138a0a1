package ai.asterai.registry.oci.auth;

import ai.asterai.protocol.oci.OciErrorCode;
import ai.asterai.registry.oci.OciException;
import ai.asterai.registry.auth.ApiToken;
import ai.asterai.registry.auth.Authenticator;
import ai.asterai.registry.auth.Caller;
import ai.asterai.registry.auth.Scope;
import ai.asterai.registry.auth.TokenSecrets;
import ai.asterai.registry.auth.TokenStore;
import ai.asterai.registry.failure.Unauthenticated;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The token scheme of OCI clients on top of the registry's API tokens. The token endpoint takes an
 * API token (as the Basic password, any user name, or as the OAuth2 form's password or refresh
 * token) and issues a short-lived bearer token bound to the scopes it could grant: {@code pull}
 * always (reads are anonymous), {@code push} on {@code ns/name} when the API token holds
 * {@code publish} on {@code ns}. Bearer tokens are stored hashed; the API token behind one is
 * checked again on every use, so revoking it ends its bearer tokens too.
 */
@ApplicationScoped
public class OciTokens {
    /** Bearer tokens start with this; API tokens ({@code ast_}) are also accepted on push requests. */
    static final String PREFIX = "aso_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_CREDENTIAL = 400;

    private final Authenticator authenticator;
    private final TokenStore apiTokens;
    private final BearerTokenStore grants;
    private final OciPushConfig config;
    private final Clock clock;

    public OciTokens(Authenticator authenticator, TokenStore apiTokens, BearerTokenStore grants, OciPushConfig config, Clock clock) {
        this.authenticator = authenticator;
        this.apiTokens = apiTokens;
        this.grants = grants;
        this.config = config;
        this.clock = clock;
    }

    /** What the token endpoint answers (both names of the token, as docker and OAuth2 clients read them). */
    public record Issued(String token, long expiresIn, OffsetDateTime issuedAt, List<OciAccess> granted) {
    }

    /**
     * Issues a token for the scopes. {@code apiToken} is the credential the client sent (null:
     * anonymous, which is granted pull only).
     */
    public Issued issue(String apiToken, List<OciAccess> requested) {
        Caller caller = apiToken == null ? null : authenticateApiToken(apiToken);
        List<OciAccess> granted = new ArrayList<>();
        for (OciAccess a : requested) {
            Set<String> actions = new LinkedHashSet<>();
            if (a.actions().contains("pull")) {
                actions.add("pull");
            }
            if (a.actions().contains("push") && caller != null && caller.may(Scope.PUBLISH, a.namespace())) {
                actions.add("push");
            }
            granted.add(new OciAccess(a.repository(), actions));
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        BearerGrant g = new BearerGrant();
        g.tokenHash = TokenSecrets.hash(secret);
        g.apiTokenId = caller == null ? null : caller.tokenId();
        g.admin = caller != null && caller.admin();
        g.access = OciAccess.encodeAll(granted);
        g.expiresAt = now.plus(config.tokenLifetime());
        QuarkusTransaction.requiringNew().run(() -> grants.insert(g));
        return new Issued(secret, config.tokenLifetime().toSeconds(), now, granted);
    }

    /** The API token inside a {@code Basic} header's password, or null for a header without one. */
    public static String basicPassword(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6) || authorization.length() > 2 * MAX_CREDENTIAL) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return null; // not base64: no credential in it
        }
    }

    private Caller authenticateApiToken(String secret) {
        if (secret.isBlank() || secret.length() > MAX_CREDENTIAL) {
            throw OciRefusals.of(OciErrorCode.UNAUTHORIZED, 401, "invalid credentials: the password must be an API token of this registry");
        }
        try {
            return authenticator.authenticate("Bearer " + secret.strip());
        } catch (Unauthenticated e) {
            throw OciRefusals.of(OciErrorCode.UNAUTHORIZED, 401, "invalid credentials: " + e.detail());
        }
    }

    /**
     * The caller allowed to push to {@code repository}, from the request's {@code Authorization}:
     * a bearer token from the token endpoint with push on it, an API token as bearer, or Basic with an
     * API token as password. Anything else is a 401 carrying the challenge that leads to a token.
     */
    public PushCaller requirePush(String authorization, String repository, Challenge challenge) {
        String namespace = repository.substring(0, repository.indexOf('/'));
        if (authorization == null || authorization.isBlank()) {
            throw challenge.unauthorized(repository, null, "authentication required to push to " + repository);
        }
        Caller caller;
        String basic = basicPassword(authorization);
        if (basic != null) {
            caller = orChallenge(basic, repository, challenge);
        } else if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw challenge.unauthorized(repository, "invalid_request", "use a bearer token from " + challenge.realm());
        } else {
            String secret = authorization.substring(7).trim();
            if (secret.startsWith(PREFIX)) {
                caller = fromGrant(secret, repository, challenge);
            } else {
                caller = orChallenge(secret, repository, challenge);
            }
        }
        if (!caller.may(Scope.PUBLISH, namespace)) {
            throw challenge.unauthorized(repository, "insufficient_scope",
                    "this token may not push to " + repository + ": it has no 'publish' scope for namespace '" + namespace + "'");
        }
        return new PushCaller(caller, repository);
    }

    private Caller orChallenge(String apiToken, String repository, Challenge challenge) {
        try {
            return authenticateApiToken(apiToken);
        } catch (OciException e) {
            throw challenge.unauthorized(repository, "invalid_token", e.getMessage());
        }
    }

    private Caller fromGrant(String secret, String repository, Challenge challenge) {
        if (secret.length() > MAX_CREDENTIAL) {
            throw challenge.unauthorized(repository, "invalid_token", "invalid bearer token");
        }
        String hash = TokenSecrets.hash(secret);
        BearerGrant g = QuarkusTransaction.requiringNew().call(() -> grants.byHash(hash));
        // the lookup is by hash; the compare below keeps the accept path constant-time as well
        if (g == null || !TokenSecrets.sameHash(g.tokenHash, hash)) {
            throw challenge.unauthorized(repository, "invalid_token", "invalid bearer token");
        }
        if (!g.expiresAt.isAfter(OffsetDateTime.now(clock))) {
            throw challenge.unauthorized(repository, "invalid_token", "bearer token expired at " + g.expiresAt + "; ask " + challenge.realm() + " for a new one");
        }
        boolean pushGranted = OciAccess.decodeAll(g.access).stream()
                .anyMatch(a -> a.repository().equals(repository) && a.actions().contains("push"));
        if (!pushGranted) {
            throw challenge.unauthorized(repository, "insufficient_scope", "this bearer token was not granted push on " + repository);
        }
        if (g.admin) {
            return Caller.administrator();
        }
        if (g.apiTokenId == null) {
            throw challenge.unauthorized(repository, "insufficient_scope", "an anonymous token may not push");
        }
        ApiToken t = QuarkusTransaction.requiringNew().call(() -> apiTokens.byId(g.apiTokenId));
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (t == null || t.revokedAt != null || (t.expiresAt != null && !t.expiresAt.isAfter(now))) {
            throw challenge.unauthorized(repository, "invalid_token", "the API token this bearer token was issued for is revoked or expired");
        }
        Set<String> ns = Arrays.stream(t.namespaces.split(",")).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        Arrays.stream(t.scopes.split(",")).filter(s -> !s.isEmpty()).map(Scope::parse).forEach(scopes::add);
        return new Caller(t.id, false, ns, Set.copyOf(scopes), t.expiresAt);
    }

    /** Deletes expired bearer tokens; returns how many. */
    public long clean() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return QuarkusTransaction.requiringNew().call(() -> grants.removeExpired(now));
    }
}
