package ai.asterai.client.failure;

import java.nio.file.Path;

/** A signing key cannot be created or loaded from the key folder. */
public final class KeyStoreException extends ClientException {
    /** Why, so that a caller can say what to do about it. */
    public enum Problem { INVALID_NAME, ALREADY_EXISTS, READABLE_BY_OTHERS, NOT_FOUND, NOT_A_KEY }

    private final Problem problem;
    private final String keyName;
    private final Path file;

    public KeyStoreException(Problem problem, String keyName, Path file, String message) {
        super(message);
        this.problem = problem;
        this.keyName = keyName;
        this.file = file;
    }

    public Problem problem() {
        return problem;
    }

    public String keyName() {
        return keyName;
    }

    /** The key file, or the key folder when there is no file. */
    public Path file() {
        return file;
    }
}
