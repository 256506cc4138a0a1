package ai.asterai.runtime.abi;

import java.util.ArrayList;
import java.util.List;

/**
 * A WIT value type with every name resolved, and its canonical ABI layout precomputed: size and
 * alignment in linear memory, and the flattened core types. Built by {@link AbiTypeResolver} from the
 * WIT model, from a component binary's types, or directly in tests. Handles ({@code own}, {@code borrow})
 * name a run-time {@link ResourceType}, so they exist only for component binaries; futures and streams
 * have no {@code AbiType}.
 */
public sealed interface AbiType permits AbiType.Scalar, AbiType.ListT, AbiType.FixedListT, AbiType.RecordT,
        AbiType.TupleT, AbiType.VariantT, AbiType.EnumT, AbiType.FlagsT, AbiType.OptionT, AbiType.ResultT,
        AbiType.HandleT {

    /** Byte size in linear memory. */
    int size();

    /** Alignment in linear memory (1, 2, 4 or 8). */
    int align();

    /** The core types this value flattens to. */
    List<CoreType> flat();

    /** WIT-like text of the type, for messages. */
    String wit();

    enum Scalar implements AbiType {
        BOOL("bool", 1, CoreType.I32), S8("s8", 1, CoreType.I32), U8("u8", 1, CoreType.I32),
        S16("s16", 2, CoreType.I32), U16("u16", 2, CoreType.I32), S32("s32", 4, CoreType.I32),
        U32("u32", 4, CoreType.I32), S64("s64", 8, CoreType.I64), U64("u64", 8, CoreType.I64),
        F32("f32", 4, CoreType.F32), F64("f64", 8, CoreType.F64), CHAR("char", 4, CoreType.I32),
        STRING("string", 8, CoreType.I32);

        private final String wit;
        private final int size;
        private final List<CoreType> flat;

        Scalar(String wit, int size, CoreType core) {
            this.wit = wit;
            this.size = size;
            this.flat = wit.equals("string") ? List.of(CoreType.I32, CoreType.I32) : List.of(core);
        }

        public int size() {
            return size;
        }

        public int align() {
            return wit.equals("string") ? 4 : size;
        }

        public List<CoreType> flat() {
            return flat;
        }

        public String wit() {
            return wit;
        }

        public boolean isInteger() {
            return this != BOOL && this != F32 && this != F64 && this != CHAR && this != STRING;
        }
    }

    /** {@code list<T>}: pointer and element count. */
    record ListT(AbiType element) implements AbiType {
        private static final List<CoreType> FLAT = List.of(CoreType.I32, CoreType.I32);

        public int size() {
            return 8;
        }

        public int align() {
            return 4;
        }

        public List<CoreType> flat() {
            return FLAT;
        }

        public String wit() {
            return "list<" + element.wit() + ">";
        }
    }

    /** {@code list<T, N>}: N elements inline. */
    record FixedListT(AbiType element, int length, List<CoreType> flat) implements AbiType {
        public FixedListT(AbiType element, int length) {
            this(element, length, repeat(element.flat(), length));
        }

        public FixedListT {
            flat = List.copyOf(flat);
        }

        public int size() {
            return Math.multiplyExact(element.size(), length);
        }

        public int align() {
            return element.align();
        }

        public String wit() {
            return "list<" + element.wit() + ", " + length + ">";
        }

        private static List<CoreType> repeat(List<CoreType> flat, int n) {
            List<CoreType> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.addAll(flat);
            }
            return out;
        }
    }

    record Field(String name, AbiType type, int offset) {
    }

    /** A record; {@code name} is the WIT type name. */
    record RecordT(String name, List<Field> fields, int size, int align, List<CoreType> flat) implements AbiType {
        public RecordT {
            fields = List.copyOf(fields);
            flat = List.copyOf(flat);
        }

        /** Lays the fields out in order. */
        public static RecordT of(String name, List<String> names, List<AbiType> types) {
            Layout.Struct s = Layout.struct(types);
            List<Field> fields = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                fields.add(new Field(names.get(i), types.get(i), s.offsets()[i]));
            }
            return new RecordT(name, fields, s.size(), s.align(), Layout.concatFlat(types));
        }

        public String wit() {
            return name;
        }
    }

    record TupleT(List<AbiType> types, int[] offsets, int size, int align, List<CoreType> flat) implements AbiType {
        public TupleT {
            types = List.copyOf(types);
            flat = List.copyOf(flat);
        }

        public static TupleT of(List<AbiType> types) {
            Layout.Struct s = Layout.struct(types);
            return new TupleT(types, s.offsets(), s.size(), s.align(), Layout.concatFlat(types));
        }

        public String wit() {
            return "tuple<" + String.join(", ", types.stream().map(AbiType::wit).toList()) + ">";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TupleT t && t.types.equals(types);
        }

        @Override
        public int hashCode() {
            return types.hashCode();
        }
    }

    /** A case of a variant; {@code type} is null without payload. */
    record Case(String name, AbiType type) {
    }

    record VariantT(String name, List<Case> cases, Layout.Variant layout) implements AbiType {
        public VariantT {
            cases = List.copyOf(cases);
        }

        public static VariantT of(String name, List<Case> cases) {
            return new VariantT(name, cases, Layout.variant(cases.stream().map(Case::type).toList()));
        }

        public int size() {
            return layout.size();
        }

        public int align() {
            return layout.align();
        }

        public List<CoreType> flat() {
            return layout.flat();
        }

        public String wit() {
            return name;
        }

        public int indexOf(String caseName) {
            for (int i = 0; i < cases.size(); i++) {
                if (cases.get(i).name().equals(caseName)) {
                    return i;
                }
            }
            return -1;
        }
    }

    record EnumT(String name, List<String> cases, Layout.Variant layout) implements AbiType {
        public EnumT {
            cases = List.copyOf(cases);
        }

        public static EnumT of(String name, List<String> cases) {
            List<AbiType> none = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                none.add(null);
            }
            return new EnumT(name, cases, Layout.variant(none));
        }

        public int size() {
            return layout.size();
        }

        public int align() {
            return layout.align();
        }

        public List<CoreType> flat() {
            return layout.flat();
        }

        public String wit() {
            return name;
        }
    }

    record FlagsT(String name, List<String> flags) implements AbiType {
        public FlagsT {
            flags = List.copyOf(flags);
        }

        public int size() {
            int n = flags.size();
            return n == 0 ? 0 : n <= 8 ? 1 : n <= 16 ? 2 : 4 * words();
        }

        public int align() {
            int n = flags.size();
            return n <= 8 ? 1 : n <= 16 ? 2 : 4;
        }

        /** Number of i32 words when flat. */
        public int words() {
            return (flags.size() + 31) / 32;
        }

        public List<CoreType> flat() {
            List<CoreType> out = new ArrayList<>();
            for (int i = 0; i < words(); i++) {
                out.add(CoreType.I32);
            }
            return out;
        }

        public String wit() {
            return name;
        }
    }

    record OptionT(AbiType inner, Layout.Variant layout) implements AbiType {
        public static OptionT of(AbiType inner) {
            return new OptionT(inner, Layout.variant(java.util.Arrays.asList(null, inner)));
        }

        public int size() {
            return layout.size();
        }

        public int align() {
            return layout.align();
        }

        public List<CoreType> flat() {
            return layout.flat();
        }

        public String wit() {
            return "option<" + inner.wit() + ">";
        }
    }

    /** {@code result<ok, err>}; either side may be null. */
    record ResultT(AbiType ok, AbiType err, Layout.Variant layout) implements AbiType {
        public static ResultT of(AbiType ok, AbiType err) {
            return new ResultT(ok, err, Layout.variant(java.util.Arrays.asList(ok, err)));
        }

        public int size() {
            return layout.size();
        }

        public int align() {
            return layout.align();
        }

        public List<CoreType> flat() {
            return layout.flat();
        }

        public String wit() {
            return "result<" + (ok == null ? "_" : ok.wit()) + (err == null ? "" : ", " + err.wit()) + ">";
        }
    }

    /** A resource handle: an i32 index into the handle table of the instance holding it. */
    sealed interface HandleT extends AbiType permits OwnT, BorrowT {
        ResourceType resource();

        default int size() {
            return 4;
        }

        default int align() {
            return 4;
        }

        default List<CoreType> flat() {
            return List.of(CoreType.I32);
        }
    }

    /** {@code own<R>}: the holder owns the resource and drops it. */
    record OwnT(ResourceType resource) implements HandleT {
        public String wit() {
            return "own<" + resource.name() + ">";
        }
    }

    /** {@code borrow<R>}: as {@link OwnT}, for the duration of one call. */
    record BorrowT(ResourceType resource) implements HandleT {
        public String wit() {
            return "borrow<" + resource.name() + ">";
        }
    }
}
