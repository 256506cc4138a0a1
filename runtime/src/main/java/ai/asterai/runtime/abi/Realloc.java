package ai.asterai.runtime.abi;

/** The guest's {@code cabi_realloc(old_ptr, old_size, align, new_size) -> ptr}. */
@FunctionalInterface
public interface Realloc {
    int realloc(int oldPtr, int oldSize, int align, int newSize);

    /** A realloc for guests that export none: any allocation traps. */
    Realloc NONE = (p, o, a, n) -> {
        throw new AbiTrap("the guest exports no cabi_realloc, but a value needs guest memory");
    };
}
