package ai.asterai.client.trust;

import ai.asterai.client.failure.TrustFileException;
import ai.asterai.client.fs.AtomicFiles;
import ai.asterai.protocol.name.PackageName;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Pinned namespace keys, one TOML file per namespace: {@code trust/<namespace>.toml}. */
public final class TrustStore {
    private final Path dir;

    public TrustStore(Path dir) {
        this.dir = dir;
    }

    private static ObjectMapper toml() {
        return TomlMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    public Path file(String namespace) {
        return dir.resolve(PackageName.requireLabel("namespace", namespace) + ".toml");
    }

    public Optional<NamespacePins> load(String namespace) {
        Path f = file(namespace);
        try {
            NamespacePins pins = toml().readValue(Files.readAllBytes(f), NamespacePins.class);
            if (pins == null || !namespace.equals(pins.namespace())) {
                throw new TrustFileException(namespace, f);
            }
            return Optional.of(pins);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new TrustFileException(namespace, f);
        }
    }

    public void save(NamespacePins pins) {
        try {
            AtomicFiles.privateDirectories(dir);
            AtomicFiles.write(file(pins.namespace()), toml().writeValueAsBytes(pins));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets every pinned key of the namespace; returns whether there were any. */
    public boolean reset(String namespace) {
        try {
            return Files.deleteIfExists(file(namespace));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<NamespacePins> all() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<NamespacePins> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String f = p.getFileName().toString();
                if (f.endsWith(".toml") && PackageName.isValidLabel(f.substring(0, f.length() - 5))) {
                    load(f.substring(0, f.length() - 5)).ifPresent(out::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
