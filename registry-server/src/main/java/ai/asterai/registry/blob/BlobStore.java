package ai.asterai.registry.blob;

import ai.asterai.protocol.crypto.Digest;
import java.io.InputStream;
import java.nio.file.Path;

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

    static String key(Digest d) {
        return "sha256/" + d.hex().substring(0, 2) + "/" + d.hex();
    }
}
