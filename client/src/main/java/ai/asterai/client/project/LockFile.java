package ai.asterai.client.project;

import ai.asterai.client.failure.ProjectFileException;
import ai.asterai.client.fs.AtomicFiles;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.name.VersionRange;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * {@code asterai.lock}: the exact version and part digests of every package a project pulled. A
 * later pull prefers a locked version that still satisfies the requirement, and refuses bytes
 * that differ from the locked digests for the same version.
 */
public final class LockFile {
    public static final String FILE_NAME = "asterai.lock";
    private static final String HEADER = "# Written by asterai pull: the exact releases this project uses. Commit it.\n";
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private final Path file;
    private final List<LockedPackage> packages;
    private final List<LockedOci> oci;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LockedPackage(String name, String version, String kind, String manifest, String wasm, String wit,
                                @JsonProperty("key-id") String keyId) {
    }

    /**
     * An unsigned component pulled from an OCI registry with {@code --allow-unsigned}: nothing vouches
     * for it but these digests, so a later pull of the same reference must find the same bytes.
     */
    public record LockedOci(String reference, String manifest, String wasm) {
    }

    record Document(Integer version, @JsonProperty("package") List<LockedPackage> packages,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("oci") List<LockedOci> oci) {
    }

    private LockFile(Path file, List<LockedPackage> packages, List<LockedOci> oci) {
        this.file = file;
        this.packages = new ArrayList<>(packages);
        this.oci = new ArrayList<>(oci);
    }

    public static LockFile load(Path file) {
        try {
            Document d = TomlMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                    .readValue(Files.readAllBytes(file), Document.class);
            if (d == null) {
                return new LockFile(file, List.of(), List.of());
            }
            if (d.version() != null && d.version() != 1) {
                throw new ProjectFileException(file, file + " has lock format version " + d.version() + "; this asterai reads version 1");
            }
            List<LockedPackage> pkgs = d.packages() == null ? List.of() : d.packages();
            for (LockedPackage p : pkgs) {
                if (p == null || p.name() == null || !Version.isValid(p.version())) {
                    throw new ProjectFileException(file, file + " has an entry without a valid name and version; fix or delete it");
                }
                PackageName.parse(p.name());
            }
            List<LockedOci> oci = d.oci() == null ? List.of() : d.oci();
            for (LockedOci o : oci) {
                if (o == null || o.reference() == null || !isDigest(o.manifest()) || !isDigest(o.wasm())) {
                    throw new ProjectFileException(file, file + " has an oci entry without a reference and sha256 manifest and wasm digests; fix or delete it");
                }
            }
            return new LockFile(file, pkgs, oci);
        } catch (NoSuchFileException e) {
            return new LockFile(file, List.of(), List.of());
        } catch (IOException e) {
            throw new ProjectFileException(file, file + " is not a valid lock file; fix or delete it");
        } catch (ai.asterai.protocol.InvalidInputException e) {
            throw new ProjectFileException(file, file + ": " + e.getMessage());
        }
    }

    public Path file() {
        return file;
    }

    public List<LockedPackage> packages() {
        return List.copyOf(packages);
    }

    public Optional<LockedPackage> find(PackageName pkg, Version version) {
        return packages.stream().filter(p -> p.name().equals(pkg.toString())
                && Version.parse(p.version()).compareTo(version) == 0).findFirst();
    }

    /** The pin of an unsigned OCI component, by the reference it was pulled with. */
    public Optional<LockedOci> findOci(String reference) {
        return oci.stream().filter(o -> o.reference().equals(reference)).findFirst();
    }

    public List<LockedOci> ociPins() {
        return List.copyOf(oci);
    }

    /** Records (or replaces) the pin of an unsigned OCI component. */
    public void recordOci(LockedOci entry) {
        oci.removeIf(o -> o.reference().equals(entry.reference()));
        oci.add(entry);
        oci.sort(Comparator.comparing(LockedOci::reference));
    }

    private static boolean isDigest(String s) {
        return s != null && s.matches("sha256:[0-9a-f]{64}");
    }

    /** The highest locked version of the package that satisfies the requirement. */
    public Optional<LockedPackage> preferred(PackageName pkg, VersionRange range) {
        return packages.stream().filter(p -> p.name().equals(pkg.toString()))
                .filter(p -> range.matches(Version.parse(p.version())))
                .max(Comparator.comparing(p -> Version.parse(p.version())));
    }

    /** Records (or replaces) the entry for this package version. */
    public void record(LockedPackage entry) {
        Version v = Version.parse(entry.version());
        packages.removeIf(p -> p.name().equals(entry.name()) && Version.parse(p.version()).compareTo(v) == 0);
        packages.add(entry);
        packages.sort(Comparator.comparing(LockedPackage::name).thenComparing(p -> Version.parse(p.version())));
    }

    /**
     * Re-reads {@code file}, applies {@code change} and writes it back while holding a lock that every
     * asterai process and thread updating the same file takes, so two pulls into one project at once
     * both end up in it (without it, the last writer's view wins). The lock is a file in
     * {@code guardDir} named after the lock file's absolute path, so the project gets no extra file.
     */
    public static void update(Path file, Path guardDir, Consumer<LockFile> change) {
        Path target = file.toAbsolutePath().normalize();
        String guardName = Digest.of(target.toString().getBytes(StandardCharsets.UTF_8)).hex().substring(0, 32) + ".guard";
        // a JVM holds a file lock for all its threads: they queue here first
        ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(target, k -> new ReentrantLock());
        inProcess.lock();
        try {
            AtomicFiles.privateDirectories(guardDir);
            try (FileChannel guard = FileChannel.open(guardDir.resolve(guardName), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = guard.lock()) {
                LockFile fresh = load(target);
                change.accept(fresh);
                fresh.save();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + target + " for writing", e);
        } finally {
            inProcess.unlock();
        }
    }

    public void save() {
        try {
            byte[] body = TomlMapper.builder().build().writeValueAsBytes(new Document(1, packages, oci));
            byte[] header = HEADER.getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[header.length + body.length];
            System.arraycopy(header, 0, all, 0, header.length);
            System.arraycopy(body, 0, all, header.length, body.length);
            AtomicFiles.write(file, all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
