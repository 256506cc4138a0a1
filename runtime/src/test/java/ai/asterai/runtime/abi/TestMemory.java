package ai.asterai.runtime.abi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A guest memory in a Java array, with a bump allocator as realloc that records every call (a
 * shrinking realloc keeps the block, a growing one copies), for canonical ABI tests.
 */
public final class TestMemory implements GuestMemory {
    public final ByteBuffer buf;
    public int next;
    public final List<String> reallocs = new ArrayList<>();

    public TestMemory(int size) {
        this(size, 1024);
    }

    /** A memory whose allocator starts at {@code firstFree} (small memories leave less room below). */
    public TestMemory(int size, int firstFree) {
        buf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        next = firstFree;
    }

    public Realloc realloc() {
        return (old, oldSize, align, size) -> {
            reallocs.add(old + "," + oldSize + "," + align + "," + size);
            if (old != 0 && Integer.compareUnsigned(size, oldSize) <= 0) {
                return old;
            }
            next = (next + 7) & -8;
            int p = next;
            next += size;
            if (old != 0) {
                for (int i = 0; i < oldSize; i++) {
                    buf.put(p + i, buf.get(old + i));
                }
            }
            return p;
        };
    }

    public CanonOptions options(StringEncoding encoding) {
        return new CanonOptions(this, realloc(), null, encoding);
    }

    public int put(int addr, byte... bytes) {
        buf.put(addr, bytes);
        return addr;
    }

    public byte[] bytes(int addr, int n) {
        byte[] b = new byte[n];
        buf.get(addr, b);
        return b;
    }

    public long byteSize() {
        return buf.capacity();
    }

    public byte readByte(int a) {
        check(a, 1);
        return buf.get(a);
    }

    public short readShort(int a) {
        check(a, 2);
        return buf.getShort(a);
    }

    public int readInt(int a) {
        check(a, 4);
        return buf.getInt(a);
    }

    public long readLong(int a) {
        check(a, 8);
        return buf.getLong(a);
    }

    public byte[] readBytes(int a, int n) {
        check(a, n);
        return bytes(a, n);
    }

    public void writeByte(int a, byte v) {
        check(a, 1);
        buf.put(a, v);
    }

    public void writeShort(int a, short v) {
        check(a, 2);
        buf.putShort(a, v);
    }

    public void writeInt(int a, int v) {
        check(a, 4);
        buf.putInt(a, v);
    }

    public void writeLong(int a, long v) {
        check(a, 8);
        buf.putLong(a, v);
    }

    public void writeBytes(int a, byte[] b) {
        check(a, b.length);
        buf.put(a, b);
    }

    private void check(int a, long n) {
        if (a < 0 || a + n > buf.capacity()) {
            throw new AbiTrap("out of bounds " + (a & 0xFFFFFFFFL) + "+" + n);
        }
    }
}
