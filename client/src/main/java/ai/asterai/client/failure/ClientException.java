package ai.asterai.client.failure;

/**
 * What the client library refuses or cannot do, typed by cause. The message is one line naming the
 * file, key, reference or registry at fault; how a person should react (which command to run) is the
 * command's to add, so the library's own words stay true for an agent or any other caller.
 */
public abstract class ClientException extends RuntimeException {
    protected ClientException(String message) {
        super(message);
    }

    protected ClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
