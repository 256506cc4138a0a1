package ai.asterai.runtime.failure;

/** The module cannot be linked: it imports something the host does not provide, or its exports do not match its WIT world. */
public final class ComponentLinkError extends ComponentException {
    public ComponentLinkError(String component, String function, String message) {
        super(component, function, message, null);
    }

    public ComponentLinkError(String component, String function, String message, Throwable cause) {
        super(component, function, message, cause);
    }

    @Override
    public String kind() {
        return "link";
    }
}
