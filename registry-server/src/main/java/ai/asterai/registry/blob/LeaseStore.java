package ai.asterai.registry.blob;

import java.time.OffsetDateTime;

/**
 * Where blob leases are kept: one row per digest that a publish is storing or the collector is
 * deleting. Each call runs in the caller's transaction. {@link PanacheLeaseStore} is the database one.
 */
public interface LeaseStore {
    /** The digest's lease, locked until the transaction ends (waiting for whoever holds it), or null. */
    BlobLease lock(String digest);

    /** Inserts a lease row, flushed so a concurrent insert of the same digest fails here, not at commit. */
    BlobLease insert(String digest, OffsetDateTime until);

    void extend(BlobLease lease, OffsetDateTime until);

    void remove(BlobLease lease);

    /** Removes every lease that ended before {@code now}; how many. */
    long removeExpired(OffsetDateTime now);
}
