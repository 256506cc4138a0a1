package ai.asterai.runtime.abi;

/** An argument did not fit its parameter while being lowered; the guest function was not called. */
public final class ArgumentMismatch extends ValueMismatch {
    public ArgumentMismatch(String path, String reason) {
        super(path, reason);
    }
}
