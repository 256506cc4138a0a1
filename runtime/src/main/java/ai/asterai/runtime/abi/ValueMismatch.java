package ai.asterai.runtime.abi;

/**
 * A host-side value does not fit its WIT type (wrong shape, number out of range, unknown case). The
 * path names where, e.g. {@code items[2].tags[0]}.
 */
public class ValueMismatch extends IllegalArgumentException {
    private final String path;
    private final String reason;

    public ValueMismatch(String path, String reason) {
        super((path == null || path.isEmpty() ? "value" : path) + ": " + reason);
        this.path = path;
        this.reason = reason;
    }

    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }
}
