package ai.asterai.registry.blob;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.Digest;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Content-addressed blob storage. Blobs never change once written, so a put of a digest that is
 * already stored is a no-op, and readers may cache freely.
 */
public interface BlobStore {
    /** Stores the file under its digest (which the caller computed) unless it is already there. */
    void put(Digest digest, Path file, long size) throws BlobStoreException;

    boolean exists(Digest digest) throws BlobStoreException;

    /** Size in bytes, or -1 when absent. */
    long size(Digest digest) throws BlobStoreException;

    /** Opens {@code length} bytes from {@code offset} ({@code length < 0}: to the end). Null when absent. */
    InputStream open(Digest digest, long offset, long length) throws BlobStoreException;

    /** Throws when the store cannot be reached; used by the readiness check. */
    void check() throws BlobStoreException;

    /** A stored blob as a listing shows it. */
    record StoredBlob(Digest digest, long size, Instant modified) {
    }

    /** Something that looks at each stored blob of a listing; it may stop the listing by throwing. */
    interface Visitor {
        void visit(StoredBlob blob) throws BlobStoreException;
    }

    /**
     * Visits every blob the store holds under a key this registry writes. Anything else in the store
     * is not listed, so nothing a registry did not write is ever a candidate for deletion.
     */
    void list(Visitor visitor) throws BlobStoreException;

    /** Deletes the blob; deleting one that is absent is not an error. */
    void delete(Digest digest) throws BlobStoreException;

    static String key(Digest d) {
        return "sha256/" + d.hex().substring(0, 2) + "/" + d.hex();
    }

    /** The digest a key names, when it is exactly a key {@link #key} makes. */
    static Optional<Digest> digestOf(String key) {
        if (key.length() != 7 + 3 + 64 || !key.startsWith("sha256/")) {
            return Optional.empty();
        }
        String hex = key.substring(10);
        try {
            Digest d = Digest.parse(Digest.PREFIX + hex);
            return key(d).equals(key) ? Optional.of(d) : Optional.empty();
        } catch (InvalidInputException e) {
            return Optional.empty(); // not a digest: not a key of ours
        }
    }
}
