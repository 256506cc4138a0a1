package ai.asterai.registry.blob;

import ai.asterai.registry.config.RegistryConfig;
import ai.asterai.registry.db.UniqueViolation;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Deletes blobs no release refers to: what a publish left behind when the database failed after its
 * blobs were stored. A blob is deleted only when it is older than the minimum age, carries no live
 * lease, and no release names it, and all three are decided while its lease row is locked. A publish
 * leases its digests (committed) before it stores or reuses a blob, so it either sees the blob gone
 * and stores it again, or the collector sees its lease and keeps the blob.
 */
@ApplicationScoped
public class BlobCollector {
    private static final Logger LOG = Logger.getLogger(BlobCollector.class);
    private static final OffsetDateTime NO_LEASE = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    /** What one collection did. */
    public record Report(int scanned, int deleted, long deletedBytes, int referenced, int leased, int young,
                         int expiredLeasesRemoved) {
    }

    private enum Outcome { DELETED, REFERENCED, LEASED }

    /** The counts of a pass as it goes. */
    private static final class Tally {
        int scanned;
        int deleted;
        long deletedBytes;
        int referenced;
        int leased;
        int young;
    }

    /** Carries a store failure out of the transaction that had to roll back because of it. */
    private static final class StoreFailure extends RuntimeException {
        StoreFailure(BlobStoreException cause) {
            super(cause);
        }
    }

    private final BlobStore store;
    private final BlobCache cache;
    private final RegistryConfig config;
    private final MeterRegistry meters;
    /** Every feature that names blobs (releases, pushed OCI manifests): a blob one of them names is kept. */
    private final jakarta.enterprise.inject.Instance<BlobReferences> references;
    private final LeaseStore leases;

    public BlobCollector(BlobStore store, BlobCache cache, RegistryConfig config, MeterRegistry meters,
                         jakarta.enterprise.inject.Instance<BlobReferences> references,
                         LeaseStore leases) {
        this.leases = leases;
        this.references = references;
        this.store = store;
        this.cache = cache;
        this.config = config;
        this.meters = meters;
    }

    @Scheduled(every = "${asterai.blob-gc.every:24h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            collect(config.blobGc().minAge());
        } catch (BlobStoreException | RuntimeException e) {
            // the next run tries again; nothing is half-deleted (see collectOne)
            LOG.warnf("blob collection stopped: %s", e.getMessage());
        }
    }

    /** One pass over the store; one at a time per replica (replicas may overlap: the locks decide). */
    public synchronized Report collect(Duration minAge) throws BlobStoreException {
        Instant cutoff = Instant.now().minus(minAge);
        Tally t = new Tally();
        try {
            store.list(blob -> {
                t.scanned++;
                if (blob.modified().isAfter(cutoff)) {
                    t.young++;
                    return;
                }
                switch (collectOne(blob)) {
                    case DELETED -> {
                        t.deleted++;
                        t.deletedBytes += blob.size();
                    }
                    case REFERENCED -> t.referenced++;
                    case LEASED -> t.leased++;
                }
            });
        } finally {
            meters.counter("asterai.blob.gc.deleted").increment(t.deleted);
            meters.counter("asterai.blob.gc.deleted.bytes").increment(t.deletedBytes);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        long expired = QuarkusTransaction.requiringNew().call(() -> leases.removeExpired(now));
        Report r = new Report(t.scanned, t.deleted, t.deletedBytes, t.referenced, t.leased, t.young, (int) expired);
        LOG.infof("blob collection: %d blobs, %d deleted (%d bytes), %d referenced, %d leased, %d younger than %s",
                r.scanned(), r.deleted(), r.deletedBytes(), r.referenced(), r.leased(), r.young(), minAge);
        return r;
    }

    private Outcome collectOne(BlobStore.StoredBlob blob) throws BlobStoreException {
        String key = blob.digest().toString();
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                BlobLease lease = leases.lock(key);
                if (lease == null) {
                    // a row of our own to hold: a publish leasing this digest now waits for us
                    lease = leases.insert(key, NO_LEASE);
                } else if (lease.leaseUntil.isAfter(OffsetDateTime.now(ZoneOffset.UTC))) {
                    return Outcome.LEASED;
                }
                if (references.stream().anyMatch(r -> r.referenced(key))) {
                    leases.remove(lease);
                    return Outcome.REFERENCED;
                }
                try {
                    store.delete(blob.digest());
                } catch (BlobStoreException e) {
                    throw new StoreFailure(e);
                }
                cache.evict(blob.digest());
                leases.remove(lease);
                return Outcome.DELETED;
            });
        } catch (StoreFailure e) {
            throw (BlobStoreException) e.getCause();
        } catch (PersistenceException e) {
            if (UniqueViolation.in(e)) {
                return Outcome.LEASED; // a publish inserted its lease between our look and our insert
            }
            throw e;
        }
    }
}
