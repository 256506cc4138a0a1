package ai.asterai.client.failure;

/** Only the cache was to be used (offline) and it does not hold what is needed. */
public class NotCachedException extends ClientException {
    /** What is missing: no cached release matches, or a part of the chosen one is gone or was damaged. */
    public enum Missing { RELEASE, PART }

    private final Missing missing;

    public NotCachedException(Missing missing, String message) {
        super(message);
        this.missing = missing;
    }

    public Missing missing() {
        return missing;
    }
}
