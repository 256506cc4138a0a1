package ai.asterai.runtime.failure;

/** Something was refused by the sandbox: not declared, not granted, or a grant that cannot be honoured. */
public final class PermissionDenied extends ComponentException {
    public PermissionDenied(String component, String function, String message) {
        super(component, function, message, null);
    }

    public PermissionDenied(String component, String function, String message, Throwable cause) {
        super(component, function, message, cause);
    }

    @Override
    public String kind() {
        return "denied";
    }
}
