package ai.asterai.agent.failure;

import java.nio.file.Path;

/** An agent's file (agent.toml or its lock) is missing or not what its format requires. */
public final class AgentFileException extends RuntimeException {
    private final Path file;

    public AgentFileException(Path file, String message) {
        super(message);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
