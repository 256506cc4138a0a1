package ai.asterai.registry.ratelimit;

import ai.asterai.registry.failure.RateLimited;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Fixed-window rate limits whose counters live in the database, so every replica sees the same
 * count. The row is locked for the few microseconds of the increment.
 */
@ApplicationScoped
public class RateLimiter {
    private final RateLimitStore store;
    private final Clock clock;

    public RateLimiter(RateLimitStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Counts one hit for the bucket, or throws {@link RateLimited} (with the seconds to wait) when the window is full. */
    public void hit(String bucket, int limit, Duration window) {
        for (int attempt = 0; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> count(bucket, limit, window));
                return;
            } catch (PersistenceException e) {
                // Two replicas inserted the first row of a bucket at once; the second try finds it.
                if (!ai.asterai.registry.db.UniqueViolation.in(e) || attempt >= 2) {
                    throw e;
                }
            }
        }
    }

    private void count(String bucket, int limit, Duration window) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Optional<RateLimitStore.Window> current = store.lock(bucket);
        if (current.isEmpty()) {
            store.open(bucket, now);
            return;
        }
        OffsetDateTime end = current.get().start().plus(window);
        if (!now.isBefore(end)) {
            store.restart(bucket, now);
            return;
        }
        if (current.get().hits() >= limit) {
            long retry = Math.max(1, Duration.between(now, end).toSeconds() + 1);
            throw new RateLimited(bucket, limit, window, retry);
        }
        store.increment(bucket);
    }
}
