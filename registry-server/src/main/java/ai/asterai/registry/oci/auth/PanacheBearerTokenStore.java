package ai.asterai.registry.oci.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/** Bearer grants in the database, through the Panache entity. */
@ApplicationScoped
public class PanacheBearerTokenStore implements BearerTokenStore {
    @Override
    public BearerGrant byHash(String hash) {
        return BearerGrant.findById(hash);
    }

    @Override
    public void insert(BearerGrant grant) {
        grant.persist();
    }

    @Override
    public long removeExpired(OffsetDateTime now) {
        return BearerGrant.delete("expiresAt < ?1", now);
    }
}
