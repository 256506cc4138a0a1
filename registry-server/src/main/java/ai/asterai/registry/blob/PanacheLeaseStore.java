package ai.asterai.registry.blob;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;

/** The blob_leases table, through its Panache entity. */
@ApplicationScoped
public class PanacheLeaseStore implements LeaseStore {
    @Override
    public BlobLease lock(String digest) {
        return BlobLease.findById(digest, LockModeType.PESSIMISTIC_WRITE);
    }

    @Override
    public BlobLease insert(String digest, OffsetDateTime until) {
        BlobLease lease = new BlobLease();
        lease.digest = digest;
        lease.leaseUntil = until;
        lease.persistAndFlush();
        return lease;
    }

    @Override
    public void extend(BlobLease lease, OffsetDateTime until) {
        lease.leaseUntil = until;
    }

    @Override
    public void remove(BlobLease lease) {
        lease.delete();
    }

    @Override
    public long removeExpired(OffsetDateTime now) {
        return BlobLease.delete("leaseUntil < ?1", now);
    }
}
