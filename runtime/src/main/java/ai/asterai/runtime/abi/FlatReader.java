package ai.asterai.runtime.abi;

/** Reads flat core values in order while a value is lifted. */
public final class FlatReader {
    private final long[] values;
    private int position;

    public FlatReader(long[] values) {
        this.values = values;
    }

    public long next() {
        if (position >= values.length) {
            throw new AbiTrap("too few core values for the WIT type (" + values.length + " given)");
        }
        return values[position++];
    }

    public int position() {
        return position;
    }

    public void seek(int newPosition) {
        if (newPosition > values.length) {
            throw new AbiTrap("too few core values for the WIT type (" + values.length + " given)");
        }
        position = newPosition;
    }

    public boolean done() {
        return position == values.length;
    }
}
