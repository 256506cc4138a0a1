package ai.asterai.registry.release;

import ai.asterai.registry.problem.ProblemException;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Bounds the heap that wasm validation may use at once. Parsing a core module holds the whole
 * module in memory, and more (Chicory reads it into one array and copies custom sections), so
 * publishes at the upload limit validated side by side would exhaust a small heap. Each validation
 * takes a share of a budget of half the heap in proportion to the module's size (at most the whole
 * budget): small modules are validated side by side, large ones one after another.
 */
final class ValidationBudget {
    /** Heap a validation is assumed to need per byte of module: the bytes read, plus a copy. */
    static final int BYTES_PER_BYTE = 3;
    private static final int UNIT = 1024;
    private static final int TOTAL_UNITS = (int) Math.min(Integer.MAX_VALUE, Runtime.getRuntime().maxMemory() / 2 / UNIT);
    private static final Semaphore BUDGET = new Semaphore(TOTAL_UNITS, true);

    private ValidationBudget() {
    }

    static <T> T withBudget(long moduleSize, Supplier<T> validation) {
        int units = units(moduleSize);
        try {
            BUDGET.acquire(units);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "Service Unavailable", "the registry is shutting down; try again", null, Map.of("Retry-After", "5"));
        }
        try {
            return validation.get();
        } finally {
            BUDGET.release(units);
        }
    }

    static int units(long moduleSize) {
        long wanted = Math.max(1, moduleSize) * BYTES_PER_BYTE / UNIT + 1;
        return (int) Math.min(TOTAL_UNITS, wanted);
    }
}
