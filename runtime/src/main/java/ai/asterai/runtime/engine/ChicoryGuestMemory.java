package ai.asterai.runtime.engine;

import ai.asterai.runtime.abi.AbiTrap;
import ai.asterai.runtime.abi.GuestMemory;
import com.dylibso.chicory.runtime.Memory;

/** {@link GuestMemory} over a Chicory instance's memory, bounds-checked before every access. */
public final class ChicoryGuestMemory implements GuestMemory {
    private final Memory memory;

    public ChicoryGuestMemory(Memory memory) {
        this.memory = memory;
    }

    @Override
    public long byteSize() {
        return (long) memory.pages() * Memory.PAGE_SIZE;
    }

    private void check(int addr, long length) {
        long a = addr & 0xFFFFFFFFL;
        if (a + length > byteSize()) {
            throw new AbiTrap("memory access at " + a + " (" + length + " bytes) is outside guest memory (" + byteSize() + " bytes)");
        }
    }

    @Override
    public byte readByte(int addr) {
        check(addr, 1);
        return memory.read(addr);
    }

    @Override
    public short readShort(int addr) {
        check(addr, 2);
        return memory.readShort(addr);
    }

    @Override
    public int readInt(int addr) {
        check(addr, 4);
        return memory.readInt(addr);
    }

    @Override
    public long readLong(int addr) {
        check(addr, 8);
        return memory.readLong(addr);
    }

    @Override
    public byte[] readBytes(int addr, int length) {
        check(addr, length & 0xFFFFFFFFL);
        return memory.readBytes(addr, length);
    }

    @Override
    public void writeByte(int addr, byte value) {
        check(addr, 1);
        memory.writeByte(addr, value);
    }

    @Override
    public void writeShort(int addr, short value) {
        check(addr, 2);
        memory.writeShort(addr, value);
    }

    @Override
    public void writeInt(int addr, int value) {
        check(addr, 4);
        memory.writeI32(addr, value);
    }

    @Override
    public void writeLong(int addr, long value) {
        check(addr, 8);
        memory.writeLong(addr, value);
    }

    @Override
    public void writeBytes(int addr, byte[] bytes) {
        check(addr, bytes.length);
        memory.write(addr, bytes);
    }
}
