package ai.asterai.registry.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** The rate_limits table, in SQL: a row per bucket, locked for the few microseconds of an increment. */
@ApplicationScoped
public class SqlRateLimitStore implements RateLimitStore {
    private final EntityManager em;

    public SqlRateLimitStore(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<Window> lock(String bucket) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select window_start, hits from rate_limits where bucket = ?1 for update")
                .setParameter(1, bucket).getResultList();
        return rows.isEmpty() ? Optional.empty()
                : Optional.of(new Window(toOffset(rows.get(0)[0]), ((Number) rows.get(0)[1]).intValue()));
    }

    @Override
    public void open(String bucket, OffsetDateTime start) {
        em.createNativeQuery("insert into rate_limits (bucket, window_start, hits) values (?1, ?2, 1)")
                .setParameter(1, bucket).setParameter(2, start).executeUpdate();
        em.flush();
    }

    @Override
    public void restart(String bucket, OffsetDateTime start) {
        em.createNativeQuery("update rate_limits set window_start = ?2, hits = 1 where bucket = ?1")
                .setParameter(1, bucket).setParameter(2, start).executeUpdate();
    }

    @Override
    public void increment(String bucket) {
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
