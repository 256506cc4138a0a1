package ai.asterai.runtime.sandbox.fs;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A path inside a {@link ConfinedFileSystem}: '/'-separated names, absolute from the granted
 * directory. Pure syntax; nothing touches the disk until the provider resolves it.
 */
final class ConfinedPath implements Path {
    private final ConfinedFileSystem fs;
    private final boolean absolute;
    private final List<String> names;
    private final boolean outside;
    private final boolean listed;
    private final String via;

    ConfinedPath(ConfinedFileSystem fs, boolean absolute, List<String> names) {
        this(fs, absolute, names, false, false, null);
    }

    private ConfinedPath(ConfinedFileSystem fs, boolean absolute, List<String> names, boolean outside, boolean listed,
                         String via) {
        this.fs = fs;
        this.absolute = absolute;
        this.names = List.copyOf(names);
        this.outside = outside;
        this.listed = listed;
        this.via = via;
    }

    /**
     * This path as an entry of a directory listing: the same path (equal to it), whose attributes
     * the provider reads as a directory listing reports them (see {@code ConfinedFileSystemProvider}).
     * Paths derived from it are ordinary paths again.
     */
    ConfinedPath asListedEntry() {
        return new ConfinedPath(fs, absolute, names, outside, true, via);
    }

    boolean isListedEntry() {
        return listed;
    }

    /**
     * What reading a symlink that points out of the grant gives: a path whose name says so and which
     * every operation refuses (WASI's readlink shows the guest only that name). {@code via} is the
     * link's sandbox path, for the audit event when something tries to use the marker.
     */
    static ConfinedPath outside(ConfinedFileSystem fs, String via) {
        return new ConfinedPath(fs, true, List.of(ConfinedFileSystem.OUTSIDE), true, false, via);
    }

    /** For a marker from {@link #outside}: the symlink it was read from. */
    String via() {
        return via;
    }

    boolean isOutside() {
        return outside;
    }

    static ConfinedPath parse(ConfinedFileSystem fs, String text) {
        if (text.indexOf('\0') >= 0) {
            throw new java.nio.file.InvalidPathException(text, "NUL character");
        }
        List<String> names = new ArrayList<>();
        for (String part : text.split("/")) {
            if (!part.isEmpty()) {
                names.add(part);
            }
        }
        return new ConfinedPath(fs, text.startsWith("/"), names);
    }

    List<String> names() {
        return names;
    }

    static ConfinedPath of(Path p) {
        if (p instanceof ConfinedPath c) {
            return c;
        }
        throw new ProviderMismatchException("not a sandbox path: " + p);
    }

    @Override
    public ConfinedFileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return absolute;
    }

    @Override
    public Path getRoot() {
        return absolute ? new ConfinedPath(fs, true, List.of()) : null;
    }

    @Override
    public Path getFileName() {
        return names.isEmpty() ? null : new ConfinedPath(fs, false, List.of(names.get(names.size() - 1)));
    }

    @Override
    public Path getParent() {
        if (names.isEmpty() || (names.size() == 1 && !absolute)) {
            return null;
        }
        return new ConfinedPath(fs, absolute, names.subList(0, names.size() - 1));
    }

    @Override
    public int getNameCount() {
        return names.size();
    }

    @Override
    public Path getName(int index) {
        return new ConfinedPath(fs, false, List.of(names.get(index)));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        return new ConfinedPath(fs, false, names.subList(beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        if (!(other instanceof ConfinedPath o) || o.fs != fs || o.absolute != absolute || o.names.size() > names.size()) {
            return false;
        }
        return names.subList(0, o.names.size()).equals(o.names);
    }

    @Override
    public boolean endsWith(Path other) {
        if (!(other instanceof ConfinedPath o) || o.fs != fs || o.names.size() > names.size() || (o.absolute && !absolute)) {
            return false;
        }
        if (o.absolute) {
            return o.names.equals(names);
        }
        return names.subList(names.size() - o.names.size(), names.size()).equals(o.names);
    }

    /** Lexical: '.' goes, 'x/..' goes, '..' at an absolute root stays at the root. */
    @Override
    public Path normalize() {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (n.equals(".")) {
                continue;
            }
            if (n.equals("..")) {
                if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                    out.remove(out.size() - 1);
                } else if (!absolute) {
                    out.add(n);
                }
                continue;
            }
            out.add(n);
        }
        return new ConfinedPath(fs, absolute, out);
    }

    @Override
    public Path resolve(Path other) {
        ConfinedPath o = of(other);
        if (o.absolute || outside) {
            return outside ? this : o;
        }
        List<String> joined = new ArrayList<>(names);
        joined.addAll(o.names);
        return new ConfinedPath(fs, absolute, joined);
    }

    @Override
    public Path relativize(Path other) {
        ConfinedPath o = of(other);
        if (o.absolute != absolute) {
            throw new IllegalArgumentException("cannot relativize an absolute and a relative path");
        }
        int common = 0;
        while (common < names.size() && common < o.names.size() && names.get(common).equals(o.names.get(common))) {
            common++;
        }
        List<String> out = new ArrayList<>();
        for (int i = common; i < names.size(); i++) {
            out.add("..");
        }
        out.addAll(o.names.subList(common, o.names.size()));
        return new ConfinedPath(fs, false, out);
    }

    @Override
    public URI toUri() {
        try {
            return new URI(ConfinedFileSystemProvider.SCHEME, null, toAbsolutePath().toString(), null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Path toAbsolutePath() {
        return absolute ? this : new ConfinedPath(fs, true, names);
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        return fs.provider().realPath(this, options);
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("no watch service in the sandbox");
    }

    @Override
    public int compareTo(Path other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfinedPath p && p.fs == fs && p.absolute == absolute && p.outside == outside && p.names.equals(names);
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(fs), absolute, names);
    }

    @Override
    public String toString() {
        return (absolute ? "/" : "") + String.join("/", names);
    }
}
