package ai.asterai.registry.auth;

import java.time.OffsetDateTime;

/** Where API tokens are kept (hashed). {@link PanacheTokenStore} is the database one. */
public interface TokenStore {
    /** The token whose secret hashes to this, or null. */
    ApiToken byHash(String hash);

    /** The token, or null. */
    ApiToken byId(long id);

    void insert(ApiToken token);

    void revoke(ApiToken token, OffsetDateTime at);
}
