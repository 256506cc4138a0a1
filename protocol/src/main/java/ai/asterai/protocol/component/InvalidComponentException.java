package ai.asterai.protocol.component;

import ai.asterai.protocol.InvalidInputException;

/**
 * A well-formed component that breaks a validation rule of the component model (an index out of
 * bounds, a type mismatch, a bad name...). {@link #offset()} is the byte offset of the definition
 * that broke it, in the outermost binary.
 */
public final class InvalidComponentException extends InvalidInputException {
    private final long offset;
    private final String reason;

    public InvalidComponentException(long offset, String reason) {
        super("wasm", "invalid component at byte " + offset + ": " + reason);
        this.offset = offset;
        this.reason = reason;
    }

    public long offset() {
        return offset;
    }

    /** The reason without the offset. */
    public String reason() {
        return reason;
    }
}
