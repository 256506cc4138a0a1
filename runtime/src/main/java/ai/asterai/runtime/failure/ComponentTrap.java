package ai.asterai.runtime.failure;

/** The guest trapped: unreachable, out-of-bounds access, stack exhaustion, an ABI violation, or proc_exit. The instance is discarded; the next call gets a fresh one. */
public final class ComponentTrap extends ComponentException {
    public ComponentTrap(String component, String function, String message) {
        super(component, function, message, null);
    }

    public ComponentTrap(String component, String function, String message, Throwable cause) {
        super(component, function, message, cause);
    }

    @Override
    public String kind() {
        return "trap";
    }
}
