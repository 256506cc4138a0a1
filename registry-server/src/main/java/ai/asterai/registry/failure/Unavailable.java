package ai.asterai.registry.failure;

/**
 * A dependency (the object store) cannot serve now; nothing was changed, and a retry after
 * {@code retryAfterSeconds} may succeed (0: no advice, e.g. a blob missing from the store).
 */
public final class Unavailable extends RegistryFailure {
    private final String dependency;
    private final long retryAfterSeconds;

    public Unavailable(String dependency, long retryAfterSeconds, String detail, Throwable cause) {
        super(detail, cause);
        this.dependency = dependency;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String dependency() { return dependency; }
    public long retryAfterSeconds() { return retryAfterSeconds; }
}
