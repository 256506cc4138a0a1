package ai.asterai.runtime;

import ai.asterai.client.launch.ComponentSources;
import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.sandbox.ComponentLog;
import ai.asterai.runtime.host.OutgoingHttp;
import ai.asterai.runtime.sandbox.AuditLog;
import ai.asterai.runtime.sandbox.RuntimeLimits;
import ai.asterai.runtime.sandbox.WasiSandbox;
import ai.asterai.protocol.wit.DepsProvider;
import java.nio.file.Files;
import java.nio.file.Path;

/** The committed example guests (examples/, built by examples/build.sh) and a runtime set up for tests. */
final class Examples {
    private Examples() {
    }

    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("examples/hostile"))) {
                return p.resolve("examples");
            }
        }
        throw new IllegalStateException("examples/ not found above " + Path.of("").toAbsolutePath());
    }

    static ComponentSource project(String relative) {
        return ComponentSources.fromProject(root().resolve(relative), DepsProvider.NONE);
    }

    static ComponentSource hostile(String name) {
        return project("hostile/" + name);
    }

    /**
     * A hostile guest written in WAT ({@code src/test/resources/wasm/hostile/NAME.wat}, its committed
     * build next to it) exporting the probe interface: the WIT and permissions of hostile:loop-forever
     * (1 s per call, 16 MiB), the module from the fixture.
     */
    static ComponentSource hostileWat(String name) {
        ComponentSource like = hostile("loop-forever");
        byte[] wasm;
        try (java.io.InputStream in = Examples.class.getResourceAsStream("/wasm/hostile/" + name + ".wasm")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture wasm/hostile/" + name + ".wasm");
            }
            wasm = in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new ComponentSource("hostile:" + name, like.version(), wasm, like.wit(), like.world(), like.permissions(),
                "fixture wasm/hostile/" + name + ".wasm");
    }

    record Setup(ComponentRuntime runtime, AuditLog.InMemory audit, ComponentLog.InMemory log) implements AutoCloseable {
        @Override
        public void close() {
            runtime.close();
        }
    }

    static Setup runtime(EngineKind engine) {
        return runtime(engine, RuntimeLimits.DEFAULTS, new OutgoingHttp());
    }

    /** Compiled modules shared by all tests (compiling is the slow part). */
    static final ai.asterai.runtime.engine.ModuleCompiler COMPILER = new ai.asterai.runtime.engine.ModuleCompiler();

    static Setup runtime(EngineKind engine, RuntimeLimits limits, OutgoingHttp http) {
        return runtime(engine, limits, http, name -> null);
    }

    static Setup runtime(EngineKind engine, RuntimeLimits limits, OutgoingHttp http, java.util.function.Function<String, String> hostEnv) {
        AuditLog.InMemory audit = new AuditLog.InMemory();
        ComponentLog.InMemory log = new ComponentLog.InMemory();
        RuntimeOptions options = RuntimeOptions.defaults().withEngine(engine).withAudit(audit).withLog(log)
                .withLimits(limits).withHttp(http).withClock(WasiSandbox.ClockMode.FIXED).withCompiler(COMPILER).withHostEnv(hostEnv);
        return new Setup(new ComponentRuntime(options), audit, log);
    }
}
