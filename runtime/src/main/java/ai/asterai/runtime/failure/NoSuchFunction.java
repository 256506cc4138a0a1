package ai.asterai.runtime.failure;

/** The component exports no such function (or one whose types are not supported yet). */
public final class NoSuchFunction extends ComponentException {
    public NoSuchFunction(String component, String function, String message) {
        super(component, function, message, null);
    }

    public NoSuchFunction(String component, String function, String message, Throwable cause) {
        super(component, function, message, cause);
    }

    @Override
    public String kind() {
        return "no-such-function";
    }
}
