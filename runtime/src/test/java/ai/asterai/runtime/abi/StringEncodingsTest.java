package ai.asterai.runtime.abi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Strings under explicit canonical options: the three encodings, the spec's bounds and traps, transcoding. */
class StringEncodingsTest {
    private static final int TAG = StringEncoding.UTF16_TAG;

    private static WitValue lift(TestMemory mem, StringEncoding enc, int ptr, int units) {
        return new Lifter(mem.options(enc), null, null).liftFlat(AbiType.Scalar.STRING, new FlatReader(new long[] {ptr, units & 0xFFFFFFFFL}));
    }

    private static long[] lower(TestMemory mem, StringEncoding enc, StringEncoding source, String s) {
        FlatWriter w = new FlatWriter();
        new Lowerer(mem.options(enc), null, null, source).lowerFlat(AbiType.Scalar.STRING, new WitValue.Str(s), w);
        return w.toArray();
    }

    @Test
    void liftsEachEncoding() {
        TestMemory mem = new TestMemory(4096);
        mem.put(64, "h\u00f6\u2603".getBytes(StandardCharsets.UTF_8));
        assertEquals(new WitValue.Str("h\u00f6\u2603"), lift(mem, StringEncoding.UTF8, 64, 6));
        mem.put(128, "h\u00f6\u2603\ud83c\udf70".getBytes(StandardCharsets.UTF_16LE));
        assertEquals(new WitValue.Str("h\u00f6\u2603\ud83c\udf70"), lift(mem, StringEncoding.UTF16, 128, 5));
        mem.put(256, (byte) 0x67, (byte) 0x72, (byte) 0xFC, (byte) 0x6E);
        assertEquals(new WitValue.Str("gr\u00fcn"), lift(mem, StringEncoding.LATIN1_UTF16, 256, 4));
        assertEquals(new WitValue.Str("h\u00f6\u2603\ud83c\udf70"), lift(mem, StringEncoding.LATIN1_UTF16, 128, 5 | TAG));
    }

    @Test
    void emptyStringsAreBoundsCheckedButNotRead() {
        TestMemory mem = new TestMemory(4096);
        assertEquals(new WitValue.Str(""), lift(mem, StringEncoding.UTF8, 0, 0));
        assertEquals(new WitValue.Str(""), lift(mem, StringEncoding.UTF8, 4096, 0));
        assertThrows(AbiTrap.class, () -> lift(mem, StringEncoding.UTF8, 0xdeadbeef, 0));
        // the wit-bindgen path never looks at an empty string's pointer
        assertEquals(new WitValue.Str(""), new Lifter(mem).liftFlat(AbiType.Scalar.STRING, new FlatReader(new long[] {0xdeadbeefL, 0})));
    }

    @Test
    void malformedStringsTrap() {
        TestMemory mem = new TestMemory(4096);
        mem.put(8, (byte) 0xFF);
        AbiTrap t = assertThrows(AbiTrap.class, () -> lift(mem, StringEncoding.UTF8, 8, 1));
        assertTrue(t.getMessage().contains("not valid UTF-8"), t.getMessage());
        mem.put(16, (byte) 0x00, (byte) 0xD8, (byte) 0x41, (byte) 0x00); // lone high surrogate, then 'A'
        t = assertThrows(AbiTrap.class, () -> lift(mem, StringEncoding.UTF16, 16, 2));
        assertTrue(t.getMessage().contains("not valid UTF-16"), t.getMessage());
        t = assertThrows(AbiTrap.class, () -> lift(mem, StringEncoding.UTF16, 17, 1));
        assertTrue(t.getMessage().contains("aligned"), t.getMessage());
        t = assertThrows(AbiTrap.class, () -> lift(mem, StringEncoding.LATIN1_UTF16, 17, 1));
        assertTrue(t.getMessage().contains("aligned"), t.getMessage());
        t = assertThrows(AbiTrap.class, () -> lift(mem, StringEncoding.UTF16, 4000, 100));
        assertTrue(t.getMessage().contains("outside guest memory"), t.getMessage());
        // the spec's bound: 2^28-1 bytes, whatever the memory
        t = assertThrows(AbiTrap.class, () -> lift(mem, StringEncoding.UTF16, 0, 1 << 27));
        assertTrue(t.getMessage().contains("limit"), t.getMessage());
        t = assertThrows(AbiTrap.class, () -> lift(mem, StringEncoding.LATIN1_UTF16, 0, (1 << 27) | TAG));
        assertTrue(t.getMessage().contains("limit"), t.getMessage());
    }

    @Test
    void hostStringsAreStoredAtTheirExactSizeInEachEncoding() {
        TestMemory mem = new TestMemory(8192);
        long[] r = lower(mem, StringEncoding.UTF8, null, "h\u00f6");
        assertEquals(3, r[1]);
        assertArrayEquals("h\u00f6".getBytes(StandardCharsets.UTF_8), mem.bytes((int) r[0], 3));
        r = lower(mem, StringEncoding.UTF16, null, "h\ud83c\udf70");
        assertEquals(3, r[1]);
        assertArrayEquals("h\ud83c\udf70".getBytes(StandardCharsets.UTF_16LE), mem.bytes((int) r[0], 6));
        r = lower(mem, StringEncoding.LATIN1_UTF16, null, "gr\u00fcn");
        assertEquals(4, r[1]);
        assertArrayEquals(new byte[] {0x67, 0x72, (byte) 0xFC, 0x6E}, mem.bytes((int) r[0], 4));
        r = lower(mem, StringEncoding.LATIN1_UTF16, null, "\u2603!");
        assertEquals(2 | (TAG & 0xFFFFFFFFL), r[1]);
        assertArrayEquals("\u2603!".getBytes(StandardCharsets.UTF_16LE), mem.bytes((int) r[0], 4));
        assertEquals(List.of("0,0,1,3", "0,0,2,6", "0,0,2,4", "0,0,2,4"), mem.reallocs);
    }

    @Test
    void anEmptyStringStillCallsReallocUnderCanonOptions() {
        TestMemory mem = new TestMemory(4096);
        lower(mem, StringEncoding.UTF8, null, "");
        assertEquals(List.of("0,0,1,0"), mem.reallocs);
        // the wit-bindgen path passes it without allocating
        FlatWriter w = new FlatWriter();
        new Lowerer(mem, mem.realloc()).lowerFlat(AbiType.Scalar.STRING, new WitValue.Str(""), w);
        assertEquals(1, mem.reallocs.size());
    }

    @Test
    void aLoneSurrogateFromTheHostIsRefusedInEveryEncoding() {
        for (StringEncoding e : StringEncoding.values()) {
            TestMemory mem = new TestMemory(4096);
            assertThrows(ValueMismatch.class, () -> lower(mem, e, null, "a\ud800"));
            assertEquals(List.of(), mem.reallocs);
        }
    }

    @Test
    void utf16ToUtf8TranscodesAsTheSpecAllocates() {
        TestMemory mem = new TestMemory(8192);
        // 5 UTF-16 code units: first the optimistic 5 bytes, then the worst case 15, then the exact 10
        long[] r = lower(mem, StringEncoding.UTF8, StringEncoding.UTF16, "h\u00f6\u2603\ud83c\udf70");
        assertEquals(10, r[1]);
        assertArrayEquals("h\u00f6\u2603\ud83c\udf70".getBytes(StandardCharsets.UTF_8), mem.bytes((int) r[0], 10));
        assertEquals(3, mem.reallocs.size());
        assertEquals("0,0,1,5", mem.reallocs.get(0));
        assertTrue(mem.reallocs.get(1).endsWith(",5,1,15"), mem.reallocs.toString());
        assertTrue(mem.reallocs.get(2).endsWith(",15,1,10"), mem.reallocs.toString());
        // all ASCII: the first allocation is exact
        mem.reallocs.clear();
        r = lower(mem, StringEncoding.UTF8, StringEncoding.UTF16, "abc");
        assertEquals(List.of("0,0,1,3"), mem.reallocs);
        assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), mem.bytes((int) r[0], 3));
    }

    @Test
    void utf8ToUtf16AllocatesTwiceTheBytesThenShrinks() {
        TestMemory mem = new TestMemory(8192);
        long[] r = lower(mem, StringEncoding.UTF16, StringEncoding.UTF8, "\u00f6k\ud83c\udf70");
        assertEquals(4, r[1]);
        assertArrayEquals("\u00f6k\ud83c\udf70".getBytes(StandardCharsets.UTF_16LE), mem.bytes((int) r[0], 8));
        assertEquals("0,0,2,14", mem.reallocs.get(0)); // 7 UTF-8 bytes
        assertTrue(mem.reallocs.get(1).endsWith(",14,2,8"), mem.reallocs.toString());
    }

    @Test
    void toLatin1OrUtf16PicksTheFormByContent() {
        TestMemory mem = new TestMemory(8192);
        long[] r = lower(mem, StringEncoding.LATIN1_UTF16, StringEncoding.UTF8, "gr\u00fcn");
        assertEquals(4, r[1]); // untagged Latin-1
        assertArrayEquals(new byte[] {0x67, 0x72, (byte) 0xFC, 0x6E}, mem.bytes((int) r[0], 4));
        assertEquals("0,0,2,5", mem.reallocs.get(0)); // 5 UTF-8 bytes, shrunk to 4
        assertTrue(mem.reallocs.get(1).endsWith(",5,2,4"), mem.reallocs.toString());
        mem.reallocs.clear();
        r = lower(mem, StringEncoding.LATIN1_UTF16, StringEncoding.UTF8, "\u00f6\u2603");
        assertEquals(2 | (TAG & 0xFFFFFFFFL), r[1]); // tagged UTF-16, the Latin-1 prefix inflated in place
        assertArrayEquals("\u00f6\u2603".getBytes(StandardCharsets.UTF_16LE), mem.bytes((int) r[0], 4));
        assertEquals("0,0,2,5", mem.reallocs.get(0));
        assertTrue(mem.reallocs.get(1).endsWith(",5,2,10"), mem.reallocs.toString());
        assertTrue(mem.reallocs.get(2).endsWith(",10,2,4"), mem.reallocs.toString());
        // and back: a latin1+utf16 guest's Latin-1 string to UTF-8 grows by at most 2x
        mem.reallocs.clear();
        r = lower(mem, StringEncoding.UTF8, StringEncoding.LATIN1_UTF16, "gr\u00fcn");
        assertArrayEquals("gr\u00fcn".getBytes(StandardCharsets.UTF_8), mem.bytes((int) r[0], (int) r[1]));
        assertTrue(mem.reallocs.get(1).endsWith(",4,1,8"), mem.reallocs.toString());
    }

    @Test
    void aReallocPointerOutsideMemoryOrMisalignedTraps() {
        TestMemory mem = new TestMemory(4096);
        CanonOptions oob = new CanonOptions(mem, (o, os, a, n) -> -4, null, StringEncoding.UTF8);
        assertThrows(AbiTrap.class, () -> new Lowerer(oob, null, null, null)
                .lowerFlat(new AbiType.ListT(AbiType.Scalar.U32), new WitValue.ListV(List.of()), new FlatWriter()));
        CanonOptions odd = new CanonOptions(mem, (o, os, a, n) -> 2, null, StringEncoding.UTF16);
        AbiTrap t = assertThrows(AbiTrap.class, () -> new Lowerer(odd, null, null, null)
                .lowerFlat(new AbiType.ListT(AbiType.Scalar.U32), new WitValue.ListV(List.of(new WitValue.Int(1))), new FlatWriter()));
        assertTrue(t.getMessage().contains("aligned"), t.getMessage());
        CanonOptions none = new CanonOptions(mem, null, null, StringEncoding.UTF8);
        assertThrows(AbiTrap.class, () -> new Lowerer(none, null, null, null)
                .lowerFlat(AbiType.Scalar.STRING, new WitValue.Str("x"), new FlatWriter()));
    }

    @Test
    void listsUnderCanonOptionsAreBoundedAndChecked() {
        TestMemory mem = new TestMemory(4096);
        Lifter l = new Lifter(mem.options(StringEncoding.UTF8), null, null);
        AbiType list = new AbiType.ListT(AbiType.Scalar.U64);
        assertThrows(AbiTrap.class, () -> l.liftFlat(list, new FlatReader(new long[] {0xdeadbee8L, 0})));
        assertThrows(AbiTrap.class, () -> l.liftFlat(list, new FlatReader(new long[] {4, 0}))); // misaligned, even empty
        AbiTrap t = assertThrows(AbiTrap.class, () -> l.liftFlat(list, new FlatReader(new long[] {0, 1 << 25})));
        assertTrue(t.getMessage().contains("limit"), t.getMessage());
        assertEquals(new WitValue.ListV(List.of()), l.liftFlat(list, new FlatReader(new long[] {8, 0})));
    }
}
