package ai.asterai.runtime.failure;

/** The arguments do not fit the function's WIT parameters; the guest was not called. */
public final class InvalidArguments extends ComponentException {
    public InvalidArguments(String component, String function, String message) {
        super(component, function, message, null);
    }

    public InvalidArguments(String component, String function, String message, Throwable cause) {
        super(component, function, message, cause);
    }

    @Override
    public String kind() {
        return "arguments";
    }
}
