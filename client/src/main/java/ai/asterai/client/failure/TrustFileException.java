package ai.asterai.client.failure;

import java.nio.file.Path;

/** The pinned keys of a namespace cannot be read: the trust file is damaged or is another namespace's. */
public final class TrustFileException extends ClientException {
    private final String namespace;
    private final Path file;

    public TrustFileException(String namespace, Path file) {
        super("trust file " + file + " is not valid");
        this.namespace = namespace;
        this.file = file;
    }

    public String namespace() {
        return namespace;
    }

    public Path file() {
        return file;
    }
}
