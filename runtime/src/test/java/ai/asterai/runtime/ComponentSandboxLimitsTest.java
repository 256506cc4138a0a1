package ai.asterai.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.release.Permissions;
import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.failure.CallTimeout;
import ai.asterai.runtime.failure.MemoryLimitExceeded;
import ai.asterai.runtime.host.OutgoingHttp;
import ai.asterai.runtime.sandbox.AuditEvent;
import ai.asterai.runtime.sandbox.GrantFlags;
import ai.asterai.runtime.sandbox.Grants;
import ai.asterai.runtime.sandbox.RuntimeLimits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hostile guests that need neither files nor HTTP, built as components (the same core modules
 * wrapped with {@code jco new --wasi-reactor}: examples/components/hostile, built by
 * examples/components/build.sh), against the sandbox through the WASI 0.2 host: the same outcomes as
 * their core builds in {@link SandboxEscapeTest}, each with a typed error or a refusal in the report,
 * and an audit event. Also: the calculator's component builds give its core build's results.
 */
class ComponentSandboxLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The hostile guest as a component: the component binary, with the name and permissions of its project. */
    static ComponentSource hostileComponent(String name) {
        ComponentSource project = Examples.hostile(name);
        Path wasm = Examples.root().resolve("components/hostile/" + name + ".wasm");
        try {
            return new ComponentSource(project.name(), project.version(), Files.readAllBytes(wasm), null, null,
                    project.permissions(), "component " + wasm);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void envVarsNotGrantedAreInvisible(EngineKind engine) throws Exception {
        Map<String, String> hostEnv = Map.of("SECRET_TOKEN", "s3cr3t-from-host", "HOME", "/root");
        try (Examples.Setup s = Examples.runtime(engine, RuntimeLimits.DEFAULTS, new OutgoingHttp(), hostEnv::get)) {
            // granted by the user, but not declared by the component: still invisible
            Grants grants = GrantFlags.parse(List.of(), List.of(), List.of("SECRET_TOKEN"), List.of(), true, null, null, tmp);
            LoadedComponent probe = s.runtime().load(hostileComponent("read-env"), grants);
            String report = SandboxEscapeTest.held(SandboxEscapeTest.run(probe));
            assertTrue(report.contains("denied   getenv(\"SECRET_TOKEN\"): not set"), report);
            assertTrue(report.contains("0 environment variables visible"), report);
            assertFalse(report.contains("s3cr3t"), report);
            SandboxEscapeTest.held(SandboxEscapeTest.runWith(probe, "HOME"));
            assertTrue(probe.permissions().notes().stream().anyMatch(n -> n.contains("SECRET_TOKEN") && n.contains("does not declare")),
                    probe.permissions().notes().toString());
            List<AuditEvent> env = s.audit().events().stream().filter(e -> e.category().equals("env")).toList();
            assertEquals(1, env.size(), () -> s.audit().events().toString());
            assertEquals("SECRET_TOKEN", env.get(0).target());
            assertTrue(env.get(0).detail().contains("not declared"), env.get(0).toString());
            // positive control: declared and granted, the probe sees it (and only it)
            s.runtime().unload(probe.name());
            Permissions declares = new Permissions(List.of(), List.of(), List.of("SECRET_TOKEN"), null, null, List.of());
            LoadedComponent granted = s.runtime().load(hostileComponent("read-env").withPermissions(declares), grants);
            JsonNode leaked = SandboxEscapeTest.run(granted);
            assertTrue(leaked.has("err"), leaked.toString());
            assertTrue(leaked.get("err").asText().contains("SECRET_TOKEN=s3cr3t-from-host"), leaked.toString());
            assertTrue(leaked.get("err").asText().contains("1 environment variables visible: SECRET_TOKEN"), leaked.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void memoryPastTheCapFails(EngineKind engine) throws Exception {
        try (Examples.Setup s = Examples.runtime(engine)) {
            // memory.grow is refused at the cap (16 MiB, declared), as for the core build
            LoadedComponent probe = s.runtime().load(hostileComponent("grow-memory"), Grants.NONE);
            String report = SandboxEscapeTest.held(SandboxEscapeTest.run(probe));
            long bytes = Long.parseLong(report.replaceAll("(?s).*bytes=(\\d+).*", "$1"));
            assertTrue(bytes <= 16 << 20 && bytes > 15 << 20, "it grew up to the cap and no further: " + report);
            assertTrue(report.contains("memory.grow refused one more page"), report);
            assertEquals(1, s.audit().denials("memory").size(), () -> s.audit().events().toString());
            s.runtime().unload(probe.name());

            // a cap below what the component needs at start: refused at load, typed, audited
            Grants tiny = GrantFlags.parse(List.of(), List.of(), List.of(), List.of(), false, 64L << 10, null, tmp);
            MemoryLimitExceeded e = assertThrows(MemoryLimitExceeded.class, () -> s.runtime().load(hostileComponent("grow-memory"), tiny));
            assertTrue(e.getMessage().contains("above what is left of the component's cap of 64 KiB"), e.getMessage());
            assertEquals(2, s.audit().denials("memory").size(), () -> s.audit().events().toString());

            // a cap the core module fits in (2 pages), but the preview1 adapter grows the memory while the
            // component starts: that growth is refused, the adapter traps, and the runtime says it is the memory
            Grants atStart = GrantFlags.parse(List.of(), List.of(), List.of(), List.of(), false, 128L << 10, null, tmp);
            MemoryLimitExceeded full = assertThrows(MemoryLimitExceeded.class, () -> s.runtime().load(hostileComponent("read-env"), atStart));
            assertTrue(full.getMessage().contains("with its memory at the cap of 128 KiB"), full.getMessage());
            assertEquals(4, s.audit().denials("memory").size(), () -> s.audit().events().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void anEndlessLoopIsStoppedAtTheTimeCap(EngineKind engine) throws Exception {
        try (Examples.Setup s = Examples.runtime(engine)) {
            LoadedComponent loop = s.runtime().load(hostileComponent("loop-forever"), Grants.NONE);
            LoadedComponent calc = s.runtime().load(calculatorComponent("calculator-wasi.wasm"), Grants.NONE);
            assertEquals(Duration.ofSeconds(1), loop.permissions().timePerCall());
            long t0 = System.nanoTime();
            CallTimeout e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> assertThrows(CallTimeout.class, () -> SandboxEscapeTest.run(loop)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 1000 && ms < 5000, "stopped after " + ms + " ms");
            assertTrue(e.getMessage().contains("did not finish within 1000 ms"), e.getMessage());
            assertFalse(Thread.currentThread().isInterrupted(), "the interrupt does not leak to the caller");
            assertEquals(1, s.audit().denials("time").size(), () -> s.audit().events().toString());
            // the runtime carries on: the other component answers, the loop's next call gets a fresh instance
            assertEquals(JSON.readTree("{\"ok\":14.0}"), calc.call("eval", JSON.readTree("[\"2*(3+4)\"]")));
            assertThrows(CallTimeout.class, () -> SandboxEscapeTest.runWith(loop, "again"));
            assertEquals(2, s.audit().denials("time").size(), () -> s.audit().events().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aCallToAnUndeclaredComponentIsRefused(EngineKind engine) throws Exception {
        try (Examples.Setup s = Examples.runtime(engine)) {
            s.runtime().load(Examples.project("calculator"), Grants.NONE);
            Grants grantsCalculator = GrantFlags.parse(List.of(), List.of(), List.of(), List.of("asterai:calculator"), false, null, null, tmp);
            LoadedComponent probe = s.runtime().load(hostileComponent("call-undeclared"), grantsCalculator);
            String report = SandboxEscapeTest.held(SandboxEscapeTest.run(probe));
            assertTrue(report.contains("is not declared by hostile:call-undeclared"), report);
            assertTrue(report.contains("denied   list(): no components visible"), report);
            SandboxEscapeTest.held(SandboxEscapeTest.runWith(probe, "hostile:call-undeclared"));
            List<AuditEvent> denials = s.audit().denials("component");
            assertEquals(2, denials.size(), denials::toString);
            assertTrue(denials.get(0).target().startsWith("asterai:calculator"), denials::toString);
            s.runtime().unload(probe.name());
            // positive control: declared and granted, the call goes through
            Permissions declares = new Permissions(List.of(), List.of(), List.of(), null, null, List.of("asterai:calculator"));
            LoadedComponent allowed = s.runtime().load(hostileComponent("call-undeclared").withPermissions(declares), grantsCalculator);
            JsonNode r = SandboxEscapeTest.run(allowed);
            assertTrue(r.has("err") && r.get("err").asText().contains("ESCAPED  call(\"asterai:calculator\""), r.toString());
        }
    }

    static ComponentSource calculatorComponent(String file) throws IOException {
        ComponentSource project = Examples.project("calculator");
        Path wasm = Examples.root().resolve("components/c-calculator/" + file);
        return new ComponentSource(project.name(), project.version(), Files.readAllBytes(wasm), null, null, project.permissions(),
                "component " + wasm);
    }

    /** Both component builds of the C calculator (without and with the WASI adapter) against its core build, call by call. */
    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void theCalculatorsComponentBuildsGiveItsCoreBuildsResults(EngineKind engine) throws Exception {
        JsonNode calls = JSON.readTree(Files.readString(Examples.root().resolve("components/c-calculator/calls.json")));
        List<String> differences = new ArrayList<>();
        for (String file : List.of("calculator.wasm", "calculator-wasi.wasm")) {
            try (Examples.Setup core = Examples.runtime(engine); Examples.Setup comp = Examples.runtime(engine)) {
                LoadedComponent a = core.runtime().load(Examples.project("calculator"), Grants.NONE);
                LoadedComponent b = comp.runtime().load(calculatorComponent(file), Grants.NONE);
                for (JsonNode call : calls) {
                    String f = call.get("export").asText();
                    JsonNode want = a.call(f, call.get("args"));
                    JsonNode got = b.call(f, call.get("args"));
                    if (!ComponentFixturesTest.sameValue(want, got)) {
                        differences.add(file + " " + f + " " + call.get("args") + ": core " + want + ", component " + got);
                    }
                }
            }
        }
        assertEquals(List.of(), differences);
        assertEquals(25, calls.size());
    }
}
