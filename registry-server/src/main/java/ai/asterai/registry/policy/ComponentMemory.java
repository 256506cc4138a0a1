package ai.asterai.registry.policy;

import ai.asterai.registry.failure.Unavailable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The memory components may take while they are decoded and validated, shared by all publishes.
 * A component is read into memory (the binary, then its model: about 1.5 times its size more for
 * componentize-js's 12 MB kitchen sink), so each validation reserves {@value #FACTOR_PERCENT}% of
 * its size (never more than the whole budget, so the largest upload still runs, alone) and waits
 * for it: concurrent publishes of large components queue instead of exhausting the heap.
 */
public final class ComponentMemory {
    static final int FACTOR_PERCENT = 250;
    private final int budgetKiB;
    private final Semaphore permits;
    private final java.time.Duration wait;

    /** {@code budgetBytes}: how much all validations in progress may hold at once; a publish waits up to two minutes. */
    public ComponentMemory(long budgetBytes) {
        this(budgetBytes, java.time.Duration.ofMinutes(2));
    }

    public ComponentMemory(long budgetBytes, java.time.Duration wait) {
        this.wait = wait;
        this.budgetKiB = (int) Math.max(1, Math.min(Integer.MAX_VALUE, budgetBytes / 1024));
        this.permits = new Semaphore(budgetKiB, true);
    }

    /** A reservation, released when closed. */
    public final class Lease implements AutoCloseable {
        private final int kib;

        private Lease(int kib) {
            this.kib = kib;
        }

        @Override
        public void close() {
            permits.release(kib);
        }
    }

    /** Reserves memory for validating a component of {@code size} bytes, waiting for it. */
    public Lease lease(long size) {
        int kib = (int) Math.min(budgetKiB, Math.max(1, size / 1024 * FACTOR_PERCENT / 100 + 1));
        try {
            if (!permits.tryAcquire(kib, wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Unavailable("component validation", 5, "the registry is validating other components; nothing was published, try again", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("component validation", 5, "interrupted while waiting to validate the component; nothing was published", e);
        }
        return new Lease(kib);
    }

    /** KiB free now (for tests). */
    int availableKiB() {
        return permits.availablePermits();
    }
}
