package ai.asterai.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ContiguousMemoryTest {
    private static final int PAGE = Memory.PAGE_SIZE;

    /** What an operation did: its value, or that it trapped (any other exception fails the test). */
    private static Object outcome(Memory m, Function<Memory, Object> op) {
        try {
            return op.apply(m);
        } catch (WasmRuntimeException e) {
            return "trap";
        }
    }

    private static int address(Random r, int size) {
        return switch (r.nextInt(8)) {
            case 0 -> size - 1 - r.nextInt(9);           // just inside the end, widths straddle it
            case 1 -> size + r.nextInt(9) - 4;           // around the end
            case 2 -> -r.nextInt(9) - 1;                 // negative (above 2 GiB unsigned)
            case 3 -> Integer.MIN_VALUE + r.nextInt(9);
            case 4 -> Integer.MAX_VALUE - r.nextInt(9);
            case 5 -> r.nextInt(16);                     // the start
            case 6 -> (size & -PAGE) - 4 + r.nextInt(9); // across the last page boundary
            default -> r.nextInt(Math.max(1, size + 64));
        };
    }

    /**
     * The same random program on Chicory's ByteArrayMemory and on ours: every read, trap, grow result
     * and the final contents must agree, including at the edges and across page boundaries.
     */
    @Test
    void behavesLikeChicorysMemoryOnRandomPrograms() {
        int traps = 0;
        int values = 0;
        for (int seed = 0; seed < 40; seed++) {
            Random r = new Random(seed);
            MemoryLimits limits = new MemoryLimits(r.nextInt(3), 2 + r.nextInt(6));
            Memory reference = new ByteArrayMemory(limits);
            Memory ours = new ContiguousMemory(limits);
            for (int step = 0; step < 3000; step++) {
                int size = reference.pages() * PAGE;
                int a = address(r, size);
                int b = address(r, size);
                long v = r.nextLong();
                int len = r.nextInt(4) == 0 ? -r.nextInt(3) : r.nextInt(200);
                int op = r.nextInt(22);
                Function<Memory, Object> f = switch (op) {
                    case 0 -> m -> m.read(a);
                    case 1 -> m -> m.readShort(a);
                    case 2 -> m -> m.readU16(a);
                    case 3 -> m -> m.readInt(a);
                    case 4 -> m -> m.readLong(a);
                    case 5 -> m -> m.readFloat(a);
                    case 6 -> m -> m.readDouble(a);
                    case 7 -> m -> m.readF32(a);
                    case 8 -> m -> m.readF64(a);
                    case 9 -> m -> { m.writeByte(a, (byte) v); return null; };
                    case 10 -> m -> { m.writeShort(a, (short) v); return null; };
                    case 11 -> m -> { m.writeI32(a, (int) v); return null; };
                    case 12 -> m -> { m.writeLong(a, v); return null; };
                    case 13 -> m -> { m.writeF32(a, Float.intBitsToFloat((int) v)); return null; };
                    case 14 -> m -> { m.writeF64(a, Double.longBitsToDouble(v)); return null; };
                    case 15 -> m -> null; // grow: below, with one delta for both
                    case 16 -> m -> { m.fill((byte) v, a, a + len); return null; };
                    case 17 -> m -> { m.copy(a, b, len); return null; };
                    case 18 -> m -> java.util.Arrays.toString(m.readBytes(a, len));
                    case 19 -> m -> { m.write(a, new byte[] {(byte) v, 2, 3, 4, 5, 6, 7}, 0, 7); return null; };
                    case 20 -> m -> m.readU32(a);
                    default -> m -> m.pages();
                };
                if (op == 15) {
                    int delta = r.nextInt(10) == 0 ? -1 : (int) (v & 1);
                    assertEquals(reference.grow(delta), ours.grow(delta), "seed " + seed + " step " + step + ": grow " + delta);
                    continue;
                }
                Object expected = outcome(reference, f);
                Object actual = outcome(ours, f);
                if ("trap".equals(expected)) {
                    traps++;
                } else {
                    values++;
                }
                if (expected instanceof Float x && actual instanceof Float y) {
                    assertEquals(Float.floatToRawIntBits(x), Float.floatToRawIntBits(y));
                } else if (expected instanceof Double x && actual instanceof Double y) {
                    assertEquals(Double.doubleToRawLongBits(x), Double.doubleToRawLongBits(y));
                } else {
                    assertEquals(expected, actual, "seed " + seed + " step " + step + ": op " + op + " at " + a + " len " + len);
                }
            }
            assertEquals(reference.pages(), ours.pages());
            int size = reference.pages() * PAGE;
            assertArrayEquals(reference.readBytes(0, size), ours.readBytes(0, size), "seed " + seed + ": final contents");
        }
        // the programs reach both sides of the bounds, not only one
        assertTrue(traps > 20_000 && values > 20_000, traps + " traps, " + values + " values");
    }

    @Test
    void bytesPastTheSizeAreNeverReachableEvenWhenTheArrayIsLarger() {
        ContiguousMemory m = new ContiguousMemory(new MemoryLimits(4, 100));
        assertEquals(4, m.grow(1));
        assertTrue(m.capacity() > 5 * PAGE, "grew with room to spare: " + m.capacity());
        int end = 5 * PAGE;
        m.writeByte(end - 1, (byte) 7);
        assertEquals(7, m.read(end - 1));
        assertThrows(WasmRuntimeException.class, () -> m.read(end));
        assertThrows(WasmRuntimeException.class, () -> m.writeByte(end, (byte) 1));
        assertThrows(WasmRuntimeException.class, () -> m.readInt(end - 3));
        assertThrows(WasmRuntimeException.class, () -> m.writeLong(end - 7, 1L));
        assertThrows(WasmRuntimeException.class, () -> m.readBytes(end - 1, 2));
        assertThrows(WasmRuntimeException.class, () -> m.fill((byte) 1, end - 1, end + 1));
        assertThrows(WasmRuntimeException.class, () -> m.copy(0, end - 1, 2));
        assertThrows(WasmRuntimeException.class, () -> m.write(end, new byte[1], 0, 1));
        assertEquals(7, (byte) (m.readLong(end - 8) >>> 56));
    }

    @Test
    void growingPageByPageCopiesLogarithmicallyOftenAndZeroesNewPages() {
        ContiguousMemory m = new ContiguousMemory(new MemoryLimits(1, 1024));
        Set<Integer> capacities = new HashSet<>();
        for (int i = 1; i < 1024; i++) {
            m.writeByte(i * PAGE - 1, (byte) i);
            assertEquals(i, m.grow(1));
            assertEquals(0, m.readLong(i * PAGE), "a new page starts zeroed");
            capacities.add(m.capacity());
        }
        assertTrue(capacities.size() < 20, "reallocations: " + capacities.size());
        assertEquals(1024 * PAGE, m.capacity(), "never past the cap");
        for (int i = 1; i < 1024; i++) {
            assertEquals((byte) i, m.read(i * PAGE - 1), "contents kept across growth");
        }
        assertEquals(-1, m.grow(1));
        assertEquals(1024, m.pages());
    }

    @Test
    void growPastTheMaximumOrByAnUnsignedHugeDeltaFailsWithoutChange() {
        ContiguousMemory m = new ContiguousMemory(new MemoryLimits(1, 3));
        assertEquals(-1, m.grow(3));
        assertEquals(-1, m.grow(-1));
        assertEquals(-1, m.grow(Integer.MIN_VALUE));
        assertEquals(1, m.pages());
        assertEquals(1, m.grow(2));
        assertEquals(3, m.grow(0));
        assertEquals(3, m.pages());
    }

    private static ActiveDataSegment active(int offset, byte[] data) {
        return new ActiveDataSegment(0, List.of(new Instruction(0, OpCode.I32_CONST, new long[] {offset})), data);
    }

    @Test
    void activeSegmentsAreCopiedAndOneThatDoesNotFitFailsInstantiation() {
        ContiguousMemory m = new ContiguousMemory(new MemoryLimits(1, 2));
        m.initialize(null, new DataSegment[] {active(10, new byte[] {1, 2, 3}), new PassiveDataSegment(new byte[] {9, 8, 7, 6})});
        assertArrayEquals(new byte[] {0, 1, 2, 3, 0}, m.readBytes(9, 5));

        ContiguousMemory tooSmall = new ContiguousMemory(new MemoryLimits(1, 2));
        UninstantiableException e = assertThrows(UninstantiableException.class,
                () -> tooSmall.initialize(null, new DataSegment[] {active(PAGE - 2, new byte[] {1, 2, 3})}));
        assertTrue(e.getMessage().contains("out of bounds memory access"), e.getMessage());
        assertThrows(UninstantiableException.class, () -> tooSmall.initialize(null, new DataSegment[] {active(-1, new byte[] {1})}));
    }

    @Test
    void passiveSegmentsInitialiseWithinBoundsAndAreEmptyOnceDropped() {
        ContiguousMemory m = new ContiguousMemory(new MemoryLimits(1, 1));
        m.initialize(null, new DataSegment[] {new PassiveDataSegment(new byte[] {9, 8, 7, 6})});
        m.initPassiveSegment(0, 100, 1, 3);
        assertArrayEquals(new byte[] {8, 7, 6}, m.readBytes(100, 3));
        assertThrows(WasmRuntimeException.class, () -> m.initPassiveSegment(0, 100, 2, 3), "past the segment");
        assertThrows(WasmRuntimeException.class, () -> m.initPassiveSegment(0, PAGE - 1, 0, 2), "past the memory");
        assertThrows(WasmRuntimeException.class, () -> m.initPassiveSegment(0, 0, -1, 1));
        m.drop(0);
        m.initPassiveSegment(0, 0, 0, 0);
        assertThrows(WasmRuntimeException.class, () -> m.initPassiveSegment(0, 0, 0, 1), "a dropped segment is empty");
    }

    @Test
    void overlappingCopiesBehaveLikeMemmoveInBothDirections() {
        ContiguousMemory m = new ContiguousMemory(new MemoryLimits(1, 1));
        m.write(0, new byte[] {1, 2, 3, 4, 5, 6});
        m.copy(2, 0, 4);
        assertArrayEquals(new byte[] {1, 2, 1, 2, 3, 4}, m.readBytes(0, 6));
        m.copy(0, 2, 4);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 3, 4}, m.readBytes(0, 6));
        m.zero();
        assertArrayEquals(new byte[6], m.readBytes(0, 6));
    }

    @Test
    void sharedMemoriesAndWaitsOnAnUnsharedOneAreRefused() {
        assertInstanceOf(ByteArrayMemory.class, ContiguousMemory.forLimits(new MemoryLimits(1, 2, true)));
        assertInstanceOf(ContiguousMemory.class, ContiguousMemory.forLimits(new MemoryLimits(1, 2)));
        assertThrows(IllegalArgumentException.class, () -> new ContiguousMemory(new MemoryLimits(1, 2, true)));
        ContiguousMemory m = new ContiguousMemory(new MemoryLimits(1, 1));
        assertThrows(WasmRuntimeException.class, () -> m.atomicWait(0, 0, 0L));
        assertEquals(0, m.atomicNotify(0, 1));
        m.atomicWriteInt(4, 41);
        assertEquals(41, m.atomicAddInt(4, 1));
        assertEquals(42, m.readInt(4));
    }
}
