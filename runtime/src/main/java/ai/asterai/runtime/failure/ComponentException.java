package ai.asterai.runtime.failure;

/**
 * A call or load of a component failed. Each subclass is one kind of failure; all carry the component
 * and (for calls) the function. The runtime and the other components keep running.
 */
public abstract sealed class ComponentException extends RuntimeException
        permits ComponentTrap, CallTimeout, MemoryLimitExceeded, PermissionDenied, InvalidArguments, NoSuchFunction,
        ComponentLinkError {
    private final String component;
    private final String function;

    protected ComponentException(String component, String function, String message, Throwable cause) {
        super(prefix(component, function) + message, cause);
        this.component = component;
        this.function = function;
    }

    private static String prefix(String component, String function) {
        if (component == null) {
            return "";
        }
        return component + (function == null ? "" : " " + function) + ": ";
    }

    public String component() {
        return component;
    }

    /** The function called, or null for a load. */
    public String function() {
        return function;
    }

    /** A short machine-readable kind, e.g. {@code trap}, {@code timeout}. */
    public abstract String kind();
}
