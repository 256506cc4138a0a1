package ai.asterai.registry.blob;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.registry.db.UniqueViolation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.TreeSet;

/**
 * Leases digests for a publish before it stores them (see {@link BlobCollector}). The lease is
 * committed before the first byte is stored, and it outlives any publish by far.
 */
@ApplicationScoped
public class BlobLeases {
    /** Longer than any publish takes, from lease to commit. */
    public static final Duration LENGTH = Duration.ofHours(1);
    private final LeaseStore leases;

    public BlobLeases(LeaseStore leases) {
        this.leases = leases;
    }

    public void take(Collection<Digest> digests) {
        // in a fixed order, so two publishes sharing blobs cannot deadlock
        TreeSet<String> keys = new TreeSet<>();
        digests.forEach(d -> keys.add(d.toString()));
        try {
            QuarkusTransaction.requiringNew().run(() -> extend(keys));
        } catch (PersistenceException e) {
            if (!UniqueViolation.in(e)) {
                throw e;
            }
            // another publish inserted one of the rows first: the second pass finds and extends it
            QuarkusTransaction.requiringNew().run(() -> extend(keys));
        }
    }

    private void extend(TreeSet<String> keys) {
        OffsetDateTime until = OffsetDateTime.now(ZoneOffset.UTC).plus(LENGTH);
        for (String key : keys) {
            // waits while the collector holds the row: it is deleting that blob, and the publish
            // will then find it absent and store it again
            BlobLease lease = leases.lock(key);
            if (lease == null) {
                leases.insert(key, until);
            } else if (lease.leaseUntil.isBefore(until)) {
                leases.extend(lease, until);
            }
        }
    }
}
