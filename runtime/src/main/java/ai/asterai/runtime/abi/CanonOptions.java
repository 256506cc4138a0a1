package ai.asterai.runtime.abi;

/**
 * The canonical options of one {@code canon lift} or {@code canon lower}: the memory values are read
 * from and written to, the function that allocates in it, the function that frees what an export
 * returned, and the string encoding. Any of the first three may be absent (null) when the function's
 * types never need it (validation checks that; a value that needs a missing one traps).
 */
public record CanonOptions(GuestMemory memory, Realloc realloc, CoreFunction postReturn, StringEncoding encoding) {
    public static final CanonOptions NONE = new CanonOptions(null, null, null, StringEncoding.UTF8);

    public CanonOptions {
        encoding = encoding == null ? StringEncoding.UTF8 : encoding;
    }
}
