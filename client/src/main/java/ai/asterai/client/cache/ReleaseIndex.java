package ai.asterai.client.cache;

import ai.asterai.client.fs.AtomicFiles;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which releases the cache holds: {@code cache/index/<ns>/<name>/<version>.json}, one file per
 * verified release, written atomically after its blobs are in place. An unreadable entry is
 * treated as absent (and so pulled again when online).
 */
public final class ReleaseIndex {
    private final Path root;

    public ReleaseIndex(Path cacheRoot) {
        this.root = cacheRoot.resolve("index");
    }

    private Path file(PackageName pkg, Version version) {
        return root.resolve(pkg.namespace()).resolve(pkg.name()).resolve(version.withoutBuild() + ".json");
    }

    public void put(CachedRelease release) {
        PackageName pkg = PackageName.parse(release.name());
        Path f = file(pkg, Version.parse(release.version()));
        try {
            AtomicFiles.privateDirectories(f.getParent());
            AtomicFiles.write(f, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(release));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<CachedRelease> get(PackageName pkg, Version version) {
        return read(file(pkg, version));
    }

    public List<CachedRelease> versions(PackageName pkg) {
        return readAll(root.resolve(pkg.namespace()).resolve(pkg.name()));
    }

    public List<CachedRelease> all() {
        List<CachedRelease> out = new ArrayList<>();
        for (Path ns : children(root)) {
            for (Path name : children(ns)) {
                out.addAll(readAll(name));
            }
        }
        return out;
    }

    public void remove(PackageName pkg, Version version) {
        ContentCache.deleteQuietly(file(pkg, version));
    }

    private List<CachedRelease> readAll(Path dir) {
        List<CachedRelease> out = new ArrayList<>();
        for (Path f : children(dir)) {
            if (f.getFileName().toString().endsWith(".json")) {
                read(f).ifPresent(out::add);
            }
        }
        return out;
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<CachedRelease> read(Path f) {
        try {
            CachedRelease r = Json.MAPPER.readValue(Files.readAllBytes(f), CachedRelease.class);
            if (r == null || r.metadata() == null || !Version.isValid(r.version()) || r.name() == null) {
                return Optional.empty();
            }
            PackageName.parse(r.name());
            return Optional.of(r);
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static final class Json {
        // lenient: an index written by a later asterai may carry fields this one does not know
        static final ObjectMapper MAPPER = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
