package ai.asterai.runtime.sandbox.fs;

/** Told about every file operation the sandbox refused, for the audit log. */
@FunctionalInterface
public interface DenialListener {
    DenialListener NONE = (op, path, reason) -> { };

    /**
     * @param operation what was tried ({@code open}, {@code write}, {@code symlink}, ...)
     * @param path      the sandbox path, e.g. {@code /data/link/passwd}
     * @param reason    why it was refused
     */
    void denied(String operation, String path, String reason);
}
