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
import ai.asterai.runtime.failure.ComponentTrap;
import ai.asterai.runtime.sandbox.Grants;
import ai.asterai.runtime.sandbox.LogRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hand-written components that import WASI 0.2 interfaces, run through {@link ComponentRuntime} against the Java host. */
class WasiComponentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final ComponentRuntime runtime = new ComponentRuntime(RuntimeOptions.defaults().withLog(records::add));

    @AfterEach
    void close() {
        runtime.close();
    }

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private int loads;

    /** A fresh load each time (under its own name: the runtime holds one version per name). */
    private LoadedComponent ioCli(Permissions declared, Grants grants) {
        return runtime.load(new ComponentSource("test:wasi-io-cli" + (loads++ == 0 ? "" : "-" + loads), "0.1.0", resource("wasi-io-cli.wasm"), null, null, declared, "test"),
                grants);
    }

    @Test
    void stdoutAndStderrGoToTheComponentLog() {
        LoadedComponent c = ioCli(Permissions.NONE, Grants.NONE);
        assertEquals(1 << 20, c.call("say", json("[]")).asLong()); // check-write permits a MiB per write
        LogRecord out = records.stream().filter(r -> r.message().equals("hello from wasi:cli/stdout")).findFirst()
                .orElseThrow(() -> new AssertionError("no stdout record in " + records));
        assertEquals("test:wasi-io-cli", out.component());
        assertEquals(LogRecord.Level.INFO, out.level());
        LogRecord err = records.stream().filter(r -> r.message().equals("a warning on stderr")).findFirst()
                .orElseThrow(() -> new AssertionError("no stderr record in " + records));
        assertEquals(LogRecord.Level.WARN, err.level());
    }

    @Test
    void stdinIsEmptyAndItsPollableIsReady() {
        // read is err(closed): 100 for err, 10 for the `closed` case, 1 for a ready pollable
        assertEquals(111, ioCli(Permissions.NONE, Grants.NONE).call("stdin", json("[]")).asInt());
    }

    @Test
    void skipFlushWriteZeroesAndSplice() {
        // skip and splice from the empty stdin are `closed`; flush and write-zeroes on stdout are ok
        assertEquals(1111, ioCli(Permissions.NONE, Grants.NONE).call("more", json("[]")).asInt());
    }

    @Test
    void aWriteBeyondCheckWriteTraps() {
        ComponentTrap e = assertThrows(ComponentTrap.class, () -> ioCli(Permissions.NONE, Grants.NONE).call("big-write", json("[]")));
        assertTrue(e.getMessage().contains("exceeds check-write's " + WasiHost.MAX_WRITE), e.getMessage());
    }

    @Test
    void liveWasiResourcesAreCapped() {
        LoadedComponent c = ioCli(Permissions.NONE, Grants.NONE);
        c.call("hoard", json("[1000]"));
        // the stdin stream and 65,535 pollables are the cap: the next subscribe traps
        ComponentTrap e = assertThrows(ComponentTrap.class, () -> c.call("hoard", json("[70000]")));
        assertTrue(e.getMessage().contains("holds 65536 WASI resources"), e.getMessage());
    }

    @Test
    void theEnvironmentHoldsOnlyGrantedVariables() {
        Permissions declared = new Permissions(List.of(), List.of(), List.of("GREETING", "SECRET"), null, null, List.of());
        Grants grants = new Grants(Map.of(), List.of(), Map.of("GREETING", "hi"), List.of(), false, null, null);
        LoadedComponent c = ioCli(declared, grants);
        assertEquals(json("[[\"GREETING\",\"hi\"]]"), c.call("env", json("[]")));
        assertEquals(json("[\"test:wasi-io-cli\"]"), c.call("args", json("[]")));
        assertTrue(c.call("cwd", json("[]")).isNull());
        // nothing declared, nothing granted: nothing seen
        assertEquals(json("[]"), ioCli(Permissions.NONE, grants).call("env", json("[]")));
    }

    @Test
    void exitEndsTheCallWithItsStatus() {
        LoadedComponent c = ioCli(Permissions.NONE, Grants.NONE);
        ComponentTrap failed = assertThrows(ComponentTrap.class, () -> c.call("quit", json("[false]")));
        assertTrue(failed.getMessage().contains("exited with status 1"), failed.getMessage());
        ComponentTrap ok = assertThrows(ComponentTrap.class, () -> ioCli(Permissions.NONE, Grants.NONE).call("quit", json("[true]")));
        assertTrue(ok.getMessage().contains("exited with status 0"), ok.getMessage());
    }

    @Test
    void aDroppedStreamHandleCannotBeUsed() {
        ComponentTrap e = assertThrows(ComponentTrap.class,
                () -> ioCli(Permissions.NONE, Grants.NONE).call("write-after-drop", json("[]")));
        assertTrue(e.getMessage().contains("unknown handle"), e.getMessage());
    }
}
