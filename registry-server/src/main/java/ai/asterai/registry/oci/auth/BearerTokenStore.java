package ai.asterai.registry.oci.auth;

import java.time.OffsetDateTime;

/** Where issued bearer tokens are kept (hashed). {@link PanacheBearerTokenStore} is the database one. */
public interface BearerTokenStore {
    /** The grant whose secret hashes to this, or null. */
    BearerGrant byHash(String hash);

    void insert(BearerGrant grant);

    /** Deletes grants that expired before {@code now}; returns how many. */
    long removeExpired(OffsetDateTime now);
}
