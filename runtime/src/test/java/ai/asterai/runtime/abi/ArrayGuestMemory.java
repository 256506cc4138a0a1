package ai.asterai.runtime.abi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A guest memory in a Java array with a bump allocator as {@code cabi_realloc}, for ABI tests. */
final class ArrayGuestMemory implements GuestMemory {
    final ByteBuffer buf;
    int next = 16;
    int allocations;

    ArrayGuestMemory(int size) {
        buf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    Realloc realloc() {
        return (old, oldSize, align, size) -> {
            allocations++;
            next = (next + align - 1) / align * align;
            int p = next;
            next += size;
            return p;
        };
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
        byte[] b = new byte[n];
        buf.get(a, b);
        return b;
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

    private void check(int a, int n) {
        if (a < 0 || (long) a + n > buf.capacity()) {
            throw new AbiTrap("out of bounds " + a + "+" + n);
        }
    }
}
