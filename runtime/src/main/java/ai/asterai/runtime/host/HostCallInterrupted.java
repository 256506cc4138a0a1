package ai.asterai.runtime.host;

/** A host function was interrupted (the call's time ran out) while it waited, e.g. for HTTP. */
public final class HostCallInterrupted extends RuntimeException {
    public HostCallInterrupted(String what, InterruptedException cause) {
        super(what + " was interrupted", cause);
    }
}
