package ai.asterai.protocol.component;

import ai.asterai.protocol.InvalidInputException;

/**
 * A component binary that does not follow the binary format (or exceeds a limit): decoding stopped at
 * {@link #offset()}, an absolute byte offset into the outermost binary.
 */
public final class MalformedComponentException extends InvalidInputException {
    private final long offset;
    private final String reason;

    public MalformedComponentException(long offset, String reason) {
        this(offset, reason, null);
    }

    public MalformedComponentException(long offset, String reason, Throwable cause) {
        super("wasm", "malformed component at byte " + offset + ": " + reason);
        this.offset = offset;
        this.reason = reason;
        if (cause != null) {
            initCause(cause);
        }
    }

    public long offset() {
        return offset;
    }

    /** The reason without the offset. */
    public String reason() {
        return reason;
    }
}
