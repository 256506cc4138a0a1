package ai.asterai.runtime.engine;

import ai.asterai.protocol.crypto.Digest;
import com.dylibso.chicory.compiler.Cache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Chicory's compiled classes of a module, kept on disk between runs (one jar per module digest).
 * Opt-in: the entries are JVM bytecode loaded into the host process, unsandboxed, so whoever can write
 * this directory can run code as the agent. The directory is created private (0700 where POSIX), and
 * must stay so. See docs/runtime.md for whether it pays off.
 */
public final class DiskClassCache implements Cache {
    private final Path dir;

    public DiskClassCache(Path dir) throws IOException {
        this.dir = dir;
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory keeps the platform's default permissions
            }
        }
    }

    private Path file(String key) {
        return dir.resolve(Digest.of(key.getBytes(StandardCharsets.UTF_8)).hex() + ".jar");
    }

    @Override
    public byte[] get(String key) throws IOException {
        try {
            return Files.readAllBytes(file(key));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void putIfAbsent(String key, byte[] data) throws IOException {
        Path target = file(key);
        if (Files.exists(target)) {
            return;
        }
        Path tmp = Files.createTempFile(dir, "put-", ".tmp");
        try {
            Files.write(tmp, data);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // another process published the same module first: its entry is as good as ours
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
