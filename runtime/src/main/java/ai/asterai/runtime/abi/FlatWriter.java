package ai.asterai.runtime.abi;

import java.util.Arrays;

/** Collects flat core values (as longs, see {@link CoreType}) while a value is lowered. */
public final class FlatWriter {
    private long[] values = new long[8];
    private int size;

    public void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    public int size() {
        return size;
    }

    public long get(int i) {
        return values[i];
    }

    public long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
