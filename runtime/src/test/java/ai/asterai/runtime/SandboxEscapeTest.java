package ai.asterai.runtime;

import ai.asterai.runtime.failure.CallTimeout;
import ai.asterai.runtime.failure.ComponentException;
import ai.asterai.runtime.failure.ComponentTrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.host.OutgoingHttp;
import ai.asterai.runtime.sandbox.AuditEvent;
import ai.asterai.runtime.sandbox.GrantFlags;
import ai.asterai.runtime.sandbox.Grants;
import ai.asterai.runtime.sandbox.RuntimeLimits;
import ai.asterai.protocol.release.Permissions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile guests of examples/hostile against the sandbox, in both engines. A probe returns
 * ok(report) when every attempt was refused and err(report) when anything got through; every test
 * also checks that the refusal is explained (report lines, typed exceptions, audit events). Where a
 * probe could pass vacuously, a positive control grants the thing and expects the probe to see it.
 */
class SandboxEscapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Runs the probe; returns the report, asserting the sandbox held (ok) and nothing was ESCAPED. */
    static String held(JsonNode result) {
        assertTrue(result.has("ok"), () -> "the sandbox leaked:\n" + result.path("err").asText());
        String report = result.get("ok").asText();
        assertTrue(report.startsWith("attempts="), report);
        assertTrue(report.contains(" escaped=0"), report);
        assertFalse(report.contains("ESCAPED"), report);
        return report;
    }

    static JsonNode run(LoadedComponent c) throws Exception {
        return c.call("run", JSON.readTree("[]"));
    }

    static JsonNode runWith(LoadedComponent c, String arg) throws Exception {
        return c.call("run-with", JSON.createArrayNode().add(arg));
    }

    private Grants dataGrant(Path data) {
        return GrantFlags.parse(List.of("/data=" + data), List.of(), List.of(), List.of(), false, null, null, tmp);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void readPasswdIsRefused(EngineKind engine) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "top secret");
        try (Examples.Setup s = Examples.runtime(engine)) {
            LoadedComponent probe = s.runtime().load(Examples.hostile("read-passwd"), dataGrant(data));
            String report = held(run(probe));
            assertTrue(report.contains("denied   libc open(\"/etc/passwd\")"), report);
            assertTrue(report.contains("path_open(fd 3 \"/data\", \"../../../../../../../../etc/passwd\")"), report);
            String report2 = held(runWith(probe, secret.toString()));
            assertFalse(report2.contains("top secret"), report2);
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void writesOutsideTheGrantAreRefused(EngineKind engine) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path target = tmp.resolve("outside.txt");
        try (Examples.Setup s = Examples.runtime(engine)) {
            LoadedComponent probe = s.runtime().load(Examples.hostile("write-outside"), dataGrant(data));
            String report = held(runWith(probe, target.toString()));
            assertTrue(report.contains("denied"), report);
            held(run(probe));
        }
        assertFalse(Files.exists(target), "file created outside the grant");
        assertFalse(Files.exists(tmp.resolve("escape.txt")), "file created next to the grant");
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
            LoadedComponent probe = s.runtime().load(Examples.hostile("symlink-escape"), dataGrant(data));
            String report = held(run(probe));
            assertTrue(report.contains("/data/link exists and points to <outside the granted directory>"), report);
            assertTrue(report.contains("denied   path_open /data/link (following)"), report);
            assertTrue(report.contains("denied   libc open(\"/data/link\")"), report);
            assertFalse(report.contains("planted secret"), report);
            String report2 = held(runWith(probe, outside.toString()));
            assertFalse(report2.contains("planted secret"), report2);
            assertFalse(s.audit().denials("file").isEmpty(), "denials are audited");
            assertTrue(s.audit().denials("file").stream().anyMatch(e -> e.detail().contains("points outside /data")),
                    () -> s.audit().events().toString());
        }
        assertTrue(Files.isSymbolicLink(data.resolve("link")), "the planted link is still there");
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aListingShowsLinksLeadingOutButOnlyReadingThroughThemIsRefusedAndAudited(EngineKind engine) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("passwd"), "root:x:0:0:planted secret");
        Files.writeString(data.resolve("note.txt"), "inside");
        Files.createSymbolicLink(data.resolve("link"), outside.resolve("passwd"));
        Files.createSymbolicLink(data.resolve("rel-link"), Path.of("../outside/passwd"));
        Files.createSymbolicLink(data.resolve("in-link"), Path.of("note.txt"));
        Permissions declares = new Permissions(List.of(new Permissions.FileGrant("/data", "rw")), List.of(), List.of(), null, null, List.of());
        try (Examples.Setup s = Examples.runtime(engine)) {
            LoadedComponent lister = s.runtime().load(Examples.hostileWat("list-dir").withPermissions(declares), dataGrant(data));
            JsonNode listing = run(lister);
            assertTrue(listing.has("ok"), listing.toString());
            List<String> entries = listing.get("ok").asText().lines().sorted().toList();
            // WASI file types: 4 regular file, 7 symbolic link; a link inside is listed as what it leads to
            assertEquals(List.of("..:3", ".:3", "in-link:4", "link:7", "note.txt:4", "rel-link:7"), entries, listing.toString());
            assertEquals(List.of(), s.audit().events(), "listing is not an access: nothing to audit");

            JsonNode read = runWith(lister, "link");
            assertEquals("44", read.path("err").asText(), "ENOENT (44), as if there were nothing: " + read);
            assertEquals(1, s.audit().denials("file").size(), () -> s.audit().events().toString());
            assertTrue(s.audit().denials("file").get(0).detail().contains("points outside /data"), () -> s.audit().events().toString());
            JsonNode readRel = runWith(lister, "rel-link");
            assertFalse(readRel.toString().contains("planted secret"), readRel.toString());
            assertEquals(2, s.audit().denials("file").size(), () -> s.audit().events().toString());
            assertEquals(JSON.readTree("{\"ok\":\"inside\"}"), runWith(lister, "in-link"));
            assertEquals(2, s.audit().events().size(), () -> s.audit().events().toString());
        }
        assertTrue(Files.isSymbolicLink(data.resolve("link")), "the planted link is still there");
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void envVarsAreNotInherited(EngineKind engine) throws Exception {
        Map<String, String> hostEnv = Map.of("SECRET_TOKEN", "s3cr3t-from-host", "HOME", "/root");
        try (Examples.Setup s = Examples.runtime(engine, RuntimeLimits.DEFAULTS, new OutgoingHttp(), hostEnv::get)) {
            // granted by the user, but not declared by the component: still invisible
            Grants grants = GrantFlags.parse(List.of(), List.of(), List.of("SECRET_TOKEN"), List.of(), true, null, null, tmp);
            LoadedComponent probe = s.runtime().load(Examples.hostile("read-env"), grants);
            String report = held(run(probe));
            assertFalse(report.contains("s3cr3t"), report);
            held(runWith(probe, "HOME"));
            assertTrue(probe.permissions().notes().stream().anyMatch(n -> n.contains("SECRET_TOKEN") && n.contains("does not declare")),
                    probe.permissions().notes().toString());
            // positive control: declared and granted, the probe sees it
            s.runtime().unload(probe.name());
            Permissions declares = new Permissions(List.of(), List.of(), List.of("SECRET_TOKEN"), null, null, List.of());
            LoadedComponent granted = s.runtime().load(Examples.hostile("read-env").withPermissions(declares), grants);
            JsonNode leaked = run(granted);
            assertTrue(leaked.has("err") && leaked.get("err").asText().contains("SECRET_TOKEN=s3cr3t-from-host"), leaked.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void httpToHostsNotGrantedIsDenied(EngineKind engine) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger hits = new AtomicInteger();
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] body = "hello from the test server".getBytes(StandardCharsets.UTF_8);
            if (exchange.getRequestURI().getPath().equals("/redirect-out")) {
                exchange.getResponseHeaders().add("Location", "http://example.com/stolen");
                exchange.sendResponseHeaders(302, -1);
            } else if (exchange.getRequestURI().getPath().equals("/redirect-in")) {
                exchange.getResponseHeaders().add("Location", "/final");
                exchange.sendResponseHeaders(307, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        String local = "http://127.0.0.1:" + server.getAddress().getPort();
        try (Examples.Setup s = Examples.runtime(engine)) {
            LoadedComponent probe = s.runtime().load(Examples.hostile("http-denied"), GrantFlags.parse(List.of(),
                    List.of("https://example.com"), List.of(), List.of(), false, null, null, tmp));
            String report = held(run(probe));
            assertTrue(report.contains("https://example.com:443 is not among the hosts the component declares"), report);
            report = held(runWith(probe, local + "/"));
            assertTrue(report.contains("http://127.0.0.1:" + server.getAddress().getPort() + " is not among the hosts"), report);
            held(runWith(probe, "http://localhost:" + server.getAddress().getPort() + "/"));
            held(runWith(probe, "http://[::1]:" + server.getAddress().getPort() + "/"));
            assertEquals(0, hits.get(), "no request may reach the server");
            s.runtime().unload(probe.name());

            // declared and granted: the test server is reachable, a redirect off the allow-list is not followed
            Permissions declares = new Permissions(List.of(), List.of(local), List.of(), null, null, List.of());
            Grants grants = GrantFlags.parse(List.of(), List.of(local), List.of(), List.of(), false, null, null, tmp);
            LoadedComponent allowed = s.runtime().load(Examples.hostile("http-denied").withPermissions(declares), grants);
            report = held(runWith(allowed, local + "/redirect-out"));
            assertTrue(report.contains("redirect to http://example.com:80: http://example.com:80 is not among the hosts"), report);
            assertEquals(1, hits.get(), "only the first hop was requested");
            JsonNode reached = runWith(allowed, local + "/redirect-in");
            assertTrue(reached.has("err") && reached.get("err").asText().contains("status 200"), reached.toString());
            assertEquals(3, hits.get(), "a redirect on the allow-list is followed");
            assertTrue(s.audit().denials("http").size() >= 5, s.audit().events().toString());
        } finally {
            server.stop(0);
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void memoryCannotGrowPastTheCap(EngineKind engine) throws Exception {
        try (Examples.Setup s = Examples.runtime(engine)) {
            LoadedComponent probe = s.runtime().load(Examples.hostile("grow-memory"), Grants.NONE);
            String report = held(run(probe));
            long bytes = Long.parseLong(report.replaceAll("(?s).*bytes=(\\d+).*", "$1"));
            assertTrue(bytes <= 16 << 20, report);
            assertTrue(bytes > 15 << 20, "it grew up to the cap: " + report);
            s.runtime().unload(probe.name());
            Grants lower = GrantFlags.parse(List.of(), List.of(), List.of(), List.of(), false, 4L << 20, null, tmp);
            LoadedComponent capped = s.runtime().load(Examples.hostile("grow-memory"), lower);
            String r2 = held(run(capped));
            long bytes2 = Long.parseLong(r2.replaceAll("(?s).*bytes=(\\d+).*", "$1"));
            assertTrue(bytes2 <= 4 << 20, r2);
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aLoopForeverIsStoppedAndTheRuntimeCarriesOn(EngineKind engine) throws Exception {
        try (Examples.Setup s = Examples.runtime(engine)) {
            LoadedComponent loop = s.runtime().load(Examples.hostile("loop-forever"), Grants.NONE);
            LoadedComponent calc = s.runtime().load(Examples.project("calculator"), Grants.NONE);
            assertEquals(Duration.ofSeconds(1), loop.permissions().timePerCall());
            long t0 = System.nanoTime();
            CallTimeout e = assertThrows(CallTimeout.class, () -> run(loop));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 1000 && ms < 5000, "stopped after " + ms + " ms");
            assertTrue(e.getMessage().contains("did not finish within 1000 ms"), e.getMessage());
            assertFalse(Thread.currentThread().isInterrupted(), "the interrupt does not leak to the caller");
            assertEquals(JSON.readTree("3.0"), calc.call("add", JSON.readTree("[1,2]")));
            assertThrows(CallTimeout.class, () -> runWith(loop, "again"));
            assertEquals(JSON.readTree("{\"ok\":14.0}"), calc.call("eval", JSON.readTree("[\"2*(3+4)\"]")));
        }
    }

    /** The WAT guests of wasm/hostile that never return, and which of their two functions to call. */
    static Stream<Arguments> everyLoopShapeIsStoppedAtTheTimeCap() {
        List<String[]> guests = List.of(new String[] {"spin-br-if", "run"}, new String[] {"spin-br-table", "run"},
                new String[] {"spin-nested-loops", "run"}, new String[] {"spin-tail-call", "run"},
                new String[] {"spin-memory-fill", "run"}, new String[] {"spin-memory-fill", "run-with"});
        return Stream.of(EngineKind.values()).flatMap(e -> guests.stream().map(g -> Arguments.of(e, g[0], g[1])));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource
    void everyLoopShapeIsStoppedAtTheTimeCap(EngineKind engine, String guest, String function) throws Exception {
        try (Examples.Setup s = Examples.runtime(engine)) {
            LoadedComponent spin = s.runtime().load(Examples.hostileWat(guest), Grants.NONE);
            LoadedComponent calc = s.runtime().load(Examples.project("calculator"), Grants.NONE);
            assertEquals(Duration.ofSeconds(1), spin.permissions().timePerCall());
            // generous bound: the cap is 1 s; an engine that ignores it spins until this gives up
            ComponentException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                ComponentException thrown = assertThrows(ComponentException.class,
                        () -> spin.call(function, function.equals("run") ? JSON.readTree("[]") : JSON.createArrayNode().add("x")));
                assertFalse(Thread.currentThread().isInterrupted(), "the interrupt does not leak to the caller");
                return thrown;
            }, engine + " did not stop " + guest + " " + function + " within 30 s under a 1 s cap");
            if (engine == EngineKind.COMPILER && guest.equals("spin-tail-call")) {
                // the compiler turns return_call into call + return: the stack runs out first
                assertInstanceOf(ComponentTrap.class, e, e::toString);
                assertTrue(e.getMessage().contains("stack exhausted"), e.getMessage());
            } else {
                assertInstanceOf(CallTimeout.class, e, e::toString);
                assertTrue(e.getMessage().contains("did not finish within 1000 ms"), e.getMessage());
            }
            assertEquals(JSON.readTree("3.0"), calc.call("add", JSON.readTree("[1,2]")));
        }
    }

    /**
     * A probe guest whose spinning function is too big for one JVM method (30 000 additions in a loop
     * closed by br_if): the compiler leaves it to Chicory's interpreter, inside the compiled engine.
     * Built here, byte by byte, because its text would be a 600 KB fixture.
     */
    static byte[] hugeSpinningGuest() {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x01, 0x01, 0x7F, 0x03, 0x40});           // one i32 local; loop
        for (int i = 0; i < 30_000; i++) {
            body.writeBytes(new byte[] {0x20, 0x00, 0x41, 0x01, 0x6A, 0x21, 0x00}); // local.get 0, i32.const 1, i32.add, local.set 0
        }
        body.writeBytes(new byte[] {0x41, 0x01, 0x0D, 0x00, 0x0B, 0x41, 0x00, 0x0B}); // br_if 0 (always), end; i32.const 0; end
        WasmBytes w = new WasmBytes();
        w.section(1, WasmBytes.vec(3, WasmBytes.concat(                          // types
                new byte[] {0x60, 0x04, 0x7F, 0x7F, 0x7F, 0x7F, 0x01, 0x7F},      // (i32 i32 i32 i32) -> i32
                new byte[] {0x60, 0x00, 0x01, 0x7F},                              // () -> i32
                new byte[] {0x60, 0x02, 0x7F, 0x7F, 0x01, 0x7F})));               // (i32 i32) -> i32
        w.section(3, WasmBytes.vec(4, new byte[] {0x00, 0x01, 0x01, 0x02}));     // realloc, spin, run, run-with
        w.section(5, WasmBytes.vec(1, new byte[] {0x00, 0x01}));                 // memory, 1 page
        w.section(7, WasmBytes.vec(4, WasmBytes.concat(
                WasmBytes.export("memory", 0x02, 0), WasmBytes.export("cabi_realloc", 0x00, 0),
                WasmBytes.export("asterai:test/probe@0.1.0#run", 0x00, 2),
                WasmBytes.export("asterai:test/probe@0.1.0#run-with", 0x00, 3))));
        w.section(10, WasmBytes.vec(4, WasmBytes.concat(
                WasmBytes.sized(new byte[] {0x00, 0x41, (byte) 0x80, 0x08, 0x0B}), // i32.const 1024
                WasmBytes.sized(body.toByteArray()),
                WasmBytes.sized(new byte[] {0x00, 0x10, 0x01, 0x0B}),              // call $spin
                WasmBytes.sized(new byte[] {0x00, 0x10, 0x01, 0x0B}))));
        return w.toByteArray();
    }

    /** Just enough of the binary format for {@link #hugeSpinningGuest}. */
    static final class WasmBytes {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        WasmBytes() {
            out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});
        }

        void section(int id, byte[] content) {
            out.write(id);
            out.writeBytes(sized(content));
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }

        static byte[] leb(long v) {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            do {
                int bits = (int) (v & 0x7F);
                v >>>= 7;
                b.write(v == 0 ? bits : bits | 0x80);
            } while (v != 0);
            return b.toByteArray();
        }

        static byte[] sized(byte[] content) {
            return concat(leb(content.length), content);
        }

        static byte[] vec(int count, byte[] items) {
            return concat(leb(count), items);
        }

        static byte[] export(String name, int kind, int index) {
            return concat(sized(name.getBytes(StandardCharsets.UTF_8)), new byte[] {(byte) kind}, leb(index));
        }

        static byte[] concat(byte[]... parts) {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            for (byte[] p : parts) {
                b.writeBytes(p);
            }
            return b.toByteArray();
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aLoopTheCompilerLeavesToTheInterpreterIsStoppedToo(EngineKind engine) throws Exception {
        byte[] wasm = hugeSpinningGuest();
        WasmModule module = Parser.parse(wasm);
        assertThrows(ChicoryException.class, () -> MachineFactoryCompiler.builder(module)
                .withInterpreterFallback(InterpreterFallback.FAIL).compile(), "the spinning function must be too big to compile");
        ComponentSource like = Examples.hostileWat("spin-br-if");
        ComponentSource huge = new ComponentSource("hostile:huge-spin", like.version(), wasm, like.wit(), like.world(),
                like.permissions(), "built by SandboxEscapeTest");
        try (Examples.Setup s = Examples.runtime(engine)) {
            LoadedComponent spin = s.runtime().load(huge, Grants.NONE);
            CallTimeout e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(CallTimeout.class, () -> run(spin)),
                    engine + " did not stop the interpreted loop within 30 s under a 1 s cap");
            assertTrue(e.getMessage().contains("did not finish within 1000 ms"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void deepRecursionIsATrapNotAStackOverflowError(EngineKind engine) throws Exception {
        try (Examples.Setup s = Examples.runtime(engine)) {
            LoadedComponent recurse = s.runtime().load(Examples.hostileWat("recurse-forever"), Grants.NONE);
            LoadedComponent calc = s.runtime().load(Examples.project("calculator"), Grants.NONE);
            for (String function : List.of("run", "run-with", "run")) {
                ComponentTrap e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(ComponentTrap.class,
                        () -> recurse.call(function, function.equals("run") ? JSON.readTree("[]") : JSON.createArrayNode().add("x"))));
                assertEquals("trap", e.kind());
                assertTrue(e.getMessage().contains("stack exhausted"), e.getMessage());
                assertEquals(JSON.readTree("{\"ok\":14.0}"), calc.call("eval", JSON.readTree("[\"2*(3+4)\"]")));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void undeclaredComponentsCanNeitherBeSeenNorCalled(EngineKind engine) throws Exception {
        try (Examples.Setup s = Examples.runtime(engine)) {
            s.runtime().load(Examples.project("calculator"), Grants.NONE);
            Grants grantsCalculator = GrantFlags.parse(List.of(), List.of(), List.of(), List.of("asterai:calculator"), false, null, null, tmp);
            LoadedComponent probe = s.runtime().load(Examples.hostile("call-undeclared"), grantsCalculator);
            String report = held(run(probe));
            assertTrue(report.contains("is not declared by hostile:call-undeclared"), report);
            held(runWith(probe, "hostile:call-undeclared"));
            List<AuditEvent> denials = s.audit().denials("component");
            assertFalse(denials.isEmpty());
            s.runtime().unload(probe.name());
            // positive control: declared and granted, the call goes through
            Permissions declares = new Permissions(List.of(), List.of(), List.of(), null, null, List.of("asterai:calculator"));
            LoadedComponent allowed = s.runtime().load(Examples.hostile("call-undeclared").withPermissions(declares), grantsCalculator);
            JsonNode r = run(allowed);
            assertTrue(r.has("err") && r.get("err").asText().contains("calculator"), r.toString());
        }
    }
}
