package ai.asterai.runtime.component;

import static ai.asterai.runtime.component.ComponentBinaryRunTest.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.release.Permissions;
import ai.asterai.runtime.ComponentRuntime;
import ai.asterai.runtime.ComponentSource;
import ai.asterai.runtime.LoadedComponent;
import ai.asterai.runtime.RuntimeOptions;
import ai.asterai.runtime.component.wasi.WasiHost;
import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.failure.ComponentTrap;
import ai.asterai.runtime.sandbox.AuditLog;
import ai.asterai.runtime.sandbox.ComponentLog;
import ai.asterai.runtime.sandbox.Grants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * wasi:filesystem through the canonical ABI ({@code wasi-filesystem.wat}, 0.2.3 names): flags lowered as
 * bits, a u64 read length of 2^64-1 bounded by the host, error codes as enum indices, and a dropped
 * descriptor handle trapping. The host's behaviour in full is WasiFilesystemTest's.
 */
class WasiFilesystemComponentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String U64_MAX = "18446744073709551615";
    // open-flags bits: create 1, directory 2, exclusive 4, truncate 8; descriptor-flags: read 1, write 2, mutate-directory 32
    private static final int CREATE = 1;
    private static final int EXCLUSIVE = 4;
    private static final int READ = 1;
    private static final int WRITE = 2;

    @TempDir
    Path tmp;

    private static long code(String name) {
        // -(1 + the error-code's index), as the fixture returns it
        List<String> codes = List.of("access", "would-block", "already", "bad-descriptor", "busy", "deadlock", "quota", "exist",
                "file-too-large", "illegal-byte-sequence", "in-progress", "interrupted", "invalid", "io", "is-directory", "loop",
                "too-many-links", "message-size", "name-too-long", "no-device", "no-entry", "no-lock", "insufficient-memory",
                "insufficient-space", "not-directory", "not-empty", "not-recoverable", "unsupported", "no-tty", "no-such-device",
                "overflow", "not-permitted", "pipe", "read-only", "invalid-seek", "text-file-busy", "cross-device");
        return -1 - codes.indexOf(name);
    }

    private static long readLen(LoadedComponent c, String path, String len, int how, int want) throws Exception {
        return c.call("read-len", JSON.readTree("[\"" + path + "\"," + len + "," + how + "," + want + "]")).asLong();
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void theFileSystemThroughTheCanonicalAbi(EngineKind engine) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.write(data.resolve("big.bin"), new byte[3 << 20]);
        Files.writeString(data.resolve("small.txt"), "small");
        Files.createDirectories(data.resolve("sub"));
        AuditLog.InMemory audit = new AuditLog.InMemory();
        Permissions declares = new Permissions(List.of(new Permissions.FileGrant("/data", "rw")), List.of(), List.of(), null, null, List.of());
        try (ComponentRuntime runtime = new ComponentRuntime(RuntimeOptions.defaults().withEngine(engine).withAudit(audit)
                .withLog(ComponentLog.DISCARD))) {
            LoadedComponent c = runtime.load(new ComponentSource("test:wasi-fs", "0.1.0", resource("wasi-filesystem.wasm"), null, null,
                    declares, "test"), new Grants(Map.of("/data", new Grants.DirGrant(data, false)), List.of(), Map.of(), List.of(), false,
                    null, null));
            assertEquals(1, c.call("preopens", JSON.readTree("[]")).asInt());
            assertEquals(READ | 32, c.call("flags", JSON.readTree("[]")).asInt());
            assertEquals(WasiHost.MAX_READ, readLen(c, "big.bin", U64_MAX, 0, READ));
            assertEquals(5, readLen(c, "small.txt", U64_MAX, 0, READ));
            assertEquals(code("no-entry"), readLen(c, "missing.txt", "10", 0, READ));
            assertEquals(code("is-directory"), readLen(c, "sub", "10", 0, READ));
            assertEquals(0, readLen(c, "new.txt", "10", CREATE, READ | WRITE));
            assertTrue(Files.exists(data.resolve("new.txt")));
            assertEquals(code("exist"), readLen(c, "small.txt", "10", CREATE | EXCLUSIVE, READ | WRITE));
            assertEquals(code("not-permitted"), readLen(c, "../data/small.txt", "10", 0, READ));
            assertEquals(1, audit.denials("file").size(), audit.events()::toString);
            ComponentTrap e = assertThrows(ComponentTrap.class, () -> c.call("use-after-drop", JSON.readTree("[]")));
            assertTrue(e.getMessage().contains("handle"), e.getMessage());
        }
        // read-only: creating is refused with read-only (and audited); no grant: no preopens
        Path ro = Files.createDirectories(tmp.resolve("ro"));
        try (ComponentRuntime runtime = new ComponentRuntime(RuntimeOptions.defaults().withEngine(engine).withAudit(audit)
                .withLog(ComponentLog.DISCARD))) {
            LoadedComponent c = runtime.load(new ComponentSource("test:wasi-fs", "0.1.0", resource("wasi-filesystem.wasm"), null, null,
                    declares, "test"), new Grants(Map.of("/data", new Grants.DirGrant(ro, true)), List.of(), Map.of(), List.of(), false,
                    null, null));
            assertEquals(READ, c.call("flags", JSON.readTree("[]")).asInt());
            assertEquals(code("read-only"), readLen(c, "new.txt", "10", CREATE, WRITE));
            assertEquals(2, audit.denials("file").size(), audit.events()::toString);
            try (var files = Files.list(ro)) {
                assertEquals(0, files.count());
            }
            runtime.unload(c.name());
            LoadedComponent none = runtime.load(new ComponentSource("test:wasi-fs", "0.1.0", resource("wasi-filesystem.wasm"), null, null,
                    declares, "test"), Grants.NONE);
            assertEquals(0, none.call("preopens", JSON.readTree("[]")).asInt());
        }
    }
}
