package ai.asterai.runtime.engine;

import com.dylibso.chicory.runtime.ConstantEvaluators;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An unshared linear memory in one {@code byte[]}: every load and store is one bounds check and one
 * array access. Chicory's paged {@code ByteArrayMemory} adds a page-table load and its larger
 * accessors use up HotSpot's inlining budget in big guest functions, which left compiled guests
 * several times slower than V8 (docs/benchmarks.md).
 *
 * <p>The array grows geometrically (never past the cap), so a guest that grows a page at a time is
 * not copied quadratically; the bytes past {@link #pages()} are never readable or writable, because
 * every access is checked against the current size, not the array. Any access outside is a wasm
 * trap ({@link WasmRuntimeException}), never a host exception. Shared memories (wasm threads) keep
 * Chicory's implementation: see {@link #forLimits}.
 */
public final class ContiguousMemory implements Memory {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private final MemoryLimits limits;
    private final int maxPages;
    private byte[] bytes;
    /** Current size in bytes: pages × 64 KiB, at most {@code bytes.length}. */
    private int size;
    private DataSegment[] segments = new DataSegment[0];
    /** Shared with the component instance's other memories; null when this memory alone is capped. */
    private final MemoryBudget budget;

    public ContiguousMemory(MemoryLimits limits) {
        this(limits, null);
    }

    /**
     * A memory whose growth also draws on {@code budget}. The caller has already reserved the initial
     * pages from it (so that a refusal at start can name the cap).
     */
    public ContiguousMemory(MemoryLimits limits, MemoryBudget budget) {
        if (limits.shared()) {
            throw new IllegalArgumentException("shared memories need Chicory's ByteArrayMemory");
        }
        this.limits = limits;
        this.budget = budget;
        this.maxPages = Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES);
        if (limits.initialPages() > maxPages) {
            throw new UninstantiableException("memory of " + limits.initialPages() + " pages is above the maximum of " + maxPages);
        }
        this.size = limits.initialPages() * PAGE_SIZE;
        this.bytes = new byte[size];
    }

    /** This class for unshared memories, Chicory's {@code ByteArrayMemory} for shared ones. */
    public static Memory forLimits(MemoryLimits limits) {
        return limits.shared() ? new com.dylibso.chicory.runtime.ByteArrayMemory(limits) : new ContiguousMemory(limits);
    }

    private WasmRuntimeException outOfBounds(int addr, long length) {
        return new WasmRuntimeException("out of bounds memory access: attempted to access address: " + Integer.toUnsignedLong(addr)
                + " but limit is: " + size + " and size: " + length);
    }

    /** Fixed-width access: {@code width} is 1, 2, 4 or 8, so {@code size - width} cannot overflow. */
    private void check(int addr, int width) {
        if (addr < 0 || addr > size - width) {
            throw outOfBounds(addr, width);
        }
    }

    private void checkRange(int addr, int length) {
        if (addr < 0 || length < 0 || (long) addr + length > size) {
            throw outOfBounds(addr, Integer.toUnsignedLong(length));
        }
    }

    /** Bytes allocated, for tests: at least the size, at most the cap. */
    int capacity() {
        return bytes.length;
    }

    @Override
    public int pages() {
        return size / PAGE_SIZE;
    }

    @Override
    public int grow(int delta) {
        int previous = pages();
        long next = previous + Integer.toUnsignedLong(delta);
        if (next > maxPages) {
            if (budget != null) {
                budget.refused(next * PAGE_SIZE);
            }
            return -1;
        }
        int newSize = (int) (next * PAGE_SIZE);
        long added = (long) newSize - size;
        if (budget != null && !budget.reserve(added)) {
            budget.refused(next * PAGE_SIZE);
            return -1; // the component's other memories hold the rest of its cap
        }
        if (newSize > bytes.length) {
            byte[] grown = allocate(newSize);
            if (grown == null) {
                if (budget != null) {
                    budget.release(added);
                }
                return -1;
            }
            bytes = grown;
        }
        size = newSize;
        return previous;
    }

    /** Half again as large as needed (within the cap), or exactly what is needed, or null. */
    private byte[] allocate(int needed) {
        long roomy = Math.min((long) maxPages * PAGE_SIZE, Math.max(needed, (long) bytes.length + bytes.length / 2));
        roomy = Math.min(roomy, Integer.MAX_VALUE - PAGE_SIZE) / PAGE_SIZE * PAGE_SIZE;
        try {
            return Arrays.copyOf(bytes, (int) Math.max(roomy, needed));
        } catch (OutOfMemoryError e) {
            // Growing is allowed to fail: memory.grow reports it to the guest as -1, like a full cap.
            try {
                return Arrays.copyOf(bytes, needed);
            } catch (OutOfMemoryError again) {
                return null;
            }
        }
    }

    @Override
    public int initialPages() {
        return limits.initialPages();
    }

    @Override
    public int maximumPages() {
        return maxPages;
    }

    @Override
    public boolean shared() {
        return false;
    }

    /** Only the engine's default atomics use this; on an unshared memory they run on one thread. */
    @Override
    @SuppressWarnings("removal")
    public Object lock(int address) {
        return this;
    }

    @Override
    @SuppressWarnings("removal")
    public int waitOn(int address, int expected, long timeout) {
        throw new WasmRuntimeException("expected shared memory");
    }

    @Override
    @SuppressWarnings("removal")
    public int waitOn(int address, long expected, long timeout) {
        throw new WasmRuntimeException("expected shared memory");
    }

    @Override
    @SuppressWarnings("removal")
    public int notify(int address, int maxThreads) {
        return 0; // no thread can wait on an unshared memory
    }

    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments) {
        initialize(instance, dataSegments, 0);
    }

    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments, int memoryIndex) {
        if (dataSegments == null) {
            return;
        }
        // the instance's own array, not a copy: the engines carry out data.drop on it
        // (Instance.dropDataSegment), and memory.init must see that
        this.segments = dataSegments;
        for (DataSegment s : dataSegments) {
            if (s instanceof ActiveDataSegment active && active.index() == memoryIndex) {
                int offset = (int) ConstantEvaluators.computeConstantValue(instance, active.offsetInstructions())[0];
                byte[] data = active.data();
                if (offset < 0 || (long) offset + data.length > size) {
                    throw new UninstantiableException("out of bounds memory access: data segment of " + data.length
                            + " bytes at " + Integer.toUnsignedLong(offset) + " does not fit in " + size + " bytes");
                }
                System.arraycopy(data, 0, bytes, offset, data.length);
            }
        }
    }

    @Override
    public void initPassiveSegment(int segmentId, int dest, int offset, int length) {
        byte[] data = segments[segmentId].data();
        if (offset < 0 || length < 0 || (long) offset + length > data.length) {
            throw new WasmRuntimeException("out of bounds memory access: data segment " + segmentId + " has " + data.length
                    + " bytes, not " + Integer.toUnsignedLong(length) + " at " + Integer.toUnsignedLong(offset));
        }
        checkRange(dest, length);
        System.arraycopy(data, offset, bytes, dest, length);
    }

    @Override
    public void drop(int segment) {
        segments[segment] = PassiveDataSegment.EMPTY;
    }

    @Override
    public void write(int addr, byte[] data, int offset, int length) {
        checkRange(addr, length);
        System.arraycopy(data, offset, bytes, addr, length);
    }

    @Override
    public byte[] readBytes(int addr, int length) {
        checkRange(addr, length);
        return Arrays.copyOfRange(bytes, addr, addr + length);
    }

    @Override
    public void zero() {
        Arrays.fill(bytes, 0, size, (byte) 0);
    }

    @Override
    public void fill(byte value, int fromIndex, int toIndex) {
        checkRange(fromIndex, toIndex - fromIndex);
        Arrays.fill(bytes, fromIndex, toIndex, value);
    }

    @Override
    public void copy(int dest, int src, int length) {
        checkRange(dest, length);
        checkRange(src, length);
        System.arraycopy(bytes, src, bytes, dest, length); // overlapping ranges copy as if through a buffer
    }

    @Override
    public byte read(int addr) {
        check(addr, 1);
        return bytes[addr];
    }

    @Override
    public void writeByte(int addr, byte data) {
        check(addr, 1);
        bytes[addr] = data;
    }

    @Override
    public short readShort(int addr) {
        check(addr, 2);
        return (short) SHORT.get(bytes, addr);
    }

    @Override
    public long readU16(int addr) {
        return readShort(addr) & 0xFFFFL;
    }

    @Override
    public void writeShort(int addr, short data) {
        check(addr, 2);
        SHORT.set(bytes, addr, data);
    }

    @Override
    public int readInt(int addr) {
        check(addr, 4);
        return (int) INT.get(bytes, addr);
    }

    @Override
    public void writeI32(int addr, int data) {
        check(addr, 4);
        INT.set(bytes, addr, data);
    }

    @Override
    public long readLong(int addr) {
        check(addr, 8);
        return (long) LONG.get(bytes, addr);
    }

    @Override
    public void writeLong(int addr, long data) {
        check(addr, 8);
        LONG.set(bytes, addr, data);
    }

    @Override
    public float readFloat(int addr) {
        check(addr, 4);
        return (float) FLOAT.get(bytes, addr);
    }

    @Override
    public long readF32(int addr) {
        return readInt(addr);
    }

    @Override
    public void writeF32(int addr, float data) {
        check(addr, 4);
        FLOAT.set(bytes, addr, data);
    }

    @Override
    public double readDouble(int addr) {
        check(addr, 8);
        return (double) DOUBLE.get(bytes, addr);
    }

    @Override
    public long readF64(int addr) {
        return readLong(addr);
    }

    @Override
    public void writeF64(int addr, double data) {
        check(addr, 8);
        DOUBLE.set(bytes, addr, data);
    }
}
