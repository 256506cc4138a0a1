package ai.asterai.client.witness;

import ai.asterai.client.fs.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The witness's memory: the last checkpoint it cosigned for one log, as the signed note it verified
 * (log signature included, so the file is evidence on its own). Written before the cosignature leaves,
 * so a crash can never make the witness forget a tree it vouched for.
 */
public final class WitnessState {
    private static final int MAX_BYTES = 64 * 1024;
    private final Path file;

    public WitnessState(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public Optional<byte[]> load() {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(MAX_BYTES + 1);
            if (b.length > MAX_BYTES) {
                throw new WitnessException("witness state", file + " is larger than a signed checkpoint can be; it is not a witness state file");
            }
            return Optional.of(b);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void save(byte[] note) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            AtomicFiles.write(file, note);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
