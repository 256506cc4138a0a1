package ai.asterai.runtime.sandbox;

import ai.asterai.runtime.sandbox.ComponentLog;
import ai.asterai.runtime.sandbox.LogRecord;
import ai.asterai.runtime.sandbox.fs.ConfinedFileSystem;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Builds a component's WASI preview 1 from its {@link EffectivePermissions} and nothing else: no
 * arguments but the component name, only the granted variables, an empty stdin, stdout and stderr into
 * the agent's log, each granted directory preopened through a {@link ConfinedFileSystem} view, the
 * UTC clock (or a fixed one), and a secure random source. No sockets exist in preview 1.
 */
public final class WasiSandbox {
    /** How the guest's realtime clock behaves. */
    public enum ClockMode {
        /** The host's current time in UTC (the guest learns no time zone). */
        SYSTEM_UTC,
        /** Always 2000-01-01T00:00:00Z: reproducible runs. */
        FIXED
    }

    private WasiSandbox() {
    }

    public static WasiPreview1 create(EffectivePermissions perms, ComponentLog log, AuditLog audit, RuntimeLimits limits,
                                      ClockMode clock) {
        String component = perms.component();
        WasiOptions.Builder options = WasiOptions.builder()
                .withArguments(List.of(component))
                .withStdin(new ByteArrayInputStream(new byte[0]), false)
                .withStdout(new LogLineStream(log, component, "stdout", LogRecord.Level.INFO, limits.logMaxBytes(), 1 << 20), false)
                .withStderr(new LogLineStream(log, component, "stderr", LogRecord.Level.WARN, limits.logMaxBytes(), 1 << 20), false)
                .withClock(clock == ClockMode.FIXED ? Clock.fixed(Instant.parse("2000-01-01T00:00:00Z"), ZoneOffset.UTC) : Clock.systemUTC())
                .withRandom(new SecureRandom())
                .withThrowOnExit0(true);
        perms.env().forEach(options::withEnvironment);
        for (EffectivePermissions.DirAccess d : perms.dirs()) {
            options.withDirectory(d.guest(), confine(component, d, audit).root());
        }
        return WasiPreview1.builder().withOptions(options.build()).build();
    }

    /**
     * The confined view of one granted directory, its refusals audited as {@code denied file} events:
     * the one way both WASI preview 1 (core modules) and WASI 0.2 (components) see a grant.
     */
    public static ConfinedFileSystem confine(String component, EffectivePermissions.DirAccess d, AuditLog audit) {
        try {
            return ConfinedFileSystem.of(d.host(), d.readOnly(), d.guest(),
                    (op, path, reason) -> audit.record(AuditEvent.denied(component, "file", path, op + ": " + reason)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the directory granted as " + d.guest() + ": " + d.host(), e);
        }
    }
}
