package ai.asterai.client.failure;

/**
 * The user asked for something that cannot be done as asked: a bad argument, a missing file, a key
 * that does not exist, a version that is not published. The message says what to do instead.
 */
public class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
