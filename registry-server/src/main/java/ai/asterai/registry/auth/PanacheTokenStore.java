package ai.asterai.registry.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/** API tokens in the database, through the Panache entity. */
@ApplicationScoped
public class PanacheTokenStore implements TokenStore {
    @Override
    public ApiToken byHash(String hash) {
        return ApiToken.find("tokenHash", hash).firstResult();
    }

    @Override
    public ApiToken byId(long id) {
        return ApiToken.findById(id);
    }

    @Override
    public void insert(ApiToken token) {
        token.persist();
    }

    @Override
    public void revoke(ApiToken token, OffsetDateTime at) {
        token.revokedAt = at;
    }
}
