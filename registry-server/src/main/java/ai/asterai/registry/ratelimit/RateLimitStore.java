package ai.asterai.registry.ratelimit;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Where rate-limit windows are counted, shared by every replica. Each call runs in the caller's
 * transaction; {@link #lock} holds the bucket's row until it ends. {@link SqlRateLimitStore} is the database one.
 */
public interface RateLimitStore {
    /** A bucket's current window: when it started and how many hits it holds. */
    record Window(OffsetDateTime start, int hits) {
    }

    /** The bucket's window, locked until the transaction ends; empty when the bucket has never been hit. */
    Optional<Window> lock(String bucket);

    /** The bucket's first window, with one hit (flushed: a concurrent first insert fails here on the unique bucket). */
    void open(String bucket, OffsetDateTime start);

    /** A new window for the bucket, with one hit. */
    void restart(String bucket, OffsetDateTime start);

    /** One more hit in the bucket's window. */
    void increment(String bucket);
}
