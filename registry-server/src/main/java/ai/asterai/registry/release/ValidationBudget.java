package ai.asterai.registry.release;

import ai.asterai.registry.problem.ProblemException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * Validates a module: a core module without its custom sections' payloads (CustomSections), so
     * what the validator holds is the code and data, under the budget for that size.
     */
    static void validate(Path module) {
        Path stripped;
        try {
            stripped = CustomSections.withoutCustomSections(module);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path target = stripped != null ? stripped : module;
        try {
            withBudget(Files.size(target), () -> WasmValidator.validate(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (stripped != null) {
                try {
                    Files.deleteIfExists(stripped);
                } catch (IOException e) {
                    // a temp file left behind; the OS cleans its temp folder
                }
            }
        }
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
