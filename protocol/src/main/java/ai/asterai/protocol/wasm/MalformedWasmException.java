package ai.asterai.protocol.wasm;

import ai.asterai.protocol.InvalidInputException;

/**
 * A WebAssembly binary that is malformed or exceeds a {@link WasmLimits} bound. Carries the byte
 * offset where reading stopped, so a person can find the spot with any hex viewer.
 */
public final class MalformedWasmException extends InvalidInputException {
    private final long offset;
    private final String reason;

    public MalformedWasmException(long offset, String reason) {
        super("wasm", "malformed WebAssembly at byte " + offset + ": " + reason);
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
