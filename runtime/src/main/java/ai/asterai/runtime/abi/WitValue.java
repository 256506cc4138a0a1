package ai.asterai.runtime.abi;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A WIT value in Java. The type gives the meaning: every integer type is an {@link Int} (u64 keeps its
 * 64 bits, read unsigned), {@code list<u8>} is usually {@link Bytes} (a {@link ListV} of {@link Int}s is
 * accepted too), an absent option is {@code OptionV(null)}.
 */
public sealed interface WitValue permits WitValue.Bool, WitValue.Int, WitValue.F32, WitValue.F64, WitValue.Char,
        WitValue.Str, WitValue.Bytes, WitValue.ListV, WitValue.RecordV, WitValue.TupleV, WitValue.VariantV,
        WitValue.EnumV, WitValue.FlagsV, WitValue.OptionV, WitValue.ResultV, WitValue.Handle {

    record Bool(boolean value) implements WitValue {
    }

    /** Any integer type; the bits are those of the type (u32 in 0..2^32-1, s8 in -128..127, u64 raw). */
    record Int(long value) implements WitValue {
    }

    record F32(float value) implements WitValue {
    }

    record F64(double value) implements WitValue {
    }

    /** A Unicode scalar value. */
    record Char(int codePoint) implements WitValue {
    }

    record Str(String value) implements WitValue {
        public Str {
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code list<u8>}. */
    record Bytes(byte[] value) implements WitValue {
        public Bytes {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(b.value, value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[" + value.length + "]";
        }
    }

    record ListV(List<WitValue> items) implements WitValue {
        public ListV {
            items = List.copyOf(items);
        }
    }

    /** Fields by name, in declaration order. */
    record RecordV(Map<String, WitValue> fields) implements WitValue {
        public RecordV {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    record TupleV(List<WitValue> items) implements WitValue {
        public TupleV {
            items = List.copyOf(items);
        }
    }

    /** A variant case; {@code payload} is null for a case without one. */
    record VariantV(String caseName, WitValue payload) implements WitValue {
        public VariantV {
            Objects.requireNonNull(caseName, "caseName");
        }
    }

    record EnumV(String caseName) implements WitValue {
        public EnumV {
            Objects.requireNonNull(caseName, "caseName");
        }
    }

    /** The flags that are set. */
    record FlagsV(Set<String> set) implements WitValue {
        public FlagsV {
            set = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(set));
        }
    }

    /** {@code some(value)}, or none when {@code value} is null. */
    record OptionV(WitValue value) implements WitValue {
        public static final OptionV NONE = new OptionV(null);

        public boolean isSome() {
            return value != null;
        }
    }

    /** {@code ok(payload)} or {@code err(payload)}; {@code payload} is null for {@code _}. */
    record ResultV(boolean isOk, WitValue payload) implements WitValue {
        public static ResultV ok(WitValue v) {
            return new ResultV(true, v);
        }

        public static ResultV err(WitValue v) {
            return new ResultV(false, v);
        }
    }

    /**
     * A resource, as an {@code own} or {@code borrow} carries it between instances: its type and its
     * representation (the defining instance's i32). Which of the two it is comes from the type.
     */
    record Handle(ResourceType type, int rep) implements WitValue {
        public Handle {
            Objects.requireNonNull(type, "type");
        }
    }

    static Str str(String s) {
        return new Str(s);
    }
}
