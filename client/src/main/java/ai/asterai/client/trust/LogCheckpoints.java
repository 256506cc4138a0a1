package ai.asterai.client.trust;

import ai.asterai.client.config.RegistryUrl;
import ai.asterai.client.fs.AtomicFiles;
import ai.asterai.protocol.crypto.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The newest transparency-log checkpoint verified per registry (the signed note as served), so that
 * the next verification can prove the log only grew since: {@code ~/.asterai/trust/tlog/<hash of
 * the registry URL>.checkpoint}.
 */
public final class LogCheckpoints {
    /** A signed note is at most this long (protocol's SignedNote.MAX_BYTES); a longer file is not ours. */
    private static final int MAX_BYTES = 64 * 1024;
    private final Path dir;

    public LogCheckpoints(Path dir) {
        this.dir = dir;
    }

    public Path file(RegistryUrl registry) {
        return dir.resolve(Digest.of(registry.value().getBytes(StandardCharsets.UTF_8)).hex().substring(0, 32) + ".checkpoint");
    }

    /** The stored note's bytes, at most {@link #MAX_BYTES} of them, or empty if none was stored. */
    public Optional<byte[]> load(RegistryUrl registry) {
        try (InputStream in = Files.newInputStream(file(registry))) {
            return Optional.of(in.readNBytes(MAX_BYTES + 1));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void save(RegistryUrl registry, byte[] note) {
        try {
            AtomicFiles.privateDirectories(dir);
            AtomicFiles.write(file(registry), note);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
