package ai.asterai.registry.failure;

/** A byte range outside a blob of {@code size} bytes. */
public final class RangeNotSatisfiable extends RegistryFailure {
    private final long size;

    public RangeNotSatisfiable(long size) {
        super("the requested range is not within the " + size + " bytes");
        this.size = size;
    }

    public long size() { return size; }
}
