package ai.asterai.client.failure;

import java.nio.file.Path;

/**
 * A project's file (asterai.toml, asterai.lock, the WIT or the built wasm it names) is missing,
 * unreadable or not what its format requires. {@code file} is the file or folder at fault.
 */
public final class ProjectFileException extends ClientException {
    private final Path file;

    public ProjectFileException(Path file, String message) {
        super(message);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
