package ai.asterai.runtime.sandbox.fs;

import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Set;

/**
 * A view of one granted host directory in which {@code /} is that directory and nothing outside it
 * exists: every path is resolved against the real directory tree, following symlinks only while they
 * stay inside, and writes are refused on a read-only grant. Handed to Chicory's WASI as a preopened
 * directory; the data stays on disk (this is a view, not a copy).
 */
public final class ConfinedFileSystem extends FileSystem {
    private final ConfinedFileSystemProvider provider;
    private final ConfinedPath root;

    ConfinedFileSystem(ConfinedFileSystemProvider provider) {
        this.provider = provider;
        this.root = new ConfinedPath(this, true, List.of());
    }

    /**
     * A view of {@code hostDirectory} (which must exist and is resolved to its real path now).
     *
     * @param guestName how denials name this grant, e.g. {@code /data}
     */
    public static ConfinedFileSystem of(java.nio.file.Path hostDirectory, boolean readOnly, String guestName,
                                        DenialListener denials) throws java.io.IOException {
        return new ConfinedFileSystemProvider(hostDirectory.toRealPath(), readOnly, guestName, denials).fileSystem();
    }

    /** The granted directory itself: the path to preopen. */
    public Path root() {
        return root;
    }

    public java.nio.file.Path hostRoot() {
        return provider.hostRoot();
    }

    public boolean readOnly() {
        return provider.readOnly();
    }

    /** Where this grant's refusals go (for a host that refuses something by its own rules, so it audits alike). */
    public DenialListener denials() {
        return provider.denials();
    }

    /** What a symlink leading outside the grant reads as: the name of the marker path. */
    public static final String OUTSIDE = "<outside the granted directory>";

    /** Whether {@code p} is the marker {@code readSymbolicLink} gives for a link leading outside. */
    public static boolean leadsOutside(Path p) {
        return p instanceof ConfinedPath c && c.isOutside();
    }

    @Override
    public ConfinedFileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        // nothing to release: the view holds no handles
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return provider.readOnly();
    }

    @Override
    public String getSeparator() {
        return "/";
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return List.of(root);
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return List.of();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return Set.of("basic", "posix", "unix");
    }

    @Override
    public Path getPath(String first, String... more) {
        StringBuilder b = new StringBuilder(first);
        for (String m : more) {
            if (!m.isEmpty()) {
                b.append('/').append(m);
            }
        }
        return ConfinedPath.parse(this, b.toString());
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        throw new UnsupportedOperationException("no path matchers in the sandbox");
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        throw new UnsupportedOperationException("no user lookup in the sandbox");
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("no watch service in the sandbox");
    }
}
