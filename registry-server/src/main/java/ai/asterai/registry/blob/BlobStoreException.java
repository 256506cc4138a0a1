package ai.asterai.registry.blob;

/** The object store failed or could not be reached; never the client's fault. */
public class BlobStoreException extends Exception {
    public BlobStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
