package ai.asterai.runtime.component;

import static ai.asterai.runtime.component.ComponentBinaryRunTest.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.release.Permissions;
import ai.asterai.runtime.ComponentRuntime;
import ai.asterai.runtime.ComponentSource;
import ai.asterai.runtime.LoadedComponent;
import ai.asterai.runtime.RuntimeOptions;
import ai.asterai.runtime.abi.WitValue;
import ai.asterai.runtime.component.wasi.WasiHost;
import ai.asterai.runtime.failure.CallTimeout;
import ai.asterai.runtime.failure.ComponentTrap;
import ai.asterai.runtime.sandbox.Grants;
import ai.asterai.runtime.sandbox.WasiSandbox;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** wasi-clocks-random.wat (0.2.12 names): monotonic pollables under the call's time cap, the wall clock, random. */
class WasiClocksRandomTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private final ComponentRuntime runtime = new ComponentRuntime(RuntimeOptions.defaults().withClock(WasiSandbox.ClockMode.FIXED));

    @AfterEach
    void close() {
        runtime.close();
    }

    private LoadedComponent load(Long timeMs) {
        Permissions p = new Permissions(List.of(), List.of(), List.of(), null, timeMs, List.of());
        return runtime.load(new ComponentSource("test:wasi-clocks", "0.1.0", resource("wasi-clocks-random.wasm"), null, null, p, "test"),
                Grants.NONE);
    }

    private static WitValue call(LoadedComponent c, String f, WitValue... args) {
        return c.call(c.function(f), List.of(args));
    }

    private static WitValue.Int u64(long v) {
        return new WitValue.Int(v);
    }

    @Test
    void aDurationPollableBlocksUntilReady() {
        LoadedComponent c = load(null);
        assertEquals(new WitValue.Bool(true), call(c, "sleep", u64(5 * MS)));
        assertEquals(new WitValue.Bool(true), call(c, "until", u64(5 * MS)));
        assertEquals(new WitValue.Bool(false), call(c, "not-ready", u64(3_600_000 * MS)));
        // instants are u64: 0 has passed, the largest ones (negative as a Java long) have not
        assertEquals(new WitValue.Bool(true), call(c, "ready-at", u64(0)));
        assertEquals(new WitValue.Bool(false), call(c, "ready-at", u64(-1)));
        assertEquals(new WitValue.Bool(false), call(c, "ready-at", u64(Long.MIN_VALUE)));
    }

    @Test
    void pollReturnsTheReadyIndicesOnly() {
        // [a pollable due in 2 ms, one that is never due]: poll returns once the first is ready, and only its index
        WitValue.ListV ready = (WitValue.ListV) call(load(null), "poll-two", u64(2 * MS));
        assertEquals(List.of(new WitValue.Int(0)), ready.items());
    }

    @Test
    void blockingPastTheCallsTimeCapIsATimeout() {
        LoadedComponent c = load(200L);
        assertThrows(CallTimeout.class, () -> call(c, "sleep", u64(3_600_000 * MS)));
        // the instance replacing the broken one works
        assertEquals(new WitValue.Bool(true), call(c, "sleep", u64(1)));
    }

    @Test
    void theWallClockIsTheFixedOneUnderClockModeFixed() {
        WitValue.RecordV now = (WitValue.RecordV) call(load(null), "wall");
        assertEquals(new WitValue.Int(946_684_800L), now.fields().get("seconds")); // 2000-01-01T00:00:00Z
        assertEquals(new WitValue.Int(0), now.fields().get("nanoseconds"));
    }

    @Test
    void randomBytesComeInTheAskedLengthUpToTheCap() {
        LoadedComponent c = load(null);
        byte[] a = ((WitValue.Bytes) call(c, "random-bytes", u64(32))).value();
        byte[] b = ((WitValue.Bytes) call(c, "random-bytes", u64(32))).value();
        assertEquals(32, a.length);
        assertFalse(java.util.Arrays.equals(a, b)); // 2^-256 odds of a false failure
        assertEquals(0, ((WitValue.Bytes) call(c, "random-bytes", u64(0))).value().length);
        assertEquals(WasiHost.MAX_READ, ((WitValue.Bytes) call(c, "insecure-bytes", u64(WasiHost.MAX_READ))).value().length);
        ComponentTrap e = assertThrows(ComponentTrap.class, () -> call(c, "random-bytes", u64(WasiHost.MAX_READ + 1L)));
        assertTrue(e.getMessage().contains("at most " + WasiHost.MAX_READ), e.getMessage());
        Set<WitValue> u64s = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            u64s.add(call(c, "random-u64"));
        }
        assertEquals(8, u64s.size());
    }

    @Test
    void theInsecureSeedIsFixedPerInstance() {
        LoadedComponent c = load(null);
        WitValue first = call(c, "seed");
        assertEquals(first, call(c, "seed"));
        assertEquals(2, ((WitValue.TupleV) first).items().size());
    }
}
