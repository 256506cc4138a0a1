package ai.asterai.runtime.component.wasi;

import static ai.asterai.runtime.component.wasi.WasiHost.fn;

import ai.asterai.runtime.abi.AbiTrap;
import ai.asterai.runtime.abi.AbiType;
import ai.asterai.runtime.abi.AbiType.Scalar;
import ai.asterai.runtime.abi.WitValue;
import ai.asterai.runtime.host.HostContext;
import ai.asterai.runtime.sandbox.EffectivePermissions;
import ai.asterai.runtime.sandbox.WasiSandbox;
import ai.asterai.runtime.sandbox.fs.ConfinedFileSystem;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code wasi:filesystem/types} and {@code preopens} for one component instance: the preopens are
 * exactly the granted directories (their guest paths as names), each seen through the project's
 * {@link ConfinedFileSystem}, which resolves every path ('..', symlinks) without leaving the grant and
 * audits what it refuses. This class adds only WASI's rules on top: paths are relative to a directory
 * descriptor (absolute ones and '..' above that descriptor are {@code not-permitted}), descriptors carry
 * their flags ({@code read}, {@code write}, {@code mutate-directory}), a read-only grant refuses every
 * mutation with {@code read-only}, links and renames stay within one grant ({@code cross-device}), and
 * everything is bounded: a read returns at most {@link WasiHost#MAX_READ} bytes, at most
 * {@value #MAX_OPEN} descriptors and listings are live, a listing is read one entry per call.
 */
final class WasiFilesystem {
    /** Live descriptors and directory listings per instance (each may hold an open file). */
    static final int MAX_OPEN = 256;

    static final List<String> ERROR_CODES = List.of("access", "would-block", "already", "bad-descriptor", "busy",
            "deadlock", "quota", "exist", "file-too-large", "illegal-byte-sequence", "in-progress", "interrupted", "invalid", "io",
            "is-directory", "loop", "too-many-links", "message-size", "name-too-long", "no-device", "no-entry", "no-lock",
            "insufficient-memory", "insufficient-space", "not-directory", "not-empty", "not-recoverable", "unsupported", "no-tty",
            "no-such-device", "overflow", "not-permitted", "pipe", "read-only", "invalid-seek", "text-file-busy", "cross-device");

    /** A granted directory as the guest sees it. */
    private record Grant(String guest, ConfinedFileSystem fs) {
        void denied(String operation, String path, String reason) {
            fs.denials().denied(operation, path, reason);
        }
    }

    /** A WASI refusal: the error-code the guest gets. */
    private static final class Refused extends Exception {
        final String code;

        Refused(String code) {
            super(code, null, false, false);
            this.code = code;
        }
    }

    /**
     * An open file or directory. {@code path} is its confined path, resolved when opened; a directory's
     * operations resolve their paths from it again, through the confined file system, every time.
     */
    private final class Descriptor implements AutoCloseable {
        final Grant grant;
        final Path path;
        final FileChannel channel;
        final Set<String> flags;
        private boolean closed;

        Descriptor(Grant grant, Path path, FileChannel channel, Set<String> flags) {
            this.grant = grant;
            this.path = path;
            this.channel = channel;
            this.flags = Set.copyOf(flags);
            open++;
        }

        boolean directory() {
            return channel == null;
        }

        /** How denials name this descriptor's path (e.g. {@code /data/sub}). */
        String shown(String relative) {
            String base = grant.guest() + (path.getNameCount() == 0 ? "" : path.toString());
            return relative == null || relative.isEmpty() ? base : base + "/" + relative;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                open--;
                if (channel != null) {
                    channel.close();
                }
            }
        }
    }

    /** A directory listing, read one entry per call. */
    private final class Listing implements AutoCloseable {
        final DirectoryStream<Path> stream;
        final Iterator<Path> entries;
        private boolean closed;

        Listing(DirectoryStream<Path> stream) {
            this.stream = stream;
            this.entries = stream.iterator();
            open++;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                open--;
                stream.close();
            }
        }
    }

    private final WasiHost host;
    private final HostContext ctx;
    private final List<Grant> grants = new ArrayList<>();
    private final byte[] hashKey = new byte[16];
    private int open;

    WasiFilesystem(WasiHost host, HostContext ctx) {
        this.host = host;
        this.ctx = ctx;
        for (EffectivePermissions.DirAccess d : ctx.permissions().dirs()) {
            grants.add(new Grant(d.guest(), WasiSandbox.confine(ctx.component(), d, ctx.audit())));
        }
        new SecureRandom().nextBytes(hashKey);
    }

    // ---------------------------------------------------------------- the interface definitions

    void define(AbiType datetime) {
        AbiType u64 = Scalar.U64;
        AbiType str = Scalar.STRING;
        AbiType errorCode = AbiType.EnumT.of("error-code", ERROR_CODES);
        AbiType descriptorType = AbiType.EnumT.of("descriptor-type", List.of("unknown", "block-device", "character-device",
                "directory", "fifo", "symbolic-link", "regular-file", "socket"));
        AbiType descriptorFlags = new AbiType.FlagsT("descriptor-flags", List.of("read", "write", "file-integrity-sync",
                "data-integrity-sync", "requested-write-sync", "mutate-directory"));
        AbiType pathFlags = new AbiType.FlagsT("path-flags", List.of("symlink-follow"));
        AbiType openFlags = new AbiType.FlagsT("open-flags", List.of("create", "directory", "exclusive", "truncate"));
        AbiType advice = AbiType.EnumT.of("advice", List.of("normal", "sequential", "random", "will-need", "dont-need", "no-reuse"));
        AbiType optTime = AbiType.OptionT.of(datetime);
        AbiType stat = AbiType.RecordT.of("descriptor-stat", List.of("type", "link-count", "size", "data-access-timestamp",
                "data-modification-timestamp", "status-change-timestamp"), List.of(descriptorType, u64, u64, optTime, optTime, optTime));
        AbiType newTimestamp = AbiType.VariantT.of("new-timestamp", List.of(new AbiType.Case("no-change", null),
                new AbiType.Case("now", null), new AbiType.Case("timestamp", datetime)));
        AbiType entry = AbiType.RecordT.of("directory-entry", List.of("type", "name"), List.of(descriptorType, str));
        AbiType hash = AbiType.RecordT.of("metadata-hash-value", List.of("lower", "upper"), List.of(u64, u64));
        AbiType ownDescriptor = new AbiType.OwnT(host.descriptorType());
        AbiType unit = AbiType.ResultT.of(null, errorCode);

        Map<String, Object> types = host.iface("wasi:filesystem/types", "descriptor", host.descriptorType());
        types.put("directory-entry-stream", host.directoryEntryStreamType());
        AbiType self = new AbiType.BorrowT(host.descriptorType());
        String d = "[method]descriptor.";
        fn(types, d + "read-via-stream", AbiType.ResultT.of(new AbiType.OwnT(host.inputStreamType()), errorCode),
                a -> result(() -> readViaStream(file(a.get(0), "read"), offset(a.get(1)))), self, u64);
        fn(types, d + "write-via-stream", AbiType.ResultT.of(new AbiType.OwnT(host.outputStreamType()), errorCode),
                a -> result(() -> writeViaStream(file(a.get(0), "write"), offset(a.get(1)), false)), self, u64);
        fn(types, d + "append-via-stream", AbiType.ResultT.of(new AbiType.OwnT(host.outputStreamType()), errorCode),
                a -> result(() -> writeViaStream(file(a.get(0), "write"), 0, true)), self);
        fn(types, d + "advise", unit, a -> result(() -> {
            file(a.get(0), null); // advice is a hint: accepted for any file, acted on never
            return null;
        }), self, u64, u64, advice);
        fn(types, d + "sync-data", unit, a -> result(() -> sync(descriptor(a.get(0)), false)), self);
        fn(types, d + "sync", unit, a -> result(() -> sync(descriptor(a.get(0)), true)), self);
        fn(types, d + "get-flags", AbiType.ResultT.of(descriptorFlags, errorCode),
                a -> result(() -> new WitValue.FlagsV(descriptor(a.get(0)).flags)), self);
        fn(types, d + "get-type", AbiType.ResultT.of(descriptorType, errorCode),
                a -> result(() -> new WitValue.EnumV(descriptor(a.get(0)).directory() ? "directory" : "regular-file")), self);
        fn(types, d + "set-size", unit, a -> result(() -> setSize(file(a.get(0), "write"), offset(a.get(1)))), self, u64);
        fn(types, d + "set-times", unit, a -> result(() -> {
            Descriptor x = descriptor(a.get(0));
            return setTimes(x, x.path, false, "set-times", x.shown(null), a.get(1), a.get(2));
        }), self, newTimestamp, newTimestamp);
        fn(types, d + "read", AbiType.ResultT.of(AbiType.TupleT.of(List.of(new AbiType.ListT(Scalar.U8), Scalar.BOOL)), errorCode),
                a -> result(() -> read(file(a.get(0), "read"), a.get(1), offset(a.get(2)))), self, u64, u64);
        fn(types, d + "write", AbiType.ResultT.of(u64, errorCode),
                a -> result(() -> write(file(a.get(0), "write"), ((WitValue.Bytes) a.get(1)).value(), offset(a.get(2)))),
                self, new AbiType.ListT(Scalar.U8), u64);
        fn(types, d + "read-directory", AbiType.ResultT.of(new AbiType.OwnT(host.directoryEntryStreamType()), errorCode),
                a -> result(() -> readDirectory(directory(a.get(0)))), self);
        fn(types, d + "create-directory-at", unit, a -> result(() -> {
            Descriptor x = directory(a.get(0));
            String p = string(a.get(1));
            Files.createDirectory(mutating(x, p, "mkdir"));
            return null;
        }), self, str);
        fn(types, d + "stat", AbiType.ResultT.of(stat, errorCode), a -> result(() -> {
            Descriptor x = descriptor(a.get(0));
            return stat(x.path, false);
        }), self);
        fn(types, d + "stat-at", AbiType.ResultT.of(stat, errorCode), a -> result(() -> {
            Descriptor x = directory(a.get(0));
            return stat(at(x, string(a.get(2)), "stat"), follow(a.get(1)));
        }), self, pathFlags, str);
        fn(types, d + "set-times-at", unit, a -> result(() -> {
            Descriptor x = directory(a.get(0));
            String p = string(a.get(2));
            return setTimes(x, at(x, p, "set-times"), follow(a.get(1)), "set-times", x.shown(p), a.get(3), a.get(4));
        }), self, pathFlags, str, newTimestamp, newTimestamp);
        fn(types, d + "link-at", unit, a -> result(() -> linkAt(directory(a.get(0)), follow(a.get(1)), string(a.get(2)),
                directory(a.get(3)), string(a.get(4)))), self, pathFlags, str, self, str);
        fn(types, d + "open-at", AbiType.ResultT.of(ownDescriptor, errorCode), a -> result(() -> openAt(directory(a.get(0)),
                follow(a.get(1)), string(a.get(2)), flags(a.get(3)), flags(a.get(4)))), self, pathFlags, str, openFlags, descriptorFlags);
        fn(types, d + "readlink-at", AbiType.ResultT.of(str, errorCode),
                a -> result(() -> readlinkAt(directory(a.get(0)), string(a.get(1)))), self, str);
        fn(types, d + "remove-directory-at", unit, a -> result(() -> removeAt(directory(a.get(0)), string(a.get(1)), true)), self, str);
        fn(types, d + "unlink-file-at", unit, a -> result(() -> removeAt(directory(a.get(0)), string(a.get(1)), false)), self, str);
        fn(types, d + "rename-at", unit, a -> result(() -> renameAt(directory(a.get(0)), string(a.get(1)), directory(a.get(2)),
                string(a.get(3)))), self, str, self, str);
        fn(types, d + "symlink-at", unit, a -> result(() -> symlinkAt(directory(a.get(0)), string(a.get(1)), string(a.get(2)))),
                self, str, str);
        fn(types, d + "is-same-object", Scalar.BOOL, a -> new WitValue.Bool(sameObject(descriptor(a.get(0)), descriptor(a.get(1)))),
                self, self);
        fn(types, d + "metadata-hash", AbiType.ResultT.of(hash, errorCode), a -> result(() -> {
            Descriptor x = descriptor(a.get(0));
            return hash(x.path, false);
        }), self);
        fn(types, d + "metadata-hash-at", AbiType.ResultT.of(hash, errorCode), a -> result(() -> {
            Descriptor x = directory(a.get(0));
            return hash(at(x, string(a.get(2)), "stat"), follow(a.get(1)));
        }), self, pathFlags, str);
        fn(types, "[method]directory-entry-stream.read-directory-entry", AbiType.ResultT.of(AbiType.OptionT.of(entry), errorCode),
                a -> result(() -> nextEntry(host.object(a.get(0), Listing.class))), new AbiType.BorrowT(host.directoryEntryStreamType()));
        fn(types, "filesystem-error-code", AbiType.OptionT.of(errorCode), a -> {
            String code = host.object(a.get(0), WasiHost.Error.class).fsCode();
            return code == null ? WitValue.OptionV.NONE : new WitValue.OptionV(new WitValue.EnumV(code));
        }, new AbiType.BorrowT(host.errorType()));

        fn(host.iface("wasi:filesystem/preopens", null, null), "get-directories",
                new AbiType.ListT(AbiType.TupleT.of(List.of(ownDescriptor, str))), a -> preopens());
    }

    // ---------------------------------------------------------------- results and arguments

    @FunctionalInterface
    private interface Body {
        WitValue run() throws IOException, Refused;
    }

    /** ok(value), or err(error-code) for a refusal or a failed file operation. */
    private static WitValue result(Body body) {
        try {
            return WitValue.ResultV.ok(body.run());
        } catch (Refused r) {
            return err(r.code);
        } catch (IOException e) {
            return err(code(e));
        } catch (UncheckedIOException e) {
            return err(code(e.getCause()));
        } catch (java.nio.file.DirectoryIteratorException e) {
            return err(code(e.getCause()));
        } catch (NonWritableChannelException | NonReadableChannelException e) {
            return err("bad-descriptor");
        }
    }

    private static WitValue err(String code) {
        return WitValue.ResultV.err(new WitValue.EnumV(code));
    }

    /**
     * WASI's error-code for a failed file operation. java.nio gives typed exceptions for the common
     * cases and the operating system's message (strerror) for the rest.
     */
    static String code(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no-entry"; // SandboxEscape too: outside the grant nothing exists
        }
        if (e instanceof FileAlreadyExistsException) {
            return "exist";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "not-empty";
        }
        if (e instanceof NotDirectoryException) {
            return "not-directory";
        }
        if (e instanceof NotLinkException) {
            return "invalid";
        }
        if (e instanceof FileSystemLoopException) {
            return "loop";
        }
        if (e instanceof AccessDeniedException) {
            return "access";
        }
        if (e instanceof ClosedChannelException) {
            return "bad-descriptor";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            String reason = f.getReason().toLowerCase(Locale.ROOT);
            if (reason.contains("symbolic link")) {
                return "loop"; // too many levels of links, or O_NOFOLLOW met one
            }
            if (reason.contains("is a directory")) {
                return "is-directory";
            }
            if (reason.contains("not a directory")) {
                return "not-directory";
            }
            if (reason.contains("not empty")) {
                return "not-empty";
            }
            if (reason.contains("cross-device")) {
                return "cross-device";
            }
            if (reason.contains("no space")) {
                return "insufficient-space";
            }
            if (reason.contains("file too large")) {
                return "file-too-large";
            }
            if (reason.contains("name too long")) {
                return "name-too-long";
            }
            if (reason.contains("read-only")) {
                return "read-only";
            }
            if (reason.contains("not permitted")) {
                return "not-permitted";
            }
            if (reason.contains("invalid argument")) {
                return "invalid";
            }
        }
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (m.contains("is a directory")) {
            return "is-directory";
        }
        if (m.contains("no space")) {
            return "insufficient-space";
        }
        return "io";
    }

    private Descriptor descriptor(WitValue v) {
        Descriptor d = host.object(v, Descriptor.class);
        if (d.closed) {
            throw new AbiTrap("wasi:filesystem descriptor " + ((WitValue.Handle) v).rep() + " is closed");
        }
        return d;
    }

    private Descriptor directory(WitValue v) throws Refused {
        Descriptor d = descriptor(v);
        if (!d.directory()) {
            throw new Refused("not-directory");
        }
        return d;
    }

    /** A file descriptor holding {@code flag} ({@code read}/{@code write}; null for none): else bad-descriptor, as WASI says. */
    private Descriptor file(WitValue v, String flag) throws Refused {
        Descriptor d = descriptor(v);
        if (d.directory()) {
            throw new Refused("is-directory");
        }
        if (flag != null && !d.flags.contains(flag)) {
            throw new Refused("bad-descriptor");
        }
        return d;
    }

    private static String string(WitValue v) {
        return ((WitValue.Str) v).value();
    }

    private static Set<String> flags(WitValue v) {
        return ((WitValue.FlagsV) v).set();
    }

    private static boolean follow(WitValue pathFlags) {
        return flags(pathFlags).contains("symlink-follow");
    }

    /** A u64 file offset or size: past 2^63 no file reaches. */
    private static long offset(WitValue v) throws Refused {
        long n = ((WitValue.Int) v).value();
        if (n < 0) {
            throw new Refused("invalid");
        }
        return n;
    }

    // ---------------------------------------------------------------- paths

    /**
     * The confined path of {@code path} relative to directory {@code d}. WASI paths are relative: an
     * absolute one, or one whose '..' climb above {@code d}, is {@code not-permitted} (and audited as an
     * attempt to leave). The rest, symlinks included, is the confined file system's to resolve.
     */
    private Path at(Descriptor d, String path, String operation) throws Refused {
        if (path.indexOf('\0') >= 0) {
            throw new Refused("invalid");
        }
        if (path.startsWith("/")) {
            d.grant.denied(operation, path, "an absolute path is not relative to " + d.shown(null));
            throw new Refused("not-permitted");
        }
        int depth = 0;
        for (String name : path.split("/")) {
            if (name.equals("..")) {
                if (--depth < 0) {
                    d.grant.denied(operation, d.shown(path), "the path climbs above " + d.shown(null));
                    throw new Refused("not-permitted");
                }
            } else if (!name.isEmpty() && !name.equals(".")) {
                depth++;
            }
        }
        if (path.isEmpty()) {
            throw new Refused("no-entry");
        }
        return d.path.resolve(d.grant.fs().getPath(path));
    }

    /** {@link #at} for an operation that changes the directory: refused on a read-only grant, and without mutate-directory. */
    private Path mutating(Descriptor d, String path, String operation) throws Refused {
        Path p = at(d, path, operation);
        checkMutable(d, path, operation);
        return p;
    }

    private void checkMutable(Descriptor d, String path, String operation) throws Refused {
        if (d.grant.fs().readOnly()) {
            // the message of the confined file system's own check, so both paths audit alike
            d.grant.denied(operation, d.shown(path), d.grant.guest() + " is granted read-only");
            throw new Refused("read-only");
        }
        if (!d.flags.contains("mutate-directory")) {
            throw new Refused("not-permitted");
        }
    }

    private static BasicFileAttributes attributesOrNull(Path p, boolean follow) throws IOException {
        try {
            return follow ? Files.readAttributes(p, BasicFileAttributes.class)
                    : Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            if (e instanceof ai.asterai.runtime.sandbox.fs.SandboxEscape) {
                throw e;
            }
            return null;
        }
    }

    // ---------------------------------------------------------------- preopens and open-at

    private WitValue preopens() {
        List<WitValue> out = new ArrayList<>();
        for (Grant g : grants) {
            Set<String> flags = g.fs().readOnly() ? Set.of("read") : Set.of("read", "mutate-directory");
            checkOpenCap();
            out.add(new WitValue.TupleV(List.of(host.own(host.descriptorType(), new Descriptor(g, g.fs().root(), null, flags)),
                    new WitValue.Str(g.guest()))));
        }
        return new WitValue.ListV(out);
    }

    private void checkOpenCap() {
        if (open >= MAX_OPEN) {
            throw new AbiTrap(ctx.component() + " holds " + MAX_OPEN + " open wasi:filesystem descriptors and listings; drop some first");
        }
    }

    private WitValue openAt(Descriptor dir, boolean follow, String path, Set<String> how, Set<String> want) throws IOException, Refused {
        boolean create = how.contains("create");
        boolean exclusive = how.contains("exclusive");
        boolean truncate = how.contains("truncate");
        boolean mustBeDirectory = how.contains("directory");
        boolean write = want.contains("write");
        Path p = at(dir, path, "open");
        // a trailing '/' asks for a directory, as in POSIX; the confined paths drop it, so it is noted here
        mustBeDirectory |= path.endsWith("/");
        if (create && mustBeDirectory) {
            throw new Refused("invalid"); // create makes regular files; directories come from create-directory-at
        }
        if (create || truncate || write) {
            checkMutable(dir, path, create ? "create" : "write");
        }
        if (open >= MAX_OPEN) {
            throw new Refused("insufficient-memory"); // WASI has no EMFILE; the guest's open fails with ENOMEM
        }
        Set<OpenOption> options = new HashSet<>();
        options.add(StandardOpenOption.READ);
        if (write || create || truncate) {
            options.add(StandardOpenOption.WRITE); // java.nio ignores CREATE and TRUNCATE_EXISTING on a read-only open
        }
        if (create) {
            options.add(exclusive ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        }
        if (truncate) {
            options.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        if (!follow) {
            options.add(LinkOption.NOFOLLOW_LINKS);
        }
        // opened first (the confined file system resolves, refuses and audits as an open), looked at after:
        // a directory opens for reading too, and writing one fails as the operating system says (is-directory)
        FileChannel channel = (FileChannel) Files.newByteChannel(p, options);
        try {
            Path real = realFile(p, follow);
            boolean directory = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isDirectory();
            if (directory) {
                channel.close();
                Set<String> flags = new LinkedHashSet<>();
                flags.add("read");
                if (want.contains("mutate-directory") && dir.flags.contains("mutate-directory")) {
                    flags.add("mutate-directory");
                }
                return host.own(host.descriptorType(), new Descriptor(dir.grant, real, null, flags));
            }
            if (mustBeDirectory) {
                throw new Refused("not-directory");
            }
            Set<String> flags = new LinkedHashSet<>();
            if (want.contains("read") || !write) {
                flags.add("read");
            }
            if (write) {
                flags.add("write");
            }
            return host.own(host.descriptorType(), new Descriptor(dir.grant, real, channel, flags));
        } catch (IOException | RuntimeException | Refused e) {
            channel.close();
            throw e;
        }
    }

    /** Where an opened file lives: the directory the path leads to, resolved, and the file's own name. */
    private static Path realFile(Path p, boolean follow) throws IOException {
        if (follow) {
            return p.toRealPath();
        }
        Path parent = p.getParent() == null ? p.getRoot() : p.getParent();
        return parent.toRealPath().resolve(p.getFileName().toString());
    }

    // ---------------------------------------------------------------- files

    private WitValue readViaStream(Descriptor d, long offset) throws Refused {
        long[] position = {offset};
        FileChannel ch = d.channel;
        return host.own(host.inputStreamType(), new WasiHost.Input(max -> {
            long size = ch.size();
            if (position[0] >= size) {
                return null;
            }
            // max is at most MAX_READ; the buffer is never larger than what the file still holds
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(max, size - position[0]));
            int n = ch.read(buf, position[0]);
            if (n < 0) {
                return null;
            }
            position[0] += n;
            return java.util.Arrays.copyOf(buf.array(), n);
        }));
    }

    private WitValue writeViaStream(Descriptor d, long offset, boolean append) {
        FileChannel ch = d.channel;
        return host.own(host.outputStreamType(), new WasiHost.Output(new OutputStream() {
            private long position = offset;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                long at = append ? ch.size() : position;
                while (buf.hasRemaining()) {
                    at += ch.write(buf, at);
                }
                position = at;
            }
        }));
    }

    private static WitValue read(Descriptor d, WitValue length, long offset) throws IOException {
        long want = ((WitValue.Int) length).value();
        long size = d.channel.size();
        // at most MAX_READ bytes per call, and never more than the file holds: the buffer is bounded by bytes present
        int n = (int) Math.max(0, Math.min(Long.compareUnsigned(want, WasiHost.MAX_READ) > 0 ? WasiHost.MAX_READ : want,
                Math.max(0, size - offset)));
        ByteBuffer buf = ByteBuffer.allocate(n);
        int got = 0;
        while (buf.hasRemaining()) {
            int r = d.channel.read(buf, offset + got);
            if (r < 0) {
                break;
            }
            got += r;
        }
        boolean end = offset + got >= d.channel.size();
        return new WitValue.TupleV(List.of(new WitValue.Bytes(java.util.Arrays.copyOf(buf.array(), got)), new WitValue.Bool(end)));
    }

    private static WitValue write(Descriptor d, byte[] data, long offset) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(data);
        long at = offset;
        while (buf.hasRemaining()) {
            at += d.channel.write(buf, at);
        }
        return new WitValue.Int(data.length);
    }

    private static WitValue setSize(Descriptor d, long size) throws IOException {
        long now = d.channel.size();
        if (size < now) {
            d.channel.truncate(size);
        } else if (size > now) {
            d.channel.write(ByteBuffer.wrap(new byte[1]), size - 1); // extends with zeros (sparse where the disk allows)
        }
        return null;
    }

    private static WitValue sync(Descriptor d, boolean metadata) throws IOException {
        if (d.channel != null) {
            d.channel.force(metadata);
        }
        return null;
    }

    private WitValue setTimes(Descriptor d, Path p, boolean follow, String operation, String shown, WitValue atime, WitValue mtime)
            throws IOException, Refused {
        if (d.grant.fs().readOnly()) {
            d.grant.denied(operation, shown, d.grant.guest() + " is granted read-only");
            throw new Refused("read-only");
        }
        BasicFileAttributeView view = follow ? Files.getFileAttributeView(p, BasicFileAttributeView.class)
                : Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        view.setTimes(time(mtime), time(atime), null);
        return null;
    }

    private static FileTime time(WitValue newTimestamp) throws Refused {
        WitValue.VariantV v = (WitValue.VariantV) newTimestamp;
        return switch (v.caseName()) {
            case "no-change" -> null;
            case "now" -> FileTime.from(Instant.now());
            default -> {
                Map<String, WitValue> f = ((WitValue.RecordV) v.payload()).fields();
                long seconds = ((WitValue.Int) f.get("seconds")).value();
                long nanos = ((WitValue.Int) f.get("nanoseconds")).value();
                if (seconds < 0 || nanos >= 1_000_000_000L) {
                    throw new Refused("invalid");
                }
                yield FileTime.from(Instant.ofEpochSecond(seconds, nanos));
            }
        };
    }

    // ---------------------------------------------------------------- metadata

    private static WitValue stat(Path p, boolean follow) throws IOException {
        Map<String, Object> a = follow ? Files.readAttributes(p, "unix:*") : Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
        Map<String, WitValue> f = new LinkedHashMap<>();
        f.put("type", new WitValue.EnumV(type(a)));
        f.put("link-count", new WitValue.Int(((Number) a.get("nlink")).longValue()));
        f.put("size", new WitValue.Int(((Number) a.get("size")).longValue()));
        f.put("data-access-timestamp", timestamp(a.get("lastAccessTime")));
        f.put("data-modification-timestamp", timestamp(a.get("lastModifiedTime")));
        f.put("status-change-timestamp", timestamp(a.get("ctime")));
        return new WitValue.RecordV(f);
    }

    private static String type(Map<String, Object> a) {
        if (Boolean.TRUE.equals(a.get("isDirectory"))) {
            return "directory";
        }
        if (Boolean.TRUE.equals(a.get("isSymbolicLink"))) {
            return "symbolic-link";
        }
        if (Boolean.TRUE.equals(a.get("isRegularFile"))) {
            return "regular-file";
        }
        int mode = ((Number) a.get("mode")).intValue() & 0170000;
        return switch (mode) {
            case 0010000 -> "fifo";
            case 0020000 -> "character-device";
            case 0060000 -> "block-device";
            case 0140000 -> "socket";
            default -> "unknown";
        };
    }

    private static WitValue timestamp(Object fileTime) {
        if (!(fileTime instanceof FileTime t)) {
            return WitValue.OptionV.NONE;
        }
        Instant i = t.toInstant();
        if (i.getEpochSecond() < 0) {
            return WitValue.OptionV.NONE; // a datetime has no negative seconds
        }
        Map<String, WitValue> f = new LinkedHashMap<>();
        f.put("seconds", new WitValue.Int(i.getEpochSecond()));
        f.put("nanoseconds", new WitValue.Int(i.getNano()));
        return new WitValue.OptionV(new WitValue.RecordV(f));
    }

    /** A keyed hash of device, inode, size and times: stable while the file is unchanged, and no inode number leaks. */
    private WitValue hash(Path p, boolean follow) throws IOException {
        Map<String, Object> a = follow ? Files.readAttributes(p, "unix:*") : Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        sha.update(hashKey);
        for (String k : List.of("dev", "ino", "size", "lastModifiedTime", "ctime")) {
            sha.update(String.valueOf(a.get(k)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        ByteBuffer h = ByteBuffer.wrap(sha.digest());
        Map<String, WitValue> f = new LinkedHashMap<>();
        f.put("lower", new WitValue.Int(h.getLong()));
        f.put("upper", new WitValue.Int(h.getLong()));
        return new WitValue.RecordV(f);
    }

    private static boolean sameObject(Descriptor a, Descriptor b) {
        if (a == b) {
            return true;
        }
        if (a.grant != b.grant) {
            return false;
        }
        try {
            Object ka = Files.readAttributes(a.path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            Object kb = Files.readAttributes(b.path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return ka != null && ka.equals(kb);
        } catch (IOException e) {
            return false; // one of them no longer exists where it was opened: not provably the same
        }
    }

    // ---------------------------------------------------------------- directories

    private WitValue readDirectory(Descriptor d) throws IOException, Refused {
        if (open >= MAX_OPEN) {
            throw new Refused("insufficient-memory");
        }
        return host.own(host.directoryEntryStreamType(), new Listing(Files.newDirectoryStream(d.path)));
    }

    private static WitValue nextEntry(Listing l) throws IOException {
        if (l.closed || !l.entries.hasNext()) {
            return WitValue.OptionV.NONE;
        }
        Path entry = l.entries.next();
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            a = null; // removed since it was listed
        }
        String type = a == null ? "unknown" : a.isDirectory() ? "directory" : a.isSymbolicLink() ? "symbolic-link"
                : a.isRegularFile() ? "regular-file" : "unknown";
        Map<String, WitValue> f = new LinkedHashMap<>();
        f.put("type", new WitValue.EnumV(type));
        f.put("name", new WitValue.Str(entry.getFileName().toString()));
        return new WitValue.OptionV(new WitValue.RecordV(f));
    }

    private WitValue removeAt(Descriptor d, String path, boolean directory) throws IOException, Refused {
        Path p = mutating(d, path, directory ? "rmdir" : "unlink");
        String last = path.replaceAll("/+$", "");
        last = last.substring(last.lastIndexOf('/') + 1);
        if (last.equals(".") || last.equals("..")) {
            throw new Refused("invalid"); // rmdir(".") is EINVAL; the grant itself is never removed
        }
        BasicFileAttributes a = attributesOrNull(p, false);
        if (a == null) {
            throw new Refused("no-entry");
        }
        if (directory && !a.isDirectory()) {
            throw new Refused("not-directory");
        }
        if (!directory && a.isDirectory()) {
            throw new Refused("is-directory");
        }
        Files.delete(p);
        return null;
    }

    /** Both ends in one grant: another grant is another device, as far as the guest can tell. */
    private static void sameGrant(Descriptor from, Descriptor to, String operation, String fromPath, String toPath) throws Refused {
        if (from.grant != to.grant) {
            from.grant.denied(operation, from.shown(fromPath), "the other end, " + to.shown(toPath) + ", is in another grant");
            throw new Refused("cross-device");
        }
    }

    private WitValue renameAt(Descriptor from, String oldPath, Descriptor to, String newPath) throws IOException, Refused {
        Path source = mutating(from, oldPath, "rename");
        Path target = mutating(to, newPath, "rename");
        sameGrant(from, to, "rename", oldPath, newPath);
        // rename(2): replaces a file (or an empty directory) at the target atomically
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        return null;
    }

    private WitValue linkAt(Descriptor from, boolean follow, String oldPath, Descriptor to, String newPath) throws IOException, Refused {
        Path existing = at(from, oldPath, "link");
        Path link = mutating(to, newPath, "link");
        sameGrant(from, to, "link", oldPath, newPath);
        if (follow) {
            existing = existing.toRealPath();
        }
        BasicFileAttributes a = attributesOrNull(existing, false);
        if (a == null) {
            throw new Refused("no-entry");
        }
        if (a.isDirectory()) {
            throw new Refused("not-permitted"); // hard links to directories: EPERM
        }
        Files.createLink(link, existing);
        return null;
    }

    private WitValue symlinkAt(Descriptor d, String target, String newPath) throws IOException, Refused {
        Path link = mutating(d, newPath, "symlink");
        if (target.startsWith("/")) {
            d.grant.denied("symlink", d.shown(newPath), "link target " + target + " is absolute: outside " + d.shown(null));
            throw new Refused("not-permitted");
        }
        if (target.isEmpty() || target.indexOf('\0') >= 0) {
            throw new Refused(target.isEmpty() ? "no-entry" : "invalid");
        }
        try {
            // the confined file system refuses (and audits) a target that leads outside the grant
            Files.createSymbolicLink(link, d.grant.fs().getPath(target));
        } catch (ai.asterai.runtime.sandbox.fs.SandboxEscape e) {
            throw new Refused("not-permitted");
        }
        return null;
    }

    private WitValue readlinkAt(Descriptor d, String path) throws IOException, Refused {
        Path link = at(d, path, "readlink");
        Path target = Files.readSymbolicLink(link);
        if (ConfinedFileSystem.leadsOutside(target)) {
            return new WitValue.Str(ConfinedFileSystem.OUTSIDE);
        }
        // the confined file system gives the target from the grant's root; the guest gets it relative to the link
        Path parent = realFile(link, false).getParent();
        Path rel = (parent == null ? link.getRoot() : parent).relativize(target);
        String s = rel.toString();
        return new WitValue.Str(s.isEmpty() ? "." : s);
    }
}
