package ai.asterai.runtime.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.runtime.json.WitJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every WIT type: store/load, flat lower/lift and JSON both ways give back the same value. */
class AbiRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final AbiType.RecordT ENTRY = AbiType.RecordT.of("entry", List.of("key", "tags", "weight"),
            List.of(AbiType.Scalar.STRING, new AbiType.ListT(AbiType.Scalar.STRING), AbiType.Scalar.F64));
    static final AbiType.VariantT MIXED = AbiType.VariantT.of("mixed", List.of(
            new AbiType.Case("small", AbiType.Scalar.F32), new AbiType.Case("big", AbiType.Scalar.U64),
            new AbiType.Case("text", AbiType.Scalar.STRING), new AbiType.Case("nothing", null),
            new AbiType.Case("real", AbiType.Scalar.F64), new AbiType.Case("tiny", AbiType.Scalar.S8)));
    static final AbiType.EnumT LEVEL = AbiType.EnumT.of("level", List.of("trace", "debug", "info", "warn", "error"));
    static final AbiType.FlagsT PERMS = new AbiType.FlagsT("perms", List.of("read", "write", "exec"));
    static final AbiType.FlagsT MANY = new AbiType.FlagsT("many", names("f", 40));

    static List<String> names(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    static WitValue str(String s) {
        return new WitValue.Str(s);
    }

    static WitValue entry(String key, List<String> tags, double w) {
        Map<String, WitValue> f = new LinkedHashMap<>();
        f.put("key", str(key));
        f.put("tags", new WitValue.ListV(tags.stream().map(AbiRoundTripTest::str).toList()));
        f.put("weight", new WitValue.F64(w));
        return new WitValue.RecordV(f);
    }

    static List<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        c.add(Arguments.of(AbiType.Scalar.BOOL, new WitValue.Bool(true), "true"));
        c.add(Arguments.of(AbiType.Scalar.BOOL, new WitValue.Bool(false), "false"));
        c.add(Arguments.of(AbiType.Scalar.S8, new WitValue.Int(-128), "-128"));
        c.add(Arguments.of(AbiType.Scalar.U8, new WitValue.Int(255), "255"));
        c.add(Arguments.of(AbiType.Scalar.S16, new WitValue.Int(-32768), "-32768"));
        c.add(Arguments.of(AbiType.Scalar.U16, new WitValue.Int(65535), "65535"));
        c.add(Arguments.of(AbiType.Scalar.S32, new WitValue.Int(Integer.MIN_VALUE), "-2147483648"));
        c.add(Arguments.of(AbiType.Scalar.U32, new WitValue.Int(0xFFFFFFFFL), "4294967295"));
        c.add(Arguments.of(AbiType.Scalar.S64, new WitValue.Int(Long.MIN_VALUE), "-9223372036854775808"));
        c.add(Arguments.of(AbiType.Scalar.U64, new WitValue.Int(-1L), "18446744073709551615"));
        c.add(Arguments.of(AbiType.Scalar.F32, new WitValue.F32(1.5f), "1.5"));
        c.add(Arguments.of(AbiType.Scalar.F32, new WitValue.F32(Float.NaN), "\"NaN\""));
        c.add(Arguments.of(AbiType.Scalar.F64, new WitValue.F64(-0.25), "-0.25"));
        c.add(Arguments.of(AbiType.Scalar.F64, new WitValue.F64(Double.NEGATIVE_INFINITY), "\"-Infinity\""));
        c.add(Arguments.of(AbiType.Scalar.CHAR, new WitValue.Char(0x1F600), "\"\uD83D\uDE00\""));
        c.add(Arguments.of(AbiType.Scalar.STRING, str("héllo wörld ✓"), "\"héllo wörld ✓\""));
        c.add(Arguments.of(AbiType.Scalar.STRING, str(""), "\"\""));
        c.add(Arguments.of(new AbiType.ListT(AbiType.Scalar.U8), new WitValue.Bytes(new byte[] {0, 1, (byte) 255}), "[0,1,255]"));
        c.add(Arguments.of(new AbiType.ListT(AbiType.Scalar.U8), new WitValue.Bytes(new byte[0]), "[]"));
        c.add(Arguments.of(new AbiType.ListT(AbiType.Scalar.STRING), new WitValue.ListV(List.of(str("a"), str(""), str("ccc"))), "[\"a\",\"\",\"ccc\"]"));
        c.add(Arguments.of(new AbiType.ListT(AbiType.Scalar.U64), new WitValue.ListV(List.of()), "[]"));
        c.add(Arguments.of(new AbiType.FixedListT(AbiType.Scalar.U16, 3),
                new WitValue.ListV(List.of(new WitValue.Int(1), new WitValue.Int(2), new WitValue.Int(3))), "[1,2,3]"));
        c.add(Arguments.of(ENTRY, entry("k", List.of("x", "y"), 2.5), "{\"key\":\"k\",\"tags\":[\"x\",\"y\"],\"weight\":2.5}"));
        c.add(Arguments.of(new AbiType.ListT(ENTRY), new WitValue.ListV(List.of(entry("a", List.of(), 0), entry("ünï", List.of("t1", "t2", "t3"), -1e300))),
                "[{\"key\":\"a\",\"tags\":[],\"weight\":0.0},{\"key\":\"ünï\",\"tags\":[\"t1\",\"t2\",\"t3\"],\"weight\":-1.0E300}]"));
        c.add(Arguments.of(new AbiType.ListT(new AbiType.ListT(ENTRY)), new WitValue.ListV(List.of(
                new WitValue.ListV(List.of(entry("a", List.of("b"), 1))), new WitValue.ListV(List.of()))),
                "[[{\"key\":\"a\",\"tags\":[\"b\"],\"weight\":1.0}],[]]"));
        c.add(Arguments.of(AbiType.TupleT.of(List.of(AbiType.Scalar.U64, AbiType.Scalar.STRING)),
                new WitValue.TupleV(List.of(new WitValue.Int(7), str("seven"))), "[7,\"seven\"]"));
        c.add(Arguments.of(AbiType.TupleT.of(List.of()), new WitValue.TupleV(List.of()), "[]"));
        c.add(Arguments.of(MIXED, new WitValue.VariantV("small", new WitValue.F32(-2.5f)), "{\"tag\":\"small\",\"value\":-2.5}"));
        c.add(Arguments.of(MIXED, new WitValue.VariantV("big", new WitValue.Int(1L << 40)), "{\"tag\":\"big\",\"value\":1099511627776}"));
        c.add(Arguments.of(MIXED, new WitValue.VariantV("text", str("t")), "{\"tag\":\"text\",\"value\":\"t\"}"));
        c.add(Arguments.of(MIXED, new WitValue.VariantV("nothing", null), "{\"tag\":\"nothing\"}"));
        c.add(Arguments.of(MIXED, new WitValue.VariantV("real", new WitValue.F64(Math.PI)), "{\"tag\":\"real\",\"value\":3.141592653589793}"));
        c.add(Arguments.of(MIXED, new WitValue.VariantV("tiny", new WitValue.Int(-3)), "{\"tag\":\"tiny\",\"value\":-3}"));
        c.add(Arguments.of(LEVEL, new WitValue.EnumV("warn"), "\"warn\""));
        c.add(Arguments.of(PERMS, new WitValue.FlagsV(Set.of("read", "exec")), null));
        c.add(Arguments.of(PERMS, new WitValue.FlagsV(Set.of()), "[]"));
        c.add(Arguments.of(MANY, new WitValue.FlagsV(Set.of("f0", "f31", "f32", "f39")), "[\"f0\",\"f31\",\"f32\",\"f39\"]"));
        c.add(Arguments.of(AbiType.OptionT.of(AbiType.Scalar.STRING), WitValue.OptionV.NONE, "null"));
        c.add(Arguments.of(AbiType.OptionT.of(AbiType.Scalar.STRING), new WitValue.OptionV(str("v")), "\"v\""));
        c.add(Arguments.of(AbiType.OptionT.of(AbiType.OptionT.of(AbiType.Scalar.U32)), new WitValue.OptionV(WitValue.OptionV.NONE), "{\"some\":null}"));
        c.add(Arguments.of(AbiType.OptionT.of(AbiType.OptionT.of(AbiType.Scalar.U32)), new WitValue.OptionV(new WitValue.OptionV(new WitValue.Int(4))), "{\"some\":4}"));
        c.add(Arguments.of(AbiType.ResultT.of(AbiType.Scalar.F64, AbiType.Scalar.STRING), WitValue.ResultV.ok(new WitValue.F64(14)), "{\"ok\":14.0}"));
        c.add(Arguments.of(AbiType.ResultT.of(AbiType.Scalar.F64, AbiType.Scalar.STRING), WitValue.ResultV.err(str("bad")), "{\"err\":\"bad\"}"));
        c.add(Arguments.of(AbiType.ResultT.of(null, AbiType.Scalar.STRING), WitValue.ResultV.ok(null), "{\"ok\":null}"));
        c.add(Arguments.of(AbiType.ResultT.of(null, null), WitValue.ResultV.err(null), "{\"err\":null}"));
        c.add(Arguments.of(new AbiType.ListT(AbiType.TupleT.of(List.of(AbiType.Scalar.STRING, AbiType.Scalar.STRING))),
                new WitValue.ListV(List.of(new WitValue.TupleV(List.of(str("content-type"), str("text/html"))))),
                "[[\"content-type\",\"text/html\"]]"));
        return c;
    }

    @ParameterizedTest(name = "{0} = {2}")
    @MethodSource("cases")
    void storeThenLoad(AbiType type, WitValue value, String json) {
        TestMemory mem = new TestMemory(1 << 16, 16);
        int ptr = mem.realloc().realloc(0, 0, type.align(), Math.max(type.size(), 1));
        new Lowerer(mem, mem.realloc()).store(type, value, ptr);
        assertSame(value, new Lifter(mem).load(type, ptr));
    }

    @ParameterizedTest(name = "{0} = {2}")
    @MethodSource("cases")
    void lowerThenLiftFlat(AbiType type, WitValue value, String json) {
        TestMemory mem = new TestMemory(1 << 16, 16);
        FlatWriter out = new FlatWriter();
        new Lowerer(mem, mem.realloc()).lowerFlat(type, value, out);
        assertEquals(type.flat().size(), out.size(), "flat value count of " + type.wit());
        FlatReader in = new FlatReader(out.toArray());
        assertSame(value, new Lifter(mem).liftFlat(type, in));
        assertTrue(in.done());
    }

    @ParameterizedTest(name = "{0} = {2}")
    @MethodSource("cases")
    void jsonBothWays(AbiType type, WitValue value, String json) throws Exception {
        JsonNode node = WitJson.toJson(type, value);
        if (json != null) {
            assertEquals(JSON.readTree(json).toString(), node.toString());
        }
        assertSame(value, WitJson.fromJson(type, JSON.readTree(node.toString())));
    }

    /** Equality that treats NaN as equal and list<u8> as bytes either way. */
    static void assertSame(WitValue expected, WitValue actual) {
        assertEquals(String.valueOf(normal(expected)), String.valueOf(normal(actual)));
    }

    private static Object normal(WitValue v) {
        if (v instanceof WitValue.Bytes b) {
            List<Object> out = new ArrayList<>();
            for (byte x : b.value()) {
                out.add(x & 0xFF);
            }
            return out;
        }
        if (v instanceof WitValue.ListV l) {
            return l.items().stream().map(AbiRoundTripTest::normal).toList();
        }
        if (v instanceof WitValue.F32 f) {
            return "f32:" + Float.floatToIntBits(f.value());
        }
        if (v instanceof WitValue.F64 f) {
            return "f64:" + Double.doubleToLongBits(f.value());
        }
        if (v instanceof WitValue.FlagsV f) {
            return new java.util.TreeSet<>(f.set());
        }
        return v;
    }

    @Test
    void layoutsMatchTheExamplesTable() {
        AbiType.ResultT resF64 = AbiType.ResultT.of(AbiType.Scalar.F64, AbiType.Scalar.STRING);
        assertEquals(16, resF64.size());
        assertEquals(8, resF64.align());
        assertEquals(8, resF64.layout().payloadOffset());
        assertEquals(List.of(CoreType.I32, CoreType.I64, CoreType.I32), resF64.flat());
        AbiType.ResultT resS32 = AbiType.ResultT.of(AbiType.Scalar.S32, AbiType.Scalar.STRING);
        assertEquals(4, resS32.layout().payloadOffset());
        assertEquals(24, ENTRY.size());
        assertEquals(8, ENTRY.align());
        assertEquals(16, ENTRY.fields().get(2).offset());
        AbiType.TupleT t = AbiType.TupleT.of(List.of(AbiType.Scalar.U64, AbiType.Scalar.STRING));
        assertEquals(8, t.offsets()[1]);
        AbiType header = AbiType.TupleT.of(List.of(AbiType.Scalar.STRING, AbiType.Scalar.STRING));
        AbiType.RecordT response = AbiType.RecordT.of("response", List.of("status", "headers", "body"),
                List.of(AbiType.Scalar.U16, new AbiType.ListT(header), new AbiType.ListT(AbiType.Scalar.U8)));
        assertEquals(20, response.size());
        assertEquals(List.of(0, 4, 12), response.fields().stream().map(AbiType.Field::offset).toList());
        AbiType.VariantT error = AbiType.VariantT.of("error", List.of(new AbiType.Case("denied", AbiType.Scalar.STRING),
                new AbiType.Case("invalid-url", AbiType.Scalar.STRING), new AbiType.Case("timeout", null),
                new AbiType.Case("too-large", null), new AbiType.Case("failed", AbiType.Scalar.STRING)));
        assertEquals(12, error.size());
        AbiType.ResultT sendResult = AbiType.ResultT.of(response, error);
        assertEquals(24, sendResult.size());
        assertEquals(4, sendResult.layout().payloadOffset());
        assertEquals(1, LEVEL.size());
        assertEquals(List.of(CoreType.I32), LEVEL.flat());
        assertEquals(1, PERMS.size());
        assertEquals(8, MANY.size());
        assertEquals(List.of(CoreType.I32, CoreType.I32), MANY.flat());
        assertEquals(List.of(CoreType.I32, CoreType.I64, CoreType.I32), MIXED.flat());
    }

    @Test
    void liftRefusesWhatTheGuestGetsWrong() {
        TestMemory mem = new TestMemory(256, 16);
        Lifter lifter = new Lifter(mem);
        mem.writeBytes(32, new byte[] {(byte) 0xC3, 0x28});
        AbiTrap utf8 = assertThrows(AbiTrap.class, () -> lifter.liftFlat(AbiType.Scalar.STRING, new FlatReader(new long[] {32, 2})));
        assertTrue(utf8.getMessage().contains("UTF-8"));
        assertThrows(AbiTrap.class, () -> lifter.liftFlat(AbiType.Scalar.STRING, new FlatReader(new long[] {250, 10})));
        assertThrows(AbiTrap.class, () -> lifter.liftFlat(new AbiType.ListT(AbiType.Scalar.U32), new FlatReader(new long[] {2, 1})));
        assertThrows(AbiTrap.class, () -> lifter.liftFlat(new AbiType.ListT(ENTRY), new FlatReader(new long[] {8, 0x7FFFFFFF})));
        assertThrows(AbiTrap.class, () -> lifter.liftFlat(LEVEL, new FlatReader(new long[] {5})));
        assertThrows(AbiTrap.class, () -> lifter.liftFlat(AbiType.Scalar.CHAR, new FlatReader(new long[] {0xD800})));
        assertThrows(AbiTrap.class, () -> lifter.load(AbiType.Scalar.U64, 4));
    }

    @Test
    void lowerRefusesValuesThatDoNotFit() {
        TestMemory mem = new TestMemory(256, 16);
        Lowerer lowerer = new Lowerer(mem, mem.realloc());
        ValueMismatch range = assertThrows(ValueMismatch.class, () -> lowerer.lowerFlat(AbiType.Scalar.U8, new WitValue.Int(256), new FlatWriter()));
        assertTrue(range.getMessage().contains("out of range"));
        ValueMismatch missing = assertThrows(ValueMismatch.class, () -> lowerer.lowerFlat(ENTRY,
                new WitValue.RecordV(Map.of("key", str("k"))), new FlatWriter()));
        assertEquals("tags", missing.path());
        assertThrows(ValueMismatch.class, () -> lowerer.lowerFlat(LEVEL, new WitValue.EnumV("loud"), new FlatWriter()));
        ValueMismatch nested = assertThrows(ValueMismatch.class, () -> WitJson.fromJson(new AbiType.ListT(ENTRY),
                JSON.readTree("[{\"key\":\"a\",\"tags\":[\"x\",3],\"weight\":1}]")));
        assertEquals("[0].tags[1]", nested.path());
    }

    @Test
    void manyParamsGoThroughMemoryAndBigResultsThroughAReturnArea() {
        List<WitSignature.Param> params = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            params.add(new WitSignature.Param("p" + i, AbiType.Scalar.STRING));
        }
        WitSignature sig = new WitSignature("many", params, ENTRY);
        assertTrue(sig.paramsInMemory());
        assertTrue(sig.resultInMemory());
        assertEquals(List.of(CoreType.I32), sig.exportCore().params());
        assertEquals(List.of(CoreType.I32), sig.exportCore().results());
        assertEquals(List.of(CoreType.I32, CoreType.I32), sig.importCore().params());
        assertEquals(List.of(), sig.importCore().results());
        // a host import with this signature: the guest passes a params tuple and a return area
        TestMemory mem = new TestMemory(1 << 12, 16);
        List<WitValue> args = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            args.add(str("arg" + i));
        }
        int tuplePtr = mem.realloc().realloc(0, 0, 4, sig.paramTuple().size());
        new Lowerer(mem, mem.realloc()).store(sig.paramTuple(), new WitValue.TupleV(args), tuplePtr);
        int retptr = mem.realloc().realloc(0, 0, 8, ENTRY.size());
        ImportAdapter adapter = new ImportAdapter(sig, a -> entry(((WitValue.Str) a.get(8)).value(), List.of("t"), 9));
        long[] none = adapter.handle(mem, mem.realloc(), new long[] {tuplePtr, retptr});
        assertEquals(0, none.length);
        assertSame(entry("arg8", List.of("t"), 9), new Lifter(mem).load(ENTRY, retptr));
        // and an export: the host passes the tuple and reads the return area
        ExportInvoker invoker = new ExportInvoker(sig, core -> {
            WitValue.TupleV t = (WitValue.TupleV) new Lifter(mem).load(sig.paramTuple(), (int) core[0]);
            int area = mem.realloc().realloc(0, 0, 8, ENTRY.size());
            new Lowerer(mem, mem.realloc()).store(ENTRY, entry(((WitValue.Str) t.items().get(0)).value(), List.of(), 1), area);
            return new long[] {area};
        }, null);
        assertSame(entry("arg0", List.of(), 1), invoker.invoke(mem, mem.realloc(), args));
    }
}
