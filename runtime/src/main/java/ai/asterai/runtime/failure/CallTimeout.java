package ai.asterai.runtime.failure;

/** The call ran longer than the component's time cap and was interrupted. The instance is discarded. */
public final class CallTimeout extends ComponentException {
    public CallTimeout(String component, String function, String message) {
        super(component, function, message, null);
    }

    public CallTimeout(String component, String function, String message, Throwable cause) {
        super(component, function, message, cause);
    }

    @Override
    public String kind() {
        return "timeout";
    }
}
