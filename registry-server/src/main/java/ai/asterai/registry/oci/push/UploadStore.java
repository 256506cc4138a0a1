package ai.asterai.registry.oci.push;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Where blob upload sessions are kept, shared by every replica; each call runs in the caller's
 * transaction. {@link SqlUploadStore} is the database one.
 */
public interface UploadStore {
    /** A session: its repository, the bytes received so far in how many chunks, and its end. */
    record Session(String id, String repository, long size, int chunks, OffsetDateTime expiresAt) {
    }

    /** One chunk: a blob in the blob store, in upload order. */
    record Chunk(int seq, String digest, long size) {
    }

    void create(String id, String repository, OffsetDateTime now, OffsetDateTime expiresAt);

    /** The session, locked until the transaction ends; empty when there is none. */
    Optional<Session> lock(String id);

    Optional<Session> find(String id);

    /** Appends a chunk and grows the session's size. */
    void append(Session s, String digest, long size);

    List<Chunk> chunks(String id);

    void delete(String id);

    /** Deletes sessions that ended before {@code now}; returns how many. */
    long removeExpired(OffsetDateTime now);
}
