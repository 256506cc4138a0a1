package ai.asterai.runtime.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.runtime.abi.AbiTrap;
import ai.asterai.runtime.abi.AbiType;
import ai.asterai.runtime.abi.CanonOptions;
import ai.asterai.runtime.abi.CoreFunction;
import ai.asterai.runtime.abi.StringEncoding;
import ai.asterai.runtime.abi.TestMemory;
import ai.asterai.runtime.abi.WitSignature;
import ai.asterai.runtime.abi.WitValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Calls between two instances through {@code canon lower} of a function another instance lifted, over
 * hand-built memories whose "guest code" is Java: arguments lifted from the caller and lowered into the
 * callee (strings transcoded), results back, post-return after the result is copied, no reentrance.
 */
class CrossInstanceTest {
    private static final WitSignature JOIN = new WitSignature("join", List.of(new WitSignature.Param("s", AbiType.Scalar.STRING)),
            AbiType.Scalar.STRING);

    @Test
    void aUtf16CallerCallsAUtf8CalleeAndGetsItsResultBackTranscoded() {
        List<String> events = new ArrayList<>();
        TestMemory memC = new TestMemory(8192);
        InstanceState c = new InstanceState("c", null);
        CoreFunction join = args -> {
            int ptr = (int) args[0];
            int len = (int) args[1];
            events.add("callee got " + new String(memC.bytes(ptr, len), StandardCharsets.UTF_8));
            byte[] out = "ok\u2603\ud83c\udf70".getBytes(StandardCharsets.UTF_8);
            memC.put(64, out);
            memC.buf.putInt(0, 64).putInt(4, out.length);
            return new long[] {0};
        };
        CoreFunction post = args -> {
            events.add("post-return " + args[0]);
            return new long[0];
        };
        LiftedFunction lifted = new LiftedFunction(JOIN, join, new CanonOptions(memC, memC.realloc(), post, StringEncoding.UTF8), c);

        TestMemory memD = new TestMemory(8192);
        InstanceState d = new InstanceState("d", null);
        CoreFunction lowered = CanonBuiltins.lower(lifted, memD.options(StringEncoding.UTF16), d);
        memD.put(16, "h\u00f6\u2603\ud83c\udf70".getBytes(StandardCharsets.UTF_16LE));
        long[] r = lowered.call(16, 5, 8);
        assertEquals(0, r.length);
        int p = memD.buf.getInt(8);
        assertEquals(5, memD.buf.getInt(12)); // UTF-16 code units
        assertArrayEquals("ok\u2603\ud83c\udf70".getBytes(StandardCharsets.UTF_16LE), memD.bytes(p, 10));
        assertEquals(List.of("callee got h\u00f6\u2603\ud83c\udf70", "post-return 0"), events);
        // the caller's realloc was used for the result, the callee's for the argument
        assertEquals("0,0,2,18", memD.reallocs.get(0)); // 9 UTF-8 bytes -> at most 18 bytes of UTF-16
        assertEquals("0,0,1,5", memC.reallocs.get(0));  // 5 UTF-16 units -> optimistic 5 bytes
    }

    @Test
    void theHostCallsALiftedFunction() {
        TestMemory mem = new TestMemory(8192);
        InstanceState c = new InstanceState("c", null);
        CoreFunction echo = args -> {
            mem.buf.putInt(0, (int) args[0]).putInt(4, (int) args[1]);
            return new long[] {0};
        };
        LiftedFunction f = new LiftedFunction(JOIN, echo, mem.options(StringEncoding.LATIN1_UTF16), c);
        assertEquals(new WitValue.Str("gr\u00fc\u00df"), f.invoke(List.of(new WitValue.Str("gr\u00fc\u00df"))));
        assertEquals(new WitValue.Str("\u2603 snow"), f.invoke(List.of(new WitValue.Str("\u2603 snow"))));
    }

    @Test
    void anInstanceCannotBeEnteredAgainWhileACallIsInside() {
        TestMemory mem = new TestMemory(4096);
        InstanceState c = new InstanceState("c", null);
        InstanceState d = new InstanceState("d", null);
        WitSignature nothing = new WitSignature("f", List.of(), null);
        CoreFunction[] dBody = new CoreFunction[1];
        LiftedFunction inD = new LiftedFunction(nothing, args -> dBody[0].call(), mem.options(StringEncoding.UTF8), d);
        CoreFunction cToD = CanonBuiltins.lower(inD, mem.options(StringEncoding.UTF8), c);
        LiftedFunction inC = new LiftedFunction(nothing, args -> cToD.call(), mem.options(StringEncoding.UTF8), c);
        dBody[0] = CanonBuiltins.lower(inC, mem.options(StringEncoding.UTF8), d); // d calls back into c
        AbiTrap t = assertThrows(AbiTrap.class, () -> inC.invoke(List.of()));
        assertTrue(t.getMessage().contains("cannot enter component instance c"), t.getMessage());
        // the failed call left both enterable again (the runtime discards them anyway)
        dBody[0] = args -> new long[0];
        inC.invoke(List.of());
    }

    @Test
    void enteringAChildEntersItsParentToo() {
        InstanceState parent = new InstanceState("p", null);
        InstanceState child = new InstanceState("p/c", parent);
        InstanceState other = new InstanceState("x", null);
        TestMemory mem = new TestMemory(4096);
        WitSignature nothing = new WitSignature("f", List.of(), null);
        LiftedFunction inParent = new LiftedFunction(nothing, args -> new long[0], mem.options(StringEncoding.UTF8), parent);
        CoreFunction xToParent = CanonBuiltins.lower(inParent, mem.options(StringEncoding.UTF8), other);
        LiftedFunction inOther = new LiftedFunction(nothing, args -> xToParent.call(), mem.options(StringEncoding.UTF8), other);
        CoreFunction childToX = CanonBuiltins.lower(inOther, mem.options(StringEncoding.UTF8), child);
        LiftedFunction inChild = new LiftedFunction(nothing, args -> childToX.call(), mem.options(StringEncoding.UTF8), child);
        inOther.invoke(List.of()); // x into the idle parent: fine
        assertThrows(AbiTrap.class, () -> inChild.invoke(List.of())); // the host entered p with p/c
        // a child calling its parent crosses no boundary the call has not already crossed
        CoreFunction childToParent = CanonBuiltins.lower(inParent, mem.options(StringEncoding.UTF8), child);
        new LiftedFunction(nothing, args -> childToParent.call(), mem.options(StringEncoding.UTF8), child).invoke(List.of());
    }

    @Test
    void postReturnMayNotCallOut() {
        TestMemory mem = new TestMemory(4096);
        InstanceState c = new InstanceState("c", null);
        WitSignature nothing = new WitSignature("f", List.of(), null);
        LiftedFunction other = new LiftedFunction(nothing, args -> new long[0], mem.options(StringEncoding.UTF8), new InstanceState("o", null));
        CoreFunction out = CanonBuiltins.lower(other, mem.options(StringEncoding.UTF8), c);
        LiftedFunction f = new LiftedFunction(nothing, args -> new long[0],
                new CanonOptions(mem, mem.realloc(), args -> out.call(), StringEncoding.UTF8), c);
        AbiTrap t = assertThrows(AbiTrap.class, () -> f.invoke(List.of()));
        assertTrue(t.getMessage().contains("post-return"), t.getMessage());
    }

    @Test
    void aCoreFunctionReturningTheWrongNumberOfValuesTraps() {
        TestMemory mem = new TestMemory(4096);
        LiftedFunction f = new LiftedFunction(JOIN, args -> new long[0], mem.options(StringEncoding.UTF8), new InstanceState("c", null));
        assertThrows(AbiTrap.class, () -> f.invoke(List.of(new WitValue.Str("x"))));
    }
}
