package ai.asterai.runtime.abi;

/**
 * A guest's linear memory as the canonical ABI sees it: little-endian reads and writes at byte
 * addresses. Implementations throw {@link AbiTrap} for an access outside the memory.
 */
public interface GuestMemory {
    /** Current size in bytes. */
    long byteSize();

    byte readByte(int addr);

    short readShort(int addr);

    int readInt(int addr);

    long readLong(int addr);

    byte[] readBytes(int addr, int length);

    void writeByte(int addr, byte value);

    void writeShort(int addr, short value);

    void writeInt(int addr, int value);

    void writeLong(int addr, long value);

    void writeBytes(int addr, byte[] bytes);
}
