package ai.asterai.runtime.component.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.runtime.abi.AbiTrap;
import ai.asterai.runtime.abi.WitValue;
import ai.asterai.runtime.component.ComponentFunction;
import ai.asterai.runtime.host.ComponentDirectory;
import ai.asterai.runtime.host.HostContext;
import ai.asterai.runtime.sandbox.AuditEvent;
import ai.asterai.runtime.sandbox.AuditLog;
import ai.asterai.runtime.sandbox.ComponentLog;
import ai.asterai.runtime.sandbox.EffectivePermissions;
import ai.asterai.runtime.sandbox.RuntimeLimits;
import ai.asterai.runtime.sandbox.WasiSandbox;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code wasi:filesystem} host called directly with lifted values (the canonical ABI and the
 * preview1 adapter are covered by the component tests: ComponentSandboxEscapeTest, MemoryComponentTest).
 * A read-write grant {@code /data} and a read-only grant {@code /ro}, with files, a directory and links
 * planted inside and outside.
 */
class WasiFilesystemTest {
    @TempDir
    Path tmp;

    private Path data;
    private Path ro;
    private Path outside;
    private final AuditLog.InMemory audit = new AuditLog.InMemory();
    private WasiHost host;
    private Map<String, Object> types;
    private Map<String, Object> streams;
    private WitValue.Handle dataDir;
    private WitValue.Handle roDir;

    @BeforeEach
    void setUp() throws Exception {
        data = Files.createDirectories(tmp.resolve("data"));
        ro = Files.createDirectories(tmp.resolve("ro"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("passwd"), "root:x:0:0:planted secret");
        Files.writeString(data.resolve("a.txt"), "alpha");
        Files.createDirectories(data.resolve("sub"));
        Files.writeString(data.resolve("sub/inner.txt"), "inner");
        Files.writeString(ro.resolve("r.txt"), "read me");
        Files.createDirectories(ro.resolve("rodir"));
        host = host(List.of(new EffectivePermissions.DirAccess("/data", data, false), new EffectivePermissions.DirAccess("/ro", ro, true)));
        types = host.find("wasi:filesystem/types@0.2.3").orElseThrow();
        streams = host.find("wasi:io/streams@0.2.3").orElseThrow();
        List<WitValue> pre = list(fn(host.find("wasi:filesystem/preopens@0.2.3").orElseThrow(), "get-directories"));
        dataDir = (WitValue.Handle) ((WitValue.TupleV) pre.get(0)).items().get(0);
        roDir = (WitValue.Handle) ((WitValue.TupleV) pre.get(1)).items().get(0);
    }

    @AfterEach
    void close() {
        host.close();
    }

    private WasiHost host(List<EffectivePermissions.DirAccess> dirs) {
        EffectivePermissions p = new EffectivePermissions("test:fs", dirs, EffectivePermissions.HostAccess.NONE, Map.of(), 16 << 20,
                Duration.ofSeconds(5), Set.of(), List.of());
        return new WasiHost(new HostContext("test:fs", p, audit, ComponentLog.DISCARD, null, ComponentDirectory.EMPTY,
                RuntimeLimits.DEFAULTS), WasiSandbox.ClockMode.FIXED);
    }

    // ---------------------------------------------------------------- calling helpers

    private static WitValue fn(Map<String, Object> iface, String name, WitValue... args) {
        return ((ComponentFunction) iface.get(name)).invoke(Arrays.asList(args));
    }

    private WitValue d(String method, WitValue... args) {
        return fn(types, "[method]descriptor." + method, args);
    }

    private static List<WitValue> list(WitValue v) {
        return ((WitValue.ListV) v).items();
    }

    private static WitValue ok(WitValue r) {
        WitValue.ResultV res = (WitValue.ResultV) r;
        assertTrue(res.isOk(), () -> "expected ok, got " + r);
        return res.payload();
    }

    private static String err(WitValue r) {
        WitValue.ResultV res = (WitValue.ResultV) r;
        assertFalse(res.isOk(), () -> "expected an error, got " + r);
        return ((WitValue.EnumV) res.payload()).caseName();
    }

    private static WitValue.Str s(String v) {
        return new WitValue.Str(v);
    }

    private static WitValue.Int u64(long v) {
        return new WitValue.Int(v);
    }

    private static WitValue.FlagsV flags(String... names) {
        return new WitValue.FlagsV(Set.of(names));
    }

    private static final WitValue.FlagsV FOLLOW = flags("symlink-follow");
    private static final WitValue.FlagsV NOFOLLOW = flags();
    private static final WitValue NO_CHANGE = new WitValue.VariantV("no-change", null);
    private static final WitValue NOW = new WitValue.VariantV("now", null);

    private WitValue open(WitValue.Handle dir, String path, WitValue.FlagsV how, WitValue.FlagsV want) {
        return d("open-at", dir, FOLLOW, s(path), how, want);
    }

    private WitValue.Handle openOk(WitValue.Handle dir, String path, WitValue.FlagsV how, WitValue.FlagsV want) {
        return (WitValue.Handle) ok(open(dir, path, how, want));
    }

    private byte[] readAll(WitValue.Handle file) {
        WitValue.TupleV t = (WitValue.TupleV) ok(d("read", file, u64(1 << 20), u64(0)));
        return ((WitValue.Bytes) t.items().get(0)).value();
    }

    private List<String> denials() {
        return audit.denials("file").stream().map(AuditEvent::toString).toList();
    }

    // ---------------------------------------------------------------- tests

    @Test
    void thePreopensAreExactlyTheGrantsWithTheirFlags() throws Exception {
        List<WitValue> pre = list(fn(host.find("wasi:filesystem/preopens@0.2.0").orElseThrow(), "get-directories"));
        assertEquals(List.of("/data", "/ro"), pre.stream().map(t -> ((WitValue.Str) ((WitValue.TupleV) t).items().get(1)).value()).toList());
        assertEquals(Set.of("read", "mutate-directory"), ((WitValue.FlagsV) ok(d("get-flags", dataDir))).set());
        assertEquals(Set.of("read"), ((WitValue.FlagsV) ok(d("get-flags", roDir))).set());
        assertEquals("directory", ((WitValue.EnumV) ok(d("get-type", dataDir))).caseName());
        try (WasiHost none = host(List.of())) {
            assertEquals(List.of(), list(fn(none.find("wasi:filesystem/preopens@0.2.12").orElseThrow(), "get-directories")));
        }
    }

    @Test
    void aReadOnlyGrantRefusesEveryMutationWithReadOnlyAndAuditsIt() throws Exception {
        WitValue.Handle r = openOk(roDir, "r.txt", flags(), flags("read"));
        assertEquals("read me", new String(readAll(r)));
        Map<String, WitValue> attempts = new LinkedHashMap<>();
        attempts.put("open-at create", open(roDir, "new.txt", flags("create"), flags("write")));
        attempts.put("open-at write", open(roDir, "r.txt", flags(), flags("read", "write")));
        attempts.put("open-at truncate", open(roDir, "r.txt", flags("truncate"), flags("read")));
        attempts.put("create-directory-at", d("create-directory-at", roDir, s("made")));
        attempts.put("remove-directory-at", d("remove-directory-at", roDir, s("rodir")));
        attempts.put("unlink-file-at", d("unlink-file-at", roDir, s("r.txt")));
        attempts.put("rename-at", d("rename-at", roDir, s("r.txt"), roDir, s("moved.txt")));
        attempts.put("symlink-at", d("symlink-at", roDir, s("r.txt"), s("ln")));
        attempts.put("link-at", d("link-at", roDir, NOFOLLOW, s("r.txt"), roDir, s("hard")));
        attempts.put("set-times-at", d("set-times-at", roDir, NOFOLLOW, s("r.txt"), NOW, NOW));
        attempts.put("set-times", d("set-times", roDir, NOW, NOW));
        attempts.forEach((what, result) -> assertEquals("read-only", err(result), what));
        // an open descriptor of a read-only grant never holds write: direct writes and resizes are bad-descriptor
        assertEquals("bad-descriptor", err(d("write", r, new WitValue.Bytes(new byte[] {1}), u64(0))));
        assertEquals("bad-descriptor", err(d("set-size", r, u64(0))));
        assertEquals("bad-descriptor", err(d("write-via-stream", r, u64(0))));
        assertEquals("bad-descriptor", err(d("append-via-stream", r)));
        // asking mutate-directory of a directory in a read-only grant opens it without
        WitValue.Handle sub = openOk(roDir, "rodir", flags("directory"), flags("read", "mutate-directory"));
        assertEquals(Set.of("read"), ((WitValue.FlagsV) ok(d("get-flags", sub))).set());
        assertEquals("read-only", err(d("create-directory-at", sub, s("x"))));

        assertEquals(attempts.size() + 1, audit.denials("file").size(), denials()::toString);
        assertTrue(audit.denials("file").stream().allMatch(e -> e.detail().endsWith("/ro is granted read-only")
                && e.target().startsWith("/ro") && e.component().equals("test:fs")), denials()::toString);
        try (var files = Files.list(ro)) {
            assertEquals(List.of("r.txt", "rodir"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals("read me", Files.readString(ro.resolve("r.txt")));
        try (var files = Files.list(ro.resolve("rodir"))) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void openAtHonoursEveryFlag() throws Exception {
        // create (and write), then exclusive on the existing file
        WitValue.Handle f = openOk(dataDir, "new.txt", flags("create"), flags("write"));
        assertEquals(Set.of("write"), ((WitValue.FlagsV) ok(d("get-flags", f))).set());
        assertEquals(u64(3), ok(d("write", f, new WitValue.Bytes("new".getBytes()), u64(0))));
        assertEquals("bad-descriptor", err(d("read", f, u64(10), u64(0))), "not opened for reading");
        assertEquals("new", Files.readString(data.resolve("new.txt")));
        assertEquals("exist", err(open(dataDir, "new.txt", flags("create", "exclusive"), flags("write"))));
        openOk(dataDir, "fresh.txt", flags("create", "exclusive"), flags("read", "write"));
        assertTrue(Files.exists(data.resolve("fresh.txt")));
        // without create a missing file is no-entry; truncate empties
        assertEquals("no-entry", err(open(dataDir, "missing.txt", flags(), flags("read"))));
        openOk(dataDir, "a.txt", flags("truncate"), flags("write"));
        assertEquals(0, Files.size(data.resolve("a.txt")));
        // directory: a directory opens, a file is not-directory, create with it is invalid, writing a directory is-directory
        WitValue.Handle sub = openOk(dataDir, "sub", flags("directory"), flags("read", "mutate-directory"));
        assertEquals("directory", ((WitValue.EnumV) ok(d("get-type", sub))).caseName());
        assertEquals(Set.of("read", "mutate-directory"), ((WitValue.FlagsV) ok(d("get-flags", sub))).set());
        assertEquals("inner", new String(readAll(openOk(sub, "inner.txt", flags(), flags("read")))));
        assertEquals("not-directory", err(open(dataDir, "new.txt", flags("directory"), flags("read"))));
        assertEquals("not-directory", err(open(dataDir, "new.txt/", flags(), flags("read"))), "a trailing slash asks for a directory");
        assertEquals("invalid", err(open(dataDir, "made", flags("create", "directory"), flags("read"))));
        assertEquals("is-directory", err(open(dataDir, "sub", flags(), flags("read", "write"))));
        assertEquals("is-directory", err(d("read", sub, u64(1), u64(0))));
        assertEquals("not-directory", err(d("open-at", f, FOLLOW, s("x"), flags(), flags("read"))));
        // a directory opened without mutate-directory cannot change what it holds
        WitValue.Handle plain = openOk(dataDir, "sub", flags("directory"), flags("read"));
        assertEquals("not-permitted", err(d("unlink-file-at", plain, s("inner.txt"))));
        // symlinks: followed with symlink-follow, refused as a loop without it (O_NOFOLLOW)
        Files.createSymbolicLink(data.resolve("to-a"), Path.of("fresh.txt"));
        openOk(dataDir, "to-a", flags(), flags("read"));
        assertEquals("loop", err(d("open-at", dataDir, NOFOLLOW, s("to-a"), flags(), flags("read"))));
        assertEquals(List.of(), denials(), "nothing here leaves the grant");
    }

    @Test
    void aDirectoryIsListedOneEntryAtATime() throws Exception {
        Files.createSymbolicLink(data.resolve("out-link"), outside.resolve("passwd"));
        Files.createSymbolicLink(data.resolve("in-link"), Path.of("a.txt"));
        WitValue.Handle stream = (WitValue.Handle) ok(d("read-directory", dataDir));
        Map<String, String> entries = new java.util.TreeMap<>();
        for (int i = 0; i < 10; i++) {
            WitValue.OptionV next = (WitValue.OptionV) ok(fn(types, "[method]directory-entry-stream.read-directory-entry", stream));
            if (next.value() == null) {
                break;
            }
            Map<String, WitValue> e = ((WitValue.RecordV) next.value()).fields();
            entries.put(((WitValue.Str) e.get("name")).value(), ((WitValue.EnumV) e.get("type")).caseName());
        }
        assertEquals(Map.of("a.txt", "regular-file", "sub", "directory", "out-link", "symbolic-link", "in-link", "symbolic-link"), entries);
        assertEquals(WitValue.OptionV.NONE, ok(fn(types, "[method]directory-entry-stream.read-directory-entry", stream)), "stays at the end");
        assertEquals(List.of(), denials(), "listing opens nothing");
        assertEquals("not-directory", err(d("read-directory", openOk(dataDir, "a.txt", flags(), flags("read")))));
    }

    @Test
    void renameLinkAndRemoveStayWithinTheGrant() throws Exception {
        assertEquals(null, ok(d("rename-at", dataDir, s("a.txt"), dataDir, s("sub/b.txt"))));
        assertEquals("alpha", Files.readString(data.resolve("sub/b.txt")));
        Files.writeString(data.resolve("c.txt"), "gamma");
        ok(d("rename-at", dataDir, s("c.txt"), dataDir, s("sub/b.txt"))); // replaces, as rename(2)
        assertEquals("gamma", Files.readString(data.resolve("sub/b.txt")));
        assertEquals("no-entry", err(d("rename-at", dataDir, s("c.txt"), dataDir, s("d.txt"))));
        ok(d("link-at", dataDir, NOFOLLOW, s("sub/b.txt"), dataDir, s("hard.txt")));
        assertEquals("gamma", Files.readString(data.resolve("hard.txt")));
        assertEquals("not-permitted", err(d("link-at", dataDir, NOFOLLOW, s("sub"), dataDir, s("dir-link"))));
        // across grants: cross-device (the read-only one refuses first, so a second read-write grant is used)
        Path other = Files.createDirectories(tmp.resolve("other"));
        try (WasiHost two = host(List.of(new EffectivePermissions.DirAccess("/data", data, false),
                new EffectivePermissions.DirAccess("/other", other, false)))) {
            Map<String, Object> t = two.find("wasi:filesystem/types@0.2.0").orElseThrow();
            List<WitValue> pre = list(fn(two.find("wasi:filesystem/preopens@0.2.0").orElseThrow(), "get-directories"));
            WitValue a = ((WitValue.TupleV) pre.get(0)).items().get(0);
            WitValue b = ((WitValue.TupleV) pre.get(1)).items().get(0);
            assertEquals("cross-device", err(fn(t, "[method]descriptor.rename-at", a, s("hard.txt"), b, s("moved.txt"))));
            assertEquals("cross-device", err(fn(t, "[method]descriptor.link-at", a, NOFOLLOW, s("hard.txt"), b, s("linked.txt"))));
        }
        assertEquals(2, audit.denials("file").size(), denials()::toString);
        assertTrue(audit.denials("file").stream().allMatch(e -> e.detail().contains("is in another grant")), denials()::toString);
        try (var files = Files.list(other)) {
            assertEquals(0, files.count());
        }
        // remove: a file is not a directory and the other way round
        assertEquals("not-directory", err(d("remove-directory-at", dataDir, s("hard.txt"))));
        assertEquals("is-directory", err(d("unlink-file-at", dataDir, s("sub"))));
        assertEquals("not-empty", err(d("remove-directory-at", dataDir, s("sub"))));
        ok(d("unlink-file-at", dataDir, s("hard.txt")));
        ok(d("create-directory-at", dataDir, s("empty")));
        assertEquals("exist", err(d("create-directory-at", dataDir, s("empty"))));
        ok(d("remove-directory-at", dataDir, s("empty")));
        assertFalse(Files.exists(data.resolve("empty")));
        assertEquals("invalid", err(d("remove-directory-at", dataDir, s("."))), "the grant itself cannot go");
        assertTrue(Files.isDirectory(data));
    }

    @Test
    void symlinkAtMayNotPointOutsideAndReadlinkShowsNoHostPath() throws Exception {
        assertEquals("not-permitted", err(d("symlink-at", dataDir, s("/etc"), s("abs"))));
        assertEquals("not-permitted", err(d("symlink-at", dataDir, s("../outside/passwd"), s("rel"))));
        assertEquals("not-permitted", err(d("symlink-at", dataDir, s("sub/../../outside"), s("rel2"))));
        assertFalse(Files.exists(data.resolve("abs"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(data.resolve("rel"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(3, audit.denials("file").size(), denials()::toString);
        assertTrue(audit.denials("file").stream().allMatch(e -> e.detail().startsWith("symlink: ")), denials()::toString);
        // inside: made, read back relative to the link, and followed
        ok(d("symlink-at", dataDir, s("../a.txt"), s("sub/up-a")));
        assertEquals(s("../a.txt"), ok(d("readlink-at", dataDir, s("sub/up-a"))));
        assertEquals("alpha", new String(readAll(openOk(dataDir, "sub/up-a", flags(), flags("read")))));
        Files.createSymbolicLink(data.resolve("planted"), outside.resolve("passwd"));
        assertEquals(s("<outside the granted directory>"), ok(d("readlink-at", dataDir, s("planted"))));
        assertEquals("invalid", err(d("readlink-at", dataDir, s("a.txt"))));
    }

    @Test
    void dotDotAbsolutePathsAndLinksLeadingOutAreRefusedAndAudited() throws Exception {
        Files.createSymbolicLink(data.resolve("sub/up"), Path.of("../.."));
        Files.createSymbolicLink(data.resolve("dirlink"), outside);
        Files.createSymbolicLink(data.resolve("file-link"), outside.resolve("passwd"));
        WitValue.Handle sub = openOk(dataDir, "sub", flags("directory"), flags("read"));
        Map<String, String> attempts = new LinkedHashMap<>();
        attempts.put("../outside/passwd", err(open(dataDir, "../outside/passwd", flags(), flags("read"))));
        attempts.put("sub/../../outside/passwd", err(open(dataDir, "sub/../../outside/passwd", flags(), flags("read"))));
        attempts.put("(sub) ../a.txt", err(open(sub, "../a.txt", flags(), flags("read"))));
        attempts.put("/etc/passwd", err(open(dataDir, "/etc/passwd", flags(), flags("read"))));
        attempts.put("sub/up/outside/passwd", err(open(dataDir, "sub/up/outside/passwd", flags(), flags("read"))));
        attempts.put("dirlink/passwd", err(open(dataDir, "dirlink/passwd", flags(), flags("read"))));
        attempts.put("dirlink", err(open(dataDir, "dirlink", flags("directory"), flags("read"))));
        attempts.put("file-link", err(open(dataDir, "file-link", flags(), flags("read"))));
        attempts.put("stat-at dirlink/passwd", err(d("stat-at", dataDir, FOLLOW, s("dirlink/passwd"))));
        attempts.put("create dirlink/new", err(open(dataDir, "dirlink/new.txt", flags("create"), flags("write"))));
        assertEquals(Map.of("../outside/passwd", "not-permitted", "sub/../../outside/passwd", "not-permitted", "(sub) ../a.txt",
                "not-permitted", "/etc/passwd", "not-permitted", "sub/up/outside/passwd", "no-entry", "dirlink/passwd", "no-entry",
                "dirlink", "no-entry", "file-link", "no-entry", "stat-at dirlink/passwd", "no-entry", "create dirlink/new", "no-entry"),
                attempts);
        assertEquals(attempts.size(), audit.denials("file").size(), denials()::toString);
        assertFalse(Files.exists(outside.resolve("new.txt")), "nothing was created outside");
        // the link itself can be looked at without following it
        WitValue.RecordV st = (WitValue.RecordV) ok(d("stat-at", dataDir, NOFOLLOW, s("dirlink")));
        assertEquals(new WitValue.EnumV("symbolic-link"), st.fields().get("type"));
    }

    @Test
    void hugeReadLengthsAreBoundedByTheCapAndTheFile() throws Exception {
        byte[] big = new byte[3 << 20];
        new java.util.Random(1).nextBytes(big);
        Files.write(data.resolve("big.bin"), big);
        WitValue.Handle f = openOk(dataDir, "big.bin", flags(), flags("read"));
        WitValue.TupleV first = (WitValue.TupleV) ok(d("read", f, u64(-1L), u64(0))); // u64 max
        assertEquals(WasiHost.MAX_READ, ((WitValue.Bytes) first.items().get(0)).value().length);
        assertEquals(new WitValue.Bool(false), first.items().get(1));
        WitValue.TupleV last = (WitValue.TupleV) ok(d("read", f, u64(Long.MAX_VALUE), u64(big.length - 10)));
        assertEquals(10, ((WitValue.Bytes) last.items().get(0)).value().length);
        assertEquals(new WitValue.Bool(true), last.items().get(1));
        WitValue.TupleV past = (WitValue.TupleV) ok(d("read", f, u64(100), u64(Long.MAX_VALUE)));
        assertEquals(0, ((WitValue.Bytes) past.items().get(0)).value().length);
        assertEquals("invalid", err(d("read", f, u64(1), u64(-1L))), "an offset past 2^63");
        // the same through a stream: at most MAX_READ per read, then closed at the end
        WitValue.Handle in = (WitValue.Handle) ok(d("read-via-stream", f, u64(0)));
        int total = 0;
        for (int i = 0; i < 10; i++) {
            WitValue.ResultV r = (WitValue.ResultV) fn(streams, "[method]input-stream.read", in, u64(-1L));
            if (!r.isOk()) {
                assertEquals("closed", ((WitValue.VariantV) r.payload()).caseName());
                break;
            }
            byte[] chunk = ((WitValue.Bytes) r.payload()).value();
            assertTrue(chunk.length <= WasiHost.MAX_READ);
            assertArrayEquals(Arrays.copyOfRange(big, total, total + chunk.length), chunk);
            total += chunk.length;
        }
        assertEquals(big.length, total);
    }

    @Test
    void streamsWriteAppendAndReportFileSystemErrors() throws Exception {
        WitValue.Handle f = openOk(dataDir, "log.txt", flags("create"), flags("read", "write"));
        WitValue.Handle out = (WitValue.Handle) ok(d("write-via-stream", f, u64(0)));
        assertEquals(u64(WasiHost.MAX_WRITE), ok(fn(streams, "[method]output-stream.check-write", out)));
        ok(fn(streams, "[method]output-stream.write", out, new WitValue.Bytes("hello ".getBytes())));
        ok(fn(streams, "[method]output-stream.blocking-write-and-flush", out, new WitValue.Bytes("world".getBytes())));
        WitValue.Handle app = (WitValue.Handle) ok(d("append-via-stream", f));
        ok(fn(streams, "[method]output-stream.write", app, new WitValue.Bytes("!".getBytes())));
        assertEquals("hello world!", Files.readString(data.resolve("log.txt")));
        WitValue.Handle mid = (WitValue.Handle) ok(d("write-via-stream", f, u64(6)));
        ok(fn(streams, "[method]output-stream.write", mid, new WitValue.Bytes("WORLD".getBytes())));
        assertEquals("hello WORLD!", new String(readAll(f)));
        // the descriptor dropped under its stream: the stream's write fails with an error that names the cause
        host.descriptorType().dropFromHost(f.rep());
        WitValue.ResultV failed = (WitValue.ResultV) fn(streams, "[method]output-stream.write", out, new WitValue.Bytes("x".getBytes()));
        assertFalse(failed.isOk());
        WitValue.VariantV why = (WitValue.VariantV) failed.payload();
        assertEquals("last-operation-failed", why.caseName());
        Map<String, Object> fsTypes = host.find("wasi:filesystem/types@0.2.0").orElseThrow();
        assertEquals(new WitValue.OptionV(new WitValue.EnumV("bad-descriptor")), fn(fsTypes, "filesystem-error-code", why.payload()));
        assertTrue(((WitValue.Str) fn(host.find("wasi:io/error@0.2.0").orElseThrow(), "[method]error.to-debug-string", why.payload()))
                .value().contains("bad-descriptor"));
    }

    @Test
    void badHandlesTrapClearly() throws Exception {
        AbiTrap unknown = assertThrows(AbiTrap.class, () -> d("stat", new WitValue.Handle(host.descriptorType(), 9999)));
        assertTrue(unknown.getMessage().contains("WASI resource 9999 is not a live"), unknown.getMessage());
        WitValue.Handle f = openOk(dataDir, "a.txt", flags(), flags("read"));
        host.descriptorType().dropFromHost(f.rep());
        AbiTrap dropped = assertThrows(AbiTrap.class, () -> d("read", f, u64(1), u64(0)));
        assertTrue(dropped.getMessage().contains("is not a live"), dropped.getMessage());
        WitValue.Handle stream = (WitValue.Handle) ok(d("read-directory", dataDir));
        AbiTrap wrongKind = assertThrows(AbiTrap.class, () -> d("stat", new WitValue.Handle(host.descriptorType(), stream.rep())));
        assertTrue(wrongKind.getMessage().contains("is not a live Descriptor"), wrongKind.getMessage());
    }

    @Test
    void liveDescriptorsAreBounded() throws Exception {
        int opened = 2; // the two preopens
        List<WitValue.Handle> held = new ArrayList<>();
        String refusal = null;
        for (int i = 0; i < WasiFilesystem.MAX_OPEN + 5; i++) {
            WitValue r = open(dataDir, "a.txt", flags(), flags("read"));
            if (!((WitValue.ResultV) r).isOk()) {
                refusal = err(r);
                break;
            }
            held.add((WitValue.Handle) ok(r));
            opened++;
        }
        assertEquals("insufficient-memory", refusal);
        assertEquals(WasiFilesystem.MAX_OPEN, opened);
        assertEquals("insufficient-memory", err(d("read-directory", dataDir)));
        host.descriptorType().dropFromHost(held.get(0).rep());
        openOk(dataDir, "a.txt", flags(), flags("read"));
    }

    @Test
    void metadataTimesSizesAndIdentity() throws Exception {
        WitValue.Handle f = openOk(dataDir, "a.txt", flags(), flags("read", "write"));
        Map<String, WitValue> st = ((WitValue.RecordV) ok(d("stat", f))).fields();
        assertEquals(new WitValue.EnumV("regular-file"), st.get("type"));
        assertEquals(u64(5), st.get("size"));
        assertEquals(u64(1), st.get("link-count"));
        ok(d("set-size", f, u64(2)));
        assertEquals("al", Files.readString(data.resolve("a.txt")));
        ok(d("set-size", f, u64(4)));
        assertArrayEquals(new byte[] {'a', 'l', 0, 0}, Files.readAllBytes(data.resolve("a.txt")));
        Map<String, WitValue> when = new LinkedHashMap<>();
        when.put("seconds", u64(1_000_000_000L));
        when.put("nanoseconds", u64(0));
        WitValue stamp = new WitValue.VariantV("timestamp", new WitValue.RecordV(when));
        ok(d("set-times", f, NO_CHANGE, stamp));
        assertEquals(1_000_000_000L, Files.getLastModifiedTime(data.resolve("a.txt")).toInstant().getEpochSecond());
        ok(d("set-times-at", dataDir, NOFOLLOW, s("sub/inner.txt"), stamp, stamp));
        assertEquals(1_000_000_000L, Files.getLastModifiedTime(data.resolve("sub/inner.txt")).toInstant().getEpochSecond());
        ok(d("sync", f));
        ok(d("sync-data", f));
        ok(d("advise", f, u64(0), u64(10), new WitValue.EnumV("sequential")));
        // hashes: stable for the same file, different for another; the same object through two descriptors
        WitValue h1 = ok(d("metadata-hash", f));
        assertEquals(h1, ok(d("metadata-hash-at", dataDir, NOFOLLOW, s("a.txt"))));
        assertNotEquals(h1, ok(d("metadata-hash-at", dataDir, NOFOLLOW, s("sub/inner.txt"))));
        WitValue.Handle again = openOk(dataDir, "a.txt", flags(), flags("read"));
        assertEquals(new WitValue.Bool(true), d("is-same-object", f, again));
        assertEquals(new WitValue.Bool(false), d("is-same-object", f, openOk(dataDir, "sub/inner.txt", flags(), flags("read"))));
        assertEquals(new WitValue.Bool(false), d("is-same-object", dataDir, roDir));
        assertEquals(new WitValue.EnumV("directory"), ((WitValue.RecordV) ok(d("stat-at", dataDir, NOFOLLOW, s("sub")))).fields().get("type"));
        assertEquals("no-entry", err(d("stat-at", dataDir, NOFOLLOW, s("nothing"))));
    }

    @Test
    void theGuestsOpenFilesCloseWithTheHost() throws Exception {
        WitValue.Handle f = openOk(dataDir, "a.txt", flags(), flags("read"));
        ok(d("read-directory", dataDir));
        host.close();
        AbiTrap closed = assertThrows(AbiTrap.class, () -> d("read", f, u64(1), u64(0)));
        assertTrue(closed.getMessage().contains("is not a live"), closed.getMessage());
        assertEquals(0, host.liveObjects());
    }

    /**
     * Seeded random paths over '..', '.', absolute starts, links that climb out ({@code up -> ..},
     * {@code sub/up -> ../..}, {@code rel -> ../outside}, {@code dirlink -> /outside}) and names inside,
     * opened with random flags: nothing outside the grant is ever read, created or changed.
     */
    @Test
    void randomPathsNeverLeaveTheGrant() throws Exception {
        Files.createSymbolicLink(data.resolve("up"), Path.of(".."));
        Files.createSymbolicLink(data.resolve("sub/up"), Path.of("../.."));
        Files.createSymbolicLink(data.resolve("rel"), Path.of("../outside"));
        Files.createSymbolicLink(data.resolve("dirlink"), outside);
        Files.writeString(outside.resolve("only-outside"), "a name no path here can create");
        String[] names = {"..", ".", "", "sub", "up", "rel", "dirlink", "passwd", "a.txt", "outside", "data", "new.txt", "tmp"};
        String[][] howFlags = {{}, {"create"}, {"create", "truncate"}, {"truncate"}, {"directory"}, {"create", "exclusive"}};
        java.util.Random random = new java.util.Random(14);
        int opened = 0;
        int refused = 0;
        int cases = 5000;
        for (int i = 0; i < cases; i++) {
            StringBuilder path = new StringBuilder(random.nextInt(8) == 0 ? "/" : "");
            int parts = 1 + random.nextInt(5);
            for (int k = 0; k < parts; k++) {
                path.append(k == 0 ? "" : "/").append(names[random.nextInt(names.length)]);
            }
            String[] how = howFlags[random.nextInt(howFlags.length)];
            boolean write = random.nextBoolean();
            WitValue r = d("open-at", dataDir, random.nextBoolean() ? FOLLOW : NOFOLLOW, s(path.toString()), flags(how),
                    write ? flags("read", "write") : flags("read"));
            if (!((WitValue.ResultV) r).isOk()) {
                refused++;
                continue;
            }
            opened++;
            WitValue.Handle h = (WitValue.Handle) ok(r);
            if (((WitValue.EnumV) ok(d("get-type", h))).caseName().equals("regular-file")) {
                assertFalse(new String(readAll(h)).contains("planted secret"), path::toString);
                if (write) {
                    ok(d("write", h, new WitValue.Bytes("x".getBytes()), u64(0)));
                }
            } else {
                WitValue.Handle listing = (WitValue.Handle) ok(d("read-directory", h));
                for (int k = 0; k < 20; k++) {
                    WitValue.OptionV e = (WitValue.OptionV) ok(fn(types, "[method]directory-entry-stream.read-directory-entry", listing));
                    if (e.value() == null) {
                        break;
                    }
                    assertFalse(((WitValue.RecordV) e.value()).fields().get("name").equals(s("only-outside")),
                            "listed the outside: " + path);
                }
                host.directoryEntryStreamType().dropFromHost(listing.rep());
            }
            host.descriptorType().dropFromHost(h.rep());
        }
        assertEquals("root:x:0:0:planted secret", Files.readString(outside.resolve("passwd")));
        try (var files = Files.list(outside)) {
            assertEquals(List.of("only-outside", "passwd"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (var files = Files.list(tmp)) {
            assertEquals(List.of("data", "outside", "ro"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(opened > 100 && refused > 100, "opened " + opened + ", refused " + refused);
        System.out.println("wasi:filesystem random paths: " + cases + " cases, " + opened + " opened inside, " + refused + " refused");
    }
}
