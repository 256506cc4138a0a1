package ai.asterai.registry.ratelimit;

import ai.asterai.registry.failure.RateLimited;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Fixed-window rate limits whose counters live in the database, so every replica sees the same
 * count. The row is locked for the few microseconds of the increment.
 */
@ApplicationScoped
public class RateLimiter {
    private final EntityManager em;
    private final Clock clock;

    public RateLimiter(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** Counts one hit for the bucket, or throws 429 with Retry-After when the window is full. */
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
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select window_start, hits from rate_limits where bucket = ?1 for update")
                .setParameter(1, bucket).getResultList();
        if (rows.isEmpty()) {
            em.createNativeQuery("insert into rate_limits (bucket, window_start, hits) values (?1, ?2, 1)")
                    .setParameter(1, bucket).setParameter(2, now).executeUpdate();
            em.flush();
            return;
        }
        OffsetDateTime start = toOffset(rows.get(0)[0]);
        int hits = ((Number) rows.get(0)[1]).intValue();
        if (!now.isBefore(start.plus(window))) {
            em.createNativeQuery("update rate_limits set window_start = ?2, hits = 1 where bucket = ?1")
                    .setParameter(1, bucket).setParameter(2, now).executeUpdate();
            return;
        }
        if (hits >= limit) {
            long retry = Math.max(1, Duration.between(now, start.plus(window)).toSeconds() + 1);
            throw new RateLimited(bucket, limit, window, retry);
        }
        em.createNativeQuery("update rate_limits set hits = hits + 1 where bucket = ?1").setParameter(1, bucket).executeUpdate();
    }

    private static OffsetDateTime toOffset(Object o) {
        if (o instanceof OffsetDateTime t) return t;
        if (o instanceof java.time.Instant i) return i.atOffset(ZoneOffset.UTC);
        if (o instanceof java.sql.Timestamp ts) return ts.toInstant().atOffset(ZoneOffset.UTC);
        if (o instanceof java.time.ZonedDateTime z) return z.toOffsetDateTime();
        if (o instanceof java.time.LocalDateTime l) return l.atOffset(ZoneOffset.UTC);
        throw new IllegalStateException("unexpected timestamp type " + o.getClass());
    }
}
