package ai.asterai.runtime;

import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.sandbox.ComponentLog;
import ai.asterai.runtime.host.OutgoingHttp;
import ai.asterai.runtime.sandbox.AuditLog;
import ai.asterai.runtime.sandbox.RuntimeLimits;
import ai.asterai.runtime.sandbox.WasiSandbox;
import ai.asterai.protocol.release.Permissions;
import ai.asterai.protocol.wit.DepsProvider;
import ai.asterai.protocol.wit.WitResolver;
import ai.asterai.protocol.wit.model.ResolvedWit;
import ai.asterai.runtime.host.HostWitText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

    /**
     * An example project as the runtime sees it. The client's project reader (asterai.toml's checks
     * and errors) is not the runtime's to use, so this reads the few keys a test needs; the client's
     * ProjectFileTest covers the format itself.
     */
    static ComponentSource project(String relative) {
        Path dir = root().resolve(relative);
        try {
            JsonNode doc = new TomlMapper().readTree(dir.resolve("asterai.toml").toFile());
            JsonNode pkg = doc.path("package");
            byte[] wasm = Files.readAllBytes(dir.resolve(pkg.path("wasm").asText()));
            Path witPath = dir.resolve(pkg.path("wit").asText("wit"));
            DepsProvider provider = HostWitText.provider(DepsProvider.NONE);
            ResolvedWit wit = Files.isDirectory(witPath) ? WitResolver.resolveDirectory(witPath, Set.of(), provider)
                    : WitResolver.resolveFile(witPath, Set.of(), provider);
            return new ComponentSource(pkg.path("name").asText(), pkg.path("version").asText(), wasm, wit,
                    pkg.path("world").asText(), permissions(doc.path("permissions")), "project " + dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Permissions permissions(JsonNode p) {
        if (p.isMissingNode()) {
            return Permissions.NONE;
        }
        List<Permissions.FileGrant> files = new ArrayList<>();
        p.path("files").forEach(f -> files.add(new Permissions.FileGrant(f.path("guest").asText(), f.path("access").asText())));
        return new Permissions(files, strings(p.path("hosts")), strings(p.path("env")),
                p.hasNonNull("memory") ? p.get("memory").asLong() : null,
                p.hasNonNull("time-ms") ? p.get("time-ms").asLong() : null, strings(p.path("components")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
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
