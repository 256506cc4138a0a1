package ai.asterai.agent;

/** A freshly swapped version failed its first call; the slot went back to {@code restored}. */
public final class SwapRolledBack extends RuntimeException {
    private final String slot;
    private final String failed;
    private final String restored;

    public SwapRolledBack(String slot, String failed, String restored, Throwable cause) {
        super(slot + ": " + failed + " failed its first call (" + cause.getMessage() + "); rolled back to " + restored, cause);
        this.slot = slot;
        this.failed = failed;
        this.restored = restored;
    }

    public String slot() {
        return slot;
    }

    public String failed() {
        return failed;
    }

    public String restored() {
        return restored;
    }
}
