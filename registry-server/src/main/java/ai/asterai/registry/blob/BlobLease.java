package ai.asterai.registry.blob;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A digest a publish is storing (until {@code leaseUntil}), or the collector's lock on one it deletes. */
@Entity
@Table(name = "blob_leases")
public class BlobLease extends PanacheEntityBase {
    @Id
    public String digest;

    @Column(name = "lease_until", nullable = false)
    public OffsetDateTime leaseUntil;
}
