package ai.asterai.runtime.engine;

/**
 * The memory cap of one component instance, shared by every linear memory its core instances create:
 * a component binary may hold several core modules, each with its own memory, and the cap the user
 * set is for the component as a whole, not for each memory. Thread-safe; reservations are never
 * returned while the instance lives (memories do not shrink), and a replaced instance gets a new budget.
 */
public final class MemoryBudget {
    private final long capBytes;
    private long reserved;
    /** Told of the first growth refused at the cap (for the audit log); null for none. */
    private final java.util.function.LongConsumer onRefusal;
    private boolean refusedOnce;

    public MemoryBudget(long capBytes) {
        this(capBytes, null);
    }

    /** @param onRefusal told once, with the bytes the memory would have had, when a growth is first refused at the cap */
    public MemoryBudget(long capBytes, java.util.function.LongConsumer onRefusal) {
        if (capBytes < 0) {
            throw new IllegalArgumentException("a memory cap cannot be negative: " + capBytes);
        }
        this.capBytes = capBytes;
        this.onRefusal = onRefusal;
    }

    public long capBytes() {
        return capBytes;
    }

    /** Bytes reserved so far by this instance's memories. */
    public synchronized long reserved() {
        return reserved;
    }

    /** Takes {@code bytes} from the budget; false (and nothing taken) when that would pass the cap. */
    synchronized boolean reserve(long bytes) {
        if (bytes < 0 || bytes > capBytes - reserved) {
            return false;
        }
        reserved += bytes;
        return true;
    }

    /**
     * A growth to {@code wantedBytes} was refused at the cap. Reported once per instance: a guest
     * probing for its limit retries with smaller steps, and one audit event says what happened.
     */
    void refused(long wantedBytes) {
        boolean first;
        synchronized (this) {
            first = !refusedOnce;
            refusedOnce = true;
        }
        if (first && onRefusal != null) {
            onRefusal.accept(wantedBytes);
        }
    }

    /** Whether a growth was refused at the cap since this instance began. */
    public synchronized boolean refusedAny() {
        return refusedOnce;
    }

    /** Gives back a reservation whose allocation failed. */
    synchronized void release(long bytes) {
        reserved = Math.max(0, reserved - bytes);
    }
}
