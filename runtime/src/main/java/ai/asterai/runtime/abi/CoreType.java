package ai.asterai.runtime.abi;

/**
 * A core WebAssembly value type as it appears in a flattened signature. Flat values travel as
 * {@code long}s: an {@code i32} in the low 32 bits, an {@code i64} as is, an {@code f32} as its raw
 * IEEE bits in the low 32 bits, an {@code f64} as its raw IEEE bits.
 */
public enum CoreType {
    I32, I64, F32, F64;

    /** The type that can carry both {@code a} and {@code b} in one variant payload slot. */
    public static CoreType join(CoreType a, CoreType b) {
        if (a == b) {
            return a;
        }
        if ((a == I32 && b == F32) || (a == F32 && b == I32)) {
            return I32;
        }
        return I64;
    }

    public String wat() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
