package ai.asterai.registry.failure;

import java.time.Duration;

/** A rate-limit window is full: {@code retryAfterSeconds} until the bucket's window ends. */
public final class RateLimited extends RegistryFailure {
    private final String bucket;
    private final int limit;
    private final Duration window;
    private final long retryAfterSeconds;

    public RateLimited(String bucket, int limit, Duration window, long retryAfterSeconds) {
        super("publish rate limit of " + limit + " per " + window.toSeconds() + " s reached; retry in " + retryAfterSeconds + " s");
        this.bucket = bucket;
        this.limit = limit;
        this.window = window;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String bucket() { return bucket; }
    public int limit() { return limit; }
    public Duration window() { return window; }
    public long retryAfterSeconds() { return retryAfterSeconds; }
}
