package ai.asterai.runtime.failure;

/** The guest needed more memory than its cap (it trapped with memory at the cap), or its initial memory is already above the cap. */
public final class MemoryLimitExceeded extends ComponentException {
    public MemoryLimitExceeded(String component, String function, String message) {
        super(component, function, message, null);
    }

    public MemoryLimitExceeded(String component, String function, String message, Throwable cause) {
        super(component, function, message, cause);
    }

    @Override
    public String kind() {
        return "memory";
    }
}
