package ai.asterai.client.failure;

/** {@code --offline} was asked and the cache does not hold what is needed. */
public class NotCachedException extends ClientException {
    public NotCachedException(String message) {
        super(message);
    }
}
