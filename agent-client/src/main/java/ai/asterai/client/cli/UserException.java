package ai.asterai.client.cli;

/**
 * The user asked the command for something that cannot be done as asked: a bad argument, options that
 * exclude each other. The message says what to do instead. The command's own: the libraries throw
 * typed failures ({@code ai.asterai.client.failure}, {@code ai.asterai.agent.failure}), which
 * {@link ExitCodes} words the same way.
 */
public class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
