package ai.asterai.registry.release;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * Counts downloads in memory and adds them to the database every few seconds, so a download
 * never waits on a write. A crash loses at most one interval's counts.
 */
@ApplicationScoped
public class DownloadCounter {
    private static final Logger LOG = Logger.getLogger(DownloadCounter.class);
    private final ConcurrentHashMap<Long, LongAdder> pending = new ConcurrentHashMap<>();
    private final ReleaseStore store;
    private final Event<DownloadsCounted> counted;

    /** Most (release, client) pairs remembered; past it, expired ones go, then all (counting more, never growing). */
    static final int MAX_RECENT = 200_000;
    /** (release, client) → when the window of its last counted download ends (System.nanoTime). */
    private final ConcurrentHashMap<String, Long> recent = new ConcurrentHashMap<>();
    private final long windowNanos;

    public DownloadCounter(ReleaseStore store, Event<DownloadsCounted> counted, ai.asterai.registry.config.RegistryConfig config) {
        this.store = store;
        this.counted = counted;
        this.windowNanos = config.downloads().window().toNanos();
    }

    public void count(long releaseId) {
        pending.computeIfAbsent(releaseId, k -> new LongAdder()).increment();
    }

    /**
     * Counts a completed download of a release by a client (its address), unless the same client's
     * download of it was counted within the window. Remembered in memory, per replica.
     */
    public boolean countOnce(long releaseId, String client) {
        if (windowNanos <= 0) {
            count(releaseId);
            return true;
        }
        long now = System.nanoTime();
        boolean[] fresh = {false};
        recent.compute(releaseId + " " + client, (k, until) -> {
            if (until != null && until - now > 0) {
                return until;
            }
            fresh[0] = true;
            return now + windowNanos;
        });
        if (fresh[0]) {
            count(releaseId);
        }
        if (recent.size() > MAX_RECENT) {
            forgetExpired(now);
            if (recent.size() > MAX_RECENT) {
                recent.clear();
            }
        }
        return fresh[0];
    }

    private void forgetExpired(long now) {
        recent.entrySet().removeIf(e -> e.getValue() - now <= 0);
    }

    @Scheduled(every = "${asterai.downloads.flush-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void flush() {
        forgetExpired(System.nanoTime());
        for (Map.Entry<Long, LongAdder> e : pending.entrySet()) {
            long n = e.getValue().sumThenReset();
            if (n == 0) {
                pending.remove(e.getKey(), e.getValue());
                continue;
            }
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    store.addDownloads(e.getKey(), n);
                    counted.fire(new DownloadsCounted(e.getKey(), n));
                });
            } catch (RuntimeException ex) {
                e.getValue().add(n);
                LOG.warnf("could not record %d downloads of release %d yet: %s", n, e.getKey(), ex.getMessage());
            }
        }
    }

    void onStop(@Observes ShutdownEvent ev) {
        flush();
    }
}
