package ai.asterai.registry.blob;

/**
 * Whether any release, yanked ones included, names a blob. The release feature answers it; the
 * collector asks, inside the transaction that holds the blob's lease row.
 */
public interface BlobReferences {
    boolean referenced(String digest);
}
