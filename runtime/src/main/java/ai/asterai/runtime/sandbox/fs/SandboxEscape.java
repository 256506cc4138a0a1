package ai.asterai.runtime.sandbox.fs;

import java.nio.file.NoSuchFileException;

/**
 * A path led outside the granted directory (through a symlink, or '..' past a link target). Outside
 * does not exist for the guest, so this is a {@link NoSuchFileException} (WASI reports ENOENT).
 */
public final class SandboxEscape extends NoSuchFileException {
    public SandboxEscape(String path, String reason) {
        super(path, null, reason);
    }
}
