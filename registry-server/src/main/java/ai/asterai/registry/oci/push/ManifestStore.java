package ai.asterai.registry.oci.push;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Where pushed manifests are kept, byte for byte, with the blobs they name. Each call runs in the
 * caller's transaction. {@link SqlManifestStore} is the database one.
 */
public interface ManifestStore {
    /** A pushed manifest; {@code releaseId} null while pending, {@code expiresAt} null once released. */
    record Row(Long id, String repository, String digest, String role, String mediaType, String artifactType, String subject,
               String tag, byte[] content, Long releaseId, OffsetDateTime createdAt, OffsetDateTime expiresAt) {
    }

    /** A blob a manifest names. */
    record BlobRef(String digest, String mediaType, long size) {
    }

    Optional<Row> byDigest(String repository, String digest);

    /** The released component manifest of a release, if it arrived over /v2. */
    Optional<Row> componentOf(long releaseId);

    /** The manifests whose subject is {@code subject}, in push order. */
    List<Row> bySubject(String repository, String subject);

    /** Pending component manifests of a repository under a tag. */
    List<Row> pendingTagged(String repository, String tag);

    /** Inserts the row and its blob references; returns its id. */
    long insert(Row row, List<BlobRef> blobs);

    void markReleased(long id, long releaseId);

    void delete(long id);

    /** A blob a released manifest of the repository names, or empty. */
    Optional<BlobRef> releasedBlob(String repository, String digest);

    /** Whether any pushed manifest, pending or released, names the blob. */
    boolean namesBlob(String digest);

    /** Deletes pending manifests (and their blob references) that expired before {@code now}; returns how many. */
    long removeExpired(OffsetDateTime now);
}
