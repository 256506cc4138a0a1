package ai.asterai.runtime;

import static ai.asterai.runtime.SandboxEscapeTest.held;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.sandbox.AuditEvent;
import ai.asterai.runtime.sandbox.GrantFlags;
import ai.asterai.runtime.sandbox.Grants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The file-system hostile guests of examples/hostile built as components (the same core module with
 * {@code jco embed} + {@code jco new --wasi-reactor}: examples/components/hostile/), so every file access
 * goes through the preview1 adapter into {@code wasi:filesystem} 0.2. The same assertions as
 * {@link SandboxEscapeTest} makes for the core builds: the probe reports the sandbox held with no
 * escape, nothing is written outside the grant, every refusal is explained and audited.
 */
class ComponentSandboxEscapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBE = "asterai:test/probe@0.1.0#";

    @TempDir
    Path tmp;

    /** The hostile guest NAME as a component binary, with the permissions its asterai.toml declares. */
    static ComponentSource component(String name) {
        ComponentSource core = Examples.hostile(name);
        Path wasm = Examples.root().resolve("components/hostile/" + name + ".wasm");
        try {
            return new ComponentSource(core.name(), core.version(), Files.readAllBytes(wasm), null, null, core.permissions(),
                    "examples/components/hostile/" + name + ".wasm");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode run(LoadedComponent c) throws Exception {
        return c.call(PROBE + "run", JSON.readTree("[]"));
    }

    static JsonNode runWith(LoadedComponent c, String arg) throws Exception {
        return c.call(PROBE + "run-with", JSON.createArrayNode().add(arg));
    }

    private Grants dataGrant(Path data) {
        return GrantFlags.parse(List.of("/data=" + data), List.of(), List.of(), List.of(), false, null, null, tmp);
    }

    /** Every audited denial is a file denial of this component naming a path under /data (or the absolute path it was given). */
    private static void auditedUnderData(Examples.Setup s, String component) {
        List<AuditEvent> denials = s.audit().denials("file");
        assertFalse(denials.isEmpty(), "denials are audited");
        for (AuditEvent e : denials) {
            assertEquals(component, e.component(), e::toString);
            assertTrue(e.target().startsWith("/data") || e.detail().contains("an absolute path is not relative to /data"), e::toString);
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void readPasswdIsRefused(EngineKind engine) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "top secret");
        try (Examples.Setup s = Examples.runtime(engine)) {
            LoadedComponent probe = s.runtime().load(component("read-passwd"), dataGrant(data));
            String report = held(run(probe));
            // the adapter's libc finds no preopen for /etc: refused before the host is asked (ENOTCAPABLE)
            assertTrue(report.contains("denied   libc open(\"/etc/passwd\")"), report);
            // relative to /data the host refuses: '..' above the descriptor and absolute paths are not-permitted (EPERM)
            assertTrue(report.contains("denied   path_open(fd 3 \"/data\", \"../../../../../../../../etc/passwd\"): Operation not permitted"), report);
            assertTrue(report.contains("denied   path_open(fd 3 \"/data\", \"/etc/passwd\"): Operation not permitted"), report);
            assertTrue(report.contains("denied   libc open(\"/data/../../../../../../../../etc/passwd\"): Operation not permitted"), report);
            String report2 = held(runWith(probe, secret.toString()));
            assertFalse(report2.contains("top secret"), report2);
            auditedUnderData(s, "hostile:read-passwd");
            assertTrue(s.audit().denials("file").stream().anyMatch(e -> e.detail().equals("open: the path climbs above /data")),
                    () -> s.audit().events().toString());
            assertTrue(s.audit().denials("file").stream().anyMatch(e -> e.detail().equals("open: an absolute path is not relative to /data")
                    && e.target().equals("/etc/passwd")), () -> s.audit().events().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void writesOutsideTheGrantAreRefused(EngineKind engine) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path target = tmp.resolve("outside.txt");
        try (Examples.Setup s = Examples.runtime(engine)) {
            LoadedComponent probe = s.runtime().load(component("write-outside"), dataGrant(data));
            String report = held(runWith(probe, target.toString()));
            assertTrue(report.contains("denied   libc open(\"/data/../escape.txt\", O_CREAT): Operation not permitted"), report);
            assertTrue(report.contains("denied   path_open(fd 3 \"/data\", \"../escape.txt\", O_CREAT): Operation not permitted"), report);
            held(run(probe));
            auditedUnderData(s, "hostile:write-outside");
            assertTrue(s.audit().denials("file").size() >= 8, () -> s.audit().events().toString());
        }
        assertFalse(Files.exists(target), "file created outside the grant");
        assertFalse(Files.exists(tmp.resolve("escape.txt")), "file created next to the grant");
        assertFalse(Files.exists(Path.of("/tmp/asterai-escape.txt")), "file created in /tmp");
        try (var files = Files.list(data)) {
            assertEquals(List.of(), files.toList(), "the probe left files in /data");
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void symlinksAndDotDotCannotLeaveTheGrant(EngineKind engine) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("passwd"), "root:x:0:0:planted secret");
        Files.createSymbolicLink(data.resolve("link"), outside.resolve("passwd"));
        Files.createDirectories(data.resolve("sub"));
        Files.createSymbolicLink(data.resolve("sub/up"), Path.of("../.."));
        try (Examples.Setup s = Examples.runtime(engine)) {
            LoadedComponent probe = s.runtime().load(component("symlink-escape"), dataGrant(data));
            String report = held(run(probe));
            assertTrue(report.contains("/data/link exists and points to <outside the granted directory>"), report);
            assertTrue(report.contains("denied   path_open /data/link (following): No such file or directory"), report);
            assertTrue(report.contains("denied   libc open(\"/data/link\")"), report);
            // links the guest makes: an absolute target, and one climbing out, are refused
            assertTrue(report.contains("denied   path_symlink(\"asterai-escape-abs\" -> \"/etc\") in /data: Operation not permitted"), report);
            assertTrue(report.contains("denied   path_symlink(\"asterai-escape-up\" -> \"..\") in /data: Operation not permitted"), report);
            assertFalse(report.contains("planted secret"), report);
            String report2 = held(runWith(probe, outside.toString()));
            assertFalse(report2.contains("planted secret"), report2);
            auditedUnderData(s, "hostile:symlink-escape");
            assertTrue(s.audit().denials("file").stream().anyMatch(e -> e.detail().equals("open: symlink /data/link points outside /data")),
                    () -> s.audit().events().toString());
            assertTrue(s.audit().denials("file").stream().anyMatch(e -> e.target().equals("/data/asterai-escape-up")
                    && e.detail().startsWith("symlink: ")), () -> s.audit().events().toString());
        }
        assertTrue(Files.isSymbolicLink(data.resolve("link")), "the planted link is still there");
        assertFalse(Files.exists(data.resolve("asterai-escape-abs"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(data.resolve("asterai-escape-up"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    /** The planted link is a directory symlink leading out: opening it (and listing through it) is refused and audited. */
    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aSymlinkedDirectoryLeadingOutIsRefused(EngineKind engine) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("passwd"), "root:x:0:0:planted secret");
        Files.createSymbolicLink(data.resolve("link"), outside);
        try (Examples.Setup s = Examples.runtime(engine)) {
            LoadedComponent probe = s.runtime().load(component("symlink-escape"), dataGrant(data));
            String report = held(run(probe));
            assertTrue(report.contains("/data/link exists and points to <outside the granted directory>"), report);
            assertTrue(report.contains("denied   path_open /data/link (following): No such file or directory"), report);
            assertTrue(report.contains("denied   libc open(\"/data/link\")"), report);
            assertFalse(report.contains("passwd"), "no listing of the outside directory: " + report);
            assertTrue(s.audit().denials("file").stream().anyMatch(e -> e.detail().equals("open: symlink /data/link points outside /data")),
                    () -> s.audit().events().toString());
        }
    }
}
