package ai.asterai.runtime.sandbox.fs;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Resolves sandbox paths to host paths without ever leaving the granted directory, then runs the
 * operation on the resolved host path with {@code NOFOLLOW_LINKS}, so what was checked is what is
 * used. Resolution walks one name at a time from the real granted directory: a symlink is followed
 * (at most 40) only by reading its target and walking that, an absolute target must lie inside the
 * grant, and '..' from a link target may not climb above it. Operations of all sandboxed guests in this
 * JVM are serialised by one lock between resolution and use, so one guest cannot swap a directory for
 * a symlink while another is being resolved. (Processes outside the JVM that change the directory
 * concurrently are outside this guarantee.)
 */
public final class ConfinedFileSystemProvider extends FileSystemProvider {
    static final String SCHEME = "asterai-sandbox";
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final int MAX_LINKS = 40;

    private final Path hostRoot;
    private final boolean readOnly;
    private final String guestName;
    private final DenialListener denials;
    private final ConfinedFileSystem fileSystem;

    ConfinedFileSystemProvider(Path hostRoot, boolean readOnly, String guestName, DenialListener denials) {
        this.hostRoot = hostRoot;
        this.readOnly = readOnly;
        this.guestName = guestName;
        this.denials = denials;
        this.fileSystem = new ConfinedFileSystem(this);
    }

    ConfinedFileSystem fileSystem() {
        return fileSystem;
    }

    Path hostRoot() {
        return hostRoot;
    }

    boolean readOnly() {
        return readOnly;
    }

    DenialListener denials() {
        return denials;
    }

    // ---------------------------------------------------------------- resolution

    private record Step(String name, boolean fromLink) {
    }

    /** Resolves {@code path} to a host path inside the grant; the last name may not exist yet. */
    Path resolve(Path path, boolean followFinal, String operation) throws IOException {
        return resolve(path, followFinal, operation, true);
    }

    /** As {@link #resolve(Path, boolean, String)}; with {@code audit} false a refusal is thrown but not audited. */
    private Path resolve(Path path, boolean followFinal, String operation, boolean audit) throws IOException {
        ConfinedPath p = ConfinedPath.of(path);
        if (p.isOutside()) {
            // Chicory follows a final symlink by reading it and using the target: here, the marker
            String link = p.via() == null ? guestName + p : p.via();
            String reason = "symlink " + link + " points outside " + guestName;
            if (operation.equals("stat")) {
                // Chicory looks before it opens (is it a link, a directory?): only the open is an access
                throw new SandboxEscape(link, reason);
            }
            if (audit) {
                denials.denied(operation, link, reason);
            }
            throw new SandboxEscape(link, reason);
        }
        Deque<Step> todo = new ArrayDeque<>();
        for (String n : p.names()) {
            todo.addLast(new Step(n, false));
        }
        Path cur = hostRoot;
        int links = 0;
        while (!todo.isEmpty()) {
            Step step = todo.removeFirst();
            String n = step.name();
            if (n.isEmpty() || n.equals(".")) {
                continue;
            }
            if (n.equals("..")) {
                if (cur.equals(hostRoot)) {
                    if (step.fromLink()) {
                        throw deny(operation, p, "a symlink target climbs above " + guestName, audit);
                    }
                    continue;
                }
                cur = cur.getParent();
                continue;
            }
            if (n.indexOf('/') >= 0 || n.indexOf('\0') >= 0) {
                throw deny(operation, p, "invalid name", audit);
            }
            Path next = cur.resolve(n);
            boolean last = todo.isEmpty();
            BasicFileAttributes attrs = attributesOrNull(next);
            if (attrs != null && attrs.isSymbolicLink() && (!last || followFinal)) {
                if (++links > MAX_LINKS) {
                    throw new FileSystemException(p.toString(), null, "too many levels of symbolic links");
                }
                Path target = Files.readSymbolicLink(next);
                List<Step> expanded = new java.util.ArrayList<>();
                if (target.isAbsolute()) {
                    Path norm = target.normalize();
                    if (!norm.startsWith(hostRoot)) {
                        throw deny(operation, p, "symlink " + guestPath(next) + " points outside " + guestName, audit);
                    }
                    cur = hostRoot;
                    for (Path part : hostRoot.relativize(norm)) {
                        expanded.add(new Step(part.toString(), true));
                    }
                } else {
                    for (Path part : target) {
                        expanded.add(new Step(part.toString(), true));
                    }
                }
                for (int i = expanded.size() - 1; i >= 0; i--) {
                    todo.addFirst(expanded.get(i));
                }
                continue;
            }
            if (attrs == null && !last) {
                throw new NoSuchFileException(p.toString());
            }
            if (attrs != null && !last && !attrs.isDirectory()) {
                throw new NotDirectoryException(p.toString());
            }
            cur = next;
        }
        if (!cur.startsWith(hostRoot)) {
            throw deny(operation, p, "resolves outside " + guestName, audit);
        }
        return cur;
    }

    private static BasicFileAttributes attributesOrNull(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private String guestPath(Path host) {
        Path rel = hostRoot.relativize(host);
        return guestName + (rel.toString().isEmpty() ? "" : "/" + rel);
    }

    private SandboxEscape deny(String operation, ConfinedPath p, String reason) {
        return deny(operation, p, reason, true);
    }

    private SandboxEscape deny(String operation, ConfinedPath p, String reason, boolean audit) {
        String shown = guestName + (p.names().isEmpty() ? "" : "/" + String.join("/", p.names()));
        if (audit) {
            denials.denied(operation, shown, reason);
        }
        return new SandboxEscape(shown, reason);
    }

    private void checkWritable(String operation, Path path) throws AccessDeniedException {
        if (readOnly) {
            String shown = guestName + ConfinedPath.of(path).toAbsolutePath();
            denials.denied(operation, shown, guestName + " is granted read-only");
            throw new AccessDeniedException(shown, null, guestName + " is granted read-only");
        }
    }

    private static boolean follows(LinkOption... options) {
        return Arrays.stream(options).noneMatch(o -> o == LinkOption.NOFOLLOW_LINKS);
    }

    Path realPath(ConfinedPath p, LinkOption... options) throws IOException {
        LOCK.lock();
        try {
            Path host = resolve(p, follows(options), "stat");
            if (!Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
                throw new NoSuchFileException(p.toString());
            }
            Path rel = hostRoot.relativize(host);
            return fileSystem.getPath("/" + rel.toString().replace(java.io.File.separatorChar, '/'));
        } finally {
            LOCK.unlock();
        }
    }

    // ---------------------------------------------------------------- provider

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        throw new UnsupportedOperationException("sandbox file systems are made with ConfinedFileSystem.of");
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        throw new UnsupportedOperationException("sandbox file systems are not looked up by URI");
    }

    @Override
    public Path getPath(URI uri) {
        throw new UnsupportedOperationException("sandbox paths are not looked up by URI");
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return newFileChannel(path, options, attrs);
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        Set<OpenOption> opts = new HashSet<>(options);
        boolean follow = !opts.remove(LinkOption.NOFOLLOW_LINKS);
        boolean writes = opts.contains(StandardOpenOption.WRITE) || opts.contains(StandardOpenOption.APPEND)
                || opts.contains(StandardOpenOption.CREATE) || opts.contains(StandardOpenOption.CREATE_NEW)
                || opts.contains(StandardOpenOption.TRUNCATE_EXISTING) || opts.contains(StandardOpenOption.DELETE_ON_CLOSE);
        if (writes) {
            checkWritable("write", path);
        }
        LOCK.lock();
        try {
            Path host = resolve(path, follow, writes ? "write" : "open");
            BasicFileAttributes a = attributesOrNull(host);
            if (a != null && !a.isRegularFile() && !a.isDirectory()) {
                if (a.isSymbolicLink()) {
                    throw new FileSystemException(path.toString(), null, "is a symbolic link");
                }
                throw deny("open", ConfinedPath.of(path), "only regular files and directories can be opened");
            }
            opts.add(LinkOption.NOFOLLOW_LINKS);
            return FileChannel.open(host, opts, attrs);
        } finally {
            LOCK.unlock();
        }
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        DirectoryStream<Path> host;
        LOCK.lock();
        try {
            Path resolved = resolve(dir, true, "list");
            BasicFileAttributes a = attributesOrNull(resolved);
            if (a == null) {
                throw new NoSuchFileException(dir.toString());
            }
            if (!a.isDirectory()) {
                throw new NotDirectoryException(dir.toString());
            }
            host = Files.newDirectoryStream(resolved);
        } finally {
            LOCK.unlock();
        }
        return new MappedDirectoryStream(host, dir, filter);
    }

    private static final class MappedDirectoryStream implements DirectoryStream<Path> {
        private final DirectoryStream<Path> host;
        private final Path dir;
        private final DirectoryStream.Filter<? super Path> filter;

        MappedDirectoryStream(DirectoryStream<Path> host, Path dir, DirectoryStream.Filter<? super Path> filter) {
            this.host = host;
            this.dir = dir;
            this.filter = filter;
        }

        @Override
        public Iterator<Path> iterator() {
            Iterator<Path> it = host.iterator();
            return new Iterator<>() {
                private Path next = advance();

                private Path advance() {
                    while (it.hasNext()) {
                        Path candidate = ConfinedPath.of(dir.resolve(it.next().getFileName().toString())).asListedEntry();
                        try {
                            if (filter == null || filter.accept(candidate)) {
                                return candidate;
                            }
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                    return null;
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public Path next() {
                    if (next == null) {
                        throw new java.util.NoSuchElementException();
                    }
                    Path out = next;
                    next = advance();
                    return out;
                }
            };
        }

        @Override
        public void close() throws IOException {
            host.close();
        }
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        checkWritable("mkdir", dir);
        LOCK.lock();
        try {
            Files.createDirectory(resolve(dir, false, "mkdir"), attrs);
        } finally {
            LOCK.unlock();
        }
    }

    @Override
    public void delete(Path path) throws IOException {
        checkWritable("delete", path);
        LOCK.lock();
        try {
            Path host = resolve(path, false, "delete");
            if (host.equals(hostRoot)) {
                throw deny("delete", ConfinedPath.of(path), "the granted directory itself cannot be removed");
            }
            Files.delete(host);
        } finally {
            LOCK.unlock();
        }
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        checkWritable("copy", target);
        LOCK.lock();
        try {
            Path from = resolve(source, true, "copy");
            Path to = resolve(target, false, "copy");
            Set<CopyOption> opts = new HashSet<>(Arrays.asList(options));
            opts.add(LinkOption.NOFOLLOW_LINKS);
            Files.copy(from, to, opts.toArray(new CopyOption[0]));
        } finally {
            LOCK.unlock();
        }
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        checkWritable("rename", source);
        LOCK.lock();
        try {
            Path from = resolve(source, false, "rename");
            Path to = resolve(target, false, "rename");
            if (from.equals(hostRoot) || to.equals(hostRoot)) {
                throw deny("rename", ConfinedPath.of(source), "the granted directory itself cannot be moved");
            }
            Set<CopyOption> opts = new HashSet<>(Arrays.asList(options));
            opts.remove(StandardCopyOption.COPY_ATTRIBUTES);
            Files.move(from, to, opts.toArray(new CopyOption[0]));
        } finally {
            LOCK.unlock();
        }
    }

    /**
     * Creates {@code link}; the target is stored relative to the link so the directory stays
     * relocatable. Targets outside the grant are refused (and would not be followed anyway).
     */
    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
        checkWritable("symlink", link);
        ConfinedPath t = ConfinedPath.of(target);
        ConfinedPath l = ConfinedPath.of(link);
        LOCK.lock();
        try {
            Path hostLink = resolve(link, false, "symlink");
            Path relTarget;
            if (t.isAbsolute()) {
                Path parent = l.toAbsolutePath().normalize().getParent();
                relTarget = java.nio.file.Path.of(parent == null ? t.normalize().toString().substring(1)
                        : parent.relativize(t.normalize()).toString());
            } else {
                relTarget = java.nio.file.Path.of(t.toString());
            }
            Path hostTarget = hostLink.getParent().resolve(relTarget).normalize();
            if (!hostTarget.startsWith(hostRoot)) {
                throw deny("symlink", l, "link target " + t + " is outside " + guestName);
            }
            Files.createSymbolicLink(hostLink, relTarget.toString().isEmpty() ? java.nio.file.Path.of(".") : relTarget);
        } finally {
            LOCK.unlock();
        }
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        checkWritable("link", link);
        LOCK.lock();
        try {
            Path to = resolve(link, false, "link");
            Path from = resolve(existing, false, "link");
            Files.createLink(to, from);
        } finally {
            LOCK.unlock();
        }
    }

    /**
     * The target as an absolute sandbox path when it lies inside the grant; for a link that points
     * outside, a marker path that every operation refuses (so following it fails as "no such file").
     */
    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        LOCK.lock();
        try {
            Path host = resolve(link, false, "readlink");
            Path target = Files.readSymbolicLink(host);
            Path absolute = target.isAbsolute() ? target.normalize() : host.getParent().resolve(target).normalize();
            if (!absolute.startsWith(hostRoot)) {
                // reading a link opens nothing and shows only the marker; using the marker is audited
                return ConfinedPath.outside(fileSystem, guestName + ConfinedPath.of(link).toAbsolutePath());
            }
            Path rel = hostRoot.relativize(absolute);
            return fileSystem.getPath("/" + rel);
        } finally {
            LOCK.unlock();
        }
    }

    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        LOCK.lock();
        try {
            return Files.isSameFile(resolve(path, true, "stat"), resolve(path2, true, "stat"));
        } finally {
            LOCK.unlock();
        }
    }

    @Override
    public boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    @Override
    public FileStore getFileStore(Path path) {
        throw new UnsupportedOperationException("no file stores in the sandbox");
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        if (Arrays.asList(modes).contains(AccessMode.WRITE)) {
            checkWritable("access", path);
        }
        LOCK.lock();
        try {
            Path host = resolve(path, true, "stat");
            if (attributesOrNull(host) == null) {
                throw new NoSuchFileException(path.toString());
            }
            host.getFileSystem().provider().checkAccess(host, modes);
        } finally {
            LOCK.unlock();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        if (type != BasicFileAttributeView.class) {
            return null;
        }
        boolean follow = follows(options);
        return (V) new BasicFileAttributeView() {
            @Override
            public String name() {
                return "basic";
            }

            @Override
            public BasicFileAttributes readAttributes() throws IOException {
                return ConfinedFileSystemProvider.this.readAttributes(path, BasicFileAttributes.class,
                        follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS});
            }

            @Override
            public void setTimes(FileTime lastModifiedTime, FileTime lastAccessTime, FileTime createTime) throws IOException {
                checkWritable("set-times", path);
                LOCK.lock();
                try {
                    Path host = resolve(path, follow, "set-times");
                    Files.getFileAttributeView(host, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                            .setTimes(lastModifiedTime, lastAccessTime, createTime);
                } finally {
                    LOCK.unlock();
                }
            }
        };
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options) throws IOException {
        LOCK.lock();
        try {
            return Files.readAttributes(resolveForAttributes(path, follows(options)), type, LinkOption.NOFOLLOW_LINKS);
        } finally {
            LOCK.unlock();
        }
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        LOCK.lock();
        try {
            return Files.readAttributes(resolveForAttributes(path, follows(options)), attributes, LinkOption.NOFOLLOW_LINKS);
        } finally {
            LOCK.unlock();
        }
    }

    /**
     * Where to read a path's attributes. Chicory's fd_readdir reads each entry's attributes following
     * links and silently drops the entry when that fails, so a link leading out of the grant vanished
     * from listings and every listing was audited as a denied access. For an entry of a listing, a
     * link that cannot be followed inside the grant (it leads outside, dangles or loops) is reported
     * as the link itself, as readdir does, without an audit event: listing opens nothing. Opening or
     * reading through the link is still refused and audited.
     */
    private Path resolveForAttributes(Path path, boolean follow) throws IOException {
        if (follow && ConfinedPath.of(path).isListedEntry()) {
            Path own = resolve(path, false, "stat");
            BasicFileAttributes a = attributesOrNull(own);
            if (a == null || !a.isSymbolicLink()) {
                return own;
            }
            try {
                Path target = resolve(path, true, "stat", false);
                if (attributesOrNull(target) != null) {
                    return target;
                }
            } catch (FileSystemException notFollowable) {
                // SandboxEscape (outside), too many links: fall through to the link's own attributes
            }
            return own;
        }
        return resolve(path, follow, "stat");
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        checkWritable("set-attribute", path);
        LOCK.lock();
        try {
            Files.setAttribute(resolve(path, follows(options), "set-attribute"), attribute, value, LinkOption.NOFOLLOW_LINKS);
        } finally {
            LOCK.unlock();
        }
    }
}
