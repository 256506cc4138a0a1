package ai.asterai.agent.failure;

/** A chat line starting with '/' is not a command the session knows, or lacks its arguments. */
public final class ChatCommandException extends RuntimeException {
    private final String command;

    public ChatCommandException(String command, String message) {
        super(message);
        this.command = command;
    }

    public String command() {
        return command;
    }
}
