package ai.asterai.runtime;

import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.engine.ModuleCompiler;
import ai.asterai.runtime.sandbox.ComponentLog;
import ai.asterai.runtime.host.HostApi;
import ai.asterai.runtime.host.OutgoingHttp;
import ai.asterai.runtime.sandbox.AuditLog;
import ai.asterai.runtime.sandbox.RuntimeLimits;
import ai.asterai.runtime.sandbox.WasiSandbox;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * How a {@link ComponentRuntime} runs components.
 *
 * @param hostEnv        reads the host environment, consulted only for variables granted without a value
 * @param compiler       compiled modules, shared by every runtime given the same one
 * @param dataDirs       where {@code --grant-all-declared} puts a declared directory that has no explicit
 *                       grant (argument {@code ns:name/guest/path}); null to leave such directories ungranted
 * @param instances      live instances a component may have at once, so that as many calls run in
 *                       parallel (1, the default: calls to one component take turns; more suits components
 *                       that keep no state between calls, since each instance has its own memory)
 */
public record RuntimeOptions(EngineKind engine, RuntimeLimits limits, AuditLog audit, ComponentLog log, OutgoingHttp http,
                             WasiSandbox.ClockMode clock, Function<String, String> hostEnv, Function<String, Path> dataDirs,
                             HostApi hostApi, ModuleCompiler compiler, int instances) {
    public static final int MAX_INSTANCES = 256;

    public RuntimeOptions {
        if (instances < 1 || instances > MAX_INSTANCES) {
            throw new IllegalArgumentException("instances per component must be 1 to " + MAX_INSTANCES + ", not " + instances);
        }
    }

    /** Compiler engine, default limits, audit and log to stderr as JSON lines, no host env, no data dirs. */
    public static RuntimeOptions defaults() {
        java.io.Writer err = new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8);
        return new RuntimeOptions(EngineKind.COMPILER, RuntimeLimits.DEFAULTS, AuditLog.jsonLines(err),
                ComponentLog.jsonLines(err, ai.asterai.runtime.sandbox.LogRecord.Level.INFO), new OutgoingHttp(),
                WasiSandbox.ClockMode.SYSTEM_UTC, name -> null, null, HostApi.standard(), new ModuleCompiler(), 1);
    }

    public RuntimeOptions withEngine(EngineKind e) {
        return new RuntimeOptions(e, limits, audit, log, http, clock, hostEnv, dataDirs, hostApi, compiler, instances);
    }

    public RuntimeOptions withLimits(RuntimeLimits l) {
        return new RuntimeOptions(engine, l, audit, log, http, clock, hostEnv, dataDirs, hostApi, compiler, instances);
    }

    public RuntimeOptions withAudit(AuditLog a) {
        return new RuntimeOptions(engine, limits, a, log, http, clock, hostEnv, dataDirs, hostApi, compiler, instances);
    }

    public RuntimeOptions withLog(ComponentLog l) {
        return new RuntimeOptions(engine, limits, audit, l, http, clock, hostEnv, dataDirs, hostApi, compiler, instances);
    }

    public RuntimeOptions withHttp(OutgoingHttp h) {
        return new RuntimeOptions(engine, limits, audit, log, h, clock, hostEnv, dataDirs, hostApi, compiler, instances);
    }

    public RuntimeOptions withClock(WasiSandbox.ClockMode c) {
        return new RuntimeOptions(engine, limits, audit, log, http, c, hostEnv, dataDirs, hostApi, compiler, instances);
    }

    public RuntimeOptions withHostEnv(Function<String, String> env) {
        return new RuntimeOptions(engine, limits, audit, log, http, clock, env, dataDirs, hostApi, compiler, instances);
    }

    public RuntimeOptions withDataDirs(Function<String, Path> dirs) {
        return new RuntimeOptions(engine, limits, audit, log, http, clock, hostEnv, dirs, hostApi, compiler, instances);
    }

    public RuntimeOptions withCompiler(ModuleCompiler c) {
        return new RuntimeOptions(engine, limits, audit, log, http, clock, hostEnv, dataDirs, hostApi, c, instances);
    }

    public RuntimeOptions withInstances(int n) {
        return new RuntimeOptions(engine, limits, audit, log, http, clock, hostEnv, dataDirs, hostApi, compiler, n);
    }
}
